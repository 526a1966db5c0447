"""Issue 13 (part): Django admin change pages with child rows run the same queries with 1 row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.awards import NomineeFactory, ProposalFactory
from tests.factories.clusters import ScoreFactory, SheetFactory, TermFactory, TermMemberFactory
from tests.factories.movements import MovementReviewFactory, ReviewHonoureeFactory
from tests.factories.reports import AttendeeFactory, ConferenceFactory

pytestmark = pytest.mark.django_db


def children(parent_factory, child_factory, link):
    """A builder adding `count` child rows (`child_factory`, pointing at the parent by `link`) to a
    parent, made by `parent_factory` when none is given."""

    def build(count, parent=None):
        parent = parent or parent_factory()
        child_factory.create_batch(count, **{link: parent})
        return parent

    return build


proposal_with = children(ProposalFactory, NomineeFactory, "proposal")
term_with = children(TermFactory, TermMemberFactory, "term")
review_with = children(MovementReviewFactory, ReviewHonoureeFactory, "review")
sheet_with = children(SheetFactory, ScoreFactory, "sheet")
conference_with = children(ConferenceFactory, AttendeeFactory, "conference")


# (admin change page, a builder adding `count` child rows to a parent (new when None), the inline's prefix)
PAGES = [
    ("admin:awards_proposal_change", proposal_with, "nominees-"),
    ("admin:clusters_term_change", term_with, "memberships-"),
    ("admin:movements_movementreview_change", review_with, "honourees-"),
    ("admin:clusters_sheet_change", sheet_with, "scores-"),
    ("admin:reports_conference_change", conference_with, "attendees-"),
]


@pytest.mark.parametrize(("url_name", "build", "prefix"), PAGES, ids=[page[0] for page in PAGES])
def test_the_change_page_does_not_grow_with_its_child_rows(client, administrator, url_name, build, prefix):
    client.force_login(administrator)
    parent = build(1)
    url = reverse(url_name, args=[parent.pk])
    client.get(url)  # caches (content types, permissions) warmed

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    build(40, parent)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count(f'id="{prefix}') >= 41  # every child row is on the page
    assert len(many) == len(one), [query["sql"][:120] for query in many.captured_queries]
