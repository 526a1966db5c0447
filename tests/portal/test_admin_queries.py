"""Issue 13 (part): Django admin pages with child rows run the same queries with 1 row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.awards import NomineeFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_the_proposal_change_page_does_not_grow_with_its_nominees(client, administrator):
    client.force_login(administrator)
    proposal = ProposalFactory()
    NomineeFactory(proposal=proposal)
    url = reverse("admin:awards_proposal_change", args=[proposal.pk])
    client.get(url)  # caches (content types, permissions) warmed

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    NomineeFactory.create_batch(60, proposal=proposal)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("nominees-") > 60
    assert len(many) == len(one)


def test_the_term_change_page_does_not_grow_with_its_members(client, administrator):
    from tests.factories.clusters import TermFactory, TermMemberFactory

    client.force_login(administrator)
    term = TermFactory()
    TermMemberFactory(term=term)
    url = reverse("admin:clusters_term_change", args=[term.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    TermMemberFactory.create_batch(40, term=term)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)
