"""One text form: what is typed, saved or already stored decomposed (NFD) ends up NFC, and the
people that revealed twice are merged (or listed when merging is unsafe)."""

import io
import unicodedata
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from awards.models import AwardRecord, Nominee
from directory.domain.duplicates import REASON_BIRTH_DATES, REASON_LINKS, find_duplicate_people
from directory.management.commands.normalise_text import normalise_and_merge
from directory.models import Person, Unit
from portal.text import normalise_stored_text
from tests.factories.awards import AwardRecordFactory, NomineeFactory
from tests.factories.directory import PersonFactory, UnitFactory

NAME = "Nguyễn Thị Ánh Tuyết"
DECOMPOSED = unicodedata.normalize("NFD", NAME)


def store_decomposed(person, name=DECOMPOSED):
    """Write `name` as is, the way rows stored before NFC normalisation were (no save signal)."""
    Person.objects.filter(pk=person.pk).update(full_name=name)


def test_the_two_spellings_differ():
    assert DECOMPOSED != NAME and len(DECOMPOSED) > len(NAME)


@pytest.mark.django_db
def test_nfd_typed_in_the_form_is_stored_nfc_and_matches_the_existing_person(client_as, officer, member_unit):
    existing = PersonFactory(full_name=NAME, unit=member_unit)

    response = client_as(officer).post(
        "/directory/people/new/",
        {"full_name": DECOMPOSED, "gender": "female", "position": "Chuyên viên", "unit": member_unit.pk},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Person.objects.exclude(pk=existing.pk).get()
    assert created.full_name == NAME
    assert set(Person.objects.filter(full_name=NAME)) == {existing, created}
    assert set(Person.objects.search(DECOMPOSED)) == {existing, created}
    assert set(Person.objects.search("tuyet")) == {existing, created}


@pytest.mark.django_db
def test_domain_code_and_seeds_cannot_store_nfd():
    unit = Unit.objects.create(name=unicodedata.normalize("NFD", "Sở Nội vụ"), kind="department")
    person = PersonFactory(full_name=DECOMPOSED, position=unicodedata.normalize("NFD", "Phó Giám đốc"), unit=unit)

    unit.refresh_from_db()
    person.refresh_from_db()
    assert unit.name == "Sở Nội vụ"
    assert (person.full_name, person.position) == (NAME, "Phó Giám đốc")


@pytest.mark.django_db
def test_the_migration_step_merges_a_planted_duplicate_and_keeps_its_links():
    unit = UnitFactory()
    kept = PersonFactory(full_name=NAME, unit=unit, date_of_birth=None, position="")
    duplicate = PersonFactory(full_name=NAME, unit=unit, date_of_birth=date(1980, 5, 17), position="Kế toán")
    store_decomposed(duplicate)
    record = AwardRecordFactory(person=duplicate)
    AwardRecord.objects.filter(pk=record.pk).update(recipient_name=DECOMPOSED)
    nominee = NomineeFactory(person=duplicate)
    # Same name elsewhere, or a different birth date: not the same person for sure, left for an officer.
    other_unit = PersonFactory(full_name=NAME)
    born_1975 = PersonFactory(full_name=NAME, unit=UnitFactory(), date_of_birth=date(1975, 1, 1))
    born_1990 = PersonFactory(full_name=DECOMPOSED, unit=born_1975.unit, date_of_birth=date(1990, 1, 1))
    store_decomposed(born_1990)

    lines = []
    report = normalise_and_merge(write=lines.append)

    assert report.merged == [(kept.pk, [duplicate.pk])]
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    kept.refresh_from_db()
    assert (kept.full_name, kept.date_of_birth, kept.position) == (NAME, date(1980, 5, 17), "Kế toán")
    assert AwardRecord.objects.get(pk=record.pk).person == kept
    assert AwardRecord.objects.get(pk=record.pk).recipient_name == NAME
    assert Nominee.objects.get(pk=nominee.pk).person == kept
    assert set(Person.objects.search("anh tuyet")) == {kept, other_unit, born_1975, born_1990}
    assert Person.objects.get(pk=born_1990.pk).full_name == NAME
    [unsafe] = report.unsafe
    assert (unsafe.pks, unsafe.reason) == ([born_1975.pk, born_1990.pk], REASON_BIRTH_DATES)
    assert any("awards.AwardRecord: 1 row(s)" in line for line in lines)
    assert any(str(born_1990.pk) in line and "an officer must decide" in line for line in lines)
    # Run again (the command does the same): nothing left to do, the unsafe pair still listed.
    assert normalise_stored_text() == {}
    out = io.StringIO()
    call_command("normalise_text", stdout=out)
    assert "0 group(s) merged, 1 left for an officer." in out.getvalue()


@pytest.mark.django_db
def test_duplicates_whose_links_would_collide_are_left_for_an_officer():
    first = PersonFactory(full_name=NAME)
    second = PersonFactory(full_name=NAME, unit=first.unit)
    store_decomposed(second)
    nominee = NomineeFactory(person=first)
    NomineeFactory(person=second, award=nominee.award, year=nominee.year)

    report = normalise_and_merge()

    assert report.merged == []
    assert [(group.pks, group.reason) for group in report.unsafe] == [([first.pk, second.pk], REASON_LINKS)]
    assert Person.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert Nominee.objects.filter(person=second).count() == 1
    assert [group.pks for group in find_duplicate_people()] == [[first.pk, second.pk]]


@pytest.mark.django_db
def test_the_data_migration_runs_on_the_historical_models():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = import_module("directory.migrations.0003_messages_nfc_people")
    state = MigrationLoader(connection).project_state(("directory", "0003_messages_nfc_people"))
    kept = PersonFactory(full_name=NAME)
    duplicate = PersonFactory(full_name=NAME, unit=kept.unit)
    store_decomposed(duplicate)
    nominee = NomineeFactory(person=duplicate)

    migration.normalise(state.apps, SimpleNamespace(connection=connection))  # all it reads of the editor

    assert list(Person.objects.filter(unit=kept.unit)) == [kept]
    assert Nominee.objects.get(pk=nominee.pk).person == kept
