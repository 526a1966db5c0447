"""Drive concurrent clients against the portal's pages and Django admin's, served by gunicorn.

The load tool is a small bounded asyncio client on httpx (one AsyncClient per role, a pool of
`clients` connections, `clients` coroutines each requesting the page in a loop until the round's
time is up), not locust: locust brings gevent and its own web UI and process model for a job that is
here one URL at a time from one process, and its figures would need its CSV files parsed back; the
asyncio client is about 60 lines, has no state between pages, and reports exactly the figures we
write (req/s over the round, latency percentiles, errors, bytes). It runs on the same 2 cores as the
server: at the rates measured (tens to hundreds of requests a second) it takes a few percent of them.

For every page, in each of the rounds: its Django admin counterpart (same rows, same search) is
loaded right after it, so a busy machine slows both alike; then a single client times a few
requests of each (the "1 client" latency). The SQL queries of one request are counted apart, with
Django's test client in this process against the same database (`CaptureQueriesContext`); a list
page's count is taken on its first and second page ("constant" when they match).
"""

import asyncio
import logging
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.models import User

from . import dataset

SIZE_LIMIT_KB = 200
RATIO_GOAL = 3.0
HISTORY_GOAL_MS = 50.0
SINGLE_REQUESTS = 5
WORKERS = 3


@dataclass
class Page:
    key: str
    label: str
    path: str
    role: str = "officer"
    admin: str = ""  # the key of its admin counterpart
    kind: str = "list"  # list (queries compared on page 2), detail, form, admin
    single_goal_ms: float | None = None


@dataclass
class Figures:
    """One page's figures: medians over the rounds of each round's figure."""

    rps: list = field(default_factory=list)
    p50: list = field(default_factory=list)
    p95: list = field(default_factory=list)
    p99: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    kb: list = field(default_factory=list)
    single_ms: list = field(default_factory=list)
    queries: int | None = None
    queries_page2: int | None = None
    status: int | None = None

    def median(self, name):
        values = getattr(self, name)
        return statistics.median(values) if values else None


