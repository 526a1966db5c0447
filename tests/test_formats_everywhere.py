"""Vietnamese formats in every page and file: a 2023 record of each kind (movement, target and
progress, unit, cluster term and sheets, proposal, decision and award record, council session,
member report, cluster report, conference) shows "2023", never "2.023", on every page that shows
a year, in every Excel export, in the summary PDF and in the Word files; dates are dd/mm/yyyy;
exports start with a title, have date cells shown dd/mm/yyyy, grouped number formats, totals where
a column is summed, and never a formula from what a user typed.

The data is built and every page and file fetched once for the module; the tests read the results.
"""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from awards.enums import ProposalState
from awards.models import Decision
from clusters.models import Term
from portal.rendering import html_to_pdf
from reports.domain.docx_export import summary_docx
from reports.domain.summary import summary_html
from reports.enums import ReportStatus
from reports.models import ClusterReport
from tests.factories import UnitFactory
from tests.factories.awards import (
    AwardRecordFactory,
    CouncilSessionFactory,
    NomineeFactory,
    ProposalFactory,
    legal_parameters,
)
from tests.factories.clusters import scored_term
from tests.factories.movements import (
    MovementFactory,
    MovementReviewFactory,
    ProgressEntryFactory,
    RegistrationFactory,
    TargetFactory,
)
from tests.factories.reports import ConferenceFactory, IndicatorFactory, submitted_report, term_with_members
from tests.permissions import built_once_per_module, signed_in_client
from tests.reports.pdf import pdf_text

# What an officer might type or paste: a live formula if an export let it through.
FORMULA = '=HYPERLINK("http://evil.example/x","Xem")'
GROUPED_YEAR = re.compile(r"\b2\.0[0-3]\d\b")  # 2.019, 2.023, 2.030...
SLASHED_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
ISO_DATE = re.compile(r"\b20[0-3]\d-[01]\d-[0-3]\d\b")


