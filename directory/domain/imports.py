"""Excel import of units and people: validate every row, then write all of them or none.

The columns are declared once (`UNIT_COLUMNS`, `PERSON_COLUMNS`) and read by the shared pipeline
`portal.imports`, which also gives the row errors and the all-or-nothing transaction.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.imports import CHOICE, DATE, FLAG, Column, ImportFailed, ImportSpec, RowError, choice_lookup, run_import
from portal.models import ImportKind

from ..enums import Gender, PositionTier, UnitKind
from ..models import Person, Unit

__all__ = ["ImportFailed", "ImportResult", "RowError", "import_people", "import_units"]


def _genders():
    return {**choice_lookup(Gender.choices), "nu": Gender.FEMALE, "nam": Gender.MALE}


# The gender column of every import of people (the directory's and the office's civil servants).
GENDER_COLUMN = Column(
    "Giới tính",
    "gender",
    kind=CHOICE,
    required=True,
    choices=_genders,
    missing=gettext_lazy('Gender must be "Nam" or "Nữ", not "{value}".'),
    invalid=gettext_lazy('Gender must be "Nam" or "Nữ", not "{value}".'),
)


def _field(model, name):
    return model._meta.get_field(name)


UNIT_COLUMNS = ImportSpec(
    Column(
        "Tên đơn vị",
        "name",
        field=_field(Unit, "name"),
        required=True,
        missing=gettext_lazy("The unit name is missing."),
    ),
    Column("Tên viết tắt", "short_name", field=_field(Unit, "short_name")),
    Column(
        "Loại đơn vị",
        "kind",
        kind=CHOICE,
        required=True,
        choices=lambda: choice_lookup(UnitKind.choices),
        missing=gettext_lazy('Unknown unit kind "{value}".'),
        invalid=gettext_lazy('Unknown unit kind "{value}".'),
    ),
    Column("Mã đơn vị", "code", field=_field(Unit, "code")),
    Column("Mã đơn vị cấp trên", "parent_code", field=_field(Unit, "code")),
    Column("Hiệu lực từ", "valid_from", kind=DATE),
    Column("Hiệu lực đến", "valid_until", kind=DATE),
    Column("Mã đơn vị sáp nhập vào", "successor_code", field=_field(Unit, "code")),
    # Issue 14: "x", "có", "1", "true" mark an enterprise; blank means not one. Files made before the
    # column was added are still read.
    Column("Doanh nghiệp", "is_enterprise", kind=FLAG, optional_header=True),
)
PERSON_COLUMNS = ImportSpec(
    Column(
        "Họ và tên",
        "full_name",
        field=_field(Person, "full_name"),
        required=True,
        missing=gettext_lazy("The full name is missing."),
    ),
    GENDER_COLUMN,
    Column("Chức vụ", "position", field=_field(Person, "position")),
    Column("Mã đơn vị", "unit_code", field=_field(Unit, "code")),
    Column("Email", "email", field=_field(Person, "email")),
    Column("Ngày sinh", "date_of_birth", kind=DATE),
    # Issue 14: the tier the statistical forms count (label in Vietnamese or English, or the code).
    Column(
        "Nhóm đối tượng",
        "position_tier",
        kind=CHOICE,
        choices=lambda: choice_lookup(PositionTier.choices),
        invalid=gettext_lazy('Unknown position tier "{value}".'),
        optional_header=True,
    ),
)
UNIT_HEADERS = UNIT_COLUMNS.headers
UNIT_EXAMPLE = [
    ["Sở Nội vụ tỉnh Ninh Bình", "SNV", "Sở, ban, ngành cấp tỉnh", "NB-SNV", "37", "01/07/2025", "", "", ""],
]
PERSON_HEADERS = PERSON_COLUMNS.headers
PERSON_EXAMPLE = [
    [
        "Nguyễn Thị Lan",
        "Nữ",
        "Chuyên viên",
        "NB-SNV",
        "lan@example.vn",
        "15/03/1985",
        "Người trực tiếp lao động, công tác",
    ]
]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def import_units(*, uploaded_file, by):
    """Create or update units from an uploaded import file (.xlsx from the template).

    A row whose code matches an existing unit updates it; other rows create units. Parent and
    successor are given by code and may name units defined further down the same file.
    Side effects: writes Unit rows (audited as `by`) in one transaction, or raises ImportFailed
    listing every bad row (UploadRejected for an unusable file) and writes nothing.
    """
    return run_import(uploaded_file, spec=UNIT_COLUMNS, apply=_write_units, kind=ImportKind.UNITS, by=by)


def _write_units(batch):
    codes_in_file = {}
    for row in batch.rows:
        code = row["code"]
        if code:
            if code in codes_in_file:
                batch.error(
                    row,
                    _("The code {code} already appears on row {other}.").format(code=code, other=codes_in_file[code]),
                )
            codes_in_file.setdefault(code, row.number)
        if row["valid_from"] and row["valid_until"] and row["valid_until"] < row["valid_from"]:
            batch.error(row, _("The end of validity is before its start."))
        if row["successor_code"] and not row["valid_until"]:
            batch.error(row, _("A unit that merged into another needs the date it ceased to exist."))

    referenced = {row["parent_code"] for row in batch.rows} | {row["successor_code"] for row in batch.rows}
    referenced -= {"", None}
    existing = {unit.code: unit for unit in Unit.objects.filter(code__in=referenced | set(codes_in_file))}
    for row in batch.rows:
        for key, label in (("parent_code", _("parent unit")), ("successor_code", _("merged into"))):
            ref = row[key]
            if ref and ref not in existing and ref not in codes_in_file:
                batch.error(row, _("{field}: no unit has the code {code}.").format(field=label, code=ref))
            if ref and ref == row["code"]:
                batch.error(row, _("{field}: a unit cannot refer to itself.").format(field=label))
    batch.check()

    created = updated = 0
    units_by_code = dict(existing)
    saved = []
    for row in batch.rows:
        unit = units_by_code.get(row["code"]) if row["code"] else None
        if unit is None:
            unit = Unit()
            created += 1
        else:
            updated += 1
        for key in ("name", "short_name", "kind", "code", "valid_from", "valid_until"):
            setattr(unit, key, row[key])
        unit.is_enterprise = bool(row["is_enterprise"])
        unit.save()
        if unit.code:
            units_by_code[unit.code] = unit
        saved.append((unit, row))
    for unit, row in saved:
        unit.parent = units_by_code.get(row["parent_code"]) if row["parent_code"] else unit.parent
        unit.successor = units_by_code.get(row["successor_code"]) if row["successor_code"] else unit.successor
        if row["parent_code"] or row["successor_code"]:
            unit.save(update_fields=["parent", "successor"])
    return ImportResult(created=created, updated=updated)


def import_people(*, uploaded_file, by):
    """Create or update people from an uploaded import file (.xlsx from the template).

    A person is matched by full name and unit; a match is updated, otherwise created.
    Side effects: writes Person rows in one transaction, or raises ImportFailed and writes nothing.
    """
    return run_import(uploaded_file, spec=PERSON_COLUMNS, apply=_write_people, kind=ImportKind.PEOPLE, by=by)


def _write_people(batch):
    unit_codes = {row["unit_code"] for row in batch.rows} - {"", None}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=unit_codes)}
    for row in batch.rows:
        unit = units.get(row["unit_code"])
        if unit is None and row["unit_code"] is not None:
            batch.error(row, _('No unit has the code "{code}".').format(code=row["unit_code"]))
        row.values["unit"] = unit
        email = row["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                batch.error(row, _('"{value}" is not an email address.').format(value=email))
    batch.check()

    existing = {
        (person.full_name, person.unit_id): person
        for person in Person.objects.filter(
            unit__in={row["unit"] for row in batch.rows}, full_name__in={row["full_name"] for row in batch.rows}
        )
    }
    created = updated = 0
    for row in batch.rows:
        person = existing.get((row["full_name"], row["unit"].pk))
        if person is None:
            person = Person()
            created += 1
        else:
            updated += 1
        for key in ("full_name", "gender", "position", "unit", "email", "date_of_birth"):
            setattr(person, key, row[key])
        person.position_tier = row["position_tier"] or ""
        person.save()
        existing[(person.full_name, person.unit_id)] = person
    return ImportResult(created=created, updated=updated)
