"""Each eligibility rule with histories that pass and fail, in the words officers read."""

from datetime import date

import pytest

from awards.domain import catalogue
from awards.domain.eligibility import best_run, check_nominee
from clusters.models import Cluster, Nomination, Term
from tests.factories.awards import (
    AwardRecordFactory,
    DisciplineCaseFactory,
    InitiativeFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory, UnitFactory, rate

pytestmark = pytest.mark.django_db


def history(person, code, *years, **extra):
    for year in years:
        AwardRecordFactory(person=person, award=catalogue_award(code), year=year, **extra)


def nominate(code, *, year=2025, person=None, unit=None, rated=None, **extra):
    """A nominee for `code`; `rated` records the recipient's rating of duty completion for `year` first."""
    proposal = ProposalFactory(year=year, commendation_type=extra.pop("commendation_type", "regular"))
    if unit is not None:
        if rated:
            rate(unit, year, rating=rated)
        return NomineeFactory(proposal=proposal, person=None, unit=unit, award=catalogue_award(code), **extra)
    person = person or PersonFactory()
    if rated:
        rate(person, year, rating=rated)
    return NomineeFactory(proposal=proposal, person=person, award=catalogue_award(code), **extra)


@pytest.mark.parametrize(
    ("years", "year", "expected"),
    [({2023, 2024, 2025}, 2025, 3), ({2022, 2023, 2024}, 2025, 3), ({2021, 2022, 2024}, 2025, 1), (set(), 2025, 0)],
)
def test_best_run_counts_consecutive_years_ending_this_year_or_last(years, year, expected):
    assert best_run(years, year) == expected


def test_provincial_fighter_with_three_consecutive_years_passes():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2023, 2024, 2025)
    nominee = nominate(catalogue.PROVINCIAL_FIGHTER, person=person, initiative=InitiativeFactory(person=person))

    check = check_nominee(nominee=nominee)

    assert check.status == "passed"
    assert "Có 3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023, 2024, 2025)." in check.explanation


def test_provincial_fighter_with_two_years_fails_and_says_which_years():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2022, 2023)
    nominee = nominate(
        catalogue.PROVINCIAL_FIGHTER, year=2024, person=person, initiative=InitiativeFactory(person=person)
    )

    check = check_nominee(nominee=nominee)

    assert check.status == "failed"
    assert "Yêu cầu 3 năm liên tục đạt Chiến sĩ thi đua cơ sở; chỉ có các năm 2022, 2023." in check.explanation


def test_provincial_fighter_with_a_gap_year_fails():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2021, 2022, 2024, 2025)
    nominee = nominate(catalogue.PROVINCIAL_FIGHTER, person=person, initiative=InitiativeFactory(person=person))

    check = check_nominee(nominee=nominee)

    assert check.status == "failed"
    assert "chỉ có các năm 2021, 2022, 2024, 2025" in check.explanation


def test_provincial_fighter_thematic_awards_do_not_count():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2023, 2024)
    history(person, catalogue.GRASSROOTS_FIGHTER, 2025, commendation_type="thematic")
    nominee = nominate(catalogue.PROVINCIAL_FIGHTER, person=person, initiative=InitiativeFactory(person=person))

    assert check_nominee(nominee=nominee).status == "failed"


def test_provincial_fighter_without_province_wide_initiative_fails():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2023, 2024, 2025)
    nominee = nominate(
        catalogue.PROVINCIAL_FIGHTER, person=person, initiative=InitiativeFactory(person=person, scope="grassroots")
    )

    check = check_nominee(nominee=nominee)

    assert check.status == "failed"
    assert "yêu cầu phạm vi ảnh hưởng toàn tỉnh" in check.explanation


def test_initiative_already_used_for_an_award_fails():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2023, 2024, 2025)
    initiative = InitiativeFactory(person=person)
    AwardRecordFactory(person=person, award=catalogue_award("BKCT-CN"), year=2024, initiative=initiative)
    nominee = nominate(catalogue.PROVINCIAL_FIGHTER, person=person, initiative=initiative)

    check = check_nominee(nominee=nominee)

    assert check.status == "failed"
    assert "mỗi sáng kiến chỉ được tính cho một danh hiệu hoặc hình thức" in check.explanation