def pages(data):
    """The pages measured, and their admin counterparts (key "admin-..."), for the data set `data`."""
    proposal, review, term = data.proposal_pk, data.review_pk, data.term_pk
    registration = data.registration_movement_pk
    history_person = "nguyen thi lan 3"
    return [
        Page("proposals", "proposal list, unfiltered", "/awards/proposals/", admin="admin-proposals"),
        Page(
            "proposals-filtered",
            "proposal list, year 2024 + state submitted",
            "/awards/proposals/?year=2024&state=submitted",
            admin="admin-proposals-filtered",
        ),
        Page("queue", "verification queue", "/awards/proposals/queue/", admin="admin-queue"),
        Page(
            "proposal",
            "proposal detail",
            f"/awards/proposals/{proposal}/",
            admin="admin-proposal",
            kind="detail",
        ),
        Page(
            "history-person",
            f"award history, one person '{history_person}'",
            f"/awards/history/?q={history_person.replace(' ', '+')}",
            admin="admin-history-person",
            single_goal_ms=HISTORY_GOAL_MS,
        ),
        Page(
            "history-broad",
            "award history, broad 'pham van'",
            "/awards/history/?q=pham+van",
            admin="admin-history-broad",
            single_goal_ms=HISTORY_GOAL_MS,
        ),
        Page("units", "unit list, unfiltered", "/directory/units/", admin="admin-units"),
        Page("units-search", "unit list, search 'xa hoa'", "/directory/units/?q=xa+hoa", admin="admin-units-search"),
        Page("people", "person list, unfiltered", "/directory/people/", admin="admin-people"),
        Page("movements", "movement list, unfiltered", "/movements/", admin="admin-movements"),
        Page(
            "movements-search",
            "movement list, search 'nong thon moi'",
            "/movements/?q=nong+thon+moi",
            admin="admin-movements-search",
        ),
        Page("movement-create", "movement create form", "/movements/new/", admin="admin-movement-add", kind="form"),
        Page(
            "movement-review",
            "movement review page",
            f"/movements/reviews/{review}/",
            admin="admin-movement-review",
            kind="detail",
        ),
        Page(
            "ranking",
            "cluster ranking 60 x 40 (the lead)",
            f"/clusters/terms/{term}/ranking/",
            role="lead",
            admin="admin-sheets",
            kind="detail",
        ),
        Page(
            "registration",
            "movement registration form",
            f"/movements/{registration}/registration/",
            admin="admin-registration-add",
            kind="form",
        ),
        Page(
            "conference",
            "conference form",
            "/reports/conferences/new/",
            admin="admin-conference-add",
            kind="form",
        ),
        # Django admin, signed in as a superuser; searches are the same words (admin's search
        # fields include the folded search_text, so it finds the same rows).
        Page("admin-proposals", "admin: proposal changelist", "/admin/awards/proposal/", "admin", kind="admin"),
        Page(
            "admin-proposals-filtered",
            "admin: proposal changelist, year 2024 + state submitted",
            "/admin/awards/proposal/?year=2024&state__exact=submitted",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-queue",
            "admin: proposal changelist, submitted + under verification",
            "/admin/awards/proposal/?state__in=submitted,under_verification",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-proposal",
            "admin: proposal change page",
            f"/admin/awards/proposal/{proposal}/change/",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-history-person",
            f"admin: award record changelist, search '{history_person}'",
            f"/admin/awards/awardrecord/?q={history_person.replace(' ', '+')}",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-history-broad",
            "admin: award record changelist, search 'pham van'",
            "/admin/awards/awardrecord/?q=pham+van",
            "admin",
            kind="admin",
        ),
        Page("admin-units", "admin: unit changelist", "/admin/directory/unit/", "admin", kind="admin"),
        Page(
            "admin-units-search",
            "admin: unit changelist, search 'xa hoa'",
            "/admin/directory/unit/?q=xa+hoa",
            "admin",
            kind="admin",
        ),
        Page("admin-people", "admin: person changelist", "/admin/directory/person/", "admin", kind="admin"),
        Page("admin-movements", "admin: movement changelist", "/admin/movements/movement/", "admin", kind="admin"),
        Page(
            "admin-movements-search",
            "admin: movement changelist, search 'nong thon moi'",
            "/admin/movements/movement/?q=nong+thon+moi",
            "admin",
            kind="admin",
        ),
        Page("admin-movement-add", "admin: movement add page", "/admin/movements/movement/add/", "admin", kind="admin"),
        Page(
            "admin-movement-review",
            "admin: movement review change page",
            f"/admin/movements/movementreview/{review}/change/",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-sheets",
            "admin: the term's sheets changelist",
            f"/admin/clusters/sheet/?term__id__exact={term}",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-registration-add",
            "admin: registration add page",
            "/admin/movements/registration/add/",
            "admin",
            kind="admin",
        ),
        Page(
            "admin-conference-add",
            "admin: conference add page",
            "/admin/reports/conference/add/",
            "admin",
            kind="admin",
        ),
    ]


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------
def prepare():
    """Migrate and collect the static files, as scripts/serve does before gunicorn starts."""
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


class Server:
    """gunicorn as scripts/serve starts it (settings from the environment: DATABASE_URL set, so
    production mode and DEBUG off; 3 workers), on 127.0.0.1:`port`; the access log goes to a file."""

    def __init__(self, port, workers=WORKERS):
        self.port, self.workers = port, workers
        self.url = f"http://127.0.0.1:{port}"
        self.logdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        env = {**os.environ, "DEBUG": "false"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "emulation_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
                "--access-logfile",
                str(self.logdir / "access.log"),
                "--error-logfile",
                str(self.logdir / "error.log"),
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited: see {self.logdir / 'error.log'}")
            try:
                if httpx.get(f"{self.url}/accounts/login/", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.logdir, ignore_errors=True)


def sign_in(base_url, username):
    """The session cookies of `username` after a real sign-in through the login form."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        form = client.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        response = client.post(
            "/accounts/login/",
            data={"username": username, "password": dataset.PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base_url}/accounts/login/"},
        )
        if response.status_code != 302:
            raise SystemExit(f"signing in as {username} failed: {response.status_code}")
        return dict(client.cookies)


# ---------------------------------------------------------------------------
# The load
# ---------------------------------------------------------------------------
def _in_own_loop(make_coroutine):
    """asyncio.run in a thread of its own: the caller's thread may already run an event loop (the
    test suite's Playwright keeps one in each test process)."""
    import threading

    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def _load(base_url, cookies, path, *, clients, seconds):
    """`clients` coroutines requesting `path` until `seconds` are up: (req/s, latencies ms, errors, bytes)."""
    latencies, errors, sizes = [], 0, []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, cookies=cookies, limits=limits, timeout=300) as client:
        start = time.perf_counter()
        deadline = start + seconds

        async def worker():
            nonlocal errors
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await client.get(path)
                    body = response.content
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - sent) * 1000)
                sizes.append(len(body))
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return len(latencies) / elapsed, latencies, errors, sizes


