"""The office's own organisations and civil servants (forms 0604.N, 0605.N): saving with a reason,
deleting, and the Excel import of civil servants (all rows or none)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import because
from portal.errors import DomainError
from portal.imports import CHOICE, DATE, NUMBER, Column, ImportFailed, ImportSpec, RowError, choice_lookup, run_import
from portal.models import ImportKind
from portal.text import fold

from ..enums import TrainingLevel
from ..models import OfficeOrganisation, OfficeStaff
from .imports import GENDER_COLUMN

__all__ = ["ImportFailed", "OfficeError", "RowError", "delete_office_row", "import_staff", "save_office_row"]


class OfficeError(DomainError):
    pass


def save_office_row(*, row, reason="", by):
    """Save an organisation or a civil servant (a form's instance, already validated).

    Side effects: writes the row; its audit entry records `by` (the request's user) and `reason`.
    """
    with transaction.atomic(), because(reason):
        row.save()
    return row


def delete_office_row(*, row, reason, by):
    """Delete an organisation (refused while civil servants belong to it) or a civil servant.

    Side effects: deletes the row; the audit history keeps it with `reason`. Raises OfficeError.
    """
    if not (reason or "").strip():
        raise OfficeError(_("Give the reason."))
    try:
        with transaction.atomic(), because(reason):
            row.delete()
    except ProtectedError:
        raise OfficeError(_("Civil servants belong to this organisation: move or delete them first.")) from None


def _year_column(header, key, *, required=True):
    message = gettext_lazy('"{value}" is not a year.')
    return Column(
        header,
        key,
        kind=NUMBER,
        required=required,
        bounds={"minimum": 1900, "maximum": 2100, "integer": True},
        missing=message,
        invalid=message,
    )


STAFF_COLUMNS = ImportSpec(
    Column(
        "Họ và tên",
        "full_name",
        field=OfficeStaff._meta.get_field("full_name"),
        required=True,
        missing=gettext_lazy("The full name is missing."),
    ),
    GENDER_COLUMN,
    _year_column("Năm sinh", "birth_year"),
    Column(
        "Trình độ đào tạo",
        "training",
        kind=CHOICE,
        required=True,
        choices=lambda: choice_lookup(TrainingLevel.choices),
        missing=gettext_lazy('Unknown training level "{value}".'),
        invalid=gettext_lazy('Unknown training level "{value}".'),
    ),
    _year_column("Năm bắt đầu làm công tác thi đua, khen thưởng", "in_work_since"),
    Column(
        "Tổ chức",
        "organisation",
        field=OfficeOrganisation._meta.get_field("name"),
        required=True,
        missing=gettext_lazy("The organisation is missing."),
    ),
    Column("Ngày vào", "joined_on", kind=DATE),
    Column("Ngày thôi", "left_on", kind=DATE),
)
STAFF_HEADERS = STAFF_COLUMNS.headers
STAFF_EXAMPLE = [
    ["Nguyễn Thị Hạnh", "Nữ", 1985, "Đại học", 2012, "Ban Thi đua - Khen thưởng tỉnh", "01/03/2012", ""],
]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def import_staff(*, uploaded_file, by):
    """Create or update civil servants from the template's workbook; every row valid, or nothing written.

    The organisation is named as recorded (accents and case aside); a civil servant is matched by
    full name, year of birth and organisation and updated, otherwise created.
    Side effects: writes OfficeStaff rows (audited as `by`) and an ImportRecord in one transaction, or
    raises ImportFailed listing the bad rows (UploadRejected for an unusable file) and writes nothing.
    """
    return run_import(uploaded_file, spec=STAFF_COLUMNS, apply=_write_staff, kind=ImportKind.OTHER, by=by)


def _write_staff(batch):
    organisations = {}
    for organisation in OfficeOrganisation.objects.all():
        organisations.setdefault(fold(organisation.name), []).append(organisation)
    this_year = timezone.localdate().year
    for row in batch.rows:  # a row with a cell error is still checked, so every problem is listed at once
        if row["organisation"]:
            found = organisations.get(fold(row["organisation"]), [])
            if not found:
                batch.error(row, _('No organisation is named "{name}".').format(name=row["organisation"]))
            elif len(found) > 1:
                batch.error(row, _('Several organisations are named "{name}".').format(name=row["organisation"]))
            else:
                row.values["organisation"] = found[0]
        years = [int(row[key]) for key in ("birth_year", "in_work_since") if row[key] is not None]
        if any(year > this_year for year in years):
            batch.error(row, _("A year cannot be in the future."))
        if len(years) == 2 and years[1] < years[0]:
            batch.error(row, _("The year work began cannot be before the year of birth."))
        if row["joined_on"] and row["left_on"] and row["left_on"] < row["joined_on"]:
            batch.error(row, _("A civil servant cannot leave before joining."))
    batch.check()

    existing = {
        (fold(staff.full_name), staff.birth_year, staff.organisation_id): staff
        for staff in OfficeStaff.objects.filter(organisation__in={row["organisation"] for row in batch.rows})
    }
    created = updated = 0
    for row in batch.rows:
        key = (fold(row["full_name"]), int(row["birth_year"]), row["organisation"].pk)
        staff = existing.get(key)
        if staff is None:
            staff = OfficeStaff()
            created += 1
        else:
            updated += 1
        for name in ("full_name", "gender", "training", "organisation", "joined_on", "left_on"):
            setattr(staff, name, row[name])
        staff.birth_year, staff.in_work_since = int(row["birth_year"]), int(row["in_work_since"])
        staff.save()
        existing[key] = staff
    return ImportResult(created=created, updated=updated)
