"""The rules that read the yearly ratings of duty completion (issue 12): a passing and a failing case each."""

from datetime import date

import pytest

from awards.domain import catalogue
from awards.domain.eligibility import check_nominee
from awards.models import Award, AwardRecord
from directory.models import Person
from tests.factories.awards import (
    AwardRecordFactory,
    InitiativeFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory, UnitFactory, rate

pytestmark = pytest.mark.django_db


def nominate(code, *, year=2025, person=None, unit=None, proposal=None):
    proposal = proposal or ProposalFactory(year=year)
    return NomineeFactory(
        proposal=proposal,
        person=None if unit else (person or PersonFactory()),
        unit=unit,
        award=catalogue_award(code),
        year=year,
    )


def history(recipient, code, *years):
    for year in years:
        if isinstance(recipient, Person):
            AwardRecordFactory(person=recipient, award=catalogue_award(code), year=year)
        else:
            AwardRecordFactory(person=None, unit=recipient, is_collective=True, award=catalogue_award(code), year=year)


def check(nominee):
    return check_nominee(nominee=nominee)


def test_the_catalogue_gives_lao_dong_tien_tien_its_rule():
    assert catalogue_award(catalogue.ADVANCED_WORKER).rule == "advanced_worker"
    assert Award.objects.get(code=catalogue.ADVANCED_WORKER).rule == "advanced_worker"


@pytest.mark.parametrize(
    ("rating", "status", "text"),
    [
        ("excellent", "passed", "Hoàn thành xuất sắc nhiệm vụ 2025."),
        ("good", "passed", "Hoàn thành tốt nhiệm vụ 2025."),
        ("completed", "failed", "Hoàn thành nhiệm vụ 2025. Yêu cầu hoàn thành tốt nhiệm vụ trở lên năm 2025."),
        (None, "failed", "Chưa có kết quả xếp loại mức độ hoàn thành nhiệm vụ năm 2025"),
    ],
)
def test_lao_dong_tien_tien_needs_good_or_better_in_the_year(rating, status, text):
    person = PersonFactory()
    if rating:
        rate(person, 2025, rating=rating)
    rate(person, 2024)  # another year does not count
    result = check(nominate(catalogue.ADVANCED_WORKER, person=person))
    assert result.status == status
    assert text in result.explanation


def test_chien_si_thi_dua_co_so_needs_an_excellent_rating_or_a_free_initiative():
    person = PersonFactory()
    history(person, catalogue.ADVANCED_WORKER, 2025)
    rate(person, 2025, rating="good")
    nominee = nominate(catalogue.GRASSROOTS_FIGHTER, person=person)
    failing = check(nominee)
    assert failing.status == "failed"
    assert "Hoàn thành tốt nhiệm vụ 2025. Yêu cầu hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến" in (
        failing.explanation
    )

    rate(person, 2025, rating="excellent")
    passing = check(nominee)
    assert passing.status == "passed", passing.explanation
    assert "Hoàn thành xuất sắc nhiệm vụ 2025." in passing.explanation


def members_rated(unit, ratings, *, advanced):
    people = PersonFactory.create_batch(len(ratings), unit=unit)
    for person, rating in zip(people, ratings, strict=True):
        if rating:
            rate(person, 2025, rating=rating)
    for person in people[:advanced]:
        history(person, catalogue.ADVANCED_WORKER, 2025)
    history(people[0], catalogue.GRASSROOTS_FIGHTER, 2025)
    return people


def test_tap_the_lao_dong_xuat_sac_needs_its_own_excellence_and_every_members_rating():
    unit = UnitFactory()
    rate(unit, 2025)
    members_rated(unit, ["good"] * 9 + ["completed"], advanced=7)
    passing = check(nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unit))
    assert passing.status == "passed", passing.explanation
    assert "Cả 10 thành viên đều hoàn thành nhiệm vụ trở lên năm 2025." in passing.explanation

    unrated = UnitFactory()
    rate(unrated, 2025, rating="good")
    members_rated(unrated, ["good"] * 7 + [None, None, "not_completed"], advanced=7)
    failing = check(nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unrated))
    assert failing.status == "failed"
    assert "Hoàn thành tốt nhiệm vụ 2025. Yêu cầu hoàn thành xuất sắc nhiệm vụ năm 2025." in failing.explanation
    assert "2/10 thành viên chưa có kết quả xếp loại mức độ hoàn thành nhiệm vụ năm 2025." in failing.explanation
    assert "1 thành viên không hoàn thành nhiệm vụ năm 2025." in failing.explanation


