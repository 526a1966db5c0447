"""The decision on a proposal as an official document (Decree 30/2020/NĐ-CP, Appendix I): the
.docx the chairman's office edits and signs, the same text as PDF, and the annex rows the .xlsx
export shares.

The document is always Vietnamese, whatever the reader's language, so its words are written here
rather than translated; only the warnings an officer reads on the page go through gettext. One
function, `decision_content`, decides every line; the .docx and the PDF template only lay it out.

Form: a two-column header (issuing body with the province's name | national motto), number and
symbol, place and date, "QUYẾT ĐỊNH / Về việc tặng …", the authority line, the legal bases
(Căn cứ …), Điều 1-3, the Nơi nhận block beside the signature block, and the annex of awardees
grouped by award with their bonus, a subtotal per award and the total.

The province's name and the place of the date line come from the settings AWARDS_PROVINCE_NAME
and AWARDS_PROVINCE_PLACE (environment variables of the same names; the place defaults to the
province's name).

The signature block reads the decision's signer: "Phó Chủ tịch Nguyễn Văn A" (or "KT. Chủ tịch
…") signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Chủ tịch Nguyễn Văn A" or a bare name signs "CHỦ TỊCH";
the words "UBND tỉnh" / "Ủy ban nhân dân tỉnh" after the title are dropped from the name.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from portal.dates import official_date
from portal.numbers import format_number

from ..enums import AwardCategory, AwardLevel
from .bonuses import bonus_notes
from .docx_parts import cell_lines, official_page, paragraph_in
from .docx_parts import xml_safe as _xml_safe

DEFAULT_PROVINCE = "Ninh Bình"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
HOUSEHOLD_MARK = "(hộ gia đình)"
_RECIPIENT_SUFFIX = re.compile(r"\s*\((cá nhân|tập thể|hộ gia đình)\)\s*$", re.IGNORECASE)
_SIGNER = re.compile(
    r"^\s*(?P<kt>kt\.?\s*chủ\s+tịch\s*[,/:-]?\s*)?(?P<title>phó\s+chủ\s+tịch|chủ\s+tịch)"
    r"(?:\s+(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)(?:\s+tỉnh)?)?\s*[,:-]?\s*(?P<name>.*)$",
    re.IGNORECASE,
)


def province_name():
    """The province whose chairman decides: settings.AWARDS_PROVINCE_NAME, "Ninh Bình" by default."""
    return (getattr(settings, "AWARDS_PROVINCE_NAME", "") or DEFAULT_PROVINCE).strip()


def province_place():
    """The place of the date line: settings.AWARDS_PROVINCE_PLACE, the province's name by default."""
    return (getattr(settings, "AWARDS_PROVINCE_PLACE", "") or province_name()).strip()


def money(amount):
    """VND in the decision's Vietnamese: 2340000 -> "2.340.000", whatever the reader's language."""
    with translation.override("vi"):
        return format_number(amount or 0, 0)


def _upper(text):
    return unicodedata.normalize("NFC", text.upper())


def signature(signer):
    """(lines above the signature, the signer's name) for the decision's `signer` text."""
    text = unicodedata.normalize("NFC", (signer or "").strip())
    match = _SIGNER.match(text)
    if match is None:
        return ["CHỦ TỊCH"], text
    name = match.group("name").strip()
    if match.group("title").lower().startswith("phó"):
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name
    return ["CHỦ TỊCH"], name


def _records(decision):
    records = decision.records.select_related("award", "unit", "person")
    return list(records.order_by("-award__rank", "award__name", "pk"))


def _recipient_key(record):
    if record.is_collective:
        return ("unit", record.unit_id or record.recipient_name)
    return ("household" if record.is_household else "person", record.person_id or record.recipient_name)


def count_phrase(records):
    """ "1 tập thể, 2 cá nhân và 1 hộ gia đình": each recipient counted once however many awards."""
    keys = {_recipient_key(record) for record in records}
    parts = []
    for kind, noun in (("unit", "tập thể"), ("person", "cá nhân"), ("household", "hộ gia đình")):
        count = sum(1 for key in keys if key[0] == kind)
        if count:
            parts.append(f"{count} {noun}")
    if not parts:
        return "0 tập thể, cá nhân"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def award_phrase(award, year):
    """ "danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" for a title, the form's name for a form."""
    name = _RECIPIENT_SUFFIX.sub("", award.name).strip()
    if award.category == AwardCategory.TITLE:
        return f"danh hiệu “{name}” năm {year}"
    return name


def _joined(phrases):
    phrases = list(dict.fromkeys(phrases))
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " và " + phrases[-1]


def recipient_label(record):
    """The annex's name cell: a household's row is marked."""
    return f"{record.recipient_name} {HOUSEHOLD_MARK}" if record.is_household else record.recipient_name


