"""The audit history: who changed what and when, before and after, as officers read it."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from directory.models import Unit
from portal.audit import acting_as, history_for
from tests.factories import UnitFactory


@pytest.mark.django_db
def test_history_records_who_changed_which_field_before_and_after(officer):
    successor = UnitFactory(name="Ninh Bình")
    unit = UnitFactory(name="Nam Định")
    with acting_as(officer):
        unit.valid_until = date(2025, 6, 30)
        unit.successor = successor
        unit.save()

    latest = history_for(unit)[0]

    assert latest.actor == officer
    changes = {change.label: (change.before, change.after) for change in latest.changes}
    assert changes == {"hiệu lực đến": ("—", "30/06/2025"), "sáp nhập vào": ("—", "Ninh Bình")}


@pytest.mark.django_db
def test_history_of_a_new_unit_lists_only_its_own_columns():
    unit = UnitFactory(name="Hà Nội", code="01")

    created = history_for(unit)[0]

    labels = {change.label for change in created.changes}
    assert "tên" in labels
    assert not any("." in change.after for change in created.changes)  # no "directory.Unit.None"


@pytest.mark.django_db
def test_history_is_kept_after_a_unit_is_deleted():
    unit = UnitFactory(name="Đơn vị tạm")
    pk = unit.pk

    unit.delete()

    assert LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).count() == 1
    assert not Unit.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_history_shows_many_to_many_additions_and_removals(officer):
    from django.contrib.contenttypes.models import ContentType

    from clusters.models import Cluster, Term

    term = Term.objects.create(
        cluster=Cluster.objects.create(name="Cụm", kind="cluster"), year=2022, lead_unit=UnitFactory(name="Bắc Ninh")
    )
    for operation in ("add", "delete"):
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(Term),
            object_pk=str(term.pk),
            object_id=term.pk,
            object_repr=str(term),
            action=LogEntry.Action.UPDATE,
            actor=officer,
            changes={"members": {"type": "m2m", "operation": operation, "objects": ["Hưng Yên", "Hà Nam"]}},
        )

    removed, added = history_for(term)[:2]

    assert (added.changes[0].before, added.changes[0].after) == ("—", "Hưng Yên, Hà Nam")
    assert (removed.changes[0].before, removed.changes[0].after) == ("Hưng Yên, Hà Nam", "—")


@pytest.mark.django_db
def test_a_reason_given_for_a_change_is_shown_with_it(officer):
    from portal.audit import because

    unit = UnitFactory(name="Hà Nam")
    with acting_as(officer), because("  Sáp nhập theo Nghị quyết 202/2025/QH15 "):
        unit.valid_until = date(2025, 6, 30)
        unit.save()
    unit.name = "Hà Nam (cũ)"
    unit.save()

    latest, with_reason = history_for(unit)[:2]

    assert with_reason.reason == "Sáp nhập theo Nghị quyết 202/2025/QH15"
    assert latest.reason == ""


@pytest.mark.django_db
def test_the_history_of_a_record_includes_its_child_rows_naming_each():
    from clusters.models import Cluster, Term, TermMember

    term = Term.objects.create(
        cluster=Cluster.objects.create(name="Khối", kind="bloc"), year=2024, lead_unit=UnitFactory(name="Hoa Lư")
    )
    member = TermMember.objects.create(term=term, unit=UnitFactory(name="Kim Sơn"))
    member.excluded_reason = "Không nộp phiếu"
    member.save()

    rows = history_for(term, children=[TermMember.objects.filter(term=term)])

    assert [row.subject for row in rows[:2]] == [str(member), str(member)]
    assert rows[-1].subject == ""  # the term's own creation
    assert any(change.after == "Không nộp phiếu" for change in rows[0].changes)
