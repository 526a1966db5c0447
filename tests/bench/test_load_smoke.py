"""The load benchmark's pieces work together (bench/load): a tiny data set built by the same code,
a real sign-in, one page loaded for one second by two clients, its queries counted, a table row."""

import pytest
from django.db import connection

from bench.load import dataset, report, run
from directory.models import User
from tests.conftest import missing_service

pytestmark = pytest.mark.slow


def test_a_tiny_data_set_is_loaded_and_reported(transactional_db, live_server):
    if connection.vendor != "postgresql":
        missing_service("the load benchmark's data set needs PostgreSQL")
    data = dataset.build(dataset.parse_scale("tiny"), log=lambda *args, **kwargs: None)
    assert data.counts["proposals"] == 200 and data.proposal_pk and data.term_pk
    page = next(page for page in run.pages(data) if page.key == "history-person")
    users = {role: User.objects.get(username=username) for role, username in dataset.USERS.items()}
    status, queries, _second = run.count_queries(page, users)
    assert status == 200 and queries > 0

    cookies = run.sign_in(live_server.url, dataset.USERS["officer"])
    rps, latencies, errors, sizes = run._in_own_loop(
        lambda: run._load(live_server.url, cookies, page.path, clients=2, seconds=1)
    )
    assert rps > 0 and latencies and errors == 0 and min(sizes) > 0

    figures = run.Figures(rps=[rps], p50=[run._percentile(latencies, 0.5)], kb=[sizes[0] / 1024], errors=[0])
    figures.status, figures.queries, figures.requests = status, queries, [len(latencies)]
    row = report.table({page.key: (page, figures)})[-1]
    assert row.startswith(f"| {page.label} |")

    with pytest.raises(SystemExit):  # a wrong password is refused, not taken for a session
        run.sign_in(live_server.url, "nobody")
