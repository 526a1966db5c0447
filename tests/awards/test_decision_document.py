"""The decision in the Decree 30/2020 form: the .docx and PDF text, the annex .xlsx, the level
warning on the page, and the signature block read from the signer."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.domain import catalogue
from awards.domain.decision_document import count_phrase, decision_docx, decision_pdf, signature
from awards.models import AwardRecord, Decision
from tests.factories.awards import ProposalFactory, catalogue_award, legal_parameters
from tests.factories.directory import PersonFactory, UnitFactory
from tests.permissions import built_once_per_module
from tests.reports.pdf import pdf_text

TOTAL = "14.630.000"  # 2,340,000 + 0 + 7,020,000 + 5,270,000


def build_objects(cast):
    legal_parameters()
    officer, member_unit = cast["officer"], cast["member_unit"]
    proposal = ProposalFactory(unit=member_unit, year=2025, state="decided", title="Đề nghị khen thưởng năm 2025")
    decision = Decision.objects.create(
        proposal=proposal,
        number="15/QĐ-UBND",
        signed_on=date(2026, 1, 5),
        signer="Phó Chủ tịch UBND tỉnh Trần Song Tùng",
        level="provincial",
        base_salary=Decimal(2340000),
        total_amount=Decimal(14630000),
        created_by=officer,
    )
    lan = PersonFactory(full_name="Phạm Thị Lan", unit=member_unit)
    school = UnitFactory(name="Trường THPT Lương Văn Tụy")
    farmer = PersonFactory(full_name="Đinh Văn Hòa", unit=member_unit)

    def record(award_code, amount, **recipient):
        return AwardRecord.objects.create(
            award=catalogue_award(award_code),
            year=2025,
            decision=decision,
            decision_number=decision.number,
            decided_on=decision.signed_on,
            amount=Decimal(amount),
            source="decision",
            **recipient,
        )

    record(catalogue.GRASSROOTS_FIGHTER, 2340000, recipient_name=lan.full_name, person=lan, unit=member_unit)
    record(catalogue.ADVANCED_WORKER, 0, recipient_name=lan.full_name, person=lan, unit=member_unit)
    record(
        catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE,
        7020000,
        recipient_name=school.name,
        unit=school,
        is_collective=True,
    )
    record(
        catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL,
        5270000,
        recipient_name=farmer.full_name,
        person=farmer,
        unit=member_unit,
        is_household=True,
    )
    clean = Decision.objects.create(
        proposal=ProposalFactory(unit=member_unit, year=2025, state="decided"),
        number="16/QĐ-UBND",
        signed_on=date(2026, 1, 5),
        signer="Phạm Quang Ngọc",
        level="provincial",
        base_salary=Decimal(2340000),
        total_amount=Decimal(3510000),
        created_by=officer,
    )
    AwardRecord.objects.create(
        award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),
        year=2025,
        decision=clean,
        amount=Decimal(3510000),
        source="decision",
        recipient_name="Phạm Thị\x0b Lan",  # a control character Word refuses: dropped, no error
        person=lan,
        unit=member_unit,
    )
    return {"decision": decision.pk, "clean": clean.pk}


shared_data = built_once_per_module(build_objects)


def docx_text(data):
    """The .docx as its reader sees it: body paragraphs and table cells, in document order."""
    from docx import Document

    document = Document(io.BytesIO(data))
    body = document.element.body
    lines = []
    for element in body.iterchildren():
        texts = ["".join(node.text or "" for node in paragraph.iter(f"{{{NS}}}t")) for paragraph in element.iter(P)]
        lines.extend(texts)
    return document, " ".join(" ".join(lines).split())


NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P = f"{{{NS}}}p"


def assert_official_form(text):
    """Header, title, authority, bases, Điều 1-3, Nơi nhận, signature and annex total, in this order."""
    segments = [
        # The two-column header: its columns may interleave in the extracted text.
        (
            False,
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH NINH BÌNH",
                "Số: 15/QĐ-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Ninh Bình, ngày 05 tháng 01 năm 2026",
            ],
        ),
        (
            True,
            [
                "QUYẾT ĐỊNH",
                "Về việc tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025, danh hiệu “Lao động tiên tiến” năm 2025",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
                "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
                "Căn cứ Nghị định số 152/2025/NĐ-CP",
                "Xét đề nghị của Sở Giáo dục và Đào tạo tỉnh Ninh Bình",
                "QUYẾT ĐỊNH:",
                "Điều 1. Tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 cho 1 cá nhân;",
                "Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể và 1 hộ gia đình (tổng cộng",
                "1 tập thể, 1 cá nhân và 1 hộ gia đình, có danh sách kèm theo)",
                "Điều 2.",
                f"Tổng số tiền thưởng: {TOTAL} đồng (mức lương cơ sở 2.340.000 đồng)",
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            ],
        ),
        # Nơi nhận beside the signature block.
        (False, ["Nơi nhận:", "- Như Điều 3;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Song Tùng"]),
        (
            True,
            [
                "DANH SÁCH",
                "(Kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 01 năm 2026 "
                "của Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình)",
                "I. Danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 (1 cá nhân)",
                "Phạm Thị Lan",
                "Đinh Văn Hòa (hộ gia đình)",
                "Tổng cộng",
                TOTAL,
                f"Tổng cộng: 1 tập thể, 1 cá nhân và 1 hộ gia đình; tổng số tiền thưởng: {TOTAL} đồng",
            ],
        ),
    ]
    position = 0
    for ordered, items in segments:
        start, end = position, position
        for expected in items:
            found = text.find(expected, position if ordered else start)
            assert found >= 0, f"{expected!r} missing (or out of order) after {text[max(0, start - 80) : start]!r}"
            if ordered:
                position = found + len(expected)
            end = max(end, found + len(expected))
        position = end
    assert "Về việc khen thưởng" not in text
    assert "Đề nghị khen thưởng năm 2025" not in text  # the dossier's title is not the decision's subject
    assert "5 tập thể, cá nhân" not in text


def test_docx_is_in_the_official_form_with_the_right_counts_and_total(db, shared_data):
    decision = Decision.objects.get(pk=shared_data.objects["decision"])

    document, text = docx_text(decision_docx(decision))

    assert_official_form(text)
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs if p.text.strip()][:2] == ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"]
    assert header[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    closing = document.tables[1].rows[0].cells
    assert closing[0].paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in closing[1].paragraphs if p.text.strip()] == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Song Tùng",
    ]
    annex = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert [
        "1",
        "Phạm Thị Lan",
        "Sở Giáo dục và Đào tạo tỉnh Ninh Bình",
        "Chiến sĩ thi đua cơ sở",
        "2.340.000",
        "",
    ] in annex
    assert annex[-1] == ["Tổng cộng"] * 4 + [TOTAL, ""]
    # The lower title of the same period pays nothing, and the annex says why.
    lan_advanced = next(row for row in annex if row[:2] == ["2", "Phạm Thị Lan"])
    assert lan_advanced[4:] == [
        "0",
        "Không chi tiền thưởng: danh hiệu Chiến sĩ thi đua cơ sở năm 2025 "
        "đã được chi tiền thưởng cho cùng thời gian này.",
    ]
    _document, clean_text = docx_text(decision_docx(Decision.objects.get(pk=shared_data.objects["clean"])))
    assert "Phạm Thị Lan" in clean_text and "⚠" not in clean_text
    # Two unit-level titles in a chairman's decision: the draft warns before anything else.
    assert text.startswith("⚠ Chiến sĩ thi đua cơ sở do thủ trưởng cơ quan, đơn vị quyết định tặng")
    assert "⚠ Lao động tiên tiến do thủ trưởng cơ quan, đơn vị quyết định tặng" in text


def test_pdf_has_the_same_text_and_takes_the_province_from_the_settings(db, shared_data, settings):
    decision = Decision.objects.get(pk=shared_data.objects["decision"])

    text = pdf_text(decision_pdf(decision))
    assert_official_form(text)
    assert "⚠ Chiến sĩ thi đua cơ sở do thủ trưởng cơ quan, đơn vị quyết định tặng" in text

    settings.AWARDS_PROVINCE_NAME, settings.AWARDS_PROVINCE_PLACE = "Quảng Trị", "Đông Hà"
    clean = Decision.objects.get(pk=shared_data.objects["clean"])
    text = pdf_text(decision_pdf(clean))
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" in text
    assert "Đông Hà, ngày 05 tháng 01 năm 2026" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" in text
    assert "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh" in text
    assert "KT. CHỦ TỊCH" not in text and "Phạm Quang Ngọc" in text
    assert "⚠" not in text
    assert "TỈNH NINH BÌNH" not in text and "Ninh Bình, ngày" not in text


def test_pages_and_downloads(client_as, cast, shared_data):
    from openpyxl import load_workbook

    client = client_as(cast["officer"])
    page = client.get(reverse("awards:decision_detail", args=[shared_data.objects["decision"]]))
    warnings = page.content.decode().count("data-level-warning")
    assert warnings == 2  # Chiến sĩ thi đua cơ sở and Lao động tiên tiến, once each
    assert "Chiến sĩ thi đua cơ sở" in page.content.decode()
    clean = client.get(reverse("awards:decision_detail", args=[shared_data.objects["clean"]]))
    assert "data-level-warning" not in clean.content.decode()

    response = client.get(reverse("awards:decision_pdf", args=[shared_data.objects["decision"]]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    response = client.get(reverse("awards:decision_annex", args=[shared_data.objects["decision"]]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any("15/QĐ-UBND" in str(value) for row in rows[:4] for value in row if value)
    amounts = [row[4] for row in rows if isinstance(row[0], int)]
    assert amounts == [2340000, 0, 7020000, 5270000]
    notes = [row[5] or "" for row in rows if isinstance(row[0], int)]
    assert [bool(note) for note in notes] == [False, True, False, False]
    total_row = next(row for row in reversed(rows) if any(value is not None for value in row))
    assert total_row[4] == 14630000
    assert sheet.cell(row=rows.index(total_row) + 1, column=5).number_format == "#,##0"
    assert "Đinh Văn Hòa (hộ gia đình)" in [row[1] for row in rows]


@pytest.mark.parametrize(
    ("signer", "lines", "name"),
    [
        ("Phó Chủ tịch UBND tỉnh Trần Song Tùng", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Song Tùng"),
        ("KT. Chủ tịch - Phó Chủ tịch Lê Văn A", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Văn A"),
        ("Chủ tịch Ủy ban nhân dân tỉnh Phạm Quang Ngọc", ["CHỦ TỊCH"], "Phạm Quang Ngọc"),
        ("Chủ tịch UBND tỉnh", ["CHỦ TỊCH"], ""),
        ("Phạm Quang Ngọc", ["CHỦ TỊCH"], "Phạm Quang Ngọc"),
    ],
)
def test_signature_block_reads_the_signer(signer, lines, name):
    assert signature(signer) == (lines, name)


def test_each_recipient_is_counted_once():
    class Row:
        def __init__(self, **kwargs):
            self.is_collective = kwargs.get("is_collective", False)
            self.is_household = kwargs.get("is_household", False)
            self.person_id = kwargs.get("person_id")
            self.unit_id = kwargs.get("unit_id")
            self.recipient_name = "x"

    rows = [Row(person_id=1), Row(person_id=1), Row(person_id=2, is_household=True), Row(is_collective=True, unit_id=1)]
    assert count_phrase(rows) == "1 tập thể, 1 cá nhân và 1 hộ gia đình"
    assert count_phrase(rows[:2]) == "1 cá nhân"
    assert count_phrase([]) == "0 tập thể, cá nhân"
