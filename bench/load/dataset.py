"""The national data set of the load benchmark (issue 13), built in bulk on PostgreSQL.

At scale 1: 10,000 units (34 provinces, 666 departments, 3,300 communes, 6,000 agencies, schools
and enterprises), 5 people each (50,000), 1,000,000 award-history records, 200,000 proposals with one
nominee each but one in a hundred (about 198,000 nominees), 3,000 movements (one with an interim
review, one open for registration) and a 60-member x 40-criteria cluster term. `--scale 0.02` builds
a fiftieth of every count (the cluster term stays 60 x 40 while there are 60 units); `tiny` is 0.001.

Units and people go through bulk_create (their folded search text computed in Python), award
records through bench.data.generate_records (INSERT ... SELECT, shared with bench_awards), proposals
and nominees through INSERT ... SELECT over the unit and person ids, movements and the cluster term
through bench.data's generators. Every row of the set carries the LOAD tag (unit codes LOAD-...,
award records' decision number LOAD, movement codes LOAD-M...), and `clear()` removes it.

Built by `python -m bench.load` (see bench/load/__main__.py); `--build-only` builds it and stops.
"""

import time
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from awards.domain.demo import seed_catalogue
from awards.enums import EligibilityStatus, Outcome, ProposalState
from awards.models import Award, AwardRecord, Nominee, Proposal
from clusters.models import Cluster
from directory.enums import Gender, UnitKind
from directory.models import Person, Unit, User
from movements.enums import ReviewKind
from movements.models import Movement, MovementReview
from portal.text import fold

from ..data import FAMILY, GIVEN, MIDDLE, cluster_term, generate_records, movements, person_name

TAG = "LOAD"
PASSWORD = "load-bench-password"  # throwaway accounts of a throwaway database
USERS = {"officer": "load-officer", "admin": "load-admin", "lead": "load-lead"}
CLUSTER = "Cụm benchmark tải"
TERM_YEAR = 2026
PEOPLE_PER_UNIT = 5
FULL = {
    "provinces": 34,
    "departments": 666,
    "communes": 3_300,
    "others": 6_000,
    "records": 1_000_000,
    "proposals": 200_000,
    "movements": 3_000,
}
DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Tư pháp"]
OTHERS = [(UnitKind.SCHOOL, "Trường Tiểu học"), (UnitKind.AGENCY, "Trung tâm"), (UnitKind.ENTERPRISE, "Công ty")]
STATES = [state.value for state in ProposalState]
FIRST_YEAR, YEARS = 2015, 12


def parse_scale(text):
    return 0.001 if text == "tiny" else float(text)


def counts(scale):
    return {name: max(1, round(full * scale)) for name, full in FULL.items()}


@dataclass
class Dataset:
    """What the load runner needs to know about a built data set: its counts and the pks of its pages."""

    scale: float
    counts: dict
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)
    proposal_pk: int = 0
    review_pk: int = 0
    registration_movement_pk: int = 0
    term_pk: int = 0


