"""Issue 12, the rules of the law: each with a history that passes and one that fails, in the words officers read."""

from datetime import date
from decimal import Decimal

import pytest

from awards.domain import catalogue
from awards.domain.eligibility import check_nominee
from awards.domain.parameters import LAW, parameter_value, seed_law_parameters
from awards.enums import ParameterKind
from awards.models import AwardRecord, LegalParameter
from directory.models import DutyRating, Person
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


def nominate(code, *, year=2025, person=None, unit=None, proposal=None, rated=None, **extra):
    """A nominee for `code`; `rated` records the recipient's rating of duty completion for `year` first."""
    proposal = proposal or ProposalFactory(year=year)
    person = None if unit is not None else (person or PersonFactory())
    if rated:
        rate(unit or person, year, rating=rated)
    if unit is not None:
        return NomineeFactory(
            proposal=proposal, person=None, unit=unit, award=catalogue_award(code), year=year, **extra
        )
    return NomineeFactory(proposal=proposal, person=person, award=catalogue_award(code), year=year, **extra)


def add_members(unit, count, *, start=0):
    people = Person.objects.bulk_create(
        Person(full_name=f"Thành viên {start + index}", gender="female", unit=unit) for index in range(count)
    )
    # Every member completed duties well in 2024 and 2025 (Tập thể lao động xuất sắc asks each member's rating).
    DutyRating.objects.bulk_create(
        DutyRating(person=person, year=year, rating="good", source_document="Danh sách xếp loại")
        for person in people
        for year in (2024, 2025)
    )
    return list(people)


def record_advanced(people, year=2025):
    award = catalogue_award(catalogue.ADVANCED_WORKER)
    AwardRecord.objects.bulk_create(
        AwardRecord(recipient_name=person.full_name, person=person, unit=person.unit, award=award, year=year)
        for person in people
    )


def test_the_same_title_and_year_in_the_history_is_not_conferred_again():
    person = PersonFactory()
    history(person, catalogue.GRASSROOTS_FIGHTER, 2024, decision_number="12/QĐ-UBND")
    history(person, catalogue.ADVANCED_WORKER, 2024)

    again = check_nominee(nominee=nominate(catalogue.ADVANCED_WORKER, year=2024, person=person))
    assert again.status == "failed"
    assert (
        "Danh hiệu Lao động tiên tiến năm 2024 đã có trong lịch sử khen thưởng; "
        "mỗi danh hiệu chỉ được tặng một lần cho một năm." in again.explanation
    )
    fighter_again = check_nominee(
        nominee=nominate(catalogue.GRASSROOTS_FIGHTER, year=2024, person=person, rated="excellent")
    )
    assert fighter_again.status == "failed"
    assert "theo Quyết định số 12/QĐ-UBND" in fighter_again.explanation
    # The next year is free.
    check = check_nominee(nominee=nominate(catalogue.ADVANCED_WORKER, year=2025, person=person, rated="good"))
    assert check.status == "passed"


def test_collective_shares_are_above_50_and_at_least_70_percent_and_count_the_dossier():
    unit = UnitFactory()
    people = add_members(unit, 100)
    history(people[0], catalogue.GRASSROOTS_FIGHTER, 2025)  # also counts as Lao động tiên tiến
    record_advanced(people[1:50])  # 50 of 100

    advanced = nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit, rated="good")
    check = check_nominee(nominee=advanced)
    assert check.status == "failed"
    assert "50/100 thành viên (50,0%) đạt Lao động tiên tiến năm 2025; yêu cầu trên 50%." in check.explanation

    # A member proposed for Lao động tiên tiến in the same dossier counts; one in another dossier does not.
    nominate(catalogue.ADVANCED_WORKER, person=people[60])
    assert check_nominee(nominee=advanced).status == "failed"
    nominate(catalogue.ADVANCED_WORKER, person=people[50], proposal=advanced.proposal)
    check = check_nominee(nominee=advanced)
    assert check.status == "passed"
    assert "51/100 thành viên (51,0%)" in check.explanation
    assert (
        "Trong đó có 1 thành viên được đề nghị danh hiệu Lao động tiên tiến trong cùng hồ sơ này." in check.explanation
    )

    excellent = nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unit, rated="excellent", proposal=advanced.proposal)
    record_advanced(people[51:69])  # 69 of 100 with the one proposed
    check = check_nominee(nominee=excellent)
    assert check.status == "failed"
    assert "69/100 thành viên (69,0%) đạt Lao động tiên tiến năm 2025; yêu cầu tối thiểu 70%." in check.explanation
    record_advanced(people[69:70])
    check = check_nominee(nominee=excellent)
    assert check.status == "passed", check.explanation
    assert "70/100 thành viên (70,0%)" in check.explanation

    # The share is a dated parameter: a row from 2025 raising it to 75% makes the same history fail.
    LegalParameter.objects.create(
        kind=ParameterKind.EXCELLENT_COLLECTIVE_SHARE, value=Decimal("75"), effective_from=date(2025, 1, 1)
    )
    check = check_nominee(nominee=excellent)
    assert check.status == "failed"
    assert "yêu cầu tối thiểu 75%." in check.explanation


