"""The vote page (with rounds counted and the lead's and deputy's choices), the term page's status and
the exclusions page run a constant number of queries whatever the number of members and rounds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.domain import vote
from clusters.enums import PhaseKind
from clusters.models import Term
from tests.factories import UserFactory
from tests.factories.clusters import scored_term
from tests.permissions import built_once_per_module, signed_in_client

# The tests only compare the counts; the mark has the test database set up for the module's build.
pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def term_after_two_rounds(members, *, lead_unit, officer):
    term = scored_term(
        members=members,
        criteria=2,
        lead_unit=lead_unit,
        phase=PhaseKind.VOTE,
        points={i: [i, 1] for i in range(members - 1)},
    )
    term.deputy_unit = term.unit_list[1]
    term.save()
    # The last member's sheet is a draft: an officer excludes it (the exclusion shows on every page).
    vote.exclude_member(term=term, unit=term.unit_list[-1], reason="Không nộp phiếu", by=officer)
    candidates = vote.candidates(term=term)
    for _round in (1, 2):
        for index, voter in enumerate(term.unit_list):
            vote.cast_ballot(
                term=Term.objects.get(pk=term.pk),
                voter_unit=voter,
                choice_unit_id=candidates[index % len(candidates)].pk,
                by=None,
            )
        vote.close_round(term=Term.objects.get(pk=term.pk), by=None)
    chosen = next(unit for unit in candidates if unit.pk != lead_unit.pk)
    vote.confirm_choice(term=term, unit_id=chosen.pk, by=UserFactory(unit=lead_unit, is_unit_officer=True))
    return term


PAGES = ["/clusters/terms/{term}/vote/", "/clusters/terms/{term}/", "/clusters/terms/{term}/exclusions/"]
CASES = [
    (page, role) for page in PAGES for role in ("lead", "officer") if not (role == "lead" and "exclusions" in page)
]


def measure(cast):
    """{(page, role): (queries with 4 members, queries with 12)}, both terms after two rounds."""
    member_unit, officer = cast["member_unit"], cast["officer"]
    clients = {
        "officer": signed_in_client(officer),
        "lead": signed_in_client(UserFactory(unit=member_unit, is_unit_officer=True)),
    }
    small = term_after_two_rounds(4, lead_unit=member_unit, officer=officer)
    large = term_after_two_rounds(12, lead_unit=member_unit, officer=officer)
    return {
        (page, role): (
            queries_for(clients[role], page.format(term=small.pk)),
            queries_for(clients[role], page.format(term=large.pk)),
        )
        for page, role in CASES
    }


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize(("page", "role"), CASES)
def test_vote_pages_query_count_is_constant(shared_data, page, role):
    one_row, many_rows = shared_data.objects[page, role]
    assert many_rows <= one_row