def _docx_text(data):
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def build(cast):
    officer, unit_officer, member_unit = cast["officer"], cast["unit_officer"], cast["member_unit"]
    legal_parameters()
    formula_unit = UnitFactory(name=f"{FORMULA} Sở Văn hóa", code="F-2023", valid_from=date(2023, 1, 1))

    # Movements: a movement of 2023 with a target, progress, a registration and a review.
    movement = MovementFactory(
        name="Phong trào thi đua năm 2023",
        code="PT-2023",
        plan_number="12/KH-UBND",
        plan_date=date(2023, 1, 5),
        starts_on=date(2023, 1, 15),
        ends_on=date(2023, 12, 31),
        lead_unit=formula_unit,
    )
    target = TargetFactory(
        movement=movement, indicator=FORMULA, target_value=Decimal("50985.5"), deadline=date(2023, 12, 31)
    )
    ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal("1234.5"), unit=member_unit)
    RegistrationFactory(movement=movement, unit=member_unit)
    review = MovementReviewFactory(movement=movement, held_on=date(2023, 7, 15))

    # Clusters: the 2023 term with accepted sheets.
    term = scored_term(members=3, criteria=2, lead_unit=member_unit, points={0: [Decimal(8), Decimal(9)]})
    Term.objects.filter(pk=term.pk).update(year=2023)

    # Awards: a decided 2023 proposal with its decision, award record and a council session.
    proposal = ProposalFactory(
        unit=formula_unit,
        title=f"{FORMULA} Đề nghị khen thưởng năm 2023",
        year=2023,
        state=ProposalState.DECIDED,
        deadline=date(2023, 3, 31),
        submitted_on=date(2023, 3, 1),
    )
    nominee = NomineeFactory(proposal=proposal)
    decision = Decision.objects.create(
        proposal=proposal,
        number="123/QĐ-UBND",
        signed_on=date(2023, 4, 5),
        signer="Chủ tịch UBND tỉnh",
        base_salary=Decimal(1800000),
        total_amount=Decimal(3600000),
        created_by=officer,
    )
    for amount in (Decimal(2340000), Decimal(1260000)):
        AwardRecordFactory(
            person=nominee.person,
            unit=formula_unit,
            year=2023,
            decision=decision,
            decision_number=decision.number,
            decided_on=decision.signed_on,
            amount=amount,
            source="decision",
        )
    session = CouncilSessionFactory(held_on=date(2023, 4, 1), created_by=officer)

    # Reports: the 2023 term of a cluster, figures of two members, its report and conference.
    indicator = IndicatorFactory(code="grdp-2023", name="Tổng sản phẩm", measure_unit="billion_vnd", aggregation="sum")
    report_term = term_with_members(lead=member_unit, count=2, year=2023)
    members = [m.unit for m in report_term.memberships.select_related("unit").order_by("pk")]
    reports = [
        submitted_report(term=report_term, unit=unit, figures={indicator: value})
        for unit, value in zip(members, (Decimal("50985.5"), Decimal("12000")), strict=False)
    ]
    cluster_report = ClusterReport.objects.create(term=report_term, period="h1", results="Kết quả năm 2023")
    conference = ConferenceFactory(
        term=report_term, held_on=date(2023, 7, 15), title="Hội nghị sơ kết 6 tháng đầu năm 2023"
    )

    pages = {
        "/": None,
        "/movements/": None,
        "/movements/?year=2023": None,
        f"/movements/{movement.pk}/": None,
        f"/movements/reviews/{review.pk}/": None,
        f"/movements/{movement.pk}/edit/": None,
        f"/movements/targets/{target.pk}/edit/": None,
        f"/directory/units/{formula_unit.pk}/edit/": None,
        f"/directory/units/{formula_unit.pk}/": None,
        f"/clusters/{term.cluster_id}/": None,
        f"/clusters/terms/{term.pk}/": None,
        f"/clusters/terms/{term.pk}/ranking/": None,
        f"/clusters/terms/{term.pk}/review/": None,
        f"/clusters/terms/{term.pk}/vote/": None,
        f"/clusters/sheets/{term.sheet_list[0].pk}/": None,
        "/awards/proposals/": None,
        "/awards/proposals/?year=2023": None,
        f"/awards/proposals/{proposal.pk}/": None,
        "/awards/council/": None,
        f"/awards/council/{session.pk}/": None,
        f"/awards/decisions/{decision.pk}/": None,
        "/awards/history/?year=2023": None,
        "/reports/": None,
        "/reports/?year=2023": None,
        f"/reports/{reports[0].pk}/": None,
        "/reports/cluster/": None,
        f"/reports/cluster/{cluster_report.pk}/": None,
        "/reports/conferences/": None,
        f"/reports/conferences/{conference.pk}/": None,
        f"/reports/conferences/{conference.pk}/edit/": None,
        f"/clusters/terms/{term.pk}/setup/": None,
    }
    exports = [
        "/movements/?year=2023&format=xlsx",
        f"/movements/{movement.pk}/targets.xlsx",
        f"/directory/units/?q={formula_unit.code}&format=xlsx",
        "/awards/proposals/?year=2023&format=xlsx",
        f"/awards/decisions/{decision.pk}/annex.xlsx",
        "/reports/?year=2023&format=xlsx",
        f"/reports/{reports[0].pk}/figures.xlsx",
        f"/clusters/terms/{term.pk}/ranking/?format=xlsx",
        f"/clusters/terms/{term.pk}/review/?format=xlsx",
        f"/clusters/sheets/{term.sheet_list[0].pk}/export/",
    ]
    client = signed_in_client(officer)
    fetched = {url: client.get(url) for url in pages}
    member_dashboard = signed_in_client(unit_officer).get("/")
    files = {url: client.get(url) for url in exports}
    words = {
        "decision.docx": client.get(f"/awards/decisions/{decision.pk}/decision.docx"),
        "summary.docx": client.get(f"/reports/conferences/{conference.pk}/summary.docx"),
    }
    return {
        "pages": {url: (r.status_code, r.content.decode()) for url, r in fetched.items()},
        "member_dashboard": (member_dashboard.status_code, member_dashboard.content.decode()),
        "exports": {url: (r.status_code, r.content) for url, r in files.items()},
        "words": {
            name: (r.status_code, _docx_text(r.content) if r.status_code == 200 else "") for name, r in words.items()
        },
        "summary_docx": _docx_text(summary_docx(conference)),
        "summary_pdf": pdf_text(html_to_pdf(summary_html(conference))),
        "decision_pdf": pdf_text(client.get(f"/awards/decisions/{decision.pk}/decision.pdf").content),
        "annex_total": Decimal(3600000),
        "report_status": ReportStatus.SUBMITTED,
    }


shared_data = built_once_per_module(build, TIME_ZONE="Asia/Ho_Chi_Minh")


def _dates_not_padded(text):
    return [
        match.group(0) for match in SLASHED_DATE.finditer(text) if len(match.group(1)) != 2 or len(match.group(2)) != 2
    ]


@pytest.mark.django_db
def test_every_page_showing_a_year_shows_2023_never_grouped_and_dates_day_month_year(shared_data):
    pages = dict(shared_data.objects["pages"])
    pages["/ (unit officer)"] = shared_data.objects["member_dashboard"]
    problems = {}
    for url, (status, html) in pages.items():
        found = []
        if status != 200:
            found.append(f"status {status}")
        if "2023" not in html:
            found.append("no 2023")
        found += GROUPED_YEAR.findall(html) + _dates_not_padded(html) + ISO_DATE.findall(html)
        if found:
            problems[url] = found
    assert problems == {}


