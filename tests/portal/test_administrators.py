"""Administrators configure the portal; they do not act as a unit, a cluster lead or the council.

`User.has_perm` lets the rules decide every object permission, for superusers too. Each action
below is refused to the administrator and to the provincial officer with 403 and changes nothing;
the unit officer it belongs to can do it (so the refusal is not an accident of the setup).
"""

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse

from clusters.enums import PhaseKind, SheetStatus
from reports.enums import ReportStatus
from tests.factories import UnitFactory
from tests.factories.clusters import scored_term
from tests.factories.reports import IndicatorFactory, MemberReportFactory, submitted_report, term_with_members
from tests.permissions import OUR_APPS


def fill_member_sheet(member_unit):
    """The member unit's self-assessment, open for filling; POST fills and submits it."""
    term = scored_term(lead_unit=UnitFactory(), member_units=[member_unit], members=2)
    sheet = term.sheet_list[1]
    data = {"version": str(sheet.version), "action": "submit"}
    data.update({f"value-{criterion.pk}": "5" for criterion in term.criterion_list})
    return reverse("clusters:sheet_detail", args=[sheet.pk]), data, sheet, {"status": SheetStatus.SUBMITTED}


def accept_sheet_as_lead(member_unit):
    """A submitted sheet of the term the member unit leads, in the review phase; POST accepts it."""
    term = scored_term(lead_unit=member_unit, members=2, phase=PhaseKind.REVIEW)
    sheet = term.sheet_list[1]
    sheet.status = SheetStatus.SUBMITTED
    sheet.save()
    data = {"version": str(sheet.version), "action": "accept"}
    return reverse("clusters:sheet_review", args=[sheet.pk]), data, sheet, {"status": SheetStatus.ACCEPTED}


def submit_unit_report(member_unit):
    """The member unit's draft report; POST submits it."""
    term = term_with_members(members=[member_unit])
    report = MemberReportFactory(term=term, unit=member_unit, results="Kết quả sáu tháng")
    report.values.create(indicator=IndicatorFactory(), value=8)
    return reverse("reports:report_submit", args=[report.pk]), {}, report, {"status": ReportStatus.SUBMITTED}


def close_vote_round(member_unit):
    """The vote of the term the member unit leads; POST counts the round."""
    from clusters.domain import vote

    term = scored_term(lead_unit=member_unit, members=3, phase=PhaseKind.VOTE, points={0: [5, 0], 1: [4, 0], 2: [3, 0]})
    choices = [unit.pk for unit in vote.candidates(term=term)]
    for voter, choice in zip(term.unit_list, choices, strict=False):  # three different choices: undecided
        vote.cast_ballot(term=term, voter_unit=voter, choice_unit_id=choice, by=None)
    return reverse("clusters:vote_close", args=[term.pk]), {}, term, {"vote_round": 2}


def edit_submitted_report(member_unit):
    """The member unit's submitted report: nobody may change it, the administrator included."""
    term = term_with_members(members=[member_unit])
    report = submitted_report(term=term, unit=member_unit, figures={IndicatorFactory(): 8})
    data = {"results": "Sửa sau khi đã gửi", "limitations": "", "tasks_ahead": ""}
    return reverse("reports:report_update", args=[report.pk]), data, report, None


ACTIONS = [fill_member_sheet, accept_sheet_as_lead, submit_unit_report, close_vote_round, edit_submitted_report]


def row_counts():
    counts = {
        model._meta.label: model._default_manager.count()
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
    }
    counts["auditlog.LogEntry"] = LogEntry.objects.count()
    return counts


def row_values(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).values().get()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "officer"])
@pytest.mark.parametrize("arrange", ACTIONS, ids=lambda arrange: arrange.__name__)
def test_administrator_and_officer_cannot_act_for_a_unit_a_lead_or_a_council(
    client_as, cast, member_unit, role, arrange
):
    url, data, row, _done = arrange(member_unit)
    counts, values = row_counts(), row_values(row)

    response = client_as(cast[role]).post(url, data)

    assert response.status_code == 403
    assert row_counts() == counts
    assert row_values(row) == values


@pytest.mark.django_db
@pytest.mark.parametrize("arrange", [action for action in ACTIONS if action is not edit_submitted_report])
def test_the_unit_officer_it_belongs_to_can_act(client_as, unit_officer, arrange):
    url, data, row, done = arrange(unit_officer.unit)

    response = client_as(unit_officer).post(url, data)

    assert response.status_code == 302
    changed = row_values(row)
    assert {name: changed[name] for name in done} == done


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/clusters/term/", "/admin/directory/user/", "/admin/awards/award/"],
)
def test_administrator_still_reaches_django_admin(client_as, administrator, url):
    assert client_as(administrator).get(url).status_code == 200


@pytest.mark.django_db
def test_administrator_still_reaches_the_officer_pages(client_as, administrator, officer, member_unit):
    term = scored_term(lead_unit=UnitFactory(), member_units=[member_unit], members=2)
    report = submitted_report(
        term=term_with_members(members=[member_unit]), unit=member_unit, figures={IndicatorFactory(): 8}
    )
    urls = [
        reverse("clusters:term_detail", args=[term.pk]),
        reverse("clusters:sheet_detail", args=[term.sheet_list[1].pk]),
        reverse("clusters:review_queue", args=[term.pk]),
        reverse("clusters:ranking", args=[term.pk]),
        reverse("reports:report_detail", args=[report.pk]),
        reverse("awards:queue"),
        reverse("movements:movement_list"),
        reverse("directory:unit_list"),
    ]

    statuses = {url: client_as(administrator).get(url).status_code for url in urls}
    officer_statuses = {url: client_as(officer).get(url).status_code for url in urls}

    assert statuses == officer_statuses == dict.fromkeys(urls, 200)
