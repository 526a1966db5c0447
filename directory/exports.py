"""The directory's Excel export: the filtered units list, in the import template's columns (so it
can be corrected and imported back: the import finds the header below the title lines)."""

from django.utils.translation import gettext as _

from portal.xlsx import DATE, INTEGER, TEXT, Table, list_export_title, xlsx_response

from .domain import imports

UNIT_KINDS = [TEXT, TEXT, TEXT, TEXT, TEXT, DATE, DATE, TEXT, TEXT]
PERSON_KINDS = [TEXT, TEXT, TEXT, TEXT, TEXT, DATE, TEXT]
YES_MARK = "x"  # what the import reads as "yes" (portal.imports.YES)


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
            YES_MARK if unit.is_enterprise else "",
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


def person_export(people, *, request, filterset=None):
    """The filtered people list in the import template's columns (tier included), to correct and import back."""
    rows = [
        [
            person.full_name,
            person.get_gender_display(),
            person.position,
            person.unit.code,
            person.email,
            person.date_of_birth,
            person.get_position_tier_display() if person.position_tier else "",
        ]
        for person in people
    ]
    table = Table(
        _("People"),
        imports.PERSON_HEADERS,
        rows,
        title_rows=list_export_title(_("People of the directory"), request=request, filterset=filterset),
        kinds=PERSON_KINDS,
    )
    return xlsx_response("ca-nhan.xlsx", [table])


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


# --- the office's organisations and civil servants (issue 14) ---
ORGANISATION_HEADERS = ["Tên tổ chức", "Cơ cấu", "Thuộc", "Ngày thành lập", "Ngày giải thể", "Số công chức"]


def organisation_export(organisations, *, request, filterset=None):
    """The filtered organisations (annotated with staff_count) as .xlsx."""
    rows = [
        [
            organisation.name,
            organisation.get_structure_display(),
            organisation.unit.name if organisation.unit else "",
            organisation.established_on,
            organisation.dissolved_on,
            organisation.staff_count,
        ]
        for organisation in organisations
    ]
    table = Table(
        _("Organisations"),
        ORGANISATION_HEADERS,
        rows,
        title_rows=list_export_title(
            _("Emulation and commendation organisations"), request=request, filterset=filterset
        ),
        kinds=[TEXT, TEXT, TEXT, DATE, DATE, INTEGER],
        total_columns=(5,),
    )
    return xlsx_response("to-chuc-thi-dua-khen-thuong.xlsx", [table])


def staff_export(staff, *, request, filterset=None):
    """The filtered civil servants in the import's columns, so the file can be corrected and imported back."""
    from .domain.office import STAFF_HEADERS

    rows = [
        [
            person.full_name,
            person.get_gender_display(),
            person.birth_year,
            person.get_training_display(),
            person.in_work_since,
            person.organisation.name,
            person.joined_on,
            person.left_on,
        ]
        for person in staff
    ]
    table = Table(
        _("Civil servants"),
        STAFF_HEADERS,
        rows,
        title_rows=list_export_title(
            _("Emulation and commendation civil servants"), request=request, filterset=filterset
        ),
        kinds=[TEXT, TEXT, None, TEXT, None, TEXT, DATE, DATE],
    )
    return xlsx_response("cong-chuc-thi-dua-khen-thuong.xlsx", [table])