def test_tap_the_lao_dong_tien_tien_needs_good_or_better():
    unit = UnitFactory()
    members_rated(unit, ["good"] * 10, advanced=6)
    rate(unit, 2025, rating="completed")
    nominee = nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit)
    assert check(nominee).status == "failed"
    rate(unit, 2025, rating="good")
    assert check(nominate(catalogue.ADVANCED_COLLECTIVE, unit=UnitFactory())).status == "failed"  # no rating
    assert check(nominee).status == "passed"


def test_bang_khen_individual_two_consecutive_excellent_years_with_two_initiatives():
    person = PersonFactory()
    InitiativeFactory.create_batch(2, person=person, recognised_on=date(2025, 4, 1))
    rate(person, 2023, 2025)  # not consecutive
    nominee = nominate(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, person=person)
    failing = check(nominee)
    assert failing.status == "failed"
    assert "Hoàn thành xuất sắc nhiệm vụ 2023, 2025." in failing.explanation

    rate(person, 2024)
    passing = check(nominee)
    assert passing.status == "passed", passing.explanation
    assert "Hoàn thành xuất sắc nhiệm vụ 2023, 2024, 2025. Có 2 sáng kiến chưa được tính" in passing.explanation


def test_bang_khen_collective_two_excellent_years_across_a_merger():
    successor = UnitFactory(name="Sở Nội vụ tỉnh Ninh Bình")
    predecessor = UnitFactory(name="Sở Nội vụ tỉnh Nam Định", successor=successor, valid_until=date(2025, 6, 30))
    rate(successor, 2025)
    nominee = nominate(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, unit=successor)
    failing = check(nominee)
    assert failing.status == "failed"
    assert "Cũng không có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ. Hoàn thành xuất sắc nhiệm vụ 2025." in (
        failing.explanation
    )

    rate(predecessor, 2024)
    passing = check(nominee)
    assert passing.status == "passed", passing.explanation
    assert "Có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ. Hoàn thành xuất sắc nhiệm vụ 2024, 2025." in (
        passing.explanation
    )


def test_bang_khen_collective_still_passes_on_two_years_of_tap_the_lao_dong_xuat_sac():
    unit = UnitFactory()
    history(unit, catalogue.EXCELLENT_COLLECTIVE, 2024, 2025)
    assert check(nominate(catalogue.CHAIRMAN_CERTIFICATE_COLLECTIVE, unit=unit)).status == "passed"


def test_the_dossier_page_shows_each_nominees_rating_for_the_year_read_only(client_as, officer):
    rated, unrated = PersonFactory(full_name="Nguyễn Thị Lan"), PersonFactory(full_name="Trần Văn Bình")
    rate(rated, 2025, rating="good")
    proposal = ProposalFactory(year=2025)
    nominate(catalogue.ADVANCED_WORKER, person=rated, proposal=proposal)
    nominate(catalogue.ADVANCED_WORKER, person=unrated, proposal=proposal)

    page = client_as(officer).get(f"/awards/proposals/{proposal.pk}/").content.decode()

    assert "Mức độ hoàn thành nhiệm vụ 2025: Hoàn thành tốt nhiệm vụ" in page
    assert 'Mức độ hoàn thành nhiệm vụ 2025: <span class="muted">chưa có</span>' in page


def test_members_missing_from_the_directory_count_against_the_share(parameters):
    """The share is counted over the members the collective had that year (stated with its rating), not
    only over the people the directory holds: 6 of 10 in the directory pass; 6 of 13 stated do not."""
    from awards.domain.eligibility import check_nominee
    from directory.domain.ratings import correct_rating
    from directory.models import DutyRating

    unit = UnitFactory(name="Phòng Kế hoạch")
    members = PersonFactory.create_batch(10, unit=unit)
    for person in members[:6]:
        AwardRecord.objects.create(
            recipient_name=person.full_name,
            person=person,
            unit=unit,
            award=catalogue_award(catalogue.ADVANCED_WORKER),
            year=2025,
            source="import",
        )
    rate(unit, 2025, rating="good")
    nominee = NomineeFactory(
        proposal=ProposalFactory(unit=unit, year=2025),
        unit=unit,
        person=None,
        award=catalogue_award(catalogue.ADVANCED_COLLECTIVE),
    )
    assert check_nominee(nominee=nominee).status == "passed"

    rating = DutyRating.objects.get(unit=unit, year=2025)
    correct_rating(
        rating=rating, level="good", source_document="QĐ 5", member_count=13, by=None, reason="Danh sách đủ."
    )
    check = check_nominee(nominee=nominee)
    assert check.status == "failed"
    assert "6/13 thành viên (46,2%)" in check.explanation
    assert "3 người chưa có trong danh bạ" in check.explanation
