"""Demo cases of the rules of the law (issue 12): for each rule a nominee that passes and one that fails,
in draft dossiers a visitor opens from the proposal list ("Minh họa quy định: …").

Every person, unit, record and case here is SAMPLE DATA invented for the demo. `CASES` names, for each
rule, the nominee expected to pass and the one expected to fail; tests/awards/test_demo_law.py
checks them. Running `seed_law_cases` twice changes nothing.
"""

from datetime import date

from directory.enums import DutyRatingLevel, UnitKind
from directory.models import DutyRating, Person, Unit

from ..enums import ProposalState
from ..models import AwardRecord, DisciplineCase, Initiative, Nominee, Proposal
from . import catalogue
from .eligibility import refresh_eligibility

SAMPLE = "Dữ liệu mẫu (sample data)"
YEAR = 2025
PREFIX = "Minh họa quy định: "

# rule -> (dossier title, the nominee that passes, the nominee that fails)
CASES = {
    "second_conferral": (
        "không xét lại danh hiệu đã tặng cùng năm",
        "Trịnh Thị Ngọc – Lao động tiên tiến",
        "Trịnh Văn Khải – Lao động tiên tiến",
    ),
    "advanced_share": (
        "Tập thể lao động tiên tiến cần trên 50% Lao động tiên tiến",
        "Phòng Minh họa 60% – Tập thể lao động tiên tiến",
        "Phòng Minh họa 50% – Tập thể lao động tiên tiến",
    ),
    "excellent_share": (
        "Tập thể lao động xuất sắc cần ít nhất 70% Lao động tiên tiến",
        "Phòng Minh họa 70% – Tập thể lao động xuất sắc",
        "Phòng Minh họa 69% – Tập thể lao động xuất sắc",
    ),
    "initiative_once": (
        "mỗi sáng kiến chỉ tính cho một lần khen thưởng",
        "Lương Thị Thu – Chiến sĩ thi đua cơ sở",
        "Lương Văn Tài – Chiến sĩ thi đua cơ sở",
    ),
    "national_fighter": (
        "Chiến sĩ thi đua toàn quốc xét vào năm liền sau lần thứ hai",
        "Cao Thị Hạnh – Chiến sĩ thi đua toàn quốc",
        "Cao Văn Định – Chiến sĩ thi đua toàn quốc",
    ),
    "sanction_date": (
        "kỷ luật tính theo ngày ra quyết định kỷ luật",
        "Phòng Minh họa kỷ luật 2024 – Tập thể lao động tiên tiến",
        "Phòng Minh họa kỷ luật 2025 – Tập thể lao động tiên tiến",
    ),
}


def _unit(name, parent):
    unit = Unit.objects.filter(name=name, parent=parent).first()
    return unit or Unit.objects.create(name=name, kind=UnitKind.DEPARTMENT, parent=parent)


def _person(full_name, unit, gender="female"):
    person = Person.objects.filter(full_name=full_name, unit=unit).first()
    return person or Person.objects.create(full_name=full_name, unit=unit, gender=gender, position="Chuyên viên")


def _record(award, recipient, year, **extra):
    collective = isinstance(recipient, Unit)
    AwardRecord.objects.get_or_create(
        award=award,
        year=year,
        person=None if collective else recipient,
        unit=recipient if collective else recipient.unit,
        is_collective=collective,
        defaults={
            "recipient_name": recipient.name if collective else recipient.full_name,
            "source": "import",
            **extra,
        },
    )


def _rate(recipient, rating=DutyRatingLevel.GOOD):
    """The SAMPLE rating of duty completion of a person or unit for YEAR (the rules read it)."""
    key = "unit" if isinstance(recipient, Unit) else "person"
    DutyRating.objects.get_or_create(
        **{key: recipient},
        year=YEAR,
        defaults={"rating": rating, "source_document": f"Danh sách xếp loại năm {YEAR} ({SAMPLE})"},
    )


def _staff(unit, awards, *, total, advanced, prefix, rating=DutyRatingLevel.GOOD):
    """`total` SAMPLE members of `unit`, all rated, the first `advanced` Lao động tiên tiến in YEAR, one
    Chiến sĩ thi đua cơ sở; the collective itself rated `rating`."""
    people = [_person(f"{prefix} {index + 1:02d}", unit) for index in range(total)]
    for person in people:
        _rate(person)
    for person in people[:advanced]:
        _record(awards[catalogue.ADVANCED_WORKER], person, YEAR)
    _record(awards[catalogue.GRASSROOTS_FIGHTER], people[0], YEAR)
    _rate(unit, rating)
    return people


def _dossier(rule, unit, officer):
    title = PREFIX + CASES[rule][0]
    proposal, created = Proposal.objects.get_or_create(
        title=title,
        unit=unit,
        defaults={"year": YEAR, "state": ProposalState.DRAFT, "created_by": officer},
    )
    return proposal, created


def _nominee(proposal, award, **recipient):
    return Nominee.objects.create(proposal=proposal, award=award, year=proposal.year, **recipient)


