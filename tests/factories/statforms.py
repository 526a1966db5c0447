"""A seeded year for the statistical forms' tests: award records, movements, the office, each
described by a plain spec so the tests can count it independently of the forms' definitions."""

import datetime
from dataclasses import dataclass

from awards.models import Award, AwardRecord
from directory.models import OfficeOrganisation, OfficeStaff, Person, Unit
from movements.models import Movement
from tests.factories.awards import catalogue_award
from tests.factories.directory import UnitFactory

YEAR = 2025


@dataclass(frozen=True)
class RecordSpec:
    code: str
    recipient: str  # "individual", "collective", "household"
    tier: str = ""
    method: str = "regular"
    enterprise: bool = False
    year: int = YEAR


RECORDS = (
    RecordSpec("HCLD1-CN", "individual", "senior_leader"),
    RecordSpec("HCLD2-CN", "individual", "department_leader", "thematic"),
    RecordSpec("HCLD3-CN", "individual", "direct_worker", "resistance"),
    RecordSpec("HCLD3-TT", "collective", method="special"),
    RecordSpec("HCLD3-TT", "collective", method="regular", enterprise=True),
    RecordSpec("BKTTG-CN", "individual", "business", "foreign"),
    RecordSpec("BKTTG-CN", "individual", "other_leader", "service"),
    RecordSpec("BKTTG-TT", "collective", enterprise=True),
    RecordSpec("BKTTG-CN", "household", method="lifetime"),
    RecordSpec("CSTDTQ", "individual", "direct_worker"),
    RecordSpec("CTD-CP", "collective"),
    RecordSpec("HCCC-CN", "individual", "direct_worker", "special"),  # not in the form's columns: "other"
    RecordSpec("HCLD1-CN", "individual", ""),  # no tier: the check before filing lists it
    RecordSpec("HCLD1-CN", "individual", "senior_leader", year=YEAR - 1),  # another year
    RecordSpec("BKCT-CN", "individual", "department_leader"),
    RecordSpec("BKCT-CN", "individual", "direct_worker", "thematic"),
    RecordSpec("BKCT-TT", "collective", enterprise=True),
    RecordSpec("BKCT-TT", "collective"),
    RecordSpec("CSTDT", "individual", "other_leader"),
    RecordSpec("CTD-T", "collective"),
    RecordSpec("TTLDXS", "collective"),
    RecordSpec("GK-CN", "individual", ""),  # grassroots, without a tier: neither form counts it
)
NATIONAL = frozenset(
    {"HCLD1-CN", "HCLD2-CN", "HCLD3-CN", "HCLD3-TT", "BKTTG-CN", "BKTTG-TT", "CSTDTQ", "CTD-CP", "HCCC-CN"}
)
PROVINCIAL = frozenset({"BKCT-CN", "BKCT-TT", "CSTDT", "CTD-T", "TTLDXS"})


@dataclass(frozen=True)
class MovementSpec:
    code: str
    level: str
    scope: str
    kind: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    state: str = "running"


def _d(text):
    return datetime.date.fromisoformat(text)


MOVEMENTS = (
    MovementSpec("PT-01", "national", "national", "thematic", _d("2021-01-01"), _d("2025-12-31")),  # 60 months
    MovementSpec("PT-02", "provincial", "sector", "regular", _d("2025-01-01"), _d("2025-12-31")),  # 12 months
    MovementSpec("PT-03", "provincial", "cluster", "thematic", _d("2025-03-01"), _d("2025-08-31")),  # 6 months
    MovementSpec("PT-04", "departmental", "unit", "thematic", _d("2024-06-01"), _d("2026-05-31")),  # 24 months
    MovementSpec("PT-05", "provincial", "sector", "thematic", _d("2023-01-01"), _d("2026-12-31")),  # 48 months
    MovementSpec("PT-06", "provincial", "sector", "regular", _d("2025-02-01"), None),  # no end: the check lists it
    MovementSpec("PT-07", "provincial", "sector", "thematic", _d("2022-01-01"), _d("2024-12-31")),  # ended before
    MovementSpec("PT-08", "provincial", "sector", "thematic", _d("2025-01-01"), _d("2025-06-30"), "draft"),
)

