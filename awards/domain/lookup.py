"""The award history lookup: people and units found without diacritics, with their awards by year."""

from collections import defaultdict

from directory.models import Unit

from ..models import AwardRecord

UNIT_LIMIT = 10


def recipient_records(nominee):
    """The award history of a nominee's recipient: the person's records, or the collective records of
    the unit and of every unit that merged into it."""
    from directory.domain.lineage import lineage_ids

    if nominee.person_id:
        return AwardRecord.objects.filter(person_id=nominee.person_id)
    return AwardRecord.objects.filter(unit_id__in=lineage_ids(nominee.unit), is_collective=True)


def lineages(units):
    """{unit pk: set of pks of it and every unit that merged into it}, one query per merger generation."""
    owner = {unit.pk: unit.pk for unit in units}
    result = {unit.pk: {unit.pk} for unit in units}
    frontier = set(owner)
    while frontier:
        rows = list(Unit.objects.filter(successor_id__in=frontier).values_list("pk", "successor_id"))
        frontier = set()
        for pk, successor_id in rows:
            for root in {owner_root for key, owner_root in owner.items() if key == successor_id}:
                if pk not in result[root]:
                    result[root].add(pk)
                    owner.setdefault(pk, root)
                    frontier.add(pk)
    return result


def unit_histories(query):
    """Units matching `query` (at most 10), each with its collective awards and its predecessors', by year."""
    units = list(Unit.objects.search(query).select_related("successor")[:UNIT_LIMIT])
    if not units:
        return []
    family = lineages(units)
    all_pks = set().union(*family.values())
    records = (
        AwardRecord.objects.filter(unit_id__in=all_pks, is_collective=True)
        .select_related("award", "unit")
        .order_by("-year", "pk")
    )
    by_unit = defaultdict(list)
    for record in records:
        for root, members in family.items():
            if record.unit_id in members:
                by_unit[root].append(record)
    return [{"unit": unit, "records": by_unit.get(unit.pk, [])} for unit in units]
