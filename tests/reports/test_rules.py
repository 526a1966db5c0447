"""The reports' rules on unsaved users and records (no database). The unit officer's unit leads
the term `led`; a report of `elsewhere` is led by a unit none of the cast works for.

Membership of a term is looked up in the database, so these cases avoid asking it for a unit
officer; the matrix in test_permissions.py covers members."""

import pytest
import rules

from clusters.models import Term
from reports import rules as report_rules
from reports.enums import ReportStatus
from reports.models import ClusterReport, Conference, MemberReport
from tests.permissions import MEMBER_UNIT, OTHER_UNIT, unsaved_cast, who_may

OFFICERS = {"officer", "administrator"}
NOBODYS_UNIT = 4


def term(lead_unit):
    return Term(pk=20, year=2025, lead_unit_id=lead_unit)


def report(unit, lead_unit=NOBODYS_UNIT, status=ReportStatus.DRAFT):
    return MemberReport(pk=50, term=term(lead_unit), unit_id=unit, status=status)


def test_writes_report_is_for_the_unit_officer_of_the_reports_unit():
    cast = unsaved_cast()

    assert report_rules.writes_report(cast["unit_officer"], report(MEMBER_UNIT))
    assert not report_rules.writes_report(cast["unit_officer"], report(NOBODYS_UNIT))
    # Working for the unit without being its unit officer is not enough.
    assert not report_rules.writes_report(cast["outsider"], report(OTHER_UNIT))
    assert not report_rules.writes_report(cast["anonymous"], report(MEMBER_UNIT))
    assert not report_rules.writes_report(cast["unit_officer"], None)


def test_report_is_draft():
    assert report_rules.report_is_draft(None, report(MEMBER_UNIT))
    assert not report_rules.report_is_draft(None, report(MEMBER_UNIT, status=ReportStatus.SUBMITTED))
    assert not report_rules.report_is_draft(None, None)


@pytest.mark.parametrize(
    ("unit", "lead_unit", "readers"),
    [
        (MEMBER_UNIT, NOBODYS_UNIT, OFFICERS | {"unit_officer"}),  # its own
        (NOBODYS_UNIT, MEMBER_UNIT, OFFICERS | {"unit_officer"}),  # one of the term it leads
        (NOBODYS_UNIT, NOBODYS_UNIT, OFFICERS),
    ],
)
def test_who_reads_a_member_report(unit, lead_unit, readers):
    assert who_may("reports.view_memberreport", report(unit, lead_unit)) == readers


def test_a_draft_is_changed_by_officers_and_its_unit_and_submitted_by_its_unit_alone():
    own = report(MEMBER_UNIT)

    assert who_may("reports.change_memberreport", own) == OFFICERS | {"unit_officer"}
    # The administrator does not submit a unit's report.
    assert who_may("reports.submit_memberreport", own) == {"unit_officer"}
    # Leading the term gives no right to change a member's report.
    assert who_may("reports.change_memberreport", report(NOBODYS_UNIT, MEMBER_UNIT)) == OFFICERS


def test_a_submitted_report_is_changed_and_submitted_by_nobody():
    # The administrator does not edit a submitted report either.
    submitted = report(MEMBER_UNIT, MEMBER_UNIT, status=ReportStatus.SUBMITTED)

    assert who_may("reports.change_memberreport", submitted) == set()
    assert who_may("reports.submit_memberreport", submitted) == set()
    assert who_may("reports.view_memberreport", submitted) == OFFICERS | {"unit_officer"}


@pytest.mark.parametrize("model", [ClusterReport, Conference])
def test_the_cluster_work_of_a_led_term_is_managed_by_the_lead_and_the_officers(model):
    led, elsewhere = model(pk=60, term=term(MEMBER_UNIT)), model(pk=61, term=term(NOBODYS_UNIT))
    cast = {role: user for role, user in unsaved_cast().items() if role != "unit_officer"}
    name = model._meta.model_name

    assert who_may(f"reports.view_{name}", led) == OFFICERS | {"unit_officer"}
    assert who_may(f"reports.change_{name}", led) == OFFICERS | {"unit_officer"}
    assert who_may(f"reports.change_{name}", elsewhere, cast) == OFFICERS
    assert who_may(f"reports.view_{name}", elsewhere, cast) == OFFICERS


def test_rendering_a_conference_follows_its_management():
    assert who_may("reports.render_conference", Conference(pk=62, term=term(MEMBER_UNIT))) == OFFICERS | {
        "unit_officer"
    }


def test_starting_a_report_goes_by_role():
    cast = unsaved_cast()

    assert {role for role, user in cast.items() if report_rules.can_start_report(user)} == OFFICERS | {"unit_officer"}
    # Starting a member report (for one's own unit) is a unit officer's, by the rules.
    assert {role for role, user in cast.items() if rules.has_perm("reports.start_memberreport", user)} == {
        "unit_officer"
    }


def test_a_submitted_report_is_returned_by_the_lead_of_its_term_and_the_office():
    from directory.models import User

    led = report(NOBODYS_UNIT, MEMBER_UNIT, status=ReportStatus.SUBMITTED)
    elsewhere = report(NOBODYS_UNIT, OTHER_UNIT, status=ReportStatus.SUBMITTED)
    lead_own = report(MEMBER_UNIT, MEMBER_UNIT, status=ReportStatus.SUBMITTED)

    assert who_may("reports.return_memberreport", led) == OFFICERS | {"unit_officer"}
    # The lead of another term, a member, the council, an outsider: no.
    assert who_may("reports.return_memberreport", elsewhere) == OFFICERS
    # The lead never returns its own unit's report: the office does.
    assert who_may("reports.return_memberreport", lead_own) == OFFICERS
    # Only a submitted report goes back; a draft or a returned one goes nowhere.
    for status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        assert who_may("reports.return_memberreport", report(NOBODYS_UNIT, MEMBER_UNIT, status=status)) == set()
    # An administrator working for the lead unit (not its unit officer) is not the lead: it returns
    # a report only as the office (`is_officer`), never through leading the term.
    administrator = User(username="admin-lead", unit_id=MEMBER_UNIT, is_superuser=True, is_staff=True)
    assert not report_rules.leads_term_of(administrator, led)


def test_a_returned_report_is_edited_and_submitted_again_by_its_unit_only():
    returned = report(MEMBER_UNIT, NOBODYS_UNIT, status=ReportStatus.RETURNED)

    assert who_may("reports.change_memberreport", returned) == OFFICERS | {"unit_officer"}
    assert who_may("reports.submit_memberreport", returned) == {"unit_officer"}
    # The delete page is the unit's (the domain refuses anything but a draft never submitted).
    assert who_may("reports.discard_memberreport", returned) == {"unit_officer"}
