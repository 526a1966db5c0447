"""Row generators shared by the benchmarks (bench_*.py) and the load benchmark (bench/load/).

Each builds its rows in bulk (INSERT ... SELECT on PostgreSQL, bulk_create elsewhere): a million
award records in tens of seconds, not hours.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection

from awards.models import AwardRecord
from clusters.enums import ClusterKind, CriterionKind, PhaseKind, SheetStatus
from clusters.models import Cluster, ClusterMember, Criterion, CriterionGroup, Phase, Score, Sheet, Term, TermMember
from movements.models import Movement
from portal.text import fold

PHASES = [PhaseKind.COMPACT, PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW, PhaseKind.VOTE, PhaseKind.RESULTS]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Đào",
]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Đức", "Thu", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Uyên",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
    "Bảo",
    "Cường",
    "Đạt",
    "Hiếu",
    "Huy",
    "Kiên",
    "Lộc",
    "Lợi",
    "Thành",
    "Vinh",
]


def person_name(n):
    """The n-th generated name: 20 family names x 10 middle x 50 given, then a number."""
    return f"{FAMILY[n % 20]} {MIDDLE[(n // 20) % 10]} {GIVEN[(n // 200) % 50]} {n // 10_000}"


def generate_records(award_ids, *, count=1_000_000, tag="BENCH"):
    """`count` records (100,000 people x 10 years for 1,000,000) with decision number `tag`, inserted
    by the database itself on PostgreSQL."""
    if connection.vendor == "postgresql":
        awards = "(ARRAY[" + ",".join(str(pk) for pk in award_ids) + "])"
        family = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in FAMILY) + "])"
        family_display = "(ARRAY[" + ",".join(f"'{name}'" for name in FAMILY) + "])"
        middle = "(ARRAY[" + ",".join(f"'{name}'" for name in MIDDLE) + "])"
        middle_fold = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in MIDDLE) + "])"
        given = "(ARRAY[" + ",".join(f"'{name}'" for name in GIVEN) + "])"
        given_fold = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in GIVEN) + "])"
        person = "(i / 10)"
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS award_record_search_trgm")
            cursor.execute(f"""
                INSERT INTO awards_awardrecord (recipient_name, search_text, is_collective, is_household, award_id,
                    year, commendation_type, decision_number, amount, source, position_tier, verification_code)
                SELECT {family_display}[1 + {person} % 20] || ' ' || {middle}[1 + ({person} / 20) % 10] || ' '
                       || {given}[1 + ({person} / 200) % 50] || ' ' || ({person} / 10000)::text,
                       {family}[1 + {person} % 20] || ' ' || {middle_fold}[1 + ({person} / 20) % 10] || ' '
                       || {given_fold}[1 + ({person} / 200) % 50] || ' ' || ({person} / 10000)::text,
                       false, false, {awards}[1 + i % {len(award_ids)}], 2015 + i % 10, 'regular', '{tag}', 0, 'import',
                       '', 'D' || lpad(i::text, 9, '0')
                FROM generate_series(0, {count - 1}) AS i
            """)
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS award_record_search_trgm ON awards_awardrecord "
                "USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute("ANALYZE awards_awardrecord")
        return
    batch = []
    for i in range(count):
        name = person_name(i // 10)
        batch.append(
            AwardRecord(
                recipient_name=name,
                search_text=fold(name),
                award_id=award_ids[i % len(award_ids)],
                year=2015 + i % 10,
                decision_number=tag,
                source="import",
            )
        )
        if len(batch) == 10_000:
            AwardRecord.objects.bulk_create(batch)
            batch = []


def cluster_term(units, *, year, groups=4, criteria_per_group=10, name="Cụm benchmark"):
    """A cluster of `units` and its term of `year`: 5 phases (the review one active), `groups` x
    `criteria_per_group` criteria, every member's sheet scored (all accepted but the second's).
    Returns (term, sheets)."""
    cluster = Cluster.objects.create(name=name, kind=ClusterKind.CLUSTER)
    ClusterMember.objects.bulk_create(ClusterMember(cluster=cluster, unit=unit, from_year=2020) for unit in units)
    term = Term.objects.create(cluster=cluster, year=year, lead_unit=units[0], deputy_unit=units[1])
    TermMember.objects.bulk_create(TermMember(term=term, unit=unit) for unit in units)
    start = date.today() - timedelta(days=25)
    Phase.objects.bulk_create(
        Phase(
            term=term,
            kind=kind,
            starts_on=start + timedelta(days=10 * n),
            ends_on=start + timedelta(days=10 * n + 9),
            is_active=kind == PhaseKind.REVIEW,
        )
        for n, kind in enumerate(PHASES)
    )
    criteria = []
    for g in range(groups):
        group = CriterionGroup.objects.create(term=term, title=f"Nhóm {g + 1}", position=g)
        criteria += Criterion.objects.bulk_create(
            Criterion(
                group=group,
                code=f"{g + 1}.{c + 1}",
                title=f"Tiêu chí {g + 1}.{c + 1}",
                kind=CriterionKind.DEDUCTION if c == criteria_per_group - 1 else CriterionKind.BONUS,
                max_points=Decimal(25),
                position=c,
            )
            for c in range(criteria_per_group)
        )
    sheets = Sheet.objects.bulk_create(
        Sheet(term=term, unit=unit, status=SheetStatus.ACCEPTED if n != 1 else SheetStatus.SUBMITTED)
        for n, unit in enumerate(units)
    )

    def points(n, i, criterion):
        value = Decimal((n * 7 + i * 3) % 25) + Decimal((n + i) % 100) / 100  # hundredths, as entered
        return value, -value if criterion.kind == CriterionKind.DEDUCTION else value

    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=criterion, value=value, self_points=signed, points=signed)
        for n, sheet in enumerate(sheets)
        for i, criterion in enumerate(criteria)
        for value, signed in [points(n, i, criterion)]
    )
    return term, sheets


def movements(count, *, lead, code_prefix="BENCH-"):
    """`count` movements led by `lead`, codes `code_prefix`0.., of every level and open state, each
    with its folded search text; bulk-inserted."""
    states = ["launched", "running", "interim_reviewed", "closed"]
    batch = []
    for n in range(count):
        movement = Movement(
            name=f"Phong trào thi đua “Chung sức xây dựng nông thôn mới” số {n}",
            code=f"{code_prefix}{n}",
            level=["national", "provincial", "departmental"][n % 3],
            state=states[n % 4],
            starts_on=date(2020 + n % 5, 1, 1),
            ends_on=date(2025 + n % 3, 12, 31),
            lead_unit=lead,
            launching_authority="UBND tỉnh",
        )
        movement.search_text = fold(f"{movement.name} {movement.code} {movement.launching_authority}")
        batch.append(movement)
    return Movement.objects.bulk_create(batch, batch_size=1000)
