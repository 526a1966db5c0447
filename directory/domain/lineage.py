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
