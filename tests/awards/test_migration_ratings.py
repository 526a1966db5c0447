"""Migration awards 0008: each nominee flagged excellent becomes an excellent rating, and back."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("awards", "0007_commendation_types_catalogue"), ("directory", "0004_duty_ratings")]
AFTER = [("awards", "0008_nominee_without_is_excellent")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_excellent_flags_become_ratings_and_come_back():
    apps = migrate(BEFORE)
    Unit = apps.get_model("directory", "Unit")
    Person = apps.get_model("directory", "Person")
    Award = apps.get_model("awards", "Award")
    Proposal = apps.get_model("awards", "Proposal")
    Nominee = apps.get_model("awards", "Nominee")
    DutyRating = apps.get_model("directory", "DutyRating")
    unit = Unit.objects.create(name="Sở Y tế", kind="department")
    flagged = Person.objects.create(full_name="Nguyễn Thị Lan", gender="female", unit=unit)
    already = Person.objects.create(full_name="Trần Văn Bình", gender="male", unit=unit)
    award = Award.objects.create(code="CSTDCS-T", name="Chiến sĩ thi đua cơ sở", recipient_kind="individual")
    # The catalogue migration may have installed LDTT already: as an older installation had it, with no rule.
    advanced, _created = Award.objects.update_or_create(
        code="LDTT", defaults={"name": "Lao động tiên tiến", "recipient_kind": "individual", "rule": "none"}
    )
    proposal = Proposal.objects.create(
        title="Khen thưởng năm 2025", unit=unit, year=2025, deadline=date(2025, 12, 10), state="draft"
    )
    Nominee.objects.create(proposal=proposal, award=award, person=flagged, year=2025, is_excellent=True)
    Nominee.objects.create(proposal=proposal, award=award, person=already, year=2025, is_excellent=True)
    Nominee.objects.create(proposal=proposal, award=award, unit=unit, year=2025, is_excellent=False)
    DutyRating.objects.create(person=already, year=2025, rating="good", source_document="QĐ 1")

    apps = migrate(AFTER)
    DutyRating = apps.get_model("directory", "DutyRating")
    rows = {(row.person_id, row.rating, row.source_document) for row in DutyRating.objects.all()}
    assert rows == {
        (flagged.pk, "excellent", "Hồ sơ đề nghị khen thưởng: Khen thưởng năm 2025"),
        (already.pk, "good", "QĐ 1"),  # a stored rating is kept
    }
    assert apps.get_model("awards", "Award").objects.get(pk=advanced.pk).rule == "advanced_worker"

    apps = migrate(BEFORE)
    Nominee = apps.get_model("awards", "Nominee")
    assert Nominee.objects.get(person_id=flagged.pk).is_excellent
    assert apps.get_model("directory", "DutyRating").objects.count() == 1
    migrate(latest())  # every later migration too: the next tests need the whole schema


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
