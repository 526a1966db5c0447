"""Yearly ratings of duty completion (mức độ hoàn thành nhiệm vụ) of people and collectives.

Units recorded, corrected (with a reason, kept in the history) and deleted here; the eligibility
rules of awards read them through `ratings_for_person`, `ratings_for_unit` and `ratings_for_people`.
A collective's ratings follow mergers: the years of the units merged into it count for it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import acting_as, because
from portal.dates import plausible_year_bounds
from portal.errors import DomainError

from ..enums import DutyRatingLevel
from ..models import DutyRating
from .lineage import lineage_ids


class RatingError(DomainError):
    pass


def ratable(user):
    """(people, units) `user` may rate: officers everyone; a unit officer its unit's people (and those of
    the units merged into it) and its unit with its sub-units (`rules.rating_scope`)."""
    from ..models import Person, Unit
    from ..rules import is_officer, rating_scope

    people, units = Person.objects.select_related("unit"), Unit.objects.all()
    if is_officer(user):
        return people, units
    person_units, unit_ids = rating_scope(user) if user.unit_id else (frozenset(), frozenset())
    return people.filter(unit_id__in=person_units), units.filter(pk__in=unit_ids)


def _check_values(*, year, rating, source_document):
    lowest, highest = plausible_year_bounds()
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise RatingError(_("The rating year is missing.")) from None
    if not lowest <= year <= highest:
        raise RatingError(
            _("The year {year} is not plausible: enter a year between {lowest} and {highest}.").format(
                year=year, lowest=lowest, highest=highest
            )
        )
    if rating not in DutyRatingLevel.values:
        raise RatingError(_("Choose a rating of duty completion."))
    source_document = (source_document or "").strip()
    if not source_document:
        raise RatingError(_("Name the source document of the rating (the decision's number and date, or the list)."))
    return year, source_document


def _check_may_rate(rating, by):
    if by is not None and not by.has_perm("directory.change_dutyrating", rating):
        raise RatingError(_("You may rate only your own unit and its people."))


def _check_member_count(member_count, unit):
    if member_count is None:
        return None
    if unit is None:
        raise RatingError(_("Only a collective's rating states how many members it had."))
    if member_count < 1 or member_count > 1_000_000:
        raise RatingError(_("The number of members must be between 1 and 1,000,000."))
    return member_count


def record_rating(*, person=None, unit=None, year, rating, source_document, by, member_count=None):
    """Record the rating of `person` or `unit` for `year`.

    Refuses (RatingError, nothing written) both or neither recipient, an implausible year, an
    unknown rating, a missing source, a recipient outside `by`'s unit, or a rating already stored
    for that recipient and year (correct it instead).
    Side effects: writes one DutyRating (audited as `by`).
    """
    if (person is None) == (unit is None):
        raise RatingError(_("A rating is for either a person or a unit, never both and never neither."))
    year, source_document = _check_values(year=year, rating=rating, source_document=source_document)
    candidate = DutyRating(
        person=person,
        unit=unit,
        year=year,
        rating=rating,
        source_document=source_document,
        recorded_by=by,
        member_count=_check_member_count(member_count, unit),
    )
    _check_may_rate(candidate, by)
    existing = DutyRating.objects.filter(year=year, **({"person": person} if person else {"unit": unit}))
    if existing.exists():
        raise RatingError(
            _("{recipient} already has a rating for {year}; correct it instead.").format(
                recipient=person or unit, year=year
            )
        )
    with transaction.atomic(), acting_as(by):
        candidate.save()
    return candidate


def correct_rating(*, rating, level, source_document, by, reason, member_count=None):
    """Change a stored rating's level, source document and (a collective's) member count; `reason` is
    required and kept in the history.

    Side effects: updates the DutyRating (audited as `by`, with `reason`).
    """
    reason = (reason or "").strip()
    if not reason:
        raise RatingError(_("Give the reason for the correction."))
    _check_may_rate(rating, by)
    _year, source_document = _check_values(year=rating.year, rating=level, source_document=source_document)
    with transaction.atomic(), acting_as(by), because(reason):
        rating.rating = level
        rating.source_document = source_document
        rating.member_count = _check_member_count(member_count, rating.unit)
        rating.save(update_fields=["rating", "source_document", "member_count", "updated_at"])
    return rating


def delete_rating(*, rating, by, reason):
    """Delete a rating recorded by mistake; `reason` is required and kept in the history.

    Side effects: deletes the DutyRating (the deletion is audited as `by`, with `reason`).
    """
    reason = (reason or "").strip()
    if not reason:
        raise RatingError(_("Give the reason for deleting the rating."))
    _check_may_rate(rating, by)
    with transaction.atomic(), acting_as(by), because(reason):
        rating.delete()


def _years_filter(queryset, years):
    return queryset if years is None else queryset.filter(year__in=list(years))


def ratings_for_person(person, years=None):
    """{year: DutyRatingLevel value} of `person` (only `years` when given). One query."""
    rows = _years_filter(DutyRating.objects.filter(person=person), years)
    return dict(rows.values_list("year", "rating"))


def ratings_for_unit(unit, years=None):
    """{year: DutyRatingLevel value} of the collective `unit`, following mergers.

    The years of every unit merged into `unit` (directly or through others) count as its own.
    Where two of them were rated for the same year, the LOWEST rating is taken: the merged unit
    may claim only what all of its parts achieved (conservative, so a merger never turns one
    part's excellence into the whole unit's). The unit's own rating for a year, when recorded,
    wins over its predecessors'. Queries: one per generation of mergers, plus one.
    """
    lineage = lineage_ids(unit)
    rows = _years_filter(DutyRating.objects.filter(unit_id__in=lineage), years).values_list("unit_id", "year", "rating")
    own, merged = {}, {}
    for unit_id, year, rating in rows:
        if unit_id == unit.pk:
            own[year] = rating
        elif year not in merged or DutyRatingLevel.rank(rating) < DutyRatingLevel.rank(merged[year]):
            merged[year] = rating
    return {**merged, **own}


def ratings_for_people(*, people, year):
    """{person_id: DutyRatingLevel value} for the people of queryset `people` in `year`, in one query."""
    return dict(DutyRating.objects.filter(person__in=people, year=year).values_list("person_id", "rating"))


def years_rated(ratings, at_least):
    """The years of a {year: rating} map rated `at_least` (a DutyRatingLevel) or better."""
    levels = DutyRatingLevel.at_least(at_least)
    return {year for year, rating in ratings.items() if rating in levels}


def ratings_in_year(*, person_ids, unit_ids, year):
    """({person_id: DutyRating}, {unit_id: DutyRating}) of `year` for those recipients: one query.

    For pages listing many recipients (a dossier's nominees); a unit's own rating, not its predecessors'.
    """
    from django.db.models import Q

    rows = DutyRating.objects.filter(Q(person_id__in=set(person_ids)) | Q(unit_id__in=set(unit_ids)), year=year)
    people, units = {}, {}
    for rating in rows:
        if rating.person_id:
            people[rating.person_id] = rating
        else:
            units[rating.unit_id] = rating
    return people, units
