"""Issue 14 (fields): the demo's office (forms 0604.N, 0605.N) and the movements' varied rows (0601.N)."""

import pytest

from directory.domain import demo
from directory.domain.demo_office import DEMO_YEAR
from directory.models import OfficeOrganisation, OfficeStaff, Unit
from tests.permissions import snapshot

pytestmark = pytest.mark.django_db


def test_the_demo_office_fills_every_row_of_the_forms_and_is_idempotent():
    demo.seed(with_logins=False)
    before = snapshot()
    demo.seed(with_logins=False)
    assert snapshot() == before

    structures = list(OfficeOrganisation.objects.values_list("structure", flat=True))
    assert sorted(set(structures)) == ["commune_unit", "department_unit", "provincial_board", "provincial_division"]
    assert (structures.count("provincial_division"), structures.count("department_unit")) == (2, 3)
    staff = list(OfficeStaff.objects.all())
    ages = [DEMO_YEAR - person.birth_year for person in staff]
    years = [DEMO_YEAR - person.in_work_since for person in staff]
    assert len(staff) == 14 and (min(ages), max(ages)) == (28, 62) and (min(years), max(years)) == (2, 20)
    assert {person.training for person in staff} == {
        "primary_vocational",
        "intermediate",
        "college",
        "university",
        "postgraduate",
    }
    assert {person.gender for person in staff} == {"female", "male"}
    assert Unit.objects.filter(is_enterprise=True).count() >= 2


def test_the_demo_movements_vary_in_scope_level_method_and_duration():
    from movements.domain import demo as movements_demo
    from movements.models import Movement

    demo.seed(with_logins=False)
    movements_demo.seed(with_logins=False)

    movements = list(Movement.objects.all())
    assert {movement.scope for movement in movements} == {"national", "sector", "cluster", "unit"}
    assert {movement.level for movement in movements} == {"national", "provincial", "departmental"}
    assert {movement.kind for movement in movements} == {"regular", "thematic"}
    days = {(m.ends_on - m.starts_on).days for m in movements if m.starts_on and m.ends_on}
    assert min(days) < 365 and max(days) > 5 * 365
