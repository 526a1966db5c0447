from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.domain.lineage import lineage_ids, successor_chain
from directory.models import Unit
from tests.factories import UnitFactory


@pytest.mark.django_db
def test_unit_validity_must_be_ordered_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(valid_from=date(2025, 7, 1), valid_until=date(2025, 6, 30))


@pytest.mark.django_db
def test_unit_clean_explains_unordered_validity_in_vietnamese():
    unit = UnitFactory.build(valid_from=date(2025, 7, 1), valid_until=date(2025, 6, 30))

    with pytest.raises(ValidationError) as error:
        unit.clean()

    assert "valid_until" in error.value.message_dict


@pytest.mark.django_db
def test_unit_code_is_unique_but_many_units_may_have_none():
    UnitFactory(code="")
    UnitFactory(code="")
    UnitFactory(code="36")

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(code="36")


@pytest.mark.django_db
def test_unit_cannot_be_its_own_successor():
    unit = UnitFactory(valid_until=date(2025, 6, 30))
    unit.successor = unit

    with pytest.raises(IntegrityError), transaction.atomic():
        unit.save()


@pytest.mark.django_db
def test_unit_search_text_follows_renames():
    unit = UnitFactory(name="Nam Định")
    unit.name = "Ninh Bình"
    unit.save(update_fields=["name"])

    assert list(Unit.objects.search("ninh binh")) == [unit]
    assert list(Unit.objects.search("nam dinh")) == []


@pytest.mark.django_db
def test_current_and_historical_split_on_the_validity_dates():
    old = UnitFactory(valid_until=date(2025, 6, 30))
    new = UnitFactory(valid_from=date(2025, 7, 1))

    assert list(Unit.objects.current(on=date(2025, 6, 30))) == [old]
    assert list(Unit.objects.current(on=date(2025, 7, 1))) == [new]
    assert list(Unit.objects.historical(on=date(2025, 7, 1))) == [old]


@pytest.mark.django_db
def test_lineage_follows_mergers_over_several_generations():
    ninh_binh = UnitFactory(name="Ninh Bình", valid_from=date(2025, 7, 1))
    nam_dinh = UnitFactory(name="Nam Định", valid_until=date(2025, 6, 30), successor=ninh_binh)
    ha_nam_nam_ninh = UnitFactory(name="Hà Nam Ninh", valid_until=date(1991, 12, 31), successor=nam_dinh)
    unrelated = UnitFactory(name="Hà Nội")

    assert lineage_ids(ninh_binh) == {ninh_binh.pk, nam_dinh.pk, ha_nam_nam_ninh.pk}
    assert unrelated.pk not in lineage_ids(ninh_binh)
    assert successor_chain(ha_nam_nam_ninh) == [nam_dinh, ninh_binh]


@pytest.mark.django_db
def test_user_roles_list_every_role_held(officer, administrator):
    officer.is_council_member = True

    assert [role.value for role in officer.roles] == ["provincial_officer", "council_member"]
    assert [role.value for role in administrator.roles] == ["administrator"]