@dataclass
class Group:
    numeral: str
    award: object
    phrase: str
    count: str
    rows: list = field(default_factory=list)  # (index, name, unit, award name, amount, note)
    total: Decimal = Decimal(0)


def level_warnings(decision, records=None):
    """The officer's warnings (in the reader's language) for awards outside the decision's level:
    a unit-level title in a chairman's decision, a State award the province only proposes upward."""
    records = _records(decision) if records is None else records
    warnings = []
    seen = set()
    for record in records:
        award = record.award
        if award.level == decision.level or award.pk in seen:
            continue
        seen.add(award.pk)
        if award.level == AwardLevel.GRASSROOTS:
            message = _(
                "{award} is conferred by the head of the unit, not by a {level} decision: take it out of this "
                "decision or have the unit decide it."
            )
        elif award.level == AwardLevel.NATIONAL:
            message = _(
                "{award} is a State award: a {level} decision cannot confer it; the province proposes it upward."
            )
        else:
            message = _("{award} is a {award_level} award and does not belong to a {level} decision.")
        warnings.append(
            message.format(
                award=award.name,
                level=decision.get_level_display().lower(),
                award_level=award.get_level_display().lower(),
            )
        )
    return warnings


def annex_groups(decision, records=None):
    """The annex: one group per award (highest rank first), rows numbered through the groups."""
    records = _records(decision) if records is None else records
    with translation.override("vi"):
        notes = bonus_notes(records)  # a reduced title bonus says why (only the highest title of a period pays)
    groups = {}
    for index, record in enumerate(records, start=1):
        group = groups.get(record.award_id)
        if group is None:
            same_award = [other for other in records if other.award_id == record.award_id]
            group = groups[record.award_id] = Group(
                numeral=ROMAN[len(groups)] if len(groups) < len(ROMAN) else str(len(groups) + 1),
                award=record.award,
                phrase=award_phrase(record.award, record.year),
                count=count_phrase(same_award),
            )
        group.rows.append(
            (
                index,
                recipient_label(record),
                record.unit.name if record.unit else "",
                record.award.name,
                record.amount,
                notes.get(record.pk, ""),
            )
        )
        group.total += record.amount or 0
    return list(groups.values())


def annex_rows(decision):
    """The annex as plain rows (the .xlsx export): (no., awarded to, unit, award, bonus, note)."""
    return [row for group in annex_groups(decision) for row in group.rows]


def annex_headers():
    return [_("No."), _("Awarded to"), _("Unit"), _("Award"), _("Bonus (VND)"), _("Note")]


def decision_content(decision):
    """Every line of the decision, for the .docx and the PDF template alike."""
    proposal = decision.proposal
    records = _records(decision)
    groups = annex_groups(decision, records)
    province = province_name()
    year = proposal.year
    phrases = [group.phrase for group in groups]
    subject = f"Về việc tặng {_joined(phrases)}" if phrases else f"Về việc tặng thưởng năm {year}"
    signed = decision.signed_on
    number_line = f"Số: {decision.number}"
    reference = f"Quyết định số {decision.number} {official_date(signed)} của Chủ tịch Ủy ban nhân dân tỉnh {province}"
    if groups:
        by_phrase = {}  # one phrase for the individual and collective rows of one form
        for record in records:
            by_phrase.setdefault(award_phrase(record.award, record.year), []).append(record)
        award_parts = "; ".join(f"{phrase} cho {count_phrase(rows)}" for phrase, rows in by_phrase.items())
        article_1 = (
            f"Điều 1. Tặng {award_parts} (tổng cộng {count_phrase(records)}, có danh sách kèm theo), "
            "đã có thành tích xuất sắc trong phong trào thi đua."
        )
    else:
        article_1 = "Điều 1. Không có tập thể, cá nhân nào được khen thưởng theo hồ sơ đề nghị."
    annex_total = sum((group.total for group in groups), Decimal(0))
    article_2 = (
        "Điều 2. Tiền thưởng kèm theo các danh hiệu, hình thức khen thưởng tại Điều 1 được chi từ ngân sách tỉnh "
        "(Quỹ Thi đua, khen thưởng tỉnh) theo quy định tại Nghị định số 152/2025/NĐ-CP. "
        f"Tổng số tiền thưởng: {money(decision.total_amount)} đồng "
        f"(mức lương cơ sở {money(decision.base_salary)} đồng)."
    )
    article_3 = (
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, "
        f"Giám đốc Sở Tài chính, Thủ trưởng {proposal.unit.name} và các tập thể, cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này./."
    )
    sign_lines, signer_name = signature(decision.signer)
    with translation.override("vi"):
        document_warnings = level_warnings(decision, records)
    return {
        "decision": decision,
        "issuer": ["ỦY BAN NHÂN DÂN", f"TỈNH {_upper(province)}"],
        "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "slogan": "Độc lập - Tự do - Hạnh phúc",
        "number_line": number_line,
        "place_date": f"{province_place()}, {official_date(signed)}",
        "title": "QUYẾT ĐỊNH",
        "subject": subject,
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {_upper(province)}",
        "bases": [
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng;",
            f"Xét đề nghị của {proposal.unit.name}, kết quả thẩm định của Sở Nội vụ và ý kiến của "
            "Hội đồng Thi đua - Khen thưởng tỉnh;",
            "Theo đề nghị của Giám đốc Sở Nội vụ.",
        ],
        "decides": "QUYẾT ĐỊNH:",
        "articles": [article_1, article_2, article_3],
        "recipients_heading": "Nơi nhận:",
        "recipients": [
            "- Như Điều 3;",
            "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
            "- Sở Nội vụ (Ban Thi đua - Khen thưởng);",
            "- Lưu: VT.",
        ],
        "sign_lines": sign_lines,
        "signer_name": signer_name,
        "annex_heading": "DANH SÁCH",
        "annex_subject": f"Các tập thể, cá nhân được tặng {_joined(phrases)}" if phrases else "",
        "annex_reference": f"(Kèm theo {reference})",
        "annex_columns": ["STT", "Họ tên / Tập thể", "Đơn vị", "Hình thức", "Số tiền (đồng)", "Ghi chú"],
        "groups": groups,
        "annex_total": annex_total,
        "annex_total_line": f"Tổng cộng: {count_phrase(records)}; tổng số tiền thưởng: {money(annex_total)} đồng",
        "warnings": document_warnings,
    }


