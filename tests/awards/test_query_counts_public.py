"""The public notice and register pages, and the office's comment pages, run a constant number of
queries whatever the number of notices, entries, comments, decisions and awardees (issue 16, public)."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.domain import public
from awards.models import Decision
from portal.text import fold
from tests.awards.public_helpers import comment_on, published_notice
from tests.factories.awards import AwardRecordFactory, ProposalFactory
from tests.permissions import built_once_per_module, signed_in_client

pytestmark = pytest.mark.django_db
MANY = 12


def queries_for(client, url):
    client.get(url)  # warm: the first request fills per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def published_decision(officer, number, records=1):
    decision = Decision.objects.create(
        proposal=ProposalFactory(state="decided"),
        number=number,
        signed_on=date(2025, 12, 30),
        signer="Chủ tịch UBND tỉnh",
        base_salary=2340000,
        created_by=officer,
        published_at=timezone.now(),
        search_text=fold(f"quyết định {number}"),
    )
    for _ in range(records):
        AwardRecordFactory(decision=decision, year=2025)
    return decision


def answered(notice, officer, count=1):
    for index in range(count):
        comment = comment_on(notice, name=f"Trần Văn {index}")
        public.answer_comment(comment=comment, answer="Cảm ơn, đã tiếp thu.", by=officer)
        public.publish_comment(comment=comment, by=officer)
        comment_on(notice, name=f"Trần Thị {index}")  # pending: not public


def measure(cast):
    officer = cast["officer"]
    anonymous, office = Client(), signed_in_client(officer)
    notice = published_notice(officer)
    answered(notice, officer)
    comment = notice.entries.first().comments.first()
    decision = published_decision(officer, "1/QĐ-UBND")
    pages = [
        (anonymous, "/notices/"),
        (anonymous, f"/notices/{notice.pk}/"),
        (anonymous, "/decisions/"),
        (anonymous, "/decisions/?q=quyet+dinh&year=2025&level=provincial"),
        (anonymous, f"/decisions/{decision.pk}/"),
        (office, "/awards/notices/comments/"),
        (office, f"/awards/notices/comments/?state=pending&q=tran&proposal={notice.proposal_id}"),
        (office, f"/awards/notices/comments/{comment.pk}/"),
        (office, f"/awards/proposals/{notice.proposal_id}/"),
    ]
    one_row = {url: queries_for(client, url) for client, url in pages}

    for index in range(MANY):
        answered(published_notice(officer, nominees=2), officer)
        published_decision(officer, f"{index + 2}/QĐ-UBND")
    more = published_notice(officer, nominees=MANY)
    answered(more, officer, count=3)
    answered(notice, officer, count=MANY)
    for _ in range(MANY):
        AwardRecordFactory(decision=decision, year=2025)

    return {url: (one_row[url], queries_for(client, url)) for client, url in pages}


shared_data = built_once_per_module(measure)
PAGES = [
    "/notices/",
    "/notices/{notice}/",
    "/decisions/",
    "/decisions/?q=quyet+dinh&year=2025&level=provincial",
    "/decisions/{decision}/",
    "/awards/notices/comments/",
    "/awards/notices/comments/?state=pending&q=tran&proposal={proposal}",
    "/awards/notices/comments/{comment}/",
    "/awards/proposals/{proposal}/",
]


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_constant_queries(shared_data, index):
    counts = list(shared_data.objects.values())[index]
    one_row, many_rows = counts
    message = f"{PAGES[index]}: {one_row} queries with one row, {many_rows} with many"
    if PAGES[index].startswith("/awards/proposals/"):
        # The dossier's history resolves one query per related model among its latest entries: with
        # many comments those are comments only, so fewer models and never more queries.
        assert many_rows <= one_row, message
    else:
        assert many_rows == one_row, message