def seed_law_cases(awards, home_affairs, officer):
    """The dossiers of `CASES`, proposed by `home_affairs` for its SAMPLE sub-units and people.

    Side effects: writes units, people, award history, initiatives, discipline cases, proposals and
    nominees with their eligibility; nothing when they exist already.
    """
    made = []

    proposal, created = _dossier("second_conferral", home_affairs, officer)
    if created:
        ngoc, khai = _person("Trịnh Thị Ngọc", home_affairs), _person("Trịnh Văn Khải", home_affairs, "male")
        _rate(ngoc), _rate(khai)
        _record(awards[catalogue.ADVANCED_WORKER], khai, YEAR, decision_number="58/QĐ-SNV")  # already conferred
        made += [
            _nominee(proposal, awards[catalogue.ADVANCED_WORKER], person=ngoc),
            _nominee(proposal, awards[catalogue.ADVANCED_WORKER], person=khai),
        ]

    proposal, created = _dossier("advanced_share", home_affairs, officer)
    if created:
        sixty = _unit("Phòng Minh họa 60%", home_affairs)
        fifty = _unit("Phòng Minh họa 50%", home_affairs)
        # 5 of 10 recorded, a 6th proposed for Lao động tiên tiến in the same dossier: 60%.
        members = _staff(sixty, awards, total=10, advanced=5, prefix="Thành viên 60%")
        _staff(fifty, awards, total=10, advanced=5, prefix="Thành viên 50%")  # exactly 50%: fails
        made += [
            _nominee(proposal, awards[catalogue.ADVANCED_WORKER], person=members[5]),
            _nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=sixty),
            _nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=fifty),
        ]

    proposal, created = _dossier("excellent_share", home_affairs, officer)
    if created:
        seventy = _unit("Phòng Minh họa 70%", home_affairs)
        sixty_nine = _unit("Phòng Minh họa 69%", home_affairs)
        excellent = DutyRatingLevel.EXCELLENT
        _staff(seventy, awards, total=10, advanced=7, prefix="Thành viên 70%", rating=excellent)
        _staff(sixty_nine, awards, total=13, advanced=9, prefix="Thành viên 69%", rating=excellent)  # 9/13 = 69.2%
        made += [
            _nominee(proposal, awards[catalogue.EXCELLENT_COLLECTIVE], unit=seventy),
            _nominee(proposal, awards[catalogue.EXCELLENT_COLLECTIVE], unit=sixty_nine),
        ]

    proposal, created = _dossier("initiative_once", home_affairs, officer)
    if created:
        thu, tai = _person("Lương Thị Thu", home_affairs), _person("Lương Văn Tài", home_affairs, "male")
        for person in (thu, tai):
            _record(awards[catalogue.ADVANCED_WORKER], person, YEAR)
        fresh, _made = Initiative.objects.get_or_create(
            title="Sổ tay số hóa hồ sơ khen thưởng cấp xã",
            person=thu,
            defaults={"scope": "grassroots", "recognised_on": date(YEAR, 4, 2)},
        )
        used, _made = Initiative.objects.get_or_create(
            title="Mẫu biểu thống kê thi đua trực tuyến",
            person=tai,
            defaults={"scope": "grassroots", "recognised_on": date(YEAR, 3, 9)},
        )
        # The initiative already supported a Giấy khen of the same year.
        _record(awards["GK-CN"], tai, YEAR, initiative=used, decision_number="12/QĐ-SNV")
        made += [
            _nominee(proposal, awards[catalogue.GRASSROOTS_FIGHTER], person=thu, initiative=fresh),
            _nominee(proposal, awards[catalogue.GRASSROOTS_FIGHTER], person=tai, initiative=used),
        ]

    proposal, created = _dossier("national_fighter", home_affairs, officer)
    if created:
        hanh, dinh = _person("Cao Thị Hạnh", home_affairs), _person("Cao Văn Định", home_affairs, "male")
        for person, years in ((hanh, (2021, 2024)), (dinh, (2019, 2022))):
            for year in years:
                _record(awards[catalogue.PROVINCIAL_FIGHTER], person, year)
        made += [
            _nominee(
                proposal,
                awards[catalogue.NATIONAL_FIGHTER],
                person=person,
                initiative=Initiative.objects.get_or_create(
                    title=f"Giải pháp quản lý hồ sơ thi đua toàn quốc ({person.full_name})",
                    person=person,
                    defaults={"scope": "national", "recognised_on": date(YEAR, 6, 1)},
                )[0],
            )
            for person in (hanh, dinh)
        ]

    proposal, created = _dossier("sanction_date", home_affairs, officer)
    if created:
        earlier = _unit("Phòng Minh họa kỷ luật 2024", home_affairs)
        later = _unit("Phòng Minh họa kỷ luật 2025", home_affairs)
        for unit, sanctioned_on in ((earlier, date(2024, 12, 20)), (later, date(2025, 2, 14))):
            members = _staff(unit, awards, total=4, advanced=4, prefix=f"Thành viên {unit.name[-4:]}")
            DisciplineCase.objects.get_or_create(
                person=members[-1],
                defaults={
                    "kind": "discipline",
                    "level": "warning",
                    "opened_on": date(2024, 11, 5),  # opened the year before in both cases
                    "sanctioned_on": sanctioned_on,
                    "closed_on": sanctioned_on,
                    "summary": f"Cảnh cáo ({SAMPLE}).",
                },
            )
        made += [
            _nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=earlier),
            _nominee(proposal, awards[catalogue.ADVANCED_COLLECTIVE], unit=later),
        ]

    if made:
        refresh_eligibility(
            nominees=Nominee.objects.filter(pk__in=[nominee.pk for nominee in made]).select_related(
                "award", "person", "unit", "proposal", "initiative"
            )
        )
    return made
