"""Following a unit across mergers: history that belonged to a predecessor counts for its successor."""

from ..models import Unit


def lineage_ids(unit):
    """The pks of `unit` and of every unit that merged into it, directly or through others.

    One query per generation of mergers (two at most for the 2025 reorganisation).
    """
    found = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        frontier = [
            pk for pk in Unit.objects.filter(successor_id__in=frontier).values_list("pk", flat=True) if pk not in found
        ]
        found.update(frontier)
    return found


def sub_unit_ids(unit_ids):
    """`unit_ids` and every unit below them (`parent`), at any depth: one query a level."""
    found = set(unit_ids)
    frontier = list(found)
    while frontier:
        frontier = [
            pk for pk in Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True) if pk not in found
        ]
        found.update(frontier)
    return found


def unit_scope(unit):
    """(person unit ids, unit ids) a unit officer of `unit` acts on: the people of `unit` and of the units
    merged into it, and those units with their sub-units at any depth (the boundary awards also use)."""
    lineage = lineage_ids(unit)
    return frozenset(lineage), frozenset(sub_unit_ids(lineage))


def successor_chain(unit):
    """The units `unit` became part of, in order (Nam Định -> Ninh Bình)."""
    chain = []
    seen = {unit.pk}
    current = unit.successor
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.successor
    return chain
