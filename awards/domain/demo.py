"""Demo data for awards: the catalogue with its current parameters, award history that makes the
eligibility checks interesting, and proposals in every state.

Names and events come from the seed articles: Nam Định's new-rural movement (Kế hoạch
79/KH-UBND; Ông Phạm Văn Sơn, Chủ tịch UBND xã Giao Phong, huyện Giao Thủy; 14 xã nông thôn mới
kiểu mẫu năm 2022 tặng Bằng khen) and Bắc Giang's 2021 review (18/1/2022, Chủ tịch UBND tỉnh Lê
Ánh Dương). Member counts, vote counts and the people of the 65% / 75% collectives are SAMPLE
DATA invented for the demo. Running `seed` twice changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from directory.domain.demo_ratings import seed_ratings
from directory.enums import DutyRatingLevel, UnitKind
from directory.models import Person, Unit, User
from portal.audit import acting_as

from ..enums import ProposalState
from ..models import (
    Award,
    AwardRecord,
    CouncilSession,
    CouncilVote,
    DisciplineCase,
    Initiative,
    LegalParameter,
    Nominee,
    Proposal,
)
from . import catalogue
from .decisions import decide
from .demo_certificates import seed_certificates  # issue 15, certificates
from .demo_council import seed_council
from .demo_law import seed_law_cases
from .demo_originals import SIGNED_DOCUMENTS, seed_originals
from .demo_public import seed_public
from .demo_tiers import seed_form_data
from .demo_types import seed_types
from .demo_upward import seed_upward
from .eligibility import refresh_eligibility
from .parameters import seed_law_parameters

SAMPLE = "Dữ liệu mẫu (sample data)"
GENERAL_PARAMETERS = [
    ("base_salary", catalogue.BASE_SALARY, catalogue.BASE_SALARY_FROM, "Nghị định 73/2024/NĐ-CP"),
    ("threshold_standard", catalogue.THRESHOLD_STANDARD, date(2024, 1, 1), "Quy chế Hội đồng TĐKT tỉnh"),
    ("threshold_high", catalogue.THRESHOLD_HIGH, date(2024, 1, 1), "Quy chế Hội đồng TĐKT tỉnh"),
    ("quorum", catalogue.QUORUM, date(2024, 1, 1), "Quy chế Hội đồng TĐKT tỉnh"),
]

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN_NAMES = [
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Thị Dung",
    "Quang Huy",
    "Thị Hoa",
    "Đức Long",
    "Thị Ngọc",
    "Văn Phúc",
    "Thị Thảo",
]


def seed_catalogue():
    awards = {}
    for entry in catalogue.CATALOGUE:
        code, coefficient = entry.code, entry.coefficient
        award, _created = Award.objects.update_or_create(
            code=code,
            defaults={
                "name": entry.name,
                "recipient_kind": entry.kind,
                "category": entry.category,
                "level": entry.level,
                "conferred_by": entry.conferred_by,
                "commendation_types": entry.types,
                "rule": entry.rule,
                "vote_rule": entry.vote_rule,
                "required_documents": entry.documents,
                "signed_documents": SIGNED_DOCUMENTS.get(code, []),  # issue 15, originals
                "rank": entry.rank,
            },
        )
        basis = "Nghị định 152/2025/NĐ-CP" if code != "GDVH" else f"{SAMPLE}"
        LegalParameter.objects.get_or_create(
            kind="coefficient",
            award=award,
            effective_from=date(2024, 1, 1),
            defaults={"value": Decimal(coefficient), "legal_basis": basis},
        )
        awards[code] = award
    for kind, value, since, basis in GENERAL_PARAMETERS:
        LegalParameter.objects.get_or_create(
            kind=kind, award=None, effective_from=since, defaults={"value": value, "legal_basis": basis}
        )
    seed_law_parameters()  # the law's shares, runs of years, household factor and rounding step, editable
    return awards


def _person(full_name, unit, gender="male", position="Chuyên viên"):
    person = Person.objects.filter(full_name=full_name, unit=unit).first()
    return person or Person.objects.create(full_name=full_name, unit=unit, gender=gender, position=position)


def _record(awards, person_or_unit, code, year, **extra):
    if isinstance(person_or_unit, Unit):
        lookup = {"unit": person_or_unit, "person": None, "is_collective": True}
        name = person_or_unit.name
    else:
        lookup = {"person": person_or_unit, "unit": person_or_unit.unit, "is_collective": False}
        name = person_or_unit.full_name
    if not AwardRecord.objects.filter(award=awards[code], year=year, **lookup).exists():
        AwardRecord.objects.create(
            recipient_name=name,
            award=awards[code],
            year=year,
            source="import",
            decision_number=extra.pop("decision_number", ""),
            **lookup,
            **extra,
        )


def _members(awards, unit, *, total, advanced, year):
    """SAMPLE members of a collective, `advanced` of them Lao động tiên tiến in `year`."""
    people = []
    for index in range(total):
        name = f"{FAMILY_NAMES[index % 10]} {GIVEN_NAMES[(index * 3 + len(unit.code)) % 10]}"
        people.append(_person(name if index < 10 else f"{name} ({index + 1})", unit))
    for person in people[:advanced]:
        _record(awards, person, catalogue.ADVANCED_WORKER, year)
    return people


def seed_history(awards):
    units = {
        unit.code: unit
        for unit in Unit.objects.filter(
            code__in=["NB-SGDDT", "NB-SNV", "NB-STP", "NB-SXD", "ND-SNV", "ND-SNNPTNT", "BG-SNV", "36"]
        )
    }
    education = units["NB-SGDDT"]
    lan = _person("Phạm Thị Lan", education, "female", "Giáo viên")
    hung = _person("Lê Văn Hùng", education, "male", "Phó Giám đốc")
    huong = _person("Đỗ Thị Hương", education, "female", "Chuyên viên")
    nam = _person("Hoàng Văn Nam", education, "male", "Chuyên viên")
    mai = _person("Vũ Thị Mai", units["ND-SNV"], "female", "Chuyên viên")
    for year in (2022, 2023, 2024):  # three consecutive years: ready for Chiến sĩ thi đua cấp tỉnh
        _record(awards, lan, catalogue.ADVANCED_WORKER, year)
        _record(awards, lan, catalogue.GRASSROOTS_FIGHTER, year)
    for year in (2023, 2024):  # two years: enough for the chairman's Bằng khen only
        _record(awards, hung, catalogue.GRASSROOTS_FIGHTER, year)
    _record(awards, huong, catalogue.GRASSROOTS_FIGHTER, 2024)  # one year
    for year in (2022, 2024):  # a gap year
        _record(awards, mai, catalogue.GRASSROOTS_FIGHTER, year)
    if not DisciplineCase.objects.filter(person=nam).exists():
        DisciplineCase.objects.create(
            kind="discipline", person=nam, opened_on=date(2025, 10, 15), summary=f"Đang xem xét kỷ luật ({SAMPLE})."
        )
    for initiative_title, person, scope in (
        ("Ứng dụng học liệu số trong dạy học môn Ngữ văn", lan, "provincial"),
        ("Số hóa hồ sơ thi đua, khen thưởng của Sở", hung, "grassroots"),
    ):
        Initiative.objects.get_or_create(
            title=initiative_title, person=person, defaults={"scope": scope, "recognised_on": date(2025, 5, 20)}
        )
    # Nam Định's Department of Home Affairs was Tập thể lao động xuất sắc in 2024; it merged into Ninh Bình's
    # on 1/7/2025, whose own 2025 title makes two consecutive years across the merger.
    _record(awards, units["ND-SNV"], catalogue.EXCELLENT_COLLECTIVE, 2024)
    _record(awards, units["NB-SNV"], catalogue.EXCELLENT_COLLECTIVE, 2025)
    _members(awards, units["NB-STP"], total=20, advanced=13, year=2025)  # 65%: fails the 70% rule
    builders = _members(awards, units["NB-SXD"], total=20, advanced=15, year=2025)  # 75%: passes
    _record(awards, builders[0], catalogue.GRASSROOTS_FIGHTER, 2025)  # its one Chiến sĩ thi đua cơ sở
    # Ratings of duty completion (directory): every member of Sở Xây dựng completed duties in 2025
    # (its Tập thể lao động xuất sắc passes), those of Sở Tư pháp are not rated (its one fails).
    examples = seed_ratings(
        by=User.objects.filter(is_provincial_officer=True).order_by("pk").first(),
        members=[
            (builders[:15], {2025: DutyRatingLevel.GOOD}),
            (builders[15:], {2025: DutyRatingLevel.COMPLETED}),
        ],
    )
    for key in ("grassroots_pass", "grassroots_fail"):
        if key in examples:
            _record(awards, examples[key], catalogue.ADVANCED_WORKER, 2025)
    for key in ("certificate_pass", "certificate_fail"):
        if key in examples:
            for index, title in enumerate(("Sổ tay số hóa hồ sơ học sinh", "Ngân hàng câu hỏi trực tuyến")):
                Initiative.objects.get_or_create(
                    title=f"{title} ({examples[key].full_name})",
                    person=examples[key],
                    defaults={"scope": "grassroots", "recognised_on": date(2025, 3 + index, 10)},
                )
    return {"lan": lan, "hung": hung, "huong": huong, "nam": nam, "mai": mai, "examples": examples, **units}


def _giao_phong(nam_dinh):
    unit = Unit.objects.filter(code="ND-XGIAOPHONG").first()
    if unit is None:
        unit = Unit.objects.create(
            name="Ủy ban nhân dân xã Giao Phong, huyện Giao Thủy",
            kind=UnitKind.COMMUNE,
            code="ND-XGIAOPHONG",
            parent=nam_dinh,
            valid_until=date(2025, 6, 30),
        )
    return unit


def _proposal(title, unit, *, year, state, commendation_type="regular", **fields):
    proposal = Proposal.objects.filter(title=title, unit=unit).first()
    if proposal is not None:
        return proposal, False
    return Proposal.objects.create(
        title=title, unit=unit, year=year, state=state, commendation_type=commendation_type, **fields
    ), True


def _nominee(proposal, award, *, person=None, unit=None, **fields):
    return Nominee.objects.create(
        proposal=proposal, award=award, person=person, unit=unit, year=proposal.year, is_household=False, **fields
    )


def seed_proposals(awards, people, officer):
    education, home_affairs = people["NB-SGDDT"], people["NB-SNV"]
    nam_dinh = people["36"]
    created = []

    proposal, new = _proposal(
        "Đề nghị khen thưởng thường xuyên năm 2025 – Sở Giáo dục và Đào tạo",
        education,
        year=2025,
        state=ProposalState.DRAFT,
    )
    if new:
        initiative = Initiative.objects.get(title="Ứng dụng học liệu số trong dạy học môn Ngữ văn")
        created += [
            _nominee(
                proposal,
                awards[catalogue.PROVINCIAL_FIGHTER],
                person=people["lan"],
                initiative=initiative,
                achievement="Giáo viên dạy giỏi cấp tỉnh; 3 năm liên tục Chiến sĩ thi đua cơ sở.",
            ),
            _nominee(
                proposal,
                awards[catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL],
                person=people["hung"],
                achievement="Hoàn thành xuất sắc nhiệm vụ năm 2024 và 2025.",
            ),
            _nominee(proposal, awards[catalogue.PROVINCIAL_FIGHTER], person=people["huong"]),
            _nominee(proposal, awards[catalogue.ADVANCED_WORKER], person=people["nam"]),
        ]

    proposal, new = _proposal(
        "Khen thưởng phong trào “Nam Định chung sức xây dựng nông thôn mới nâng cao, kiểu mẫu” giai đoạn 2021-2025",
        _giao_phong(nam_dinh),
        year=2023,
        state=ProposalState.SUBMITTED,
        commendation_type="thematic",
        deadline=date(2023, 12, 10),
        submitted_on=date(2023, 12, 8),
    )
    if new:
        son = _person("Phạm Văn Sơn", proposal.unit, "male", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã")
        created.append(
            _nominee(
                proposal,
                awards[catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL],
                person=son,
                achievement="Điển hình tiên tiến trong phong trào xây dựng nông thôn mới.",
            )
        )

    proposal, new = _proposal(
        "Bằng khen tổng kết công tác thi đua, khen thưởng năm 2021 tỉnh Bắc Giang",
        people["BG-SNV"],
        year=2021,
        state=ProposalState.RETURNED,
        deadline=date(2021, 12, 10),
        submitted_on=date(2021, 12, 20),
        returned_reasons="Thiếu biên bản họp Hội đồng thi đua, khen thưởng của đơn vị.",
    )
    if new:
        created.append(
            _nominee(
                proposal,
                awards[catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE],
                unit=people["BG-SNV"],
                achievement="Hoàn thành xuất sắc nhiệm vụ năm 2021 (Hội nghị tổng kết 18/01/2022).",
            )
        )

    proposal, new = _proposal(
        "Danh hiệu Tập thể lao động tiên tiến năm 2025 – Sở Tư pháp",
        people["NB-STP"],
        year=2025,
        state=ProposalState.UNDER_VERIFICATION,
        submitted_on=date(2025, 12, 5),
    )
    if new:
        created.append(_nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=people["NB-STP"]))

    proposal, new = _proposal(
        "Danh hiệu thi đua năm 2025 – Sở Xây dựng",
        people["NB-SXD"],
        year=2025,
        state=ProposalState.AT_COUNCIL,
        submitted_on=date(2025, 12, 3),
    )
    if new:
        created.append(_nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=people["NB-SXD"]))
        created.append(_nominee(proposal, awards["XPTB"], unit=people["NB-SXD"]))

    proposal, new = _proposal(
        "Bằng khen của Chủ tịch UBND tỉnh năm 2025 – Sở Nội vụ",
        home_affairs,
        year=2025,
        state=ProposalState.PUBLIC_NOTICE,
        submitted_on=date(2025, 12, 2),
        notice_until=date(2025, 12, 26),
    )
    if new:
        created.append(_nominee(proposal, awards[catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE], unit=home_affairs))

    decided, new = _proposal(
        "Chiến sĩ thi đua cơ sở năm 2025 – Sở Giáo dục và Đào tạo (đợt 1)",
        education,
        year=2025,
        state=ProposalState.DRAFT,
        submitted_on=date(2025, 11, 28),
    )
    if new:
        for person in (people["lan"],):
            fighter = _nominee(decided, awards[catalogue.GRASSROOTS_FIGHTER], person=person)
            advanced = _nominee(decided, awards[catalogue.ADVANCED_WORKER], person=person)
        refresh_eligibility(nominees=[fighter, advanced])
        session, _created = CouncilSession.objects.get_or_create(
            held_on=date(2025, 12, 12),
            defaults={
                "member_count": 15,
                "present_count": 13,
                "created_by": officer,
                "notes": f"Phiên họp xét danh hiệu năm 2025 ({SAMPLE}).",
            },
        )
        CouncilVote.objects.create(
            session=session,
            nominee=fighter,
            in_favour=12,
            against=1,
            written_in_favour=1,
            threshold=80,
            share=Decimal("86.67"),
            is_passed=True,
        )
        Proposal.objects.filter(pk=decided.pk).update(
            state=ProposalState.PUBLIC_NOTICE, notice_until=date(2025, 12, 19)
        )
        decided.refresh_from_db()
        decide(
            proposal=decided,
            number="2968/QĐ-UBND",
            signed_on=date(2025, 12, 22),
            signer="Chủ tịch UBND tỉnh",
            level="provincial",
            outcomes={fighter.pk: (True, ""), advanced.pk: (True, "")},
            by=officer,
        )
        Proposal.objects.filter(pk=decided.pk).update(state=ProposalState.FORWARDED)
        decided.refresh_from_db()

    proposal, new = _proposal(
        "Tập thể lao động xuất sắc năm 2025 – Sở Nội vụ", home_affairs, year=2025, state=ProposalState.DRAFT
    )
    if new:
        created.append(_nominee(proposal, awards[catalogue.EXCELLENT_COLLECTIVE], unit=home_affairs))
        proposal.state = ProposalState.DRAFT
    created += _rating_examples(awards, people)
    refresh_eligibility(
        nominees=Nominee.objects.filter(pk__in=[nominee.pk for nominee in created]).select_related(
            "award", "person", "unit", "proposal", "initiative"
        )
    )
    # One decided, not forwarded: Bắc Giang's 2021 certificates were decided in January 2022 on paper;
    # they sit in the history as imported records.
    _record(awards, people["BG-SNV"], catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, 2021, decision_number="120/QĐ-UBND")


def _rating_examples(awards, people):
    """A passing and a failing nominee of each rule that reads the ratings of duty completion (issue 12)."""
    examples = people.get("examples") or {}
    created = []
    proposal, new = _proposal(
        "Ví dụ xếp loại hoàn thành nhiệm vụ năm 2025 – cá nhân, Sở Giáo dục và Đào tạo",
        people["NB-SGDDT"],
        year=2025,
        state=ProposalState.DRAFT,
    )
    if new and examples:
        for key, code in (
            ("advanced_pass", catalogue.ADVANCED_WORKER),  # rated good in 2025
            ("advanced_fail", catalogue.ADVANCED_WORKER),  # rated completed in 2025
            ("grassroots_pass", catalogue.GRASSROOTS_FIGHTER),  # LĐTT and rated excellent in 2025
            ("grassroots_fail", catalogue.GRASSROOTS_FIGHTER),  # LĐTT, rated good, no initiative
            ("certificate_pass", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),  # excellent 2024-2025, 2 initiatives
            ("certificate_fail", catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),  # excellent 2025 only
        ):
            created.append(_nominee(proposal, awards[code], person=examples[key]))
    proposal, new = _proposal(
        "Ví dụ xếp loại hoàn thành nhiệm vụ năm 2025 – tập thể",
        people["NB-SNV"],
        year=2025,
        state=ProposalState.SUBMITTED,
        submitted_on=date(2025, 12, 4),
    )
    if new:
        for unit_code, code in (
            ("NB-SXD", catalogue.EXCELLENT_COLLECTIVE),  # excellent, every member rated, 75%, one CSTĐCS
            ("NB-STP", catalogue.EXCELLENT_COLLECTIVE),  # rated good, members not rated, 65%
            ("NB-SGDDT", catalogue.ADVANCED_COLLECTIVE),  # rated completed in 2025
            ("NB-SXD", catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE),  # excellent 2024 and 2025
            ("NB-STP", catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE),  # good only
        ):
            created.append(_nominee(proposal, awards[code], unit=people[unit_code]))
    return created


@transaction.atomic
def seed(*, with_logins):
    """Load the awards demo data. Creates no logins: the directory's demo users cover every role."""
    officer = User.objects.filter(is_provincial_officer=True).order_by("pk").first()
    with acting_as(officer):
        awards = seed_catalogue()
        if Unit.objects.filter(code="NB-SGDDT").exists() and officer is not None:
            people = seed_history(awards)
            seed_proposals(awards, people, officer)
            seed_law_cases(awards, people["NB-SNV"], officer)
            seed_types(awards)  # the commendation types' cases (issue 12, types)
            seed_council(awards, people, officer)
            seed_form_data(awards)  # the statistical forms' tiers and records (issue 14)
            seed_certificates(awards, officer)  # layouts, the demo code, a signed certificate (issue 15)
            seed_public(awards, officer)  # public notices, comments and the register (issue 16, public)
            seed_upward(awards, people, officer)  # the upward package (issue 16, upward)
            seed_originals(awards, officer)  # signed cover letters and a signed decision (issue 15, originals)
    return []
