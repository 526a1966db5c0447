"""Demo clusters: the South-western provinces cluster 2019, the Red River Delta cluster 2022 and
the Ninh Bình bloc of districts and cities 2023, with criteria, scored sheets, a vote under way, and
the bloc's 2024 term set up through the set-up pages' domain functions, open for self-assessment.

Real from the seed articles: the clusters, their members, Kiên Giang as deputy and host in 2019
(seed 002), Bắc Ninh lead and Ninh Bình deputy in 2022 (seed 001), the bloc's members (seed 000),
and the 2019 H1 figures named per province (GRDP growth, budget revenue, graduation rate).
Everything marked SAMPLE (other members' figures, criteria weights, leads not named in the
articles, ballots) is invented sample data. Running `seed` twice changes nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from directory.domain.demo import DEMO_PASSWORD, DemoLogin
from directory.enums import UnitKind
from directory.models import Unit, User
from portal.audit import acting_as

from ..enums import ClusterKind, CriterionKind, OrganisingLevel, PhaseKind, SheetStatus
from ..models import Ballot, Cluster, Criterion, CriterionGroup, Phase, Score, Sheet, Term, TermMember
from . import setup
from .scoring import compute_points

Q, P, C, B, D = (
    CriterionKind.QUANTITATIVE,
    CriterionKind.QUALITATIVE,
    CriterionKind.PER_COUNT,
    CriterionKind.BONUS,
    CriterionKind.DEDUCTION,
)

# (group title, [(code, title, kind, max points, target, points per count)])  -- weights are SAMPLE
PROVINCE_CRITERIA = [
    (
        "I. Thực hiện các chỉ tiêu phát triển kinh tế - xã hội",
        [
            ("1", "Tốc độ tăng trưởng kinh tế GRDP (%)", Q, 20, Decimal("7.0"), None),
            ("2", "Thu ngân sách so với kế hoạch năm (%)", Q, 20, Decimal("55"), None),
            ("3", "Tỷ lệ đậu tốt nghiệp trung học phổ thông (%)", Q, 20, Decimal("95"), None),
        ],
    ),
    (
        "II. Công tác thi đua, khen thưởng",
        [
            ("4", "Ký kết và thực hiện giao ước thi đua của Cụm", P, 15, None, None),
            ("5", "Điển hình tiên tiến, mô hình hay được nhân rộng", C, 15, None, Decimal("1.5")),
            ("6", "Điểm thưởng: sáng kiến, cách làm mới được Cụm ghi nhận", B, 10, None, None),
            ("7", "Điểm trừ: chậm gửi báo cáo, hồ sơ", D, 10, None, None),
        ],
    ),
]
BLOC_CRITERIA = [
    (
        "I. Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội",
        [
            ("1", "Giá trị sản xuất công nghiệp so với kế hoạch (%)", Q, 30, Decimal("100"), None),
            ("2", "Thu ngân sách trên địa bàn so với dự toán (%)", Q, 30, Decimal("100"), None),
        ],
    ),
    (
        "II. Công tác thi đua, khen thưởng và cải cách hành chính",
        [
            ("3", "Triển khai chủ đề thi đua gắn với học tập và làm theo tư tưởng Hồ Chí Minh", P, 20, None, None),
            ("4", "Gương \u201cNgười tốt, việc tốt\u201d được biểu dương", C, 20, None, Decimal("2")),
            ("5", "Điểm trừ: vi phạm quy định khen thưởng", D, 10, None, None),
        ],
    ),
]

# South-western provinces 2019 (seed 002): old province codes; H1 figures where the article names
# them, the rest SAMPLE. Values: GRDP %, budget % of plan, graduation %, compact passed,
# models replicated, bonus, deduction.
SOUTH_WEST = [
    ("80", "Long An", ["9.89", "68.6", "97.16", 1, 6, 3, 0]),
    ("82", "Tiền Giang", ["7.4", "58.2", "96.10", 1, 5, 2, 0]),
    ("83", "Bến Tre", ["8.37", "67.94", "97.34", 1, 5, 2, 0]),
    ("84", "Trà Vinh", ["17", "59.0", "95.80", 1, 4, 4, 1]),
    ("86", "Vĩnh Long", ["7.1", "57.5", "97.15", 1, 4, 1, 0]),
    ("87", "Đồng Tháp", ["7.6", "60.1", "97.59", 1, 7, 3, 0]),
    ("89", "An Giang", ["6.9", "65.6", "97.36", 1, 5, 2, 0]),
    ("91", "Kiên Giang", ["7.8", "61.3", "96.40", 1, 6, 3, 0]),
    ("93", "Hậu Giang", ["7.0", "83.41", "95.20", 1, 4, 2, 1]),
    ("94", "Sóc Trăng", ["6.8", "67.6", "94.90", 1, 3, 1, 0]),
    ("95", "Bạc Liêu", ["8.25", "56.9", "97.95", 1, 5, 2, 0]),
    ("96", "Cà Mau", ["6.5", "55.4", "95.60", 0, 3, 1, 2]),
]
# Red River Delta cluster 2022 (seed 001): Bắc Ninh lead, Ninh Bình deputy; other members and all
# values SAMPLE (GRDP %, budget %, graduation %, compact, models, bonus, deduction).
RED_RIVER = [
    ("27", "Bắc Ninh", ["7.2", "72.0", "98.10", 1, 8, 4, 0]),
    ("37", "Ninh Bình", ["7.9", "66.5", "98.40", 1, 7, 4, 0]),
    ("35", "Hà Nam", ["8.1", "61.0", "97.90", 1, 5, 2, 0]),
    ("36", "Nam Định", ["7.0", "58.4", "98.20", 1, 6, 3, 0]),
    ("34", "Thái Bình", ["7.5", "63.2", "98.00", 1, 5, 2, 1]),
    ("33", "Hưng Yên", ["8.4", "70.3", "97.70", 1, 6, 3, 0]),
    ("30", "Hải Dương", ["7.7", "64.8", "97.60", 1, 5, 2, 0]),
    ("26", "Vĩnh Phúc", ["6.9", "60.2", "97.50", 1, 4, 2, 1]),
]
# Ninh Bình bloc of districts and cities 2023 (seed 000): members real, values SAMPLE
# (industrial output % of plan, budget % of estimate, theme passed, good deeds, deduction).
NINH_BINH_BLOC = [
    ("Thành phố Ninh Bình", ["104.5", "112.0", 1, 9, 0]),
    ("Thành phố Tam Điệp", ["101.2", "98.5", 1, 6, 0]),
    ("Huyện Nho Quan", ["97.8", "95.0", 1, 5, 1]),
    ("Huyện Gia Viễn", ["103.0", "104.2", 1, 7, 0]),
    ("Huyện Hoa Lư", ["106.1", "108.9", 1, 8, 0]),
    ("Huyện Yên Khánh", ["99.5", "101.0", 1, 6, 0]),
    ("Huyện Kim Sơn", ["100.4", "97.2", 1, 7, 0]),
    ("Huyện Yên Mô", ["98.9", "96.4", 0, 4, 2]),
]

BLOC_STATUSES = [SheetStatus.ACCEPTED] * 5 + [SheetStatus.SUBMITTED, SheetStatus.DRAFT, SheetStatus.DRAFT]


def _phases(term, year, active):
    plan = [
        (PhaseKind.COMPACT, date(year, 1, 15), date(year, 3, 31)),
        (PhaseKind.SELF_ASSESSMENT, date(year, 11, 1), date(year, 11, 30)),
        (PhaseKind.REVIEW, date(year, 12, 1), date(year, 12, 10)),
        (PhaseKind.VOTE, date(year, 12, 11), date(year, 12, 20)),
        (PhaseKind.RESULTS, date(year, 12, 21), date(year, 12, 31)),
    ]
    for kind, starts_on, ends_on in plan:
        if not Phase.objects.filter(term=term, kind=kind).exists():
            Phase.objects.create(term=term, kind=kind, starts_on=starts_on, ends_on=ends_on, is_active=kind == active)


def _criteria(term, groups):
    criteria = []
    for position, (title, rows) in enumerate(groups):
        group, _ = CriterionGroup.objects.get_or_create(term=term, title=title, defaults={"position": position})
        for index, (code, text, kind, maximum, target, per_count) in enumerate(rows):
            criterion = Criterion.objects.filter(group=group, code=code).first() or Criterion.objects.create(
                group=group,
                code=code,
                title=text,
                kind=kind,
                max_points=Decimal(maximum),
                target=target,
                full_at_ratio=Decimal("1.50") if kind == Q else Decimal("1.20"),
                points_per_count=per_count,
                position=index,
            )
            criteria.append(criterion)
    return criteria


def _sheet(term, unit, criteria, values, status):
    sheet, created = Sheet.objects.get_or_create(term=term, unit=unit, defaults={"status": status})
    if not created:
        return sheet
    for criterion, value in zip(criteria, values, strict=True):
        value = Decimal(str(value))
        points = compute_points(criterion, value)
        Score.objects.create(sheet=sheet, criterion=criterion, value=value, self_points=points, points=points)
    return sheet


def _term(*, cluster, year, lead, deputy, units, criteria_groups, rows, active, statuses, compact_signed_on):
    term, _ = Term.objects.get_or_create(
        cluster=cluster,
        year=year,
        defaults={"lead_unit": lead, "deputy_unit": deputy, "compact_signed_on": compact_signed_on},
    )
    for unit in units:
        TermMember.objects.get_or_create(term=term, unit=unit)
    _phases(term, year, active)
    criteria = _criteria(term, criteria_groups)
    for index, (unit, values) in enumerate(zip(units, rows, strict=True)):
        _sheet(term, unit, criteria, values, statuses(index))
    return term


# The bloc's 2024 phases, in days from the day the demo is seeded: self-assessment is open that day
# (SAMPLE dates: the term's year stays 2024 so the demo always has a year to try the live steps in).
BLOC_2024_PHASES = [
    (PhaseKind.COMPACT, -60, -31),
    (PhaseKind.SELF_ASSESSMENT, -30, 30),
    (PhaseKind.REVIEW, 31, 40),
    (PhaseKind.VOTE, 41, 50),
    (PhaseKind.RESULTS, 51, 60),
]


def _bloc_2024(*, bloc, last_year, lead, deputy, today=None):
    """The bloc's 2024 term, set up as an officer does it on the set-up pages (clusters.domain.setup).

    Created from the 2023 term (members, criteria, phase plan), with the lead and deputy 2023 elected;
    the phases moved around today and self-assessment entered through the phase engine, so every
    member's sheet is open. Nothing happens once the term exists.
    """
    if Term.objects.filter(cluster=bloc, year=2024).exists():
        return Term.objects.get(cluster=bloc, year=2024)
    if last_year.next_lead_unit_id is None:
        # SAMPLE: the 2023 election of the 2024 lead and deputy (the article names neither).
        last_year.next_lead_unit, last_year.next_deputy_unit = lead, deputy
        last_year.save(update_fields=["next_lead_unit", "next_deputy_unit", "updated_at"])
    today = today or timezone.localdate()
    officer = User.objects.filter(is_provincial_officer=True).order_by("pk").first()
    with acting_as(officer):
        proposal = setup.propose_term(cluster=bloc, year=2024)
        term = setup.create_term(
            cluster=bloc,
            year=2024,
            lead_unit=proposal.lead_unit,
            deputy_unit=proposal.deputy_unit,
            members=proposal.members,
            copy_from=proposal.previous,
            by=officer,
            today=today,
        )
        # Latest first: each phase moves past the copied 2024 dates without overlapping them (the
        # copied dates all end by 31/12/2024, before the new ones on any day from March 2025 on).
        for kind, start, end in reversed(BLOC_2024_PHASES):
            setup.save_phase(
                term=term,
                kind=kind,
                starts_on=today + timedelta(days=start),
                ends_on=today + timedelta(days=end),
                by=officer,
            )
        setup.set_current_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT, by=officer)
    return term


def _old_province(code):
    return Unit.objects.get(kind=UnitKind.PROVINCE, code=code)


@transaction.atomic
def seed(*, with_logins):
    """Load the demo terms (the bloc's 2024 one open for self-assessment).

    Returns the cluster and bloc leads' demo logins when `with_logins`.
    """
    south_west, _ = Cluster.objects.get_or_create(
        name="Cụm thi đua các tỉnh Tây Nam bộ",
        defaults={"kind": ClusterKind.CLUSTER, "organising_level": OrganisingLevel.CENTRAL},
    )
    units = [_old_province(code) for code, _, _ in SOUTH_WEST]
    kien_giang = _old_province("91")
    sw_term = _term(
        cluster=south_west,
        year=2019,
        lead=units[0],  # SAMPLE: the article does not name the 2019 lead
        deputy=kien_giang,
        units=units,
        criteria_groups=PROVINCE_CRITERIA,
        rows=[values for _, _, values in SOUTH_WEST],
        active=PhaseKind.VOTE,
        statuses=lambda index: SheetStatus.ACCEPTED,
        compact_signed_on=date(2019, 3, 15),
    )
    # SAMPLE ballots of the first round, so the vote page shows a tally.
    for voter_code, choice_code in [("82", "84"), ("83", "84"), ("86", "80"), ("89", "84"), ("96", "87")]:
        voter = _old_province(voter_code)
        if not Ballot.objects.filter(term=sw_term, round=1, voter=voter).exists():
            Ballot.objects.create(term=sw_term, round=1, voter=voter, choice=_old_province(choice_code))

    red_river, _ = Cluster.objects.get_or_create(
        name="Cụm thi đua các tỉnh đồng bằng sông Hồng",
        defaults={"kind": ClusterKind.CLUSTER, "organising_level": OrganisingLevel.CENTRAL},
    )
    rr_units = [_old_province(code) for code, _, _ in RED_RIVER]
    _term(
        cluster=red_river,
        year=2022,
        lead=rr_units[0],
        deputy=rr_units[1],
        units=rr_units,
        criteria_groups=PROVINCE_CRITERIA,
        rows=[values for _, _, values in RED_RIVER],
        active=PhaseKind.REVIEW,
        statuses=lambda index: SheetStatus.ACCEPTED if index < 6 else SheetStatus.SUBMITTED,
        compact_signed_on=date(2022, 3, 10),
    )

    old_ninh_binh = _old_province("37")
    nb_office = Unit.objects.filter(code="NB-SNV").first()
    bloc, _ = Cluster.objects.get_or_create(
        name="Khối thi đua các huyện, thành phố tỉnh Ninh Bình",
        defaults={
            "kind": ClusterKind.BLOC,
            "organising_level": OrganisingLevel.PROVINCIAL,
            "organising_body": nb_office,
        },
    )
    districts = [Unit.objects.get(name=name, parent=old_ninh_binh) for name, _ in NINH_BINH_BLOC]
    bloc_2023 = _term(
        cluster=bloc,
        year=2023,
        lead=districts[0],  # SAMPLE: lead and deputy are not named in the article
        deputy=districts[4],
        units=districts,
        criteria_groups=BLOC_CRITERIA,
        rows=[values for _, values in NINH_BINH_BLOC],
        active=PhaseKind.SELF_ASSESSMENT,
        statuses=lambda index: BLOC_STATUSES[index],
        compact_signed_on=date(2023, 2, 20),
    )
    # SAMPLE: Thành phố Ninh Bình re-elected lead for 2024, Gia Viễn deputy.
    _bloc_2024(bloc=bloc, last_year=bloc_2023, lead=districts[0], deputy=districts[3])
    if not with_logins:
        return []
    logins = []
    # SAMPLE people: the officers' names are invented.
    for username, full_name, unit, role in [
        ("cumtruong", "Nguyễn Văn Sơn", rr_units[0], "Cluster lead (Red River Delta 2022)"),
        ("cumpho", "Trần Thị Hoa", rr_units[1], "Cluster deputy (Red River Delta 2022)"),
        ("khoitruong", "Phạm Văn Tú", districts[0], "Bloc lead (Ninh Bình districts 2023, 2024)"),
        ("thanhvien", "Lê Thị Ngọc", districts[6], "Bloc member (Ninh Bình districts 2023, 2024)"),
    ]:
        if not User.objects.filter(username=username).exists():
            user = User(username=username, full_name=full_name, unit=unit, is_unit_officer=True)
            user.set_password(DEMO_PASSWORD)
            user.save()
        logins.append(DemoLogin(username=username, password=DEMO_PASSWORD, role=role, unit=unit.name))
    return logins