def _single(base_url, cookies, path, count):
    """The median latency (ms) of `count` requests, one at a time, after one warm-up."""
    with httpx.Client(base_url=base_url, cookies=cookies, timeout=300) as client:
        client.get(path)
        timings = []
        for _ in range(count):
            sent = time.perf_counter()
            client.get(path).content  # noqa: B018 (read the whole body)
            timings.append((time.perf_counter() - sent) * 1000)
    return statistics.median(timings)


def count_queries(page, users):
    """(status, queries of one request, queries of its second page for a list, else None)."""
    client = Client()
    client.force_login(users[page.role])

    def queries(path):
        client.get(path)  # warm: the first request of a process fills caches (content types, catalogue)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        return response.status_code, len(captured)

    status, first = queries(page.path)
    second = None
    if page.kind in ("list", "admin") and "/change/" not in page.path and "/add/" not in page.path:
        joiner = "&" if "?" in page.path else "?"
        page2_status, second = queries(f"{page.path}{joiner}{'p' if page.kind == 'admin' else 'page'}=2")
        if page2_status != 200:  # no second page on a small data set
            second = None
    return status, first, second


def run(data, *, seconds, rounds, clients, only=(), port=18740, log=print, after_round=None):
    """Measure every page (or the keys in `only` and their admin counterparts); {key: (Page, Figures)}.
    `after_round(results, number)` is called after each round (to write the figures so far)."""
    every = {page.key: page for page in pages(data)}
    chosen = [every[key] for key in only] if only else [page for page in every.values() if page.kind != "admin"]
    order = []
    for page in chosen:
        order.append(page)
        if page.admin and every[page.admin] not in order:
            order.append(every[page.admin])
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not one log line per request
    users = {role: User.objects.get(username=username) for role, username in dataset.USERS.items()}
    results = {page.key: (page, Figures()) for page in order}
    for page in order:
        figures = results[page.key][1]
        figures.status, figures.queries, figures.queries_page2 = count_queries(page, users)
    with Server(port) as server:
        cookies = {role: sign_in(server.url, username) for role, username in dataset.USERS.items()}
        for number in range(1, rounds + 1):
            log(f"round {number}/{rounds}", flush=True)
            for page in order:
                figures = results[page.key][1]
                rps, latencies, errors, sizes = _in_own_loop(
                    lambda page=page: _load(server.url, cookies[page.role], page.path, clients=clients, seconds=seconds)
                )
                figures.rps.append(rps)
                figures.requests.append(len(latencies))
                figures.errors.append(errors)
                if latencies:
                    figures.p50.append(_percentile(latencies, 0.50))
                    figures.p95.append(_percentile(latencies, 0.95))
                    figures.p99.append(_percentile(latencies, 0.99))
                    figures.kb.append(statistics.median(sizes) / 1024)
                figures.single_ms.append(_single(server.url, cookies[page.role], page.path, SINGLE_REQUESTS))
                log(
                    f"  {page.key}: {rps:.1f} req/s, p50 {figures.p50[-1] if latencies else 0:.0f} ms, "
                    f"{errors} errors, 1 client {figures.single_ms[-1]:.0f} ms",
                    flush=True,
                )
            if after_round:
                after_round(results, number)
    return results
