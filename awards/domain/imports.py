"""Excel imports: a proposal's nominee list, and past years' award history. All rows or none."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from directory.domain.imports import ImportFailed, RowError
from directory.models import Person, Unit
from portal.text import fold

from ..enums import CommendationType, ProposalState, RecipientKind, RecordSource
from ..models import Award, AwardRecord, Nominee
from . import AwardsError
from .eligibility import refresh_eligibility

NOMINEE_HEADERS = [
    "Họ và tên / Tên tập thể",
    "Mã đơn vị",
    "Mã danh hiệu, hình thức",
    "Tóm tắt thành tích",
    "Hoàn thành xuất sắc",
]
NOMINEE_EXAMPLE = [
    ["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", "Giáo viên dạy giỏi cấp tỉnh năm học 2024-2025", "Có"],
    ["Sở Giáo dục và Đào tạo tỉnh Ninh Bình", "NB-SGDDT", "TTLDXS", "Hoàn thành xuất sắc nhiệm vụ năm 2025", "Có"],
]
HISTORY_HEADERS = [
    "Họ và tên / Tên tập thể",
    "Mã đơn vị",
    "Mã danh hiệu, hình thức",
    "Năm",
    "Số quyết định",
    "Loại hình khen thưởng",
]
HISTORY_EXAMPLE = [["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", 2024, "1234/QĐ-UBND", "Thường xuyên"]]
YES = {"co", "x", "yes", "1", "true"}
BATCH = 5000


@dataclass(frozen=True)
class ImportResult:
    created: int


def _text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _lookups(table):
    codes = {_text(values["Mã đơn vị"]) for _row, values in table} - {""}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    awards = {award.code: award for award in Award.objects.all()}
    return units, awards


def import_nominees(*, proposal, table, by):
    """Add the nominees of an Excel list to a draft proposal: every row valid, or nothing written.

    People are matched by full name within the unit given by code; a collective is the unit itself.
    Side effects: writes Nominees with their eligibility (audited), in one transaction.
    """
    if proposal.state not in ProposalState.editable():
        raise AwardsError(_("Nominees can be added only while the dossier is a draft or returned."))
    units, awards = _lookups(table)
    people = {}
    for person in Person.objects.filter(unit__in=units.values()):
        people[(fold(person.full_name), person.unit_id)] = person
    errors, parsed, seen = [], [], set()
    for row, values in table:
        name = _text(values["Họ và tên / Tên tập thể"])
        unit = units.get(_text(values["Mã đơn vị"]))
        award = awards.get(_text(values["Mã danh hiệu, hình thức"]).upper())
        if not name:
            errors.append(RowError(row, _("The name is missing.")))
        if unit is None:
            errors.append(RowError(row, _('No unit has the code "{code}".').format(code=_text(values["Mã đơn vị"]))))
        if award is None:
            errors.append(
                RowError(
                    row, _('No award has the code "{code}".').format(code=_text(values["Mã danh hiệu, hình thức"]))
                )
            )
        if not (name and unit and award):
            continue
        person = None
        if award.recipient_kind != RecipientKind.COLLECTIVE:
            person = people.get((fold(name), unit.pk))
            if person is None:
                errors.append(
                    RowError(row, _("{name} is not in the directory for {unit}.").format(name=name, unit=unit))
                )
                continue
        key = (person.pk if person else None, None if person else unit.pk, award.pk)
        duplicate = Nominee.objects.filter(award=award, year=proposal.year)
        duplicate = duplicate.filter(person=person) if person else duplicate.filter(unit=unit)
        if key in seen or duplicate.exists():
            errors.append(
                RowError(
                    row,
                    _("{name} is already proposed for {award} in {year}.").format(
                        name=name, award=award, year=proposal.year
                    ),
                )
            )
            continue
        seen.add(key)
        parsed.append(
            Nominee(
                proposal=proposal,
                person=person,
                unit=None if person else unit,
                award=award,
                year=proposal.year,
                achievement=_text(values["Tóm tắt thành tích"]),
                is_excellent=fold(_text(values["Hoàn thành xuất sắc"])) in YES,
                is_household=award.recipient_kind == RecipientKind.HOUSEHOLD,
            )
        )
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for nominee in parsed:
            nominee.save()
        refresh_eligibility(nominees=parsed)
    return ImportResult(created=len(parsed))


def _commendation_type(value):
    folded = fold(_text(value))
    if not folded:
        return CommendationType.REGULAR
    for choice in CommendationType:
        if folded in (choice.value, fold(str(choice.label))):
            return choice.value
    vietnamese = {
        "thuong xuyen": "regular",
        "dot xuat": "special",
        "chuyen de": "thematic",
        "theo chuyen de": "thematic",
        "qua trinh cong hien": "lifetime",
        "nien han": "service",
        "doi ngoai": "foreign",
    }
    return vietnamese.get(folded)


def import_history(*, table, by):
    """Past years' awards from Excel into the history: every row valid, or nothing written.

    A person is linked when the name matches someone of the unit; otherwise the name is kept as
    written. Side effects: bulk-inserts AwardRecords (source import) in one transaction.
    """
    units, awards = _lookups(table)
    people = {}
    for person in Person.objects.filter(unit__in=units.values()).only("pk", "full_name", "unit_id"):
        people.setdefault((fold(person.full_name), person.unit_id), person)
    errors, records = [], []
    for row, values in table:
        name = _text(values["Họ và tên / Tên tập thể"])
        unit = units.get(_text(values["Mã đơn vị"]))
        award = awards.get(_text(values["Mã danh hiệu, hình thức"]).upper())
        year_text = _text(values["Năm"])
        commendation_type = _commendation_type(values["Loại hình khen thưởng"])
        row_errors = []
        if not name:
            row_errors.append(_("The name is missing."))
        if _text(values["Mã đơn vị"]) and unit is None:
            row_errors.append(_('No unit has the code "{code}".').format(code=_text(values["Mã đơn vị"])))
        if award is None:
            row_errors.append(
                _('No award has the code "{code}".').format(code=_text(values["Mã danh hiệu, hình thức"]))
            )
        if not year_text.isdigit() or not 1945 <= int(year_text) <= 2100:
            row_errors.append(_('"{value}" is not a year.').format(value=year_text))
        if commendation_type is None:
            row_errors.append(
                _('Unknown commendation type "{value}".').format(value=_text(values["Loại hình khen thưởng"]))
            )
        if award is not None and award.recipient_kind == RecipientKind.COLLECTIVE and unit is None:
            row_errors.append(_("A collective award needs the unit's code."))
        if row_errors:
            errors.extend(RowError(row, message) for message in row_errors)
            continue
        is_collective = award.recipient_kind == RecipientKind.COLLECTIVE
        person = None if is_collective or unit is None else people.get((fold(name), unit.pk))
        records.append(
            AwardRecord(
                recipient_name=name[:255],
                person=person,
                unit=unit,
                is_collective=is_collective,
                is_household=award.recipient_kind == RecipientKind.HOUSEHOLD,
                award=award,
                year=int(year_text),
                commendation_type=commendation_type,
                decision_number=_text(values["Số quyết định"])[:50],
                source=RecordSource.IMPORT,
                search_text=fold(name)[:255],
            )
        )
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        AwardRecord.objects.bulk_create(records, batch_size=BATCH)
    return ImportResult(created=len(records))