def test_grassroots_fighter_needs_advanced_worker_the_same_year():
    person = PersonFactory()
    failing = nominate(catalogue.GRASSROOTS_FIGHTER, person=person, rated="excellent")
    assert check_nominee(nominee=failing).status == "failed"

    history(person, catalogue.ADVANCED_WORKER, 2025)
    assert check_nominee(nominee=failing).status == "passed"


def test_grassroots_fighter_without_excellence_or_initiative_fails():
    person = PersonFactory()
    history(person, catalogue.ADVANCED_WORKER, 2025)
    nominee = nominate(catalogue.GRASSROOTS_FIGHTER, person=person)

    check = check_nominee(nominee=nominee)

    assert check.status == "failed"
    assert "Yêu cầu hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận." in check.explanation


def test_national_fighter_needs_two_provincial_titles_in_a_row():
    person = PersonFactory()
    history(person, catalogue.PROVINCIAL_FIGHTER, 2021)
    initiative = InitiativeFactory(person=person, scope="national")
    nominee = nominate(catalogue.NATIONAL_FIGHTER, person=person, initiative=initiative)
    assert check_nominee(nominee=nominee).status == "failed"

    # Issue 12: proposed in the year right after the second conferral (2024 -> 2025).
    history(person, catalogue.PROVINCIAL_FIGHTER, 2024)
    assert check_nominee(nominee=nominee).status == "passed"


def members(unit, count, *, advanced, year=2025):
    """`count` members of `unit`, each rated "completed duties well" in `year`, `advanced` of them LĐTT."""
    people = PersonFactory.create_batch(count, unit=unit)
    for person in people:
        rate(person, year, rating="good")
    for person in people[:advanced]:
        history(person, catalogue.ADVANCED_WORKER, year)
    return people


def test_advanced_collective_with_75_percent_passes():
    unit = UnitFactory()
    members(unit, 20, advanced=15)

    check = check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit, rated="good"))

    assert check.status == "passed"
    assert "15/20 thành viên (75,0%) đạt Lao động tiên tiến năm 2025; yêu cầu trên 50%." in check.explanation


def test_advanced_collective_with_half_the_members_fails():
    # Issue 12: art. 28 asks more than 50% (65% failed under the old, wrong 70% rule).
    unit = UnitFactory()
    members(unit, 20, advanced=10)

    check = check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit))

    assert check.status == "failed"
    assert "10/20 thành viên (50,0%)" in check.explanation


def test_advanced_collective_at_exactly_70_percent_passes():
    unit = UnitFactory()
    members(unit, 10, advanced=7)

    assert check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit, rated="good")).status == "passed"


def test_advanced_collective_with_a_member_warned_fails():
    unit = UnitFactory()
    people = members(unit, 10, advanced=10)
    DisciplineCaseFactory(person=people[0], level="warning", opened_on=date(2025, 2, 1), closed_on=date(2025, 4, 1))

    check = check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit))

    assert check.status == "failed"
    assert "bị kỷ luật từ hình thức cảnh cáo trở lên trong năm 2025" in check.explanation


def test_excellent_collective_needs_a_grassroots_fighter():
    unit = UnitFactory()
    people = members(unit, 10, advanced=8)
    nominee = nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unit, rated="excellent")
    assert check_nominee(nominee=nominee).status == "failed"

    history(people[0], catalogue.GRASSROOTS_FIGHTER, 2025)
    assert check_nominee(nominee=nominee).status == "passed"


def test_excellent_collective_without_excellent_completion_fails():
    unit = UnitFactory()
    people = members(unit, 10, advanced=8)
    history(people[0], catalogue.GRASSROOTS_FIGHTER, 2025)

    assert check_nominee(nominee=nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unit)).status == "failed"


def test_chairman_certificate_individual_with_two_consecutive_years_passes():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2024, 2025)

    assert check_nominee(nominee=nominate("BKCT-CN", person=person)).status == "passed"


