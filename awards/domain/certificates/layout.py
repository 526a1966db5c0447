"""What each field of a certificate says for one award record, and the layout an award prints with."""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from portal.dates import official_date

from ...models import CertificateLayout
from ...models.certificates import layout_errors
from ..decision_document import award_phrase, province_place, signature

MM_PER_INCH = 25.4
POINTS_PER_MM = 72 / MM_PER_INCH

# The default blanks (used until an administrator sets an award's own layout): Bằng khen on A4
# landscape, Giấy khen on A4 portrait. Positions are those of the demo blanks; each blank differs.
LANDSCAPE_FIELDS = [
    {
        "field": "award_name",
        "x_mm": 40,
        "y_mm": 62,
        "width_mm": 217,
        "font": "DejaVu Serif",
        "size_pt": 22,
        "align": "center",
        "bold": True,
        "uppercase": True,
    },
    {
        "field": "recipient_name",
        "x_mm": 40,
        "y_mm": 84,
        "width_mm": 217,
        "font": "DejaVu Serif",
        "size_pt": 24,
        "align": "center",
        "bold": True,
    },
    {
        "field": "unit_name",
        "x_mm": 40,
        "y_mm": 100,
        "width_mm": 217,
        "font": "DejaVu Serif",
        "size_pt": 15,
        "align": "center",
    },
    {
        "field": "achievement",
        "x_mm": 45,
        "y_mm": 114,
        "width_mm": 207,
        "font": "DejaVu Serif",
        "size_pt": 14,
        "align": "center",
    },
    {
        "field": "place_and_date",
        "x_mm": 150,
        "y_mm": 142,
        "width_mm": 110,
        "font": "DejaVu Serif",
        "size_pt": 12,
        "align": "center",
    },
    {
        "field": "signer_title",
        "x_mm": 150,
        "y_mm": 150,
        "width_mm": 110,
        "font": "DejaVu Serif",
        "size_pt": 13,
        "align": "center",
        "bold": True,
    },
    {
        "field": "signer_name",
        "x_mm": 150,
        "y_mm": 185,
        "width_mm": 110,
        "font": "DejaVu Serif",
        "size_pt": 14,
        "align": "center",
        "bold": True,
    },
    {"field": "decision_number", "x_mm": 30, "y_mm": 170, "width_mm": 90, "font": "DejaVu Serif", "size_pt": 11},
    {"field": "decision_date", "x_mm": 30, "y_mm": 177, "width_mm": 90, "font": "DejaVu Serif", "size_pt": 11},
    {"field": "code", "x_mm": 30, "y_mm": 184, "width_mm": 90, "font": "DejaVu Sans", "size_pt": 10},
]
PORTRAIT_FIELDS = [
    {
        "field": "award_name",
        "x_mm": 20,
        "y_mm": 80,
        "width_mm": 170,
        "font": "DejaVu Serif",
        "size_pt": 22,
        "align": "center",
        "bold": True,
        "uppercase": True,
    },
    {
        "field": "recipient_name",
        "x_mm": 20,
        "y_mm": 105,
        "width_mm": 170,
        "font": "DejaVu Serif",
        "size_pt": 22,
        "align": "center",
        "bold": True,
    },
    {
        "field": "unit_name",
        "x_mm": 20,
        "y_mm": 120,
        "width_mm": 170,
        "font": "DejaVu Serif",
        "size_pt": 14,
        "align": "center",
    },
    {
        "field": "achievement",
        "x_mm": 25,
        "y_mm": 135,
        "width_mm": 160,
        "font": "DejaVu Serif",
        "size_pt": 13,
        "align": "center",
    },
    {
        "field": "place_and_date",
        "x_mm": 95,
        "y_mm": 200,
        "width_mm": 100,
        "font": "DejaVu Serif",
        "size_pt": 12,
        "align": "center",
    },
    {
        "field": "signer_title",
        "x_mm": 95,
        "y_mm": 208,
        "width_mm": 100,
        "font": "DejaVu Serif",
        "size_pt": 13,
        "align": "center",
        "bold": True,
    },
    {
        "field": "signer_name",
        "x_mm": 95,
        "y_mm": 245,
        "width_mm": 100,
        "font": "DejaVu Serif",
        "size_pt": 14,
        "align": "center",
        "bold": True,
    },
    {"field": "decision_number", "x_mm": 20, "y_mm": 262, "width_mm": 80, "font": "DejaVu Serif", "size_pt": 11},
    {"field": "decision_date", "x_mm": 20, "y_mm": 269, "width_mm": 80, "font": "DejaVu Serif", "size_pt": 11},
    {"field": "code", "x_mm": 20, "y_mm": 276, "width_mm": 80, "font": "DejaVu Sans", "size_pt": 10},
]


