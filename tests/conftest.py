"""The fixed cast of users, and the real services the suite runs against.

`make test` starts a throwaway PostgreSQL and Redis and sets REQUIRE_SERVICES=true: then a test
that needs PostgreSQL, the Celery worker or Chromium fails rather than skipping.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from directory.models import Unit, User
from tests.factories import UnitFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "true"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
PASSWORD = "mat-khau-thu-nghiem"


def missing_service(reason):
    """Fail under `make test`, skip in a quick local run without services."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def pytest_configure(config):
    """Parallel test processes (pytest-xdist) each have their own database; each also gets its own
    Celery queue, so one process's worker never runs another's tasks against the wrong database."""
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker:
        queue = f"tests-{worker}"
        os.environ["CELERY_TASK_DEFAULT_QUEUE"] = queue
        settings.CELERY_TASK_DEFAULT_QUEUE = queue
        from emulation_portal.celery import app

        app.conf.task_default_queue = queue


@pytest.fixture(autouse=True)
def uncollected_static_files(settings):
    # Production serves hashed files that `collectstatic` writes; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# ---------------------------------------------------------------------------
# The cast
# ---------------------------------------------------------------------------
UNITS = {
    "office_unit": {"name": "Sở Nội vụ tỉnh Ninh Bình", "code": "NB-SNV"},
    "member_unit": {"name": "Sở Giáo dục và Đào tạo tỉnh Ninh Bình", "code": "NB-SGDDT"},
}
# user name -> (their unit, their roles); the outsider has no role and a unit of their own.
USERS = {
    "officer": ("office_unit", {"is_provincial_officer": True}),
    "unit_officer": ("member_unit", {"is_unit_officer": True}),
    "council_member": ("office_unit", {"is_council_member": True}),
    "administrator": ("office_unit", {"is_superuser": True, "is_staff": True}),
    "outsider": (None, {}),
}


def make_user(name, unit):
    return UserFactory(username=name, **({"unit": unit} if unit else {}), **USERS[name][1])


def build_cast():
    """The units and users of the cast, saved (tests ask for the fixtures below instead)."""
    cast = {name: UnitFactory(**fields) for name, fields in UNITS.items()}
    for name, (unit, _roles) in USERS.items():
        cast[name] = make_user(name, cast.get(unit))
    return cast


def shared(request, name):
    """A fresh copy of `name` from the cast built once for the module (tests/permissions.py
    `built_once_per_module`), or None when the test's module builds its data per test."""
    if "shared_data" not in request.fixturenames:
        return None
    pk = request.getfixturevalue("shared_data").cast.get(name)
    return None if pk is None else (Unit if name in UNITS else User).objects.get(pk=pk)


@pytest.fixture
def office_unit(request, db):
    return shared(request, "office_unit") or UnitFactory(**UNITS["office_unit"])


@pytest.fixture
def member_unit(request, db):
    return shared(request, "member_unit") or UnitFactory(**UNITS["member_unit"])


@pytest.fixture
def officer(request, office_unit):
    return shared(request, "officer") or make_user("officer", office_unit)


@pytest.fixture
def unit_officer(request, member_unit):
    return shared(request, "unit_officer") or make_user("unit_officer", member_unit)


@pytest.fixture
def council_member(request, office_unit):
    return shared(request, "council_member") or make_user("council_member", office_unit)


@pytest.fixture
def administrator(request, office_unit):
    return shared(request, "administrator") or make_user("administrator", office_unit)


@pytest.fixture
def outsider(request, db):
    """Signed in, but with no role and another unit."""
    return shared(request, "outsider") or make_user("outsider", None)


@pytest.fixture
def cast(request, db):
    """Every role by name (None for the anonymous visitor)."""
    if "shared_data" in request.fixturenames and request.getfixturevalue("shared_data").cast:
        pks = request.getfixturevalue("shared_data").cast
        users = User.objects.in_bulk([pks[name] for name in USERS])
        return {"anonymous": None, **{name: users[pks[name]] for name in USERS}}
    return {"anonymous": None, **{name: request.getfixturevalue(name) for name in USERS}}


@pytest.fixture
def client_as(request, client):
    """A test client signed in as `user` (anonymous for None)."""
    # In a module whose data is built once, the cast's sessions are built with it.
    sessions = request.getfixturevalue("shared_data").sessions if "shared_data" in request.fixturenames else {}

    def sign_in(user):
        if settings.SESSION_COOKIE_NAME in client.cookies:  # a fresh client has nobody to sign out
            client.logout()
        if user is not None and user.pk in sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[user.pk]
        elif user is not None:
            client.force_login(user)
        return client

    return sign_in


# ---------------------------------------------------------------------------
# Real services
# ---------------------------------------------------------------------------
@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        missing_service("the suite is not running on PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker process on the test Redis and the test database."""
    if not settings.CELERY_BROKER_URL:
        missing_service("no Redis broker (set CELERY_BROKER_URL)")
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        missing_service("the worker test needs PostgreSQL")
    env = dict(os.environ)
    user, password = database["USER"], database["PASSWORD"] or ""
    env["DATABASE_URL"] = f"postgres://{user}:{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    # The worker writes the files the web side serves: both use one media folder of this session.
    media_root = tmp_path_factory.mktemp("media")
    env["MEDIA_ROOT"] = str(media_root)
    shared_media = override_settings(MEDIA_ROOT=str(media_root))
    shared_media.enable()
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    handle = start_worker(env, log_path)
    handle.media_root = media_root
    yield handle
    handle.stop()
    shared_media.disable()


class WorkerHandle:
    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self):
        celery = Path(sys.executable).with_name("celery")
        self.log = open(self.log_path, "ab")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "emulation_portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                self.env.get("CELERY_TASK_DEFAULT_QUEUE", "celery"),
                "-n",
                f"test-worker-{os.getpid()}@%h",
            ],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited: {self.log_path.read_text()[-2000:]}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise RuntimeError(f"the Celery worker did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self):
        """Kill the worker at once, as a crash or an OOM kill would."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def restart(self):
        self.stop()
        # Let the log show the new worker's readiness, not the old one's.
        self.log_path.write_bytes(b"")
        return self.start()


def start_worker(env, log_path):
    return WorkerHandle(env, log_path).start()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        missing_service("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test are
    # still synchronous, so Django's guard against async contexts does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def sign_in_page(page):
    """Sign in through the real login form."""

    def sign_in(user, password=PASSWORD):
        page.goto("/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit].primary")
        return page

    return sign_in


# ---------------------------------------------------------------------------
# The closing summary shows which real services the run used
# ---------------------------------------------------------------------------
SERVICE_MARKERS = {"browser": "Chromium (Playwright)", "worker": "Celery worker process"}
_service_outcomes = {marker: {"passed": 0, "failed": 0, "skipped": 0} for marker in SERVICE_MARKERS}


def pytest_runtest_logreport(report):
    for marker in SERVICE_MARKERS:
        if marker in report.keywords and (report.when == "call" or report.outcome == "skipped"):
            _service_outcomes[marker][report.outcome] += 1


def pytest_terminal_summary(terminalreporter):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    terminalreporter.write_sep("-", "real services")
    terminalreporter.write_line(f"database: {engine}; broker: {settings.CELERY_BROKER_URL or 'none (in-process)'}")
    for marker, label in SERVICE_MARKERS.items():
        counts = _service_outcomes[marker]
        terminalreporter.write_line(
            f"{label}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
        )
