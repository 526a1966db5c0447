"""Movements: the list over 3,000 movements (search without diacritics, filters, page 2), a movement
page with 40 targets x 24 progress values and 300 registrations, and the targets' Excel export."""

from datetime import date, timedelta
from decimal import Decimal

from directory.enums import UnitKind
from directory.models import Unit, User
from movements.models import Movement, ProgressEntry, Registration, Target

from .data import movements
from .harness import measure, signed_in_client

MOVEMENTS = 3_000
TARGETS, VALUES, REGISTRATIONS = 40, 24, 300


def run():
    Movement.objects.filter(code__startswith="BENCH-").delete()
    Unit.objects.filter(code__startswith="BENCHM-").delete()
    lead = Unit.objects.create(name="Sở Nội vụ Benchmark", kind=UnitKind.DEPARTMENT, code="BENCHM-LEAD")
    units = Unit.objects.bulk_create(
        [
            Unit(name=f"Xã Benchmark {n}", kind=UnitKind.COMMUNE, code=f"BENCHM-{n}", search_text=f"xa benchmark {n}")
            for n in range(REGISTRATIONS + 50)
        ]
    )
    movements(MOVEMENTS, lead=lead)
    big = Movement.objects.get(code="BENCH-1")  # running
    big.participants.add(*units)
    targets = Target.objects.bulk_create(
        [
            Target(
                movement=big,
                indicator=f"Chỉ tiêu {n}",
                unit_of_measure="%",
                target_value=Decimal(100),
                deadline=date(2026, 12, 31),
                position=n,
            )
            for n in range(TARGETS)
        ]
    )
    ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(target=target, recorded_on=date(2021, 1, 1) + timedelta(days=30 * k), value=Decimal(k * 3))
            for target in targets
            for k in range(VALUES)
        ]
    )
    Registration.objects.bulk_create(
        [Registration(movement=big, unit=unit, commitments="Cam kết") for unit in units[:REGISTRATIONS]]
    )
    officer, _ = User.objects.get_or_create(username="bench-officer", defaults={"is_provincial_officer": True})
    client = signed_in_client(officer)

    results = [
        measure(
            f"movement list, search 'nong thon moi' ({MOVEMENTS:,} movements)",
            lambda: client.get("/movements/", {"q": "nong thon moi"}),
            repeat=15,
        ),
        measure(
            "movement list, filters level + state + year, page 2",
            lambda: client.get("/movements/", {"level": "provincial", "state": "running", "year": "2024", "page": 2}),
            repeat=15,
        ),
        measure(
            f"movement page: {TARGETS} targets x {VALUES} values, charts, {REGISTRATIONS} registrations",
            lambda: client.get(f"/movements/{big.pk}/"),
            repeat=15,
        ),
        measure(
            f"targets and progress to Excel ({TARGETS * VALUES:,} progress rows)",
            lambda: client.get(f"/movements/{big.pk}/targets.xlsx"),
            repeat=7,
        ),
        measure(
            f"movement list to Excel ({MOVEMENTS:,} rows)",
            lambda: client.get("/movements/", {"format": "xlsx"}),
            repeat=5,
        ),
    ]
    Movement.objects.filter(code__startswith="BENCH-").delete()
    Unit.objects.filter(code__startswith="BENCHM-").delete()
    return results
