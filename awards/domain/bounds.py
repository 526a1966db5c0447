"""What a unit may put in its own dossier: its people, its sub-units, the terms and movements it takes part in.

A unit officer proposes only within its boundary; officers (the provincial office, who may process
proposals) are not bounded. The boundary of a unit is the unit and every unit that merged into it
(history follows mergers), plus their sub-units (`parent`) at any depth for collective awards; its
people are the people of the unit and of the units that merged into it (what the directory lets a
unit officer see).

    bounds = boundary(user, proposal.unit)
    bounds.people(Person.objects.all())   # the people the user may propose
    bounds.units(Unit.objects.all())      # the units (collectives) the user may propose
"""

from dataclasses import dataclass

from directory.domain.lineage import lineage_ids, sub_unit_ids


def is_unbounded(user):
    """Officers of the office propose anyone, anywhere."""
    return user is not None and user.has_perm("awards.process_proposal")


@dataclass(frozen=True)
class Boundary:
    """`person_unit_ids` / `unit_ids` None: unbounded."""

    person_unit_ids: frozenset | None
    unit_ids: frozenset | None

    @property
    def is_bounded(self):
        return self.unit_ids is not None

    def people(self, queryset):
        return queryset if self.person_unit_ids is None else queryset.filter(unit_id__in=self.person_unit_ids)

    def units(self, queryset):
        return queryset if self.unit_ids is None else queryset.filter(pk__in=self.unit_ids)

    def has_person(self, person):
        return self.person_unit_ids is None or person.unit_id in self.person_unit_ids

    def has_unit(self, unit):
        return self.unit_ids is None or unit.pk in self.unit_ids


UNBOUNDED = Boundary(None, None)


def unit_boundary(unit):
    """The boundary of `unit`, whoever asks."""
    lineage = lineage_ids(unit)
    return Boundary(person_unit_ids=frozenset(lineage), unit_ids=frozenset(sub_unit_ids(lineage)))


def boundary(user, unit):
    """What `user` may propose in a dossier of `unit`: unbounded for officers, `unit`'s boundary otherwise."""
    return UNBOUNDED if is_unbounded(user) else unit_boundary(unit)


def linkable_terms(user, unit_id, queryset):
    """The cluster terms a proposal of unit `unit_id` made by `user` may link: those the unit is a member of."""
    return queryset if is_unbounded(user) else queryset.filter(memberships__unit_id=unit_id).distinct()


def linkable_reviews(user, unit_id, queryset):
    """The movement reviews a proposal of unit `unit_id` may link: of movements the unit takes part
    in (a participant, or registered)."""
    if is_unbounded(user):
        return queryset
    from django.db.models import Q

    return queryset.filter(
        Q(movement__participants__id=unit_id) | Q(movement__registrations__unit_id=unit_id)
    ).distinct()
