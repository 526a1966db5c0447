"""People who exist twice: the same name once stored decomposed (NFD) and once composed (NFC).

`find_duplicate_people` groups people by NFC name (spaces collapsed) and unit; `merge_duplicate_people`
merges each group whose birth dates (and genders) agree where known: every row pointing at a
duplicate is repointed to the kept person (the oldest), blank details are filled from the others,
and the duplicates are deleted, one transaction per group. A group it cannot merge safely (different
birth dates or genders, or repointed links that would break a uniqueness rule such as the same
person nominated twice for the same award and year) is left as it is and listed for an officer
(`manage.py normalise_text` prints them; `directory:duplicate_people` shows them).

Both take a model registry (the live apps, or a migration's historical apps), so the data
migration runs the same code.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from portal.text import nfc

__all__ = ["DuplicateGroup", "MergeReport", "find_duplicate_people", "merge_duplicate_people", "same_name"]

REASON_BIRTH_DATES = "different birth dates"
REASON_GENDERS = "different genders"
REASON_LINKS = "links would collide"
REASON_SAME = "same details"  # the page only: nothing tells them apart (entered twice since the merge)


def same_name(name):
    """The key two spellings of one name share: NFC, spaces collapsed (case and accents kept)."""
    return " ".join(nfc(name or "").split())


@dataclass
class DuplicateGroup:
    name: str
    unit_id: int
    people: list = field(default_factory=list)  # Person rows, oldest first
    reason: str = ""  # why it was not merged (empty when it can be)

    @property
    def pks(self):
        return [person.pk for person in self.people]


@dataclass
class MergeReport:
    merged: list = field(default_factory=list)  # (kept pk, [deleted pks])
    unsafe: list = field(default_factory=list)  # DuplicateGroup with its reason


def _person_model(registry):
    if registry is None:
        from django.apps import apps as registry
    return registry.get_model("directory", "Person")


def find_duplicate_people(registry=None, *, using="default"):
    """Every group of two or more people with the same NFC name in the same unit, with the reason it
    cannot be merged safely when there is one (different known birth dates or genders)."""
    person_model = _person_model(registry)
    groups = {}
    for person in person_model._base_manager.using(using).order_by("pk"):
        key = (person.unit_id, same_name(person.full_name))
        groups.setdefault(key, []).append(person)
    found = []
    for (unit_id, name), people in groups.items():
        if len(people) < 2:
            continue
        group = DuplicateGroup(name=name, unit_id=unit_id, people=people)
        if len({person.date_of_birth for person in people if person.date_of_birth}) > 1:
            group.reason = REASON_BIRTH_DATES
        elif len({person.gender for person in people if person.gender}) > 1:
            group.reason = REASON_GENDERS
        found.append(group)
    return found


def _repoint(person_model, kept, others, using):
    """Point every foreign key (and many-to-many row) at `others` to `kept`."""
    for relation in person_model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            for through_field in through._meta.concrete_fields:
                remote = getattr(through_field, "remote_field", None)
                if remote is not None and remote.model is person_model:
                    through._base_manager.using(using).filter(**{f"{through_field.name}__in": others}).update(
                        **{through_field.name: kept}
                    )
        elif relation.one_to_many or relation.one_to_one:
            related_model, name = relation.related_model, relation.field.name
            related_model._base_manager.using(using).filter(**{f"{name}__in": others}).update(**{name: kept})


def _merge(person_model, group, using):
    kept, others = group.people[0], group.people[1:]
    for detail in ("date_of_birth", "position", "email", "gender"):
        if not getattr(kept, detail):
            value = next((getattr(other, detail) for other in others if getattr(other, detail)), None)
            if value:
                setattr(kept, detail, value)
    kept.full_name = group.name
    _repoint(person_model, kept, others, using)
    person_model._base_manager.using(using).filter(pk__in=[other.pk for other in others]).delete()
    person_model._base_manager.using(using).filter(pk=kept.pk).update(
        full_name=kept.full_name,
        date_of_birth=kept.date_of_birth,
        position=kept.position,
        email=kept.email,
        gender=kept.gender,
    )


def merge_duplicate_people(registry=None, *, using="default"):
    """Merge every safe group of duplicates (one transaction each); a `MergeReport` of what was
    merged and what is left for an officer. Side effects: UPDATEs of every row pointing at a merged
    person, DELETE of the duplicates; nothing for an unsafe group."""
    person_model = _person_model(registry)
    report = MergeReport()
    for group in find_duplicate_people(registry, using=using):
        if group.reason:
            report.unsafe.append(group)
            continue
        try:
            with transaction.atomic(using=using):
                _merge(person_model, group, using)
        except IntegrityError:
            group.reason = REASON_LINKS
            report.unsafe.append(group)
            continue
        report.merged.append((group.pks[0], group.pks[1:]))
    return report


def duplicate_candidates():
    """The groups an officer must look at (live models): people sharing an exact (NFC) name in one
    unit, each with the reason they were not merged. Three queries whatever the directory's size."""
    from django.db.models import Count

    from directory.models import Person

    pairs = (
        Person.objects.values("unit_id", "full_name")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("unit_id", "full_name")
    )
    keys = set(pairs)
    if not keys:
        return []
    people = Person.objects.filter(unit_id__in={unit for unit, _name in keys}, full_name__in={n for _u, n in keys})
    groups = {}
    for person in people.select_related("unit").order_by("pk"):
        if (person.unit_id, person.full_name) in keys:
            groups.setdefault((person.unit_id, person.full_name), []).append(person)
    found = []
    for (unit_id, name), members in sorted(groups.items(), key=lambda item: (item[1][0].unit.name, item[0][1])):
        group = DuplicateGroup(name=name, unit_id=unit_id, people=members)
        if len({person.date_of_birth for person in members if person.date_of_birth}) > 1:
            group.reason = REASON_BIRTH_DATES
        elif len({person.gender for person in members if person.gender}) > 1:
            group.reason = REASON_GENDERS
        else:
            group.reason = REASON_SAME
        found.append(group)
    return found
