"""Issue 12: the highest title of a period pays whatever the order of the decisions; initiatives consumed once."""

from datetime import date
from decimal import Decimal

import pytest

from awards.domain import catalogue
from awards.domain.decisions import bonus_note, decide
from awards.domain.eligibility import check_nominee
from awards.domain.parameters import bonus_for
from awards.models import AwardRecord, CouncilVote, Initiative
from tests.factories.awards import (
    CouncilSessionFactory,
    InitiativeFactory,
    NomineeFactory,
    ProposalFactory,
    catalogue_award,
)
from tests.factories.directory import PersonFactory, UserFactory, rate

pytestmark = pytest.mark.django_db


def decided(person, code, *, number, signed_on, year=2024, **extra):
    """One approved nominee of `person` for `code`, decided by decision `number` (the council vote, if any, passed)."""
    proposal = ProposalFactory(unit=person.unit, year=year, state="public_notice")
    nominee = NomineeFactory(
        proposal=proposal, person=person, award=catalogue_award(code), eligibility_status="passed", **extra
    )
    if nominee.award.vote_rule != "none":
        CouncilVote.objects.create(
            session=CouncilSessionFactory(),
            nominee=nominee,
            in_favour=9,
            against=0,
            threshold=Decimal("80"),
            share=Decimal("100"),
            is_passed=True,
        )
    decision = decide(
        proposal=proposal,
        number=number,
        signed_on=signed_on,
        signer="Phạm Quang Ngọc",
        level="provincial",
        outcomes={nominee.pk: (True, "")},
        by=UserFactory(is_provincial_officer=True),
    )
    return AwardRecord.objects.select_related("award").get(decision=decision)


def test_the_two_orders_of_decisions_pay_the_same_total(parameters):
    first_advanced = PersonFactory()
    advanced = decided(first_advanced, catalogue.ADVANCED_WORKER, number="1/QĐ", signed_on=date(2025, 1, 10))
    fighter = decided(first_advanced, catalogue.GRASSROOTS_FIGHTER, number="2/QĐ", signed_on=date(2025, 3, 10))
    assert (advanced.amount, fighter.amount) == (Decimal("710000"), Decimal("1630000"))  # 0.3 x 2,340,000 rounded up

    first_fighter = PersonFactory()
    fighter_first = decided(first_fighter, catalogue.GRASSROOTS_FIGHTER, number="3/QĐ", signed_on=date(2025, 1, 10))
    advanced_later = decided(first_fighter, catalogue.ADVANCED_WORKER, number="4/QĐ", signed_on=date(2025, 3, 10))
    assert (fighter_first.amount, advanced_later.amount) == (Decimal("2340000"), Decimal("0"))

    assert advanced.amount + fighter.amount == fighter_first.amount + advanced_later.amount == Decimal("2340000")
    assert bonus_note(advanced) == ""
    assert bonus_note(fighter) == "Chỉ chi phần chênh lệch: đã chi 710.000 đồng cho Lao động tiên tiến năm 2024."
    assert bonus_note(fighter_first) == ""
    assert bonus_note(advanced_later) == (
        "Không chi tiền thưởng: danh hiệu Chiến sĩ thi đua cơ sở năm 2024 "
        "đã được chi tiền thưởng cho cùng thời gian này."
    )

    # A form still pays in full next to a title.
    form = decided(first_fighter, "GK-CN", number="5/QĐ", signed_on=date(2025, 4, 1))
    assert form.amount == bonus_for(award=form.award, on=date(2025, 4, 1)) == Decimal("710000")
    assert bonus_note(form) == ""


def test_correcting_a_decision_date_keeps_only_the_highest_title_paying(parameters):
    from awards.domain.corrections import correct_decision

    person = PersonFactory()
    advanced = decided(person, catalogue.ADVANCED_WORKER, number="7/QĐ", signed_on=date(2025, 1, 10))
    fighter = decided(person, catalogue.GRASSROOTS_FIGHTER, number="8/QĐ", signed_on=date(2025, 3, 10))
    correct_decision(
        decision=fighter.decision,
        number="8/QĐ",
        signed_on=date(2025, 3, 12),
        signer="Phạm Quang Ngọc",
        level="provincial",
        by=UserFactory(is_provincial_officer=True),
        reason="Sai ngày ký.",
    )
    fighter.refresh_from_db()
    fighter.decision.refresh_from_db()
    # Recomputed on the new date, the higher title still pays only the difference (not its full 2,340,000).
    assert fighter.amount == fighter.decision.total_amount == Decimal("1630000")
    assert advanced.amount + fighter.amount == Decimal("2340000")

    # Corrected the other way round: the lower title's decision gets a new date, and it still pays what it paid.
    correct_decision(
        decision=advanced.decision,
        number="7/QĐ",
        signed_on=date(2025, 1, 11),
        signer="Phạm Quang Ngọc",
        level="provincial",
        by=UserFactory(is_provincial_officer=True),
        reason="Sai ngày ký.",
    )
    advanced.refresh_from_db()
    assert advanced.amount == Decimal("710000")  # the earlier decision: nothing was paid before it
    total = sum(AwardRecord.objects.filter(person=person).values_list("amount", flat=True))
    assert total == Decimal("2340000")


def test_a_bang_khen_on_the_initiatives_route_consumes_them(parameters):
    person = PersonFactory()
    rate(person, 2024, 2025, 2026)  # completed duties excellently every year
    first, second = InitiativeFactory.create_batch(2, person=person, recognised_on=date(2025, 3, 1))
    record = decided(
        person,
        catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL,
        number="6/QĐ",
        signed_on=date(2025, 12, 30),
        year=2025,
    )
    assert set(Initiative.objects.filter(used_by=record)) == {first, second}

    # The same initiatives are not offered again: neither to another route nor to the same one next year.
    fighter = NomineeFactory(
        proposal=ProposalFactory(year=2025),
        person=person,
        award=catalogue_award(catalogue.GRASSROOTS_FIGHTER),
        initiative=first,
    )
    check = check_nominee(nominee=fighter)
    assert check.status == "failed"
    assert f"Sáng kiến “{first.title}” đã được dùng để xét Bằng khen của Chủ tịch UBND tỉnh (cá nhân)" in (
        check.explanation
    )
    next_year = NomineeFactory(
        proposal=ProposalFactory(year=2026),
        person=person,
        award=catalogue_award(catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL),
    )
    assert check_nominee(nominee=next_year).status == "failed"


def test_a_zero_rounding_step_is_refused_with_a_message(parameters):
    from awards.domain import AwardsError
    from awards.enums import ParameterKind
    from awards.models import LegalParameter

    LegalParameter.objects.create(kind=ParameterKind.ROUNDING_STEP, value=0, effective_from=date(2026, 1, 1))
    award = catalogue_award(catalogue.ADVANCED_WORKER)
    assert bonus_for(award=award, on=date(2025, 12, 31)) == Decimal("710000")
    with pytest.raises(AwardsError, match="greater than zero|lớn hơn 0"):
        bonus_for(award=award, on=date(2026, 1, 2))
