"""The awards' rules on unsaved users and records (no database)."""

import pytest

from awards import rules as award_rules
from awards.models import CouncilSession, Proposal, ProposalDocument
from tests.permissions import MEMBER_UNIT, OTHER_UNIT, SIGNED_IN, unsaved_cast, who_may

OFFICERS = {"officer", "administrator"}
NOBODYS_UNIT = 4


def proposal(unit, state="draft"):
    return Proposal(pk=40, unit_id=unit, state=state)


def test_the_proposing_unit_officer_works_for_the_proposing_unit():
    cast = unsaved_cast()

    assert award_rules.is_proposing_unit_officer(cast["unit_officer"], proposal(MEMBER_UNIT))
    assert not award_rules.is_proposing_unit_officer(cast["unit_officer"], proposal(NOBODYS_UNIT))
    assert not award_rules.is_proposing_unit_officer(cast["anonymous"], proposal(MEMBER_UNIT))
    assert not award_rules.is_proposing_unit_officer(cast["unit_officer"], None)


@pytest.mark.parametrize(
    ("state", "editable", "at_council_or_later"),
    [
        ("draft", True, False),
        ("returned", True, False),
        ("submitted", False, False),
        ("at_council", False, True),
        ("public_notice", False, True),
        ("decided", False, True),
    ],
)
def test_proposal_state_predicates(state, editable, at_council_or_later):
    assert award_rules.proposal_is_editable(None, proposal(MEMBER_UNIT, state)) is editable
    assert award_rules.proposal_is_at_council_or_later(None, proposal(MEMBER_UNIT, state)) is at_council_or_later


@pytest.mark.parametrize(
    ("unit", "state", "readers"),
    [
        (MEMBER_UNIT, "draft", OFFICERS | {"unit_officer"}),
        (NOBODYS_UNIT, "draft", OFFICERS),
        (NOBODYS_UNIT, "at_council", OFFICERS | {"council_member"}),
        (MEMBER_UNIT, "decided", OFFICERS | {"unit_officer", "council_member"}),
        # The outsider works for the proposing unit but is no unit officer.
        (OTHER_UNIT, "submitted", OFFICERS),
    ],
)
def test_who_reads_a_proposal(unit, state, readers):
    assert who_may("awards.view_proposal", proposal(unit, state)) == readers


@pytest.mark.parametrize(
    ("unit", "state", "editors"),
    [
        (MEMBER_UNIT, "draft", OFFICERS | {"unit_officer"}),
        (MEMBER_UNIT, "returned", OFFICERS | {"unit_officer"}),
        (NOBODYS_UNIT, "draft", OFFICERS),
        (MEMBER_UNIT, "submitted", set()),
        (MEMBER_UNIT, "at_council", set()),
    ],
)
def test_only_an_editable_proposal_is_changed(unit, state, editors):
    # The nominee's and the decision's rules are asked with their proposal (see awards/views.py).
    assert who_may("awards.change_proposal", proposal(unit, state)) == editors
    assert who_may("awards.change_nominee", proposal(unit, state)) == editors


def test_processing_and_the_council():
    submitted = proposal(MEMBER_UNIT, "submitted")

    assert who_may("awards.process_proposal", submitted) == OFFICERS
    assert who_may("awards.delete_proposal", submitted) == {"administrator"}
    assert who_may("awards.view_councilsession", CouncilSession(pk=1)) == OFFICERS | {"council_member"}
    assert who_may("awards.change_councilsession", CouncilSession(pk=1)) == OFFICERS


def test_a_document_or_a_decision_is_read_by_the_readers_of_its_proposal():
    document = ProposalDocument(proposal=proposal(MEMBER_UNIT))
    decided = proposal(NOBODYS_UNIT, "decided")

    assert who_may("awards.view_proposaldocument", document) == OFFICERS | {"unit_officer"}
    assert award_rules.is_document_reader(unsaved_cast()["unit_officer"], document)
    assert not award_rules.is_document_reader(unsaved_cast()["unit_officer"], None)
    assert who_may("awards.view_decision", decided) == OFFICERS | {"council_member"}


def test_list_and_create_rights_go_by_role():
    cast = unsaved_cast()

    assert {role for role, user in cast.items() if award_rules.can_list_proposals(user)} == OFFICERS | {
        "unit_officer",
        "council_member",
    }
    assert {role for role, user in cast.items() if award_rules.can_create_proposal(user)} == OFFICERS | {"unit_officer"}
    assert {role for role, user in cast.items() if award_rules.can_view_award_records(user)} == SIGNED_IN
