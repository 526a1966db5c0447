"""Directory: the unit list searched without diacritics over 10,000 units, and a unit page."""

from datetime import date

from directory.enums import UnitKind
from directory.models import Unit, User
from portal.text import fold

from .harness import measure, signed_in_client

UNITS = 10_000


def run():
    Unit.objects.filter(code__startswith="BENCH-").delete()
    province = Unit.objects.create(name="Tỉnh Benchmark", kind=UnitKind.PROVINCE, code="BENCH-P")
    batch = [
        Unit(
            name=f"Trường Tiểu học số {n} xã Hà Nội {n % 97}",
            kind=UnitKind.SCHOOL,
            code=f"BENCH-{n}",
            parent=province,
            valid_until=date(2025, 6, 30) if n % 3 == 0 else None,
        )
        for n in range(UNITS)
    ]
    for unit in batch:  # bulk_create skips save(), which fills the folded search text
        unit.search_text = fold(f"{unit.name} {unit.code}")
    Unit.objects.bulk_create(batch, batch_size=2000)
    officer, _ = User.objects.get_or_create(username="bench-officer", defaults={"is_provincial_officer": True})
    client = signed_in_client(officer)

    results = [
        measure(
            "unit list, search 'ha noi' (10,000 units)",
            lambda: client.get("/directory/units/", {"q": "ha noi", "status": "current"}),
            repeat=15,
        ),
        measure("unit list, first page, no filter", lambda: client.get("/directory/units/"), repeat=15),
        measure(
            f"unit page of a province with {UNITS:,} subordinate units",
            lambda: client.get(f"/directory/units/{province.pk}/"),
            repeat=15,
        ),
    ]
    Unit.objects.filter(code__startswith="BENCH-").exclude(pk=province.pk).delete()
    province.delete()
    return results
