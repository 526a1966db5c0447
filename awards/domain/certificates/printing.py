"""The batch PDF for the pre-printed blanks (only the text, at its place) and the layout preview."""

import unicodedata

from django.template.loader import render_to_string
from django.utils import translation

from portal.rendering import html_to_pdf

from ...models import CertificateLayout
from .layout import blank_for, record_values

GRID_MM = 10
# What the preview prints in each field (a made-up awardee; the award's own name).
SAMPLE = {
    "recipient_name": "Nguyễn Văn Mẫu",
    "unit_name": "Sở Nội vụ tỉnh Ninh Bình",
    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "decision_number": "Quyết định số 0000/QĐ-UBND",
    "decision_date": "ngày 22/12/2025",
    "place_and_date": "Ninh Bình, ngày 22 tháng 12 năm 2025",
    "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Trần Văn Ký",
    "code": "Mã xác thực: ABCDE23456",
}


def _mm(value):
    """A length for CSS, never localised ("12.5mm")."""
    return f"{float(value):.2f}mm"


def field_style(field):
    return ";".join(
        [
            f"left:{_mm(field['x_mm'])}",
            f"top:{_mm(field['y_mm'])}",
            f"width:{_mm(field['width_mm'])}",
            f"font-family:'{field['font']}'",
            f"font-size:{float(field['size_pt']):.2f}pt",
            f"text-align:{field['align']}",
            f"font-weight:{'bold' if field['bold'] else 'normal'}",
        ]
    )


def _text(field, values):
    text = values.get(field["field"], "") or ""
    if field["uppercase"]:
        text = unicodedata.normalize("NFC", text.upper())
    return text


def sheet(blank, values):
    """One page: its named page and the positioned texts."""
    return {
        "page_name": blank.page_name,
        "blank": blank,
        "fields": [
            {"name": field["field"], "style": field_style(field), "text": _text(field, values)}
            for field in blank.fields
        ],
    }


def render(sheets, *, preview=False):
    """PDF bytes of `sheets` (one page each); the preview adds a 10 mm grid and each field's outline."""
    blanks = {item["page_name"]: item["blank"] for item in sheets}
    pages = [{"name": name, "size": f"{_mm(blank.width_mm)} {_mm(blank.height_mm)}"} for name, blank in blanks.items()]
    for item in sheets:
        blank = item["blank"]
        item["size_style"] = f"width:{_mm(blank.width_mm)};height:{_mm(blank.height_mm)}"
        if preview:
            item["grid"] = [f"left:{_mm(x)}" for x in range(GRID_MM, int(blank.width_mm), GRID_MM)]
            item["grid_rows"] = [f"top:{_mm(y)}" for y in range(GRID_MM, int(blank.height_mm), GRID_MM)]
    with translation.override("vi"):
        html = render_to_string(
            "awards/certificates/print.html", {"pages": pages, "sheets": sheets, "preview": preview}
        )
    return html_to_pdf(html)


def decision_records(decision):
    return list(
        decision.records.select_related("award", "unit", "decision", "nominee").order_by(
            "-award__rank", "award__name", "pk"
        )
    )


def batch_pdf(decision):
    """One PDF of every award record of `decision`, a page each, in the annex's order, with only the
    texts at the positions of each award's layout (for the pre-printed blanks).

    Side effects: none (two queries: the records, the layouts). Returns None when the decision has no record.
    """
    records = decision_records(decision)
    if not records:
        return None
    layouts = {
        layout.award_id: layout for layout in CertificateLayout.objects.filter(award__in={r.award_id for r in records})
    }
    blanks = {}
    sheets = []
    for record in records:
        if record.award_id not in blanks:
            blanks[record.award_id] = blank_for(record.award, layouts.get(record.award_id))
        sheets.append(sheet(blanks[record.award_id], record_values(record)))
    return render(sheets)


def preview_pdf(blank, award=None):
    """The layout `blank` filled with the sample awardee, over a light grid (the admin's live preview)."""
    from ..decision_document import award_phrase

    values = dict(SAMPLE)
    values["award_name"] = award_phrase(award, 2025) if award is not None else "Bằng khen"
    return render([sheet(blank, values)], preview=True)