def clear():
    """Remove a data set built before (its rows carry the LOAD tag)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM awards_nominee WHERE proposal_id IN (SELECT p.id FROM awards_proposal p "
            "JOIN directory_unit u ON u.id = p.unit_id WHERE u.code LIKE %s)",
            [f"{TAG}-%"],
        )
        cursor.execute(
            "DELETE FROM awards_proposal WHERE unit_id IN (SELECT id FROM directory_unit WHERE code LIKE %s)",
            [f"{TAG}-%"],
        )
    AwardRecord.objects.filter(decision_number=TAG)._raw_delete(connection.alias)
    Cluster.objects.filter(name=CLUSTER).delete()
    MovementReview.objects.filter(movement__code__startswith=f"{TAG}-M").delete()
    Movement.objects.filter(code__startswith=f"{TAG}-M")._raw_delete(connection.alias)
    User.objects.filter(username__in=USERS.values()).delete()
    Person.objects.filter(unit__code__startswith=f"{TAG}-")._raw_delete(connection.alias)
    Unit.objects.filter(code__startswith=f"{TAG}-", parent__isnull=False).update(parent=None)
    Unit.objects.filter(code__startswith=f"{TAG}-")._raw_delete(connection.alias)


def _units(n):
    provinces = [
        Unit(name=f"Tỉnh {GIVEN[i % 50]} {FAMILY[i % 20]} {i}", kind=UnitKind.PROVINCE, code=f"{TAG}-P{i}")
        for i in range(n["provinces"])
    ]
    _bulk(Unit, provinces)
    units = list(provinces)
    for kind, prefix, make in [
        (
            "departments",
            "D",
            lambda i: (UnitKind.DEPARTMENT, f"{DEPARTMENTS[i % 6]} {provinces[i % len(provinces)].name}"),
        ),
        ("communes", "C", lambda i: (UnitKind.COMMUNE, f"Xã {GIVEN[i % 50]} {MIDDLE[i % 10]} {i}")),
        ("others", "O", lambda i: (OTHERS[i % 3][0], f"{OTHERS[i % 3][1]} {GIVEN[(i // 3) % 50]} số {i}")),
    ]:
        batch = []
        for i in range(n[kind]):
            unit_kind, name = make(i)
            batch.append(
                Unit(name=name, kind=unit_kind, code=f"{TAG}-{prefix}{i}", parent=provinces[i % len(provinces)])
            )
        units += _bulk(Unit, batch)
    return units


def _bulk(model, rows):
    for row in rows:  # bulk_create skips save(), which fills the folded search text
        row.search_text = fold(" ".join(str(word) for word in row.search_words() if word))
    return model.objects.bulk_create(rows, batch_size=5000)


def _people(units):
    return _bulk(
        Person,
        [
            Person(
                full_name=person_name(u * PEOPLE_PER_UNIT + k),
                gender=Gender.FEMALE if k % 2 else Gender.MALE,
                position="Chuyên viên" if k else "Trưởng phòng",
                unit=unit,
            )
            for u, unit in enumerate(units)
            for k in range(PEOPLE_PER_UNIT)
        ],
    )


def _proposals(count, units, people, award_ids):
    """`count` proposals, the i-th of unit i mod units and year 2015 + (i div units) mod 12, each
    (but one in a hundred) with one nominee: a person of its unit, never twice for an award and year."""
    n, per = len(units), PEOPLE_PER_UNIT
    unit_ids = [unit.pk for unit in units]
    person_ids = [person.pk for person in people]
    title = "Đề nghị khen thưởng năm "
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO awards_proposal (unit_id, title, commendation_type, year, state, deadline, submitted_on,
                returned_reasons, search_text, created_at, updated_at)
            SELECT u.id, %(title)s || s.year || ' số ' || s.i, 'regular', s.year,
                   (%(states)s::text[])[1 + s.i %% {len(STATES)}],
                   make_date(s.year, 12, 10),
                   CASE WHEN s.i %% {len(STATES)} = 0 THEN NULL ELSE make_date(s.year, 11, 1) END,
                   '', %(folded)s || s.year || ' so ' || s.i || ' ' || u.search_text, now(), now()
            FROM (SELECT i, {FIRST_YEAR} + (i / {n}) %% {YEARS} AS year, %(units)s::bigint[] AS units
                  FROM generate_series(0, {count - 1}) AS i) AS s
            JOIN directory_unit u ON u.id = s.units[1 + s.i %% {n}]
            ORDER BY s.i
            """,
            {"title": title, "folded": fold(title), "states": STATES, "units": unit_ids},
        )
        cursor.execute(
            f"""
            INSERT INTO awards_nominee (proposal_id, person_id, is_household, award_id, year, achievement,
                eligibility_status, eligibility_explanation, override_reason, outcome,
                outcome_reason, search_text)
            SELECT s.id, person.id, false, (%(awards)s::bigint[])[1 + s.i %% {len(award_ids)}], s.year, '',
                   %(unchecked)s, '', '', %(pending)s, '', person.search_text
            FROM (SELECT p.id, p.year, row_number() OVER (ORDER BY p.id) - 1 AS i FROM awards_proposal p
                  JOIN directory_unit u ON u.id = p.unit_id WHERE u.code LIKE %(tag)s) AS s
            JOIN directory_person person
              ON person.id = (%(people)s::bigint[])[1 + (s.i %% {n}) * {per} + (s.i / {n}) %% {per}]
            WHERE s.i %% 100 <> 99
            """,
            {
                "awards": award_ids,
                "people": person_ids,
                "tag": f"{TAG}-%",
                "unchecked": EligibilityStatus.UNCHECKED.value,
                "pending": Outcome.PENDING.value,
            },
        )


