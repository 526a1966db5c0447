"""Excel imports: a proposal's nominee list, and past years' award history. All rows or none.

The columns are declared once (`NOMINEE_COLUMNS`, `HISTORY_COLUMNS`) and read by the shared
pipeline `portal.imports` (row errors, limits, NFC, one transaction).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.enums import PositionTier
from directory.models import Person, Unit
from portal.audit import log_created
from portal.imports import CHOICE, NUMBER, Column, ImportSpec, check_file, choice_lookup, run_import
from portal.models import ImportKind
from portal.text import fold

from ..enums import CommendationType, ProposalState, RecipientKind, RecordSource
from ..models import Award, AwardRecord, Nominee
from . import AwardsError
from .bounds import boundary
from .eligibility import refresh_eligibility
from .workflow import duplicate_message


def _field(model, name):
    return model._meta.get_field(name)


def _commendation_types():
    lookup = choice_lookup(CommendationType.choices)
    lookup.update(
        {
            "thuong xuyen": "regular",
            "dot xuat": "special",
            "chuyen de": "thematic",
            "theo chuyen de": "thematic",
            "qua trinh cong hien": "lifetime",
            "nien han": "service",
            "doi ngoai": "foreign",
        }
    )
    return lookup


NAME = Column(
    "Họ và tên / Tên tập thể",
    "name",
    field=_field(AwardRecord, "recipient_name"),
    required=True,
    missing=gettext_lazy("The name is missing."),
)
UNIT_CODE = Column("Mã đơn vị", "unit_code", field=_field(Unit, "code"))
AWARD_CODE = Column("Mã danh hiệu, hình thức", "award_code", field=_field(Award, "code"))
NOMINEE_COLUMNS = ImportSpec(
    NAME,
    UNIT_CODE,
    AWARD_CODE,
    Column("Tóm tắt thành tích", "achievement", field=_field(Nominee, "achievement")),
)
HISTORY_COLUMNS = ImportSpec(
    NAME,
    UNIT_CODE,
    AWARD_CODE,
    Column(
        "Năm",
        "year",
        kind=NUMBER,
        field=_field(AwardRecord, "year"),
        required=True,
        bounds={"minimum": 1945, "maximum": 2100},
        missing=gettext_lazy('"{value}" is not a year.'),
        invalid=gettext_lazy('"{value}" is not a year.'),
    ),
    Column("Số quyết định", "decision_number", field=_field(AwardRecord, "decision_number")),
    Column(
        "Loại hình khen thưởng",
        "commendation_type",
        kind=CHOICE,
        choices=_commendation_types,
        invalid=gettext_lazy('Unknown commendation type "{value}".'),
    ),
    # Issue 14: the individual's tier when conferred (label or code); blank: the matched person's tier.
    # Files made before the column was added are still read.
    Column(
        "Nhóm đối tượng",
        "position_tier",
        kind=CHOICE,
        choices=lambda: choice_lookup(PositionTier.choices),
        invalid=gettext_lazy('Unknown position tier "{value}".'),
        optional_header=True,
    ),
)
NOMINEE_HEADERS = NOMINEE_COLUMNS.headers
NOMINEE_EXAMPLE = [
    ["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", "Giáo viên dạy giỏi cấp tỉnh năm học 2024-2025", "Có"],
    ["Sở Giáo dục và Đào tạo tỉnh Ninh Bình", "NB-SGDDT", "TTLDXS", "Hoàn thành xuất sắc nhiệm vụ năm 2025", "Có"],
]
HISTORY_HEADERS = HISTORY_COLUMNS.headers
HISTORY_EXAMPLE = [
    ["Phạm Thị Lan", "NB-SGDDT", "CSTDCS", 2024, "1234/QĐ-UBND", "Thường xuyên", "Người trực tiếp lao động, công tác"]
]
BATCH = 5000


@dataclass(frozen=True)
class ImportResult:
    created: int


def _lookups(batch):
    """The units the rows name by code, and the award catalogue (read once per import)."""
    codes = {row["unit_code"] for row in batch.rows} - {"", None}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    if "awards" not in batch.memo:
        batch.memo["awards"] = {award.code: award for award in Award.objects.all()}
    return units, batch.memo["awards"]


def import_nominees(*, proposal, uploaded_file, by):
    """Add the nominees of an Excel list to a draft proposal: every row valid, or nothing written.

    People are matched by full name within the unit given by code; a collective is the unit itself.
    A unit officer's list names only the unit's own people and its own units (`bounds.boundary`):
    a row naming anything else is refused with the same sentence as a name or code that does not
    exist, so the errors never tell what another unit holds. Officers import anyone.
    Side effects: writes Nominees with their eligibility (audited), in one transaction; raises
    ImportFailed (rows), UploadRejected (the file) or AwardsError (the dossier is not editable).
    """
    if proposal.state not in ProposalState.editable():
        raise AwardsError(_("Nominees can be added only while the dossier is a draft or returned."))
    return run_import(
        uploaded_file,
        spec=NOMINEE_COLUMNS,
        apply=lambda batch: _write_nominees(proposal, batch, by=by),
        kind=ImportKind.NOMINEES,
        by=by,
        subject=str(proposal),
        link=reverse("awards:proposal_detail", args=[proposal.pk]),
    )


def _write_nominees(proposal, batch, *, by):
    bounds = boundary(by, proposal.unit)
    units, awards = _lookups(batch)
    units = {code: unit for code, unit in units.items() if bounds.has_unit(unit)}
    people = {}
    for person in bounds.people(Person.objects.filter(unit__in=units.values())):
        people[(fold(person.full_name), person.unit_id)] = person
    parsed, seen = [], set()
    for row in batch.rows:
        name = row["name"]
        unit = units.get(row["unit_code"])
        award = awards.get((row["award_code"] or "").upper())
        if row["unit_code"] is not None and unit is None:
            if bounds.is_bounded:
                message = _('"{code}" is not the code of your unit or of one of its sub-units.')
            else:
                message = _('No unit has the code "{code}".')
            batch.error(row, message.format(code=row["unit_code"]))
        if row["award_code"] is not None and award is None:
            batch.error(row, _('No award has the code "{code}".').format(code=row["award_code"]))
        if row.failed or not (name and unit and award):
            continue
        person = None
        if award.recipient_kind != RecipientKind.COLLECTIVE:
            person = people.get((fold(name), unit.pk))
            if person is None:
                batch.error(row, _("{name} is not in the directory for {unit}.").format(name=name, unit=unit))
                continue
        key = (person.pk if person else None, None if person else unit.pk, award.pk)
        duplicate = Nominee.objects.filter(award=award, year=proposal.year)
        duplicate = duplicate.filter(person=person) if person else duplicate.filter(unit=unit)
        if key in seen:
            batch.error(
                row,
                _("{name} is already proposed for {award} in {year}.").format(
                    name=name, award=award, year=proposal.year
                ),
            )
            continue
        other = duplicate.select_related("proposal__unit").first()
        if other is not None:
            message = duplicate_message(
                name=name, award=award, year=proposal.year, other=other.proposal, by=by, link=False
            )
            batch.error(row, message)
            continue
        seen.add(key)
        parsed.append(
            Nominee(
                proposal=proposal,
                person=person,
                unit=None if person else unit,
                award=award,
                year=proposal.year,
                achievement=row["achievement"],
                is_household=award.recipient_kind == RecipientKind.HOUSEHOLD,
            )
        )
    batch.check()
    for nominee in parsed:
        nominee.save()
    refresh_eligibility(nominees=parsed)
    return ImportResult(created=len(parsed))


def import_history(*, uploaded_file, by, progress=None):
    """Past years' awards from Excel into the history: every row valid, or nothing written.

    A person is linked when the name matches someone of the unit; otherwise the name is kept as
    written. The file streams (`run_import(chunk_rows=BATCH)`): up to HISTORY_IMPORT_MAX_ROWS rows
    in the memory of one chunk; the rows of each chunk are looked up and inserted together.
    Side effects: bulk-inserts AwardRecords (source import) with one audit entry per row (actor
    `by`, one bulk insert per chunk) and records the import (`ImportRecord`), in one transaction.
    """
    return run_import(
        uploaded_file,
        spec=HISTORY_COLUMNS,
        apply=lambda batch: _write_history(batch, by=by),
        kind=ImportKind.AWARD_HISTORY,
        by=by,
        link=reverse("awards:lookup"),
        chunk_rows=BATCH,
        progress=progress,
        max_rows=settings.HISTORY_IMPORT_MAX_ROWS,
        max_bytes=settings.HISTORY_IMPORT_MAX_BYTES,
    )


def queue_history_import(*, uploaded_file, by):
    """Past years' awards from Excel, as a job (`portal.import_jobs`): a history file may hold
    HISTORY_IMPORT_MAX_ROWS rows, more than a web request may take. Returns the ImportJob.

    Refuses at once (UploadRejected) a file that is not a workbook or lacks the template's columns;
    the rows are checked by the job (`import_history`), all or none.
    """
    from portal.import_jobs import request_import

    check_file(uploaded_file, spec=HISTORY_COLUMNS, max_bytes=settings.HISTORY_IMPORT_MAX_BYTES)
    return request_import(kind=ImportKind.AWARD_HISTORY, uploaded_file=uploaded_file, by=by)


def _write_history(batch, *, by):
    units, awards = _lookups(batch)
    people = {}
    for person in Person.objects.filter(unit__in=units.values()).only("pk", "full_name", "unit_id", "position_tier"):
        people.setdefault((fold(person.full_name), person.unit_id), person)
    records = []
    for row in batch.rows:
        name = row["name"]
        unit = units.get(row["unit_code"])
        award = awards.get((row["award_code"] or "").upper())
        if row["unit_code"] and unit is None:
            batch.error(row, _('No unit has the code "{code}".').format(code=row["unit_code"]))
        if row["award_code"] is not None and award is None:
            batch.error(row, _('No award has the code "{code}".').format(code=row["award_code"]))
        if award is not None and award.recipient_kind == RecipientKind.COLLECTIVE and unit is None:
            batch.error(row, _("A collective award needs the unit's code."))
        if row.failed:
            continue
        is_collective = award.recipient_kind == RecipientKind.COLLECTIVE
        is_household = award.recipient_kind == RecipientKind.HOUSEHOLD
        person = None if is_collective or unit is None else people.get((fold(name), unit.pk))
        tier = row["position_tier"] or ""
        if tier and (is_collective or is_household):
            batch.error(row, _("Only an individual's award has a position tier."))
            continue
        if not tier and person is not None and not is_household:
            tier = person.position_tier
        records.append(
            AwardRecord(
                recipient_name=name,
                person=person,
                unit=unit,
                is_collective=is_collective,
                is_household=is_household,
                position_tier=tier,
                award=award,
                year=int(row["year"]),
                commendation_type=row["commendation_type"] or CommendationType.REGULAR,
                decision_number=row["decision_number"],
                source=RecordSource.IMPORT,
                search_text=fold(name)[: AwardRecord.search_text_max_length],
            )
        )
    batch.check()
    AwardRecord.objects.bulk_create(records, batch_size=BATCH)
    log_created(records, actor=by)
    return ImportResult(created=len(records))