@pytest.mark.django_db
def test_pdf_and_word_files_show_2023_never_grouped(shared_data):
    texts = {
        "summary.pdf": shared_data.objects["summary_pdf"],
        "summary.docx": shared_data.objects["summary_docx"],
        "decision.pdf": shared_data.objects["decision_pdf"],
    }
    for name, (status, text) in shared_data.objects["words"].items():
        assert status == 200, name
        texts[name] = text
    for name, text in texts.items():
        assert "2023" in text, name
        assert GROUPED_YEAR.findall(text) == [], name
        assert _dates_not_padded(text) == [] and ISO_DATE.findall(text) == [], name
    # amounts keep their thousands separators
    assert "50.985,5" in texts["summary.pdf"] and "3.600.000" in texts["decision.docx"]
    assert "ngày 15/07/2023" in texts["summary.pdf"] and "ngày 15/07/2023" in texts["summary.docx"]
    # the official date line (Decree 30/2020): "ngày 15 tháng 7 năm 2023", "Ngày 05 tháng 4 năm 2023"
    assert "ngày 15 tháng 7 năm 2023" in texts["summary.pdf"] and "ngày 15 tháng 7 năm 2023" in texts["summary.docx"]
    # the decision's place and date line (issue 12: "<place>, ngày ...", no longer "Ngày ..." after the number)
    assert "Ninh Bình, ngày 05 tháng 4 năm 2023" in texts["decision.docx"]
    assert "Ninh Bình, ngày 05 tháng 4 năm 2023" in texts["decision.pdf"] and "3.600.000" in texts["decision.pdf"]


def _cells(sheet):
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _header_row(sheet):
    """The row number of the header: the first row after the title lines and their blank row."""
    for number in range(1, 12):
        if sheet.cell(row=number, column=1).value is None and number > 1:
            return number + 1
    raise AssertionError(f"{sheet.title}: no title lines above the header")


@pytest.mark.django_db
def test_every_export_has_a_title_date_cells_number_formats_and_no_formula(shared_data):
    formula_seen = 0
    for url, (status, content) in shared_data.objects["exports"].items():
        assert status == 200, url
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            where = f"{url} [{sheet.title}]"
            title = sheet["A1"]
            assert isinstance(title.value, str) and title.font.bold, where
            header = _header_row(sheet)
            lines = [sheet.cell(row=n, column=1).value for n in range(1, header - 1)]
            assert any(line.startswith("Xuất lúc ") and "người xuất: " in line for line in lines), where
            assert sheet.cell(row=header, column=1).font.bold, where
            for cell in _cells(sheet):
                value = cell.value
                assert cell.data_type != "f", f"{where} {cell.coordinate}: formula {value!r}"
                if isinstance(value, str):
                    assert not GROUPED_YEAR.search(value), f"{where} {cell.coordinate}: {value!r}"
                    if value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, f"{where} {cell.coordinate}: {value!r} not kept as text"
                    formula_seen += value.startswith(FORMULA)
                elif isinstance(value, datetime):
                    assert cell.number_format in ("dd/mm/yyyy", "dd/mm/yyyy hh:mm"), where
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    is_year = value == 2023 and cell.number_format == "General"
                    assert is_year or cell.number_format.startswith("#,##0"), f"{where} {cell.coordinate}: {value}"
            if header < sheet.max_row:
                assert any(cell.row > header for cell in _cells(sheet)), where
    # the proposal title, the target and the unit name typed as formulas all came through as text
    assert formula_seen >= 4


def _sheet(shared_data, url):
    status, content = shared_data.objects["exports"][url]
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def _rows(sheet):
    return list(sheet.iter_rows(min_row=_header_row(sheet), values_only=True))


@pytest.mark.django_db
def test_exports_name_their_filters_total_their_sums_and_keep_years_plain(shared_data):
    exports = shared_data.objects["exports"]
    annex_url = next(url for url in exports if url.endswith("annex.xlsx"))
    annex = _sheet(shared_data, annex_url)
    assert annex["A1"].value.startswith("Quyết định số 123/QĐ-UBND ngày 05/04/2023")
    *_, total = _rows(annex)
    assert total[0] == "Tổng cộng" and total[4] == shared_data.objects["annex_total"]
    amount_cell = annex.cell(row=annex.max_row - 1, column=5)
    assert amount_cell.number_format == "#,##0" and amount_cell.value == 1260000

    proposals = _sheet(shared_data, "/awards/proposals/?year=2023&format=xlsx")
    assert proposals["A1"].value == "Đề nghị khen thưởng"
    assert proposals["A2"].value == "Bộ lọc đã áp dụng: Năm: 2023."
    header, row, total = _rows(proposals)
    assert row[3] == 2023 and proposals.cell(row=proposals.max_row - 1, column=4).number_format == "General"
    assert row[5] == datetime(2023, 3, 31) and total[0] == "Tổng cộng" and total[7] == 1

    movements = _sheet(shared_data, "/movements/?year=2023&format=xlsx")
    assert movements["A2"].value == "Bộ lọc đã áp dụng: Triển khai trong năm: 2023."
    assert movements.cell(row=_header_row(movements) + 1, column=8).value == datetime(2023, 1, 15)

    figures = _sheet(shared_data, next(url for url in exports if url.endswith("figures.xlsx")))
    assert figures["A1"].value.startswith("Báo cáo của thành viên: ")
    assert figures["A1"].value.endswith("2023")