@dataclass(frozen=True)
class Blank:
    """A layout ready to print: page size in mm and the checked fields."""

    width_mm: float
    height_mm: float
    fields: tuple

    @property
    def page_name(self):
        """The CSS named page of this size (a batch may mix landscape and portrait blanks)."""
        return f"p{int(self.width_mm * 10)}x{int(self.height_mm * 10)}"


def is_portrait_award(award):
    """Giấy khen (the grassroots certificate) is printed on A4 portrait; Bằng khen and the rest on landscape."""
    return award.code.upper().startswith("GK")


def default_layout(award):
    """(width_mm, height_mm, fields) of the default blank for `award`."""
    if is_portrait_award(award):
        return 210, 297, PORTRAIT_FIELDS
    return 297, 210, LANDSCAPE_FIELDS


def blank_from(*, width_mm, height_mm, fields):
    """A Blank from raw values; (None, errors) when they do not pass `layout_errors`."""
    errors, cleaned = layout_errors(fields, page_width_mm=width_mm, page_height_mm=height_mm)
    if errors:
        return None, errors
    return Blank(float(width_mm), float(height_mm), tuple(cleaned)), []


LOOK_UP = object()


def blank_for(award, layout=LOOK_UP):
    """The Blank `award` prints on: its CertificateLayout (looked up unless given; None = it has
    none) when it has a valid one, else the default for its kind."""
    if layout is LOOK_UP:
        layout = CertificateLayout.objects.filter(award=award).first()
    if layout is not None:
        blank, errors = blank_from(width_mm=layout.page_width_mm, height_mm=layout.page_height_mm, fields=layout.fields)
        if blank is not None:
            return blank
    width, height, fields = default_layout(award)
    return blank_from(width_mm=width, height_mm=height, fields=fields)[0]


def verify_url(record):
    """The absolute address of the record's public verification page (the QR code's payload)."""
    return settings.PORTAL_URL + reverse("public:verify", args=[record.verification_code])


def achievement_of(record):
    """The achievement line: the nominee's summary when the dossier gave one, else the usual sentence."""
    nominee = record.nominee if record.nominee_id else None
    text = (getattr(nominee, "achievement", "") or "").strip()
    if text:
        return text
    return f"Đã có thành tích xuất sắc trong phong trào thi đua năm {record.year}"


def record_values(record):
    """{field name: text} for `record` (its award, unit, decision and nominee loaded or fetched).

    Always Vietnamese (certificates are); a record without a decision (history import) has no signer
    lines and its decision number and date are the record's own. Side effects: none.
    """
    decision = record.decision if record.decision_id else None
    decided_on = record.decided_on or (decision.signed_on if decision else None)
    title_lines, signer_name = signature(decision.signer) if decision else ([], "")
    unit_name = record.unit.name if record.unit_id else ""
    return {
        "recipient_name": record.recipient_name,
        "unit_name": "" if record.is_collective and unit_name == record.recipient_name else unit_name,
        "achievement": achievement_of(record),
        "award_name": award_phrase(record.award, record.year),
        "decision_number": f"Quyết định số {record.decision_number or (decision.number if decision else '')}"
        if (record.decision_number or decision)
        else "",
        "decision_date": f"ngày {decided_on:%d/%m/%Y}" if decided_on else "",
        "place_and_date": f"{province_place()}, {official_date(decided_on)}" if decided_on else "",
        "signer_title": "\n".join(title_lines),
        "signer_name": signer_name,
        "code": f"Mã xác thực: {record.verification_code}",
    }


def content_key(values, blank=None):
    """A hash of what a certificate shows: the same key means the same certificate."""
    payload = {"values": values, "blank": [blank.width_mm, blank.height_mm, list(blank.fields)] if blank else None}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
