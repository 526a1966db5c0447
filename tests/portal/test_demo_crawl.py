"""Every link a demo user is shown leads somewhere: no page of the seeded portal fails or 404s."""

import re
from collections import Counter, deque
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from directory.models import User
from tests.permissions import built_once_per_module, fetch

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
SKIPPED_PREFIXES = ("/static/", "/admin/", "/accounts/logout/", "/i18n/")
PAGES_PER_USER = 120
PER_ROUTE = 2


pytestmark = pytest.mark.slow


def seed_demo(cast):
    call_command("seed_demo", stdout=StringIO())


# The demo is seeded once for the module; each crawl's own writes (sessions) are rolled back.
shared_data = built_once_per_module(seed_demo, with_cast=False, PRODUCTION=False)


def route_of(link):
    """The URL pattern a link goes to (None for a link no pattern serves, which is then fetched)."""
    try:
        match = resolve(link)
    except Resolver404:
        return None
    return match.route


def crawl(client):
    """Breadth-first GET of the links found on the pages, from the dashboard; returns (url, status) seen.

    Every kind of page is visited: at most PER_ROUTE links of one URL pattern (the tenth proposal's
    page is the same view, template and rule as the first), every link nobody serves.
    """
    seen, queue, results = {"/"}, deque(["/"]), []
    per_route = Counter()
    while queue and len(results) < PAGES_PER_USER:
        url = queue.popleft()
        response = fetch(client, "get", url)  # a downloaded file is read and closed
        results.append((url, response.status_code))
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            if response.streaming:  # a download: read to the end, so the test client closes its file
                b"".join(response.streaming_content)
            continue
        for link in LINK.findall(response.content.decode()):
            if link in seen or link.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(link)
            route = route_of(link)
            if route is not None and per_route[route] >= PER_ROUTE:
                continue
            per_route[route] += 1
            queue.append(link)
    return results


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["canbo", "donvi", "hoidong", "quantri", "cumtruong", "thanhvien"])
def test_every_link_shown_to_a_demo_user_works(client, username):
    client.force_login(User.objects.get(username=username))

    results = crawl(client)

    broken = [(url, status) for url, status in results if status >= 400]
    assert len(results) > 5
    assert broken == []
