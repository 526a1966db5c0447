"""Excel import of units and people: validate every row, then write all of them or none."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal.text import fold
from portal.xlsx import parse_date

from ..enums import Gender, UnitKind
from ..models import Person, Unit

UNIT_HEADERS = [
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Mã đơn vị",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Mã đơn vị sáp nhập vào",
]
UNIT_EXAMPLE = [
    ["Sở Nội vụ tỉnh Ninh Bình", "SNV", "Sở, ban, ngành cấp tỉnh", "NB-SNV", "37", "01/07/2025", "", ""],
]
PERSON_HEADERS = ["Họ và tên", "Giới tính", "Chức vụ", "Mã đơn vị", "Email", "Ngày sinh"]
PERSON_EXAMPLE = [["Nguyễn Thị Lan", "Nữ", "Chuyên viên", "NB-SNV", "lan@example.vn", "15/03/1985"]]


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


class ImportFailed(Exception):
    """At least one row is invalid; nothing was written."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} invalid rows")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _choice_lookup(choices):
    """Map folded labels in Vietnamese and English, and the codes, to choice values."""
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                lookup[fold(str(label))] = value
    return lookup


def _text(value):
    return "" if value is None else str(value).strip()


def _code(value):
    # Excel turns a code like 37 into the number 37.0; codes are text.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _text(value)


def _date(row_errors, row, label, value):
    try:
        return parse_date(value)
    except ValueError:
        row_errors.append(
            RowError(row, _('{column}: "{value}" is not a date (dd/mm/yyyy).').format(column=label, value=value))
        )
        return None


def import_units(*, table, by):
    """Create or update units from the rows of an import file.

    A row whose code matches an existing unit updates it; other rows create units. Parent and
    successor are given by code and may name units defined further down the same file.
    Side effects: writes Unit rows (audited as `by`) in one transaction, or raises ImportFailed
    listing every bad row and writes nothing.
    """
    kinds = _choice_lookup(UnitKind.choices)
    errors = []
    parsed = []
    codes_in_file = {}
    for row, values in table:
        row_errors = []
        name = _text(values["Tên đơn vị"])
        code = _code(values["Mã đơn vị"])
        if not name:
            row_errors.append(RowError(row, _("The unit name is missing.")))
        elif len(name) > 255:
            row_errors.append(RowError(row, _("The unit name is longer than 255 characters.")))
        kind = kinds.get(fold(_text(values["Loại đơn vị"])))
        if kind is None:
            row_errors.append(
                RowError(row, _('Unknown unit kind "{value}".').format(value=_text(values["Loại đơn vị"])))
            )
        if code:
            if code in codes_in_file:
                row_errors.append(
                    RowError(
                        row,
                        _("The code {code} already appears on row {other}.").format(
                            code=code, other=codes_in_file[code]
                        ),
                    )
                )
            codes_in_file.setdefault(code, row)
        valid_from = _date(row_errors, row, "Hiệu lực từ", values["Hiệu lực từ"])
        valid_until = _date(row_errors, row, "Hiệu lực đến", values["Hiệu lực đến"])
        if valid_from and valid_until and valid_until < valid_from:
            row_errors.append(RowError(row, _("The end of validity is before its start.")))
        successor_code = _code(values["Mã đơn vị sáp nhập vào"])
        if successor_code and not valid_until:
            row_errors.append(RowError(row, _("A unit that merged into another needs the date it ceased to exist.")))
        parsed.append(
            {
                "row": row,
                "name": name,
                "short_name": _text(values["Tên viết tắt"])[:100],
                "kind": kind,
                "code": code,
                "parent_code": _code(values["Mã đơn vị cấp trên"]),
                "successor_code": successor_code,
                "valid_from": valid_from,
                "valid_until": valid_until,
            }
        )
        errors.extend(row_errors)

    referenced = {item["parent_code"] for item in parsed} | {item["successor_code"] for item in parsed}
    referenced.discard("")
    existing = {unit.code: unit for unit in Unit.objects.filter(code__in=referenced | set(codes_in_file))}
    for item in parsed:
        for field, label in (("parent_code", _("parent unit")), ("successor_code", _("merged into"))):
            ref = item[field]
            if ref and ref not in existing and ref not in codes_in_file:
                errors.append(
                    RowError(item["row"], _("{field}: no unit has the code {code}.").format(field=label, code=ref))
                )
            if ref and ref == item["code"]:
                errors.append(RowError(item["row"], _("{field}: a unit cannot refer to itself.").format(field=label)))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda error: error.row))

    created = updated = 0
    with transaction.atomic():
        units_by_code = dict(existing)
        saved = []
        for item in parsed:
            unit = units_by_code.get(item["code"]) if item["code"] else None
            if unit is None:
                unit = Unit()
                created += 1
            else:
                updated += 1
            for field in ("name", "short_name", "kind", "code", "valid_from", "valid_until"):
                setattr(unit, field, item[field])
            unit.save()
            if unit.code:
                units_by_code[unit.code] = unit
            saved.append((unit, item))
        for unit, item in saved:
            unit.parent = units_by_code.get(item["parent_code"]) if item["parent_code"] else unit.parent
            unit.successor = units_by_code.get(item["successor_code"]) if item["successor_code"] else unit.successor
            if item["parent_code"] or item["successor_code"]:
                unit.save(update_fields=["parent", "successor"])
    return ImportResult(created=created, updated=updated)


def import_people(*, table, by):
    """Create or update people from the rows of an import file.

    A person is matched by full name and unit; a match is updated, otherwise created.
    Side effects: writes Person rows in one transaction, or raises ImportFailed and writes nothing.
    """
    genders = _choice_lookup(Gender.choices)
    genders.update({"nu": Gender.FEMALE, "nam": Gender.MALE})
    unit_codes = {_code(values["Mã đơn vị"]) for _row, values in table} - {""}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=unit_codes)}
    errors = []
    parsed = []
    for row, values in table:
        row_errors = []
        full_name = _text(values["Họ và tên"])
        if not full_name:
            row_errors.append(RowError(row, _("The full name is missing.")))
        gender = genders.get(fold(_text(values["Giới tính"])))
        if gender is None:
            row_errors.append(
                RowError(
                    row, _('Gender must be "Nam" or "Nữ", not "{value}".').format(value=_text(values["Giới tính"]))
                )
            )
        unit_code = _code(values["Mã đơn vị"])
        unit = units.get(unit_code)
        if unit is None:
            row_errors.append(RowError(row, _('No unit has the code "{code}".').format(code=unit_code)))
        email = _text(values["Email"])
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row_errors.append(RowError(row, _('"{value}" is not an email address.').format(value=email)))
        date_of_birth = _date(row_errors, row, "Ngày sinh", values["Ngày sinh"])
        parsed.append(
            {
                "full_name": full_name,
                "gender": gender,
                "position": _text(values["Chức vụ"])[:255],
                "unit": unit,
                "email": email,
                "date_of_birth": date_of_birth,
            }
        )
        errors.extend(row_errors)
    if errors:
        raise ImportFailed(errors)

    existing = {
        (person.full_name, person.unit_id): person
        for person in Person.objects.filter(
            unit__in={item["unit"] for item in parsed}, full_name__in={item["full_name"] for item in parsed}
        )
    }
    created = updated = 0
    with transaction.atomic():
        for item in parsed:
            person = existing.get((item["full_name"], item["unit"].pk))
            if person is None:
                person = Person()
                created += 1
            else:
                updated += 1
            for field, value in item.items():
                setattr(person, field, value)
            person.save()
            existing[(person.full_name, person.unit_id)] = person
    return ImportResult(created=created, updated=updated)
