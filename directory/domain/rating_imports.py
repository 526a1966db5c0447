"""Excel import of a unit's yearly list of ratings of duty completion: every row valid, or nothing written.

The list belongs to one unit (`unit`): its rows name the people of that unit and of the units merged
into it (`lineage.unit_scope`), by full name (compared folded: case, diacritics and Unicode form do
not matter) and, where two people share a name, by date of birth. A unit officer imports only its
own unit's list. A name outside the list's unit is refused with the same sentence whether or not
that name exists elsewhere, so a row error never tells what another unit holds.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import acting_as
from portal.dates import plausible_year_bounds
from portal.imports import CHOICE, DATE, NUMBER, Column, ImportFailed, ImportSpec, choice_lookup, run_import
from portal.models import ImportKind
from portal.text import fold

from ..enums import DutyRatingLevel
from ..models import DutyRating, Person
from .lineage import unit_scope
from .ratings import RatingError

__all__ = ["RATING_COLUMNS", "RATING_EXAMPLE", "RATING_HEADERS", "ImportFailed", "import_ratings"]


def _field(name):
    return DutyRating._meta.get_field(name)


def _levels():
    lookup = choice_lookup(DutyRatingLevel.choices)
    # The forms a list is written in: "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành xuất sắc", "HTXSNV" ...
    for value, words in (
        (DutyRatingLevel.EXCELLENT, ("hoan thanh xuat sac nhiem vu", "hoan thanh xuat sac", "htxsnv", "xuat sac")),
        (DutyRatingLevel.GOOD, ("hoan thanh tot nhiem vu", "hoan thanh tot", "httnv", "tot")),
        (DutyRatingLevel.COMPLETED, ("hoan thanh nhiem vu", "hoan thanh", "htnv")),
        (DutyRatingLevel.NOT_COMPLETED, ("khong hoan thanh nhiem vu", "khong hoan thanh", "khtnv")),
    ):
        for word in words:
            lookup[fold(word)] = value
    return lookup


RATING_COLUMNS = ImportSpec(
    Column(
        "Họ và tên",
        "full_name",
        field=Person._meta.get_field("full_name"),
        required=True,
        missing=gettext_lazy("The full name is missing."),
    ),
    Column("Ngày sinh", "date_of_birth", kind=DATE),
    Column(
        "Năm",
        "year",
        kind=NUMBER,
        field=_field("year"),
        required=True,
        bounds={"minimum": 1945, "maximum": 2100},
        missing=gettext_lazy('"{value}" is not a year.'),
        invalid=gettext_lazy('"{value}" is not a year.'),
    ),
    Column(
        "Mức độ hoàn thành nhiệm vụ",
        "rating",
        kind=CHOICE,
        required=True,
        choices=_levels,
        missing=gettext_lazy("The rating of duty completion is missing."),
        invalid=gettext_lazy('Unknown rating of duty completion "{value}".'),
    ),
    Column(
        "Văn bản xếp loại",
        "source_document",
        field=_field("source_document"),
        required=True,
        missing=gettext_lazy("The source document of the rating is missing."),
    ),
)
RATING_HEADERS = RATING_COLUMNS.headers
RATING_EXAMPLE = [
    ["Nguyễn Thị Lan", "15/03/1985", 2025, "Hoàn thành xuất sắc nhiệm vụ", "Quyết định số 25/QĐ-SNV ngày 20/12/2025"],
    ["Trần Văn Bình", "", 2025, "Hoàn thành tốt nhiệm vụ", "Quyết định số 25/QĐ-SNV ngày 20/12/2025"],
]


@dataclass(frozen=True)
class RatingImportResult:
    created: int
    updated: int


def import_ratings(*, uploaded_file, unit, by):
    """Record the ratings of `unit`'s list (an .xlsx from the template).

    A row for a person and year already rated updates that rating (audited: the history shows the
    change). Refuses, writing nothing: a user who may not import `unit`'s list (RatingError), and
    any bad row (ImportFailed listing every one): a name not among `unit`'s people (or several
    with that name and no date of birth to tell them apart), an implausible year, an unknown
    rating, a missing source, the same person and year twice in the file.
    Side effects: writes DutyRating rows (audited as `by`) and one ImportRecord, in one transaction.
    """
    if not _may_import(by, unit):
        raise RatingError(_("You may import only your own unit's list of ratings."))
    return run_import(
        uploaded_file,
        spec=RATING_COLUMNS,
        apply=lambda batch: _write(batch, unit=unit, by=by),
        kind=ImportKind.DUTY_RATINGS,
        by=by,
        subject=str(unit),
        link=reverse("directory:rating_list"),
    )


def _may_import(user, unit):
    return bool(user.has_perm("directory.change_dutyrating", DutyRating(unit=unit)))


def _write(batch, *, unit, by):
    person_units, _units = unit_scope(unit)
    by_name = defaultdict(list)
    for person in Person.objects.filter(unit_id__in=person_units).only("pk", "full_name", "date_of_birth", "unit"):
        by_name[fold(person.full_name)].append(person)
    lowest, highest = plausible_year_bounds()
    matched, seen = [], {}
    for row in batch.rows:
        if row.failed:
            continue
        name = row["full_name"]
        year = int(row["year"])
        if not lowest <= year <= highest:
            batch.error(
                row,
                _("The year {year} is not plausible: enter a year between {lowest} and {highest}.").format(
                    year=year, lowest=lowest, highest=highest
                ),
            )
            continue
        candidates = by_name.get(fold(name), [])
        born = row["date_of_birth"]
        if born:
            # Namesakes are told apart by the date of birth; a single match must not contradict it.
            exact = [person for person in candidates if person.date_of_birth == born]
            undated = [person for person in candidates if person.date_of_birth is None]
            candidates = exact or (undated if len(candidates) == 1 else [])
        if not candidates:
            batch.error(row, _("{name} is not among the people of {unit}.").format(name=name, unit=unit))
            continue
        if len(candidates) > 1:
            batch.error(
                row,
                _("Several people of {unit} are named {name}: give the date of birth.").format(name=name, unit=unit),
            )
            continue
        person = candidates[0]
        key = (person.pk, year)
        if key in seen:
            batch.error(
                row,
                _("{name} is already rated for {year} on row {other}.").format(name=name, year=year, other=seen[key]),
            )
            continue
        seen[key] = row.number
        matched.append((person, year, row["rating"], row["source_document"]))
    batch.check()

    existing = {
        (rating.person_id, rating.year): rating
        for rating in DutyRating.objects.filter(
            person_id__in={person.pk for person, *_rest in matched}, year__in={year for _p, year, *_r in matched}
        )
    }
    created = updated = 0
    with transaction.atomic(), acting_as(by):
        for person, year, level, source in matched:
            rating = existing.get((person.pk, year))
            if rating is None:
                DutyRating.objects.create(
                    person=person, year=year, rating=level, source_document=source, recorded_by=by
                )
                created += 1
            elif (rating.rating, rating.source_document) != (level, source):
                rating.rating, rating.source_document = level, source
                rating.save(update_fields=["rating", "source_document", "updated_at"])
                updated += 1
    return RatingImportResult(created=created, updated=updated)
