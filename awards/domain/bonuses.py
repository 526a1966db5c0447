"""Only the highest title of a period pays (Decree 152/2025), whatever the order of the decisions.

Of the titles conferred on one recipient (a person, or a collective) for one year, the total paid is
the bonus of the highest: a later higher title pays only the difference with what the period
already paid, a later lower (or equal) one pays nothing. Forms always pay in full. The annex of a
decision says so on each reduced row (`bonus_notes`).

Used by `decisions.decide` (new records) and `corrections.correct_decision` (a new signing date).
"""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from portal.numbers import format_number

from ..enums import AwardCategory
from ..models import AwardRecord


def period_key(*, person_id, unit_id, is_collective, year):
    """The recipient and period a title pays for: the person, or the collective unit, and the year."""
    return ("unit", unit_id, year) if is_collective else ("person", person_id, year)


def same_period_titles(*, person_id, unit_id, is_collective, year):
    """Award records of titles for the same recipient and period (a person, or a collective)."""
    records = AwardRecord.objects.filter(year=year, award__category=AwardCategory.TITLE)
    if not is_collective:
        return records.filter(person_id=person_id)
    return records.filter(unit_id=unit_id, is_collective=True)


def paid_for_period(*, person_id, unit_id, is_collective, year, exclude_decision=None, before=None):
    """What the recipient was already paid for titles of `year`, all decisions together.

    `exclude_decision` leaves out the rows of one decision (the one being corrected); `before` counts
    only rows recorded before that record pk (the decisions that came earlier).
    """
    records = same_period_titles(person_id=person_id, unit_id=unit_id, is_collective=is_collective, year=year)
    if exclude_decision is not None:
        records = records.exclude(decision_id=exclude_decision)
    if before is not None:
        records = records.filter(pk__lt=before)
    return sum(records.values_list("amount", flat=True), Decimal(0))


def title_amount(*, full, award, person_id, unit_id, is_collective, year, exclude_decision=None, before=None):
    """The bonus a title pays given what its period already paid: the difference, never below zero.

    A form pays `full`. `exclude_decision` and `before` as in `paid_for_period`.
    """
    if award.category != AwardCategory.TITLE:
        return full
    paid = paid_for_period(
        person_id=person_id,
        unit_id=unit_id,
        is_collective=is_collective,
        year=year,
        exclude_decision=exclude_decision,
        before=before,
    )
    return max(Decimal(0), full - paid)


def corrected_amounts(records, *, full):
    """{record pk: amount} for the rows of one decision whose date changed, `full` giving each row's full bonus.

    Within the decision, of the titles of one recipient and period the highest pays and the others
    nothing (as `decisions.decide` did); the highest pays the difference with what the decisions
    recorded before it paid. Decisions recorded after it keep what they paid: that money is paid
    already (a date correction rarely changes the base salary in force).
    """
    best = {}
    for record in records:
        if record.award.category != AwardCategory.TITLE:
            continue
        key = _key(record)
        if key not in best or full[record.pk] > full[best[key].pk]:
            best[key] = record
    amounts = {}
    for record in records:
        if record.award.category != AwardCategory.TITLE:
            amounts[record.pk] = full[record.pk]
        elif best[_key(record)].pk != record.pk:
            amounts[record.pk] = Decimal(0)
        else:
            amounts[record.pk] = title_amount(
                full=full[record.pk],
                award=record.award,
                person_id=record.person_id,
                unit_id=record.unit_id,
                is_collective=record.is_collective,
                year=record.year,
                exclude_decision=record.decision_id,
                before=record.pk,
            )
    return amounts


def _note(record, others):
    """The annex's sentence for `record` given the other title records of its period ("" when it pays in full)."""
    if record.amount == 0:
        paying = sorted((row for row in others if row.amount > 0), key=lambda row: (-row.amount, row.pk))
        if not paying:
            return ""
        return _("No bonus: {award} of {year} already pays the bonus of this period.").format(
            award=paying[0].award, year=record.year
        )
    earlier = sorted((row for row in others if row.pk < record.pk and row.amount > 0), key=lambda row: row.pk)
    if not earlier:
        return ""
    paid = sum((row.amount for row in earlier), Decimal(0))
    return _("Only the difference is paid: {amount} VND was already paid for {awards} of {year}.").format(
        amount=format_number(paid, 0), awards=", ".join(str(row.award) for row in earlier), year=record.year
    )


def _key(record):
    return period_key(
        person_id=record.person_id, unit_id=record.unit_id, is_collective=record.is_collective, year=record.year
    )


def bonus_notes(records):
    """{record pk: why its bonus is less than the full amount} for the title rows of `records` (one query).

    "Only the difference is paid" when an earlier title of the period was paid, "no bonus" when
    another title of the period pays at least as much; rows paying in full have no entry.
    """
    titles = [record for record in records if record.award.category == AwardCategory.TITLE]
    if not titles:
        return {}
    condition = Q()
    for record in titles:
        if record.is_collective:
            condition |= Q(unit_id=record.unit_id, is_collective=True, year=record.year)
        else:
            condition |= Q(person_id=record.person_id, year=record.year)
    period_rows = {}
    for row in AwardRecord.objects.filter(condition, award__category=AwardCategory.TITLE).select_related("award"):
        period_rows.setdefault(_key(row), []).append(row)
    notes = {}
    for record in titles:
        others = [row for row in period_rows.get(_key(record), []) if row.pk != record.pk]
        note = _note(record, others)
        if note:
            notes[record.pk] = note
    return notes


def bonus_note(record):
    """The annex's sentence for one record ("" when it pays in full); `bonus_notes` for many."""
    return bonus_notes([record]).get(record.pk, "")