def test_chairman_certificate_individual_with_one_year_fails():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2023, 2025)

    check = check_nominee(nominee=nominate("BKCT-CN", person=person))

    assert check.status == "failed"
    assert "Yêu cầu 2 năm liên tục đạt Chiến sĩ thi đua cơ sở; chỉ có các năm 2023, 2025." in check.explanation


def test_chairman_certificate_individual_with_excellence_and_two_initiatives_passes():
    person = PersonFactory()
    InitiativeFactory.create_batch(2, person=person, recognised_on=date(2024, 6, 1))
    rate(person, 2024)  # two consecutive years of excellent completion, with the 2025 rating below

    assert check_nominee(nominee=nominate("BKCT-CN", person=person, rated="excellent")).status == "passed"


def test_chairman_certificate_collective_follows_a_merged_unit():
    old = UnitFactory(name="Sở Nội vụ tỉnh Nam Định", valid_until=date(2025, 6, 30))
    new = UnitFactory(name="Sở Nội vụ tỉnh Ninh Bình")
    old.successor = new
    old.save()
    AwardRecordFactory(
        person=None,
        unit=old,
        is_collective=True,
        recipient_name=old.name,
        award=catalogue_award(catalogue.EXCELLENT_COLLECTIVE),
        year=2024,
    )
    AwardRecordFactory(
        person=None,
        unit=new,
        is_collective=True,
        recipient_name=new.name,
        award=catalogue_award(catalogue.EXCELLENT_COLLECTIVE),
        year=2025,
    )

    check = check_nominee(nominee=nominate("BKCT-TT", unit=new))

    assert check.status == "passed"
    assert "(2024, 2025)" in check.explanation


def test_chairman_certificate_collective_without_predecessor_history_fails():
    unit = UnitFactory()
    AwardRecordFactory(
        person=None,
        unit=unit,
        is_collective=True,
        recipient_name=unit.name,
        award=catalogue_award(catalogue.EXCELLENT_COLLECTIVE),
        year=2025,
    )

    assert check_nominee(nominee=nominate("BKCT-TT", unit=unit)).status == "failed"


def test_provincial_flag_goes_to_the_leading_unit_of_a_cluster_term():
    leader, other = UnitFactory(), UnitFactory()
    term = Term.objects.create(
        cluster=Cluster.objects.create(kind="bloc", name="Khối các sở"), year=2025, lead_unit=other
    )
    Nomination.objects.create(term=term, unit=leader, kind="flag", rank=1)

    assert check_nominee(nominee=nominate(catalogue.PROVINCIAL_FLAG, unit=leader)).status == "passed"
    failing = check_nominee(nominee=nominate(catalogue.PROVINCIAL_FLAG, unit=other))
    assert failing.status == "failed"
    assert "đơn vị chưa được cụm, khối nào suy tôn dẫn đầu năm 2025" in failing.explanation


def test_pending_discipline_holds_the_award():
    person = PersonFactory()
    DisciplineCaseFactory(person=person, kind="inspection", closed_on=None)

    check = check_nominee(nominee=nominate(catalogue.ADVANCED_WORKER, person=person))

    assert check.status == "held"
    assert "Tạm hoãn: vụ việc thanh tra, kiểm tra phát sinh ngày 01/03/2025 đang chờ giải quyết." in check.explanation


def test_closed_discipline_case_does_not_hold():
    person = PersonFactory()
    DisciplineCaseFactory(person=person, closed_on=date(2025, 6, 1))

    assert check_nominee(nominee=nominate(catalogue.ADVANCED_WORKER, person=person, rated="good")).status == "passed"


def test_title_is_refused_for_a_thematic_proposal():
    check = check_nominee(
        nominee=nominate(catalogue.GRASSROOTS_FIGHTER, commendation_type="thematic", rated="excellent")
    )

    assert check.status == "failed"
    assert "không được dùng cho loại hình khen thưởng theo phong trào, chuyên đề" in check.explanation
