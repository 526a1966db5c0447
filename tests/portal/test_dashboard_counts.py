"""Every figure on the home page is the number of rows of the list its link opens."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import ProposalState
from clusters.enums import SheetStatus
from movements.enums import MovementState
from reports.enums import ReportStatus
from tests.factories import UnitFactory
from tests.factories.awards import ProposalFactory
from tests.factories.clusters import SheetFactory, TermFactory, TermMemberFactory
from tests.factories.movements import MovementFactory
from tests.factories.reports import MemberReportFactory, term_with_members

FIGURE = re.compile(r'<a href="([^"]+)"><strong>([\d.]+)</strong>')


@pytest.fixture
def busy_portal(member_unit, office_unit):
    """Rows in several states in every app, some the unit officer's, some not, some that look alike."""
    for state in (MovementState.DRAFT, MovementState.RUNNING, MovementState.RUNNING, MovementState.CLOSED):
        movement = MovementFactory(state=state)
        movement.participants.add(member_unit)
    MovementFactory(state=MovementState.LAUNCHED, lead_unit=member_unit)
    MovementFactory(state=MovementState.INTERIM_REVIEWED)
    for state in (ProposalState.DRAFT, ProposalState.RETURNED, ProposalState.SUBMITTED, ProposalState.AT_COUNCIL):
        ProposalFactory(unit=member_unit, state=state)
        ProposalFactory(state=state)
    ProposalFactory(state=ProposalState.SUBMITTED, deadline=date(2020, 1, 1))
    ProposalFactory(state=ProposalState.DRAFT, deadline=date(2020, 1, 1))  # late, but not in the queue
    report_term = term_with_members(lead=member_unit, count=2)
    other = UnitFactory()
    MemberReportFactory(term=report_term, unit=member_unit, status=ReportStatus.DRAFT)
    MemberReportFactory(term=report_term, unit=other, status=ReportStatus.SUBMITTED, submitted_at=timezone.now())
    MemberReportFactory(status=ReportStatus.SUBMITTED, submitted_at=timezone.now())
    term = TermFactory(lead_unit=member_unit)
    members = [member_unit, UnitFactory(), UnitFactory()]
    for unit in members:
        TermMemberFactory(term=term, unit=unit)
    SheetFactory(term=term, unit=members[0], status=SheetStatus.SUBMITTED)  # the lead's own sheet
    SheetFactory(term=term, unit=members[1], status=SheetStatus.SUBMITTED)
    SheetFactory(term=term, unit=members[2], status=SheetStatus.DRAFT)


@pytest.mark.django_db
def test_each_dashboard_figure_counts_the_rows_of_the_list_it_links_to(client_as, cast, busy_portal):
    seen = {}
    for role in ("officer", "unit_officer", "council_member"):
        client = client_as(cast[role])
        home = client.get(reverse("portal:dashboard")).content.decode()
        figures = FIGURE.findall(home)
        seen[role] = len(figures)
        for link, shown in figures:
            response = client.get(link.replace("&amp;", "&"))
            assert response.status_code == 200, link
            assert response.context["paginator"].count == int(shown.replace(".", "")), (role, link)

        if role == "officer":
            # Movements under way: two running, one launched, one interim-reviewed (not the draft, not
            # the closed one).
            movements = [shown for link, shown in figures if "/movements/" in link]
            assert movements == ["4"]
    # Movements for all; units and people, the queue and late dossiers for officers; the unit's
    # drafts, returned dossiers, reports and the review queue (2 submitted sheets, its own included)
    # for the unit officer.
    assert seen == {"officer": 8, "unit_officer": 6, "council_member": 2}
