"""The clusters' rules on unsaved users and records (no database). The unit officer's unit leads
the term `led`; `other` is led by a unit none of the cast works for.

Being a member of a term is looked up in the database, so the cases below avoid asking it: the
matrix in test_permissions.py covers members."""

import pytest
from django.utils import timezone

from clusters import rules as cluster_rules
from clusters.models import Sheet, Term
from tests.permissions import MEMBER_UNIT, OTHER_UNIT, unsaved_cast, who_may

OFFICERS = {"officer", "administrator"}
NOBODYS_UNIT = 4


def term(lead_unit, **fields):
    return Term(pk=20, year=2025, lead_unit_id=lead_unit, **fields)


def sheet(term, unit):
    return Sheet(pk=30, term=term, unit_id=unit)


def test_the_term_lead_is_a_unit_officer_of_the_lead_unit():
    cast = unsaved_cast()

    assert cluster_rules.is_term_lead(cast["unit_officer"], term(MEMBER_UNIT))
    assert not cluster_rules.is_term_lead(cast["unit_officer"], term(NOBODYS_UNIT))
    # Working for the lead unit without being a unit officer is not enough.
    assert not cluster_rules.is_term_lead(cast["outsider"], term(OTHER_UNIT))
    assert not cluster_rules.is_term_lead(cast["anonymous"], term(MEMBER_UNIT))
    assert not cluster_rules.is_term_lead(cast["unit_officer"], None)


def test_only_unit_officers_can_be_term_members():
    cast = unsaved_cast()

    for role in ("anonymous", "officer", "council_member", "administrator", "outsider"):
        assert not cluster_rules.is_term_member(cast[role], term(MEMBER_UNIT))


def test_results_are_locked_once_stamped():
    assert cluster_rules.results_locked(None, term(MEMBER_UNIT, results_locked_at=timezone.now()))
    assert not cluster_rules.results_locked(None, term(MEMBER_UNIT))


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        ("clusters.view_term", OFFICERS | {"unit_officer"}),
        ("clusters.queue_term", OFFICERS | {"unit_officer"}),
        ("clusters.rank_term", OFFICERS | {"unit_officer"}),
        ("clusters.review_term", {"unit_officer"}),
        # Closing a vote round and the other steps of the vote are the lead's alone.
        ("clusters.run_vote_term", {"unit_officer"}),
        ("clusters.reopen_term", OFFICERS),
    ],
)
def test_the_lead_and_the_officers_on_a_led_term(permission, allowed):
    assert who_may(permission, term(MEMBER_UNIT)) == allowed


def test_nobody_but_officers_on_a_term_led_elsewhere_when_not_a_member():
    outsider_cast = {role: user for role, user in unsaved_cast().items() if role != "unit_officer"}

    assert who_may("clusters.view_term", term(NOBODYS_UNIT), outsider_cast) == OFFICERS
    assert who_may("clusters.run_vote_term", term(NOBODYS_UNIT), outsider_cast) == set()
    assert who_may("clusters.review_term", term(NOBODYS_UNIT), outsider_cast) == set()


def test_a_member_sheet_is_filled_by_its_unit_and_reviewed_by_the_lead():
    led = term(OTHER_UNIT)
    cast = unsaved_cast()
    cast["outsider"].is_unit_officer = True  # the unit officer of the lead unit OTHER_UNIT
    member_sheet = sheet(led, MEMBER_UNIT)

    assert who_may("clusters.view_sheet", member_sheet, cast) == OFFICERS | {"unit_officer", "outsider"}
    # The administrator neither fills a member's self-assessment nor accepts it as if lead.
    assert who_may("clusters.fill_sheet", member_sheet, cast) == {"unit_officer"}
    assert who_may("clusters.review_sheet", member_sheet, cast) == {"outsider"}


def test_a_sheet_of_another_unit_is_the_officers_to_read_only():
    other_sheet = sheet(term(NOBODYS_UNIT), NOBODYS_UNIT)
    members_sheet = sheet(term(NOBODYS_UNIT), OTHER_UNIT + 100)

    assert who_may("clusters.view_sheet", other_sheet) == OFFICERS
    assert who_may("clusters.fill_sheet", other_sheet) == set()
    # Fair review: this is the lead unit's own sheet and the term has no deputy, so the provincial
    # office reviews it (before, nobody could); a member's sheet stays the lead's to review.
    assert who_may("clusters.review_sheet", other_sheet) == OFFICERS
    assert who_may("clusters.view_sheet", members_sheet) == OFFICERS
    assert who_may("clusters.review_sheet", members_sheet) == set()


def test_the_lead_never_reviews_its_own_sheet_the_deputy_or_the_office_does():
    cast = unsaved_cast()
    led_with_deputy = term(MEMBER_UNIT, deputy_unit_id=OTHER_UNIT)
    cast["outsider"].is_unit_officer = True  # the unit officer of the deputy unit OTHER_UNIT
    own_sheet = sheet(led_with_deputy, MEMBER_UNIT)
    deputy_sheet = sheet(led_with_deputy, OTHER_UNIT)

    assert cluster_rules.sheet_reviewer(own_sheet) == cluster_rules.REVIEWED_BY_DEPUTY
    assert who_may("clusters.review_sheet", own_sheet, cast) == {"outsider"}
    assert who_may("clusters.view_sheet", own_sheet, cast) == OFFICERS | {"unit_officer", "outsider"}
    assert who_may("clusters.review_sheet", deputy_sheet, cast) == {"unit_officer"}
    assert who_may("clusters.review_sheet", sheet(term(MEMBER_UNIT), MEMBER_UNIT), cast) == OFFICERS
    assert cluster_rules.is_term_deputy(cast["outsider"], led_with_deputy)
    assert not cluster_rules.is_term_deputy(cast["unit_officer"], led_with_deputy)


def test_sheet_predicates_refuse_a_missing_sheet_and_anonymous_visitors():
    cast = unsaved_cast()

    assert not cluster_rules.is_sheet_unit(cast["unit_officer"], None)
    assert not cluster_rules.is_sheet_unit(cast["anonymous"], sheet(term(MEMBER_UNIT), MEMBER_UNIT))
    assert not cluster_rules.leads_sheet_term(cast["unit_officer"], None)
    assert cluster_rules.leads_sheet_term(cast["unit_officer"], sheet(term(MEMBER_UNIT), OTHER_UNIT))
