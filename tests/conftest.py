"""The fixed cast of users, and the real services the suite runs against.

`make test` starts a throwaway PostgreSQL and Redis and sets REQUIRE_SERVICES=true: then a test
that needs PostgreSQL, the Celery worker or Chromium fails rather than skipping.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
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
    # The same HTML renders to the same PDF: each process renders the demo's forms and sample documents
    # once, however many tests seed the demo (portal.rendering).
    settings.PDF_RENDER_CACHE = True
    # Every test client builds its own middleware stack, and WhiteNoise would scan the collected static
    # files (thousands, with the API's Swagger UI) for each: in tests it looks a file up when asked.
    settings.WHITENOISE_AUTOREFRESH = True
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker:
        queue = f"tests-{worker}"
        os.environ["CELERY_TASK_DEFAULT_QUEUE"] = queue
        settings.CELERY_TASK_DEFAULT_QUEUE = queue
        from emulation_portal.celery import app

        app.conf.task_default_queue = queue
    else:
        start_template_database(config)


def pytest_unconfigure(config):
    drop_template_database(config)


# ---------------------------------------------------------------------------
# One migrated PostgreSQL database, copied for each parallel test process
# ---------------------------------------------------------------------------
# Migrating takes about 8 s of CPU (Django renders the model states of every migration). Under
# pytest-xdist on PostgreSQL the controlling process migrates a template database once, in a
# subprocess that runs while the test processes start and collect; each test process then has
# Django create its test database from that template (`TEST["TEMPLATE"]`: CREATE DATABASE ...
# TEMPLATE ...), where `migrate` finds nothing left to apply. The migrations themselves, data
# migrations included, run as ever. A template that failed leaves each process to migrate its own.
TEMPLATE_ENV = "PORTAL_TEST_TEMPLATE_DATABASE"  # JSON {"name": ..., "status": path of the status file}
BUILD_TEMPLATE = """
import sys, traceback
from pathlib import Path

import django

name, status = sys.argv[1:3]
try:
    django.setup()
    from django.db import connection

    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    connection.close()
    result = "ok"
except BaseException:
    result = "failed:\\n" + traceback.format_exc()
Path(status + ".part").write_text(result)
Path(status + ".part").rename(status)
"""
TEMPLATE_WAIT_SECONDS = 600


def start_template_database(config):
    database = settings.DATABASES["default"]
    wanted = (
        getattr(config.option, "numprocesses", None)
        and database["ENGINE"] == "django.db.backends.postgresql"
        and not config.getvalue("reuse_db")
        and not config.getvalue("nomigrations")
        and not config.option.collectonly
    )
    if not wanted:
        return
    name = (database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}") + "_template"
    folder = Path(tempfile.mkdtemp(prefix="portal-test-template-"))
    status = folder / "status"
    process = subprocess.Popen(
        [sys.executable, "-c", BUILD_TEMPLATE, name, str(status)],
        cwd=settings.BASE_DIR,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The test processes pytest-xdist starts next inherit the environment.
    os.environ[TEMPLATE_ENV] = json.dumps({"name": name, "status": str(status), "pid": process.pid})
    config.stash[template_key] = (process, name, folder)


template_key = pytest.StashKey()


def drop_template_database(config):
    if template_key not in config.stash:
        return
    process, name, folder = config.stash[template_key]
    if process.poll() is None:
        process.kill()
    process.wait()
    database = settings.DATABASES["default"]
    import psycopg2

    try:
        server = psycopg2.connect(
            dbname="postgres",
            user=database["USER"],
            password=database["PASSWORD"],
            host=database["HOST"],
            port=database["PORT"],
        )
        server.autocommit = True
        server.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()
    except psycopg2.Error as error:
        sys.stderr.write(f"the template test database {name} was not dropped: {error}\n")
    shutil.rmtree(folder, ignore_errors=True)


def running(pid):
    """Whether process `pid` is alive (not gone, not a zombie its parent has yet to collect)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request):
    """In a test process under pytest-xdist, create the test database from the template the
    controlling process migrated (see `start_template_database`)."""
    template = json.loads(os.environ.get(TEMPLATE_ENV) or "null")
    if not template or not getattr(request.config, "workerinput", None):
        return
    status = Path(template["status"])
    deadline = time.monotonic() + TEMPLATE_WAIT_SECONDS
    while not status.exists() and time.monotonic() < deadline and running(template["pid"]):
        time.sleep(0.1)
    result = status.read_text() if status.exists() else "failed: the migrating process ended or took too long"
    if result == "ok":
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template["name"]
    else:
        # Not a warning: the suite turns warnings into errors. Migrating shows the real error, if any.
        sys.stderr.write(f"template test database: {result}\nthis test process migrates its own database\n")


@pytest.fixture(autouse=True)
def uncollected_static_files(settings):
    # Production serves hashed files that `collectstatic` writes; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def tasks_in_process(request, monkeypatch):
    """Notification e-mails (Django's locmem outbox), import, export and statistical-form jobs run
    in-process, even with a broker, except in the tests that run the real worker (`worker` mark), where
    the worker runs them."""
    if request.node.get_closest_marker("worker") is not None:
        return
    from portal.tasks import run_export, run_import_job, send_notification_email
    from reports.tasks import count_stat_report

    for task in (send_notification_email, run_import_job, run_export, count_stat_report):
        monkeypatch.setattr(task, "delay", lambda task=task, **kwargs: task.apply(kwargs=kwargs))


@pytest.fixture(autouse=True)
def fresh_cache():
    # The public pages' request counts (portal.throttle) live in the cache: each test starts from none.
    from django.core.cache import cache

    cache.clear()


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
    # The worker's e-mail goes to files a test can read (tests/portal/test_notifications_worker.py).
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    env["EMAIL_FILE_PATH"] = str(mail_dir)
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    handle = start_worker(env, log_path)
    handle.media_root = media_root
    handle.mail_dir = mail_dir
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


@pytest.fixture(scope="session", autouse=True)
def no_stray_database_sessions(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end any other session still connected to it.

    Some test run leaves one idle session of this process open (last statement ROLLBACK, opened
    mid-run; not found yet), and PostgreSQL then refuses to drop the database. Each one is reported
    on the run's error output ("stray database sessions ...") so it can still be tracked down, and ended so
    the run itself is judged by its tests.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, backend_start, state, left(query, 120) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        stray = cursor.fetchall()
        for pid, *_details in stray:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    if stray:
        print(f"\nstray database sessions ended before dropping the test database: {stray}", file=sys.__stderr__)


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database is set up so that it stops
    (and closes its connections) before the database is dropped, whichever test comes first."""
    return live_server


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's headless Chromium driven by Playwright.

    Started after the test database is set up, so it closes before the database is dropped: its
    kept-alive connections hold the live server's request threads, and with them their database
    sessions, until it closes.
    """
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


def pick(page, name, query, text, *, within="form"):
    """Choose `text` in the autocomplete of field `name` (portal.widgets): type `query`, click the suggestion."""
    page.fill(f"{within} input[name={name}__search]", query)
    page.locator(f"{within} .autocomplete-option", has_text=text).first.click()


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
