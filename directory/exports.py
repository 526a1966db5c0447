"""The directory's Excel export: the filtered units list, in the import template's columns (so it
can be corrected and imported back: the import finds the header below the title lines)."""

from django.utils.translation import gettext as _

from portal.xlsx import DATE, TEXT, Table, list_export_title, xlsx_response

from .domain import imports

UNIT_KINDS = [TEXT, TEXT, TEXT, TEXT, TEXT, DATE, DATE, TEXT]


def unit_export(units, *, request, filterset=None):
    rows = [
        [
            unit.name,
            unit.short_name,
            unit.get_kind_display(),
            unit.code,
            unit.parent.code if unit.parent else "",
            unit.valid_from,
            unit.valid_until,
            unit.successor.code if unit.successor else "",
        ]
        for unit in units
    ]
    table = Table(
        _("Units"),
        imports.UNIT_HEADERS,
        rows,
        title_rows=list_export_title(_("Units of the directory"), request=request, filterset=filterset),
        kinds=UNIT_KINDS,
    )
    return xlsx_response("don-vi.xlsx", [table])


RATING_HEADERS = ["Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Mức độ hoàn thành nhiệm vụ", "Văn bản xếp loại"]


def rating_export(ratings, *, request, filterset=None):
    """The filtered ratings list; people's rows are in the import's columns (name, birth date, year, rating,
    source) plus the unit, so a unit's rows can be corrected and imported back."""
    rows = [
        [
            rating.person.full_name if rating.person_id else "",
            rating.person.date_of_birth if rating.person_id else None,
            str(rating.person.unit if rating.person_id else rating.unit),
            rating.year,
            rating.get_rating_display(),
            rating.source_document,
        ]
        for rating in ratings
    ]
    table = Table(
        _("Ratings of duty completion"),
        RATING_HEADERS,
        rows,
        title_rows=list_export_title(_("Ratings of duty completion"), request=request, filterset=filterset),
        kinds=[TEXT, DATE, TEXT, None, TEXT, TEXT],
    )
    return xlsx_response("xep-loai-hoan-thanh-nhiem-vu.xlsx", [table])