ORGANISATIONS = (
    ("Ban Thi đua - Khen thưởng", "provincial_board", None, None),
    ("Phòng Nghiệp vụ 1", "provincial_division", None, None),
    ("Phòng Nghiệp vụ 2", "provincial_division", None, _d("2025-06-30")),  # dissolved during the year
    ("Văn phòng Sở Y tế", "department_unit", None, None),
    ("Bộ phận xã Hoa Lư", "commune_unit", _d("2026-01-05"), None),  # established after the year
)
# (full name, gender, birth year, training, in work since, organisation index, left on)
STAFF = (
    ("Nguyễn Thị An", "female", 1996, "university", 2022, 0, None),  # 29, 3 years
    ("Trần Văn Bình", "male", 1985, "postgraduate", 2014, 0, None),  # 40, 11 years
    ("Lê Thị Cúc", "female", 1975, "university", 2016, 1, None),  # 50, 9 years
    ("Phạm Văn Dũng", "male", 1971, "college", 2020, 1, None),  # 54
    ("Hoàng Thị Em", "female", 1966, "intermediate", 2010, 3, None),  # 59
    ("Võ Văn Phúc", "male", 1963, "primary_vocational", 2005, 3, None),  # 62
    ("Đỗ Thị Giang", "female", 1990, "university", 2021, 0, _d("2025-10-01")),  # left during the year
)


def build_year():
    """Everything above, saved; returns {"province": unit, "records": {spec index: pk}, ...}."""
    province = UnitFactory(name="Tỉnh Ninh Bình", kind="province", code="37")
    enterprise = UnitFactory(name="Công ty Cổ phần Xi măng Hoa Lư", kind="enterprise", is_enterprise=True)
    agency = UnitFactory(name="Sở Y tế tỉnh Ninh Bình", kind="department")
    if not Award.objects.filter(code="HCCC-CN").exists():
        Award.objects.create(
            code="HCCC-CN",
            name="Huân chương Chiến công (cá nhân)",
            recipient_kind="individual",
            category="form",
            level="national",
            conferred_by="president",
        )
    records = {}
    for index, spec in enumerate(RECORDS):
        award = Award.objects.filter(code=spec.code).first() or catalogue_award(spec.code)
        unit = enterprise if spec.enterprise else agency
        person = None
        if spec.recipient == "individual":
            person = Person.objects.create(
                full_name=f"Người {index}", gender="male", unit=agency, position_tier=spec.tier
            )
        record = AwardRecord.objects.create(
            recipient_name=person.full_name if person else f"{unit.name} {index}",
            person=person,
            unit=unit,
            is_collective=spec.recipient == "collective",
            is_household=spec.recipient == "household",
            position_tier=spec.tier,
            award=award,
            year=spec.year,
            commendation_type=spec.method,
            decision_number=f"{index}/QĐ-UBND",
        )
        records[index] = record.pk
    movements = {}
    for spec in MOVEMENTS:
        movement = Movement.objects.create(
            name=f"Phong trào {spec.code}",
            code=spec.code,
            level=spec.level,
            scope=spec.scope,
            kind=spec.kind,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            state=spec.state,
        )
        movements[spec.code] = movement.pk
    organisations = [
        OfficeOrganisation.objects.create(
            name=name, structure=structure, unit=province, established_on=established, dissolved_on=dissolved
        )
        for name, structure, established, dissolved in ORGANISATIONS
    ]
    for name, gender, born, training, since, organisation, left in STAFF:
        OfficeStaff.objects.create(
            full_name=name,
            gender=gender,
            birth_year=born,
            training=training,
            in_work_since=since,
            organisation=organisations[organisation],
            left_on=left,
        )
    return {"province": province, "records": records, "movements": movements, "unit_pks": [enterprise.pk, agency.pk]}


def fix_missing_tiers():
    AwardRecord.objects.filter(year=YEAR, position_tier="", is_collective=False, is_household=False).update(
        position_tier="direct_worker"
    )


def as_unit(pk):
    return Unit.objects.get(pk=pk)