def test_law_parameters_have_their_figures_and_sources_and_rows_win():
    assert parameter_value(kind=ParameterKind.ADVANCED_COLLECTIVE_SHARE, on=date(2025, 12, 31)) == Decimal("50")
    assert "Điều 28" in LAW[ParameterKind.ADVANCED_COLLECTIVE_SHARE].legal_basis
    assert "Điều 27" in LAW[ParameterKind.EXCELLENT_COLLECTIVE_SHARE].legal_basis
    assert seed_law_parameters() == len(LAW)
    assert seed_law_parameters() == 0
    LegalParameter.objects.create(kind=ParameterKind.PROVINCIAL_FIGHTER_YEARS, value=4, effective_from=date(2026, 1, 1))
    assert parameter_value(kind=ParameterKind.PROVINCIAL_FIGHTER_YEARS, on=date(2025, 12, 31)) == Decimal("3")
    assert parameter_value(kind=ParameterKind.PROVINCIAL_FIGHTER_YEARS, on=date(2026, 12, 31)) == Decimal("4")


def test_an_initiative_used_for_a_giay_khen_is_not_offered_again():
    person = PersonFactory()
    used, _free = InitiativeFactory.create_batch(2, person=person, recognised_on=date(2024, 6, 1))
    AwardRecordFactory(person=person, award=catalogue_award("GK-CN"), year=2024, initiative=used)

    # The Bằng khen route "excellent completion and 2 initiatives" no longer counts the used one.
    rate(person, 2024)  # excellent in 2024 and 2025: two consecutive years
    certificate = nominate(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL, person=person, rated="excellent")
    check = check_nominee(nominee=certificate)
    assert check.status == "failed"
    assert "2 sáng kiến chưa được tính cho khen thưởng khác (có 1 sáng kiến)" in check.explanation
    # Nor may another route name it.
    fighter = nominate(catalogue.GRASSROOTS_FIGHTER, person=person, initiative=used)
    history(person, catalogue.ADVANCED_WORKER, 2025)
    check = check_nominee(nominee=fighter)
    assert check.status == "failed"
    assert "Giấy khen (cá nhân)" in check.explanation

    # A second free initiative makes the route pass; one held by another pending nomination does not count.
    pending = InitiativeFactory(person=person, recognised_on=date(2025, 2, 1))
    nominate("GK-CN", person=person, initiative=pending)
    assert check_nominee(nominee=certificate).status == "failed"
    InitiativeFactory(person=person, recognised_on=date(2025, 3, 1))
    assert check_nominee(nominee=certificate).status == "passed"


def test_the_national_fighter_is_proposed_the_year_after_the_second_provincial_conferral():
    person = PersonFactory()
    history(person, catalogue.PROVINCIAL_FIGHTER, 2020, 2023)

    def national(year):
        initiative = InitiativeFactory(person=person, scope="national")
        return check_nominee(
            nominee=nominate(catalogue.NATIONAL_FIGHTER, year=year, person=person, initiative=initiative)
        )

    right_after = national(2024)
    assert right_after.status == "passed", right_after.explanation
    assert (
        "Hai lần liên tục đạt Chiến sĩ thi đua cấp tỉnh (2020, 2023); đề nghị năm 2024, là năm liền kề sau lần thứ hai."
        in right_after.explanation
    )
    later = national(2026)
    assert later.status == "failed"
    assert (
        "Chiến sĩ thi đua toàn quốc được đề nghị vào năm liền kề sau lần thứ hai đạt Chiến sĩ thi đua cấp tỉnh "
        "(2020, 2023), tức năm 2024; hồ sơ này đề nghị cho năm 2026." in later.explanation
    )

    long_ago = PersonFactory()
    history(long_ago, catalogue.PROVINCIAL_FIGHTER, 2005, 2008)
    initiative = InitiativeFactory(person=long_ago, scope="national")
    check = check_nominee(
        nominee=nominate(catalogue.NATIONAL_FIGHTER, year=2024, person=long_ago, initiative=initiative)
    )
    assert check.status == "failed"
    assert "tức năm 2009" in check.explanation


def test_discipline_counts_by_the_sanction_date_and_by_member():
    unit = UnitFactory()
    people = add_members(unit, 10)
    record_advanced(people, year=2024)
    record_advanced(people, year=2025)
    # Opened in 2024, warning imposed in 2025: counts for 2025, not for 2024; two cases, one member.
    for opened in (date(2024, 11, 10), date(2024, 12, 1)):
        DisciplineCaseFactory(
            person=people[0],
            level="warning",
            opened_on=opened,
            sanctioned_on=date(2025, 2, 15),
            closed_on=date(2025, 3, 1),
        )

    rate(unit, 2024, 2025, rating="good")
    check = check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit, year=2025))
    assert check.status == "failed"
    assert "1 thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm 2025." in check.explanation

    check = check_nominee(nominee=nominate(catalogue.ADVANCED_COLLECTIVE, unit=unit, year=2024))
    assert check.status == "passed", check.explanation
    assert "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm 2024." in check.explanation

    # Tập thể lao động xuất sắc is refused for the same member too.
    history(people[1], catalogue.GRASSROOTS_FIGHTER, 2025)
    check = check_nominee(nominee=nominate(catalogue.EXCELLENT_COLLECTIVE, unit=unit, year=2025, rated="excellent"))
    assert check.status == "failed"
    assert "1 thành viên bị kỷ luật" in check.explanation