def decision_docx(decision):
    """The decision draft with its annex, as a .docx the chairman's office edits and signs."""
    from docx import Document
    from docx.shared import Mm, RGBColor

    content = decision_content(decision)
    document = Document()
    official_page(document)

    for warning in content["warnings"]:
        run = document.add_paragraph().add_run(_xml_safe(f"⚠ {warning}"))
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    cell_lines(
        left,
        [(line, {"bold": number == 1, "size": 12.5}) for number, line in enumerate(content["issuer"])]
        + [("―――――", {}), (content["number_line"], {})],
    )
    cell_lines(
        right,
        [
            (content["motto"], {"bold": True, "size": 12}),
            (content["slogan"], {"bold": True}),
            ("―――――――――――", {}),
            (content["place_date"], {"italic": True}),
        ],
    )
    paragraph_in(document, "")
    paragraph_in(document, content["title"], bold=True, size=14)
    paragraph_in(document, content["subject"], bold=True)
    paragraph_in(document, "")
    paragraph_in(document, content["authority"], bold=True)
    paragraph_in(document, "")
    for line in content["bases"]:
        document.add_paragraph(_xml_safe(line)).paragraph_format.first_line_indent = Mm(10)
    paragraph_in(document, content["decides"], bold=True)
    for line in content["articles"]:
        document.add_paragraph(_xml_safe(line)).paragraph_format.first_line_indent = Mm(10)

    closing = document.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    cell_lines(
        left,
        [(content["recipients_heading"], {"bold": True, "italic": True, "centre": False, "size": 12})]
        + [(line, {"centre": False, "size": 11}) for line in content["recipients"]],
    )
    cell_lines(
        right,
        [(line, {"bold": True}) for line in content["sign_lines"]]
        + [("", {}), ("", {}), ("", {}), (content["signer_name"], {"bold": True})],
    )

    document.add_page_break()
    paragraph_in(document, content["annex_heading"], bold=True)
    if content["annex_subject"]:
        paragraph_in(document, content["annex_subject"], bold=True)
    paragraph_in(document, content["annex_reference"], italic=True)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, header_text in zip(table.rows[0].cells, content["annex_columns"], strict=True):
        cell.text = header_text
    for group in content["groups"]:
        heading = table.add_row().cells
        merged = heading[0].merge(heading[5])
        merged.text = _xml_safe(f"{group.numeral}. {group.phrase[0].upper()}{group.phrase[1:]} ({group.count})")
        for index, name, unit, award, amount, note in group.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, [str(index), name, unit, award, money(amount), note], strict=True):
                cell.text = _xml_safe(value)
        subtotal = table.add_row().cells
        subtotal[0].merge(subtotal[3]).text = f"Cộng {group.numeral}"
        subtotal[4].text = money(group.total)
    total = table.add_row().cells
    total[0].merge(total[3]).text = "Tổng cộng"
    total[4].text = money(content["annex_total"])
    paragraph_in(document, content["annex_total_line"], italic=True, centre=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def decision_html(decision):
    """The decision as HTML for the PDF, in Vietnamese (amounts grouped "2.340.000") for every reader."""
    with translation.override("vi"):
        return render_to_string("awards/decision_pdf.html", decision_content(decision))


def decision_pdf(decision):
    """The same decision as PDF (A4, Decree 30 margins), through the reports' WeasyPrint helper."""
    from portal.rendering import html_to_pdf

    return html_to_pdf(decision_html(decision))