def _analyze():
    with connection.cursor() as cursor:
        for table in ["directory_unit", "directory_person", "awards_proposal", "awards_nominee", "movements_movement"]:
            cursor.execute(f"ANALYZE {table}")  # noqa: S608 (table names of this module)


def build(scale, *, log=print):
    """Clear any former LOAD data set, then build one at `scale`; returns its Dataset."""
    if connection.vendor != "postgresql":
        raise SystemExit("The load benchmark's data set needs PostgreSQL (DATABASE_URL).")
    n = counts(scale)
    data = Dataset(scale=scale, counts=n)
    started = time.perf_counter()

    def step(name, function):
        start = time.perf_counter()
        result = function()
        data.steps[name] = time.perf_counter() - start
        log(f"  {name}: {data.steps[name]:.1f} s", flush=True)
        return result

    step("clear the former data set", clear)
    seed_catalogue()
    award_ids = list(Award.objects.filter(recipient_kind="individual").order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        total = sum(n[k] for k in ("provinces", "departments", "communes", "others"))
        units = step(f"{total:,} units", lambda: _units(n))
        people = step(f"{len(units) * PEOPLE_PER_UNIT:,} people", lambda: _people(units))
    # Not in one transaction: the deferred foreign-key checks would block the index build.
    step(f"{n['records']:,} award records", lambda: generate_records(award_ids, count=n["records"], tag=TAG))
    with transaction.atomic():
        step(
            f"{n['proposals']:,} proposals and their nominees",
            lambda: _proposals(n["proposals"], units, people, award_ids),
        )
        lead = units[len(units) // 2]
        moves = step(
            f"{n['movements']:,} movements", lambda: movements(n["movements"], lead=lead, code_prefix=f"{TAG}-M")
        )
        reviewed = next(m for m in moves if m.state == "interim_reviewed") if len(moves) > 2 else moves[0]
        data.review_pk = MovementReview.objects.create(
            movement=reviewed, kind=ReviewKind.INTERIM, held_on=date(2024, 6, 30), summary="Sơ kết giữa kỳ"
        ).pk
        data.registration_movement_pk = next(m for m in moves if m.state in ("launched", "running")).pk
        members = units[: min(60, len(units))]
        term, _sheets = step(
            f"cluster term {len(members)} members x 40 criteria",
            lambda: cluster_term(members, year=TERM_YEAR, name=CLUSTER),
        )
        data.term_pk = term.pk
        password = make_password(PASSWORD)
        User.objects.create(username=USERS["officer"], password=password, is_provincial_officer=True)
        User.objects.create(username=USERS["admin"], password=password, is_staff=True, is_superuser=True)
        User.objects.create(username=USERS["lead"], password=password, is_unit_officer=True, unit=members[0])
    step("ANALYZE", _analyze)
    data.proposal_pk = (
        Proposal.objects.filter(unit__code__startswith=f"{TAG}-", state=ProposalState.SUBMITTED)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    data.seconds = time.perf_counter() - started
    log(
        f"  data set at scale {scale:g} built in {data.seconds:.0f} s: "
        f"{Nominee.objects.filter(proposal__unit__code__startswith=f'{TAG}-').count():,} nominees",
        flush=True,
    )
    return data
