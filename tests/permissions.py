"""The permission matrices' shared pieces: the data built once per module, the one matrix test body
and the cheap 'nothing changed' checks.

A matrix module (tests/<app>/test_permissions.py) declares

    MATRIX = [(url name, object key, method, roles allowed, status when allowed), ...]
    shared_data = built_once_per_module(build_objects)      # build_objects(cast) -> objects

    @matrix_cases(MATRIX)
    def test_permission_matrix(client_as, cast, objects, role, url_name, key, method, allowed, allowed_status):
        url = reverse(url_name, kwargs=objects[key] if key else None)
        run_matrix_case(client_as(cast[role]), role, url, method, form_data(url_name), allowed, allowed_status)

`shared_data` builds the cast and the module's objects once, in a transaction opened for the whole
module and rolled back at its end; each test's own transaction nests in it as a savepoint, so
whatever an allowed request writes is gone before the next case. The cast fixtures of
tests/conftest.py (`officer`, `member_unit`, `cast`, ...) hand out fresh copies of the shared cast
in such a module, and `objects` is the module's objects (primary keys and URL kwargs; the few
model instances in it are read only).

The query-count tests use the same fixture: their build function measures each scenario inside
`rolled_back()` with a `signed_in_client(user)` and returns the counts (tests/<app>/test_query_counts.py).
"""

import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import override_settings
from django.urls import reverse

ROLES = ("anonymous", "officer", "unit_officer", "council_member", "administrator", "outsider")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
OFFICERS = frozenset({"officer", "administrator"})
OUR_APPS = ("portal", "directory", "movements", "clusters", "awards", "reports")
MATRIX_FIELDS = ("url_name", "key", "method", "allowed", "allowed_status")
TEST_SETTINGS = {
    # The same as the autouse fixtures of tests/conftest.py, for what is built before a test starts.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


def module_settings():
    """TEST_SETTINGS and the static files storage of tests/conftest.py `uncollected_static_files`
    (pages rendered while a module's data is built read the sources, not collected files)."""
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return {**TEST_SETTINGS, "STORAGES": storages}


def expected_status(role, allowed, *, allowed_status=200):
    """Anonymous visitors are sent to sign in; signed-in users without the right get 403."""
    if role in allowed:
        return allowed_status
    return 302 if role == "anonymous" else 403


# ---------------------------------------------------------------------------
# 'Nothing changed'
# ---------------------------------------------------------------------------
def snapshot():
    """Every row of every model of ours, plus the audit log: equal snapshots mean nothing changed.

    Thorough and slow (it reads the whole database); the matrices use `table_marks` and
    `recorded_writes` instead.
    """
    state = {}
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            rows = model._default_manager.order_by("pk").values()
            state[model._meta.label] = [
                {key: value for key, value in row.items() if key not in ("last_login",)} for row in rows
            ]
    log_entry = apps.get_model("auditlog", "LogEntry")
    state["auditlog.LogEntry"] = log_entry.objects.count()
    return state


def our_models():
    """The concrete models of our apps, many-to-many tables included, and the audit log."""
    models = [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return [*models, apps.get_model("auditlog", "LogEntry")]


def our_tables():
    return frozenset(model._meta.db_table for model in our_models())


def table_marks():
    """Row count and highest primary key of every table of ours, in one query.

    A row added or deleted changes them; a row changed in place does not, which `recorded_writes`
    catches.
    """
    quote = connection.ops.quote_name
    parts = []
    for model in our_models():
        pk = model._meta.pk
        column = quote(pk.column)
        # Text, so that every branch of the UNION has the same types; integer keys keep their order.
        highest = (
            f"CAST(MAX({column}) AS TEXT)"
            if pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField")
            else f"MAX(CAST({column} AS TEXT))"
        )
        parts.append(f"SELECT '{model._meta.db_table}', COUNT(*), {highest} FROM {quote(model._meta.db_table)}")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {table: (count, highest) for table, count, highest in cursor.fetchall()}


def write_marks():
    """What `run_matrix_case` compares around a denied request: on PostgreSQL the rows inserted and
    deleted in each table of ours by this transaction so far (`pg_stat_xact_user_tables`, one cheap
    query: any insert or delete moves them, even one undone later); elsewhere `table_marks()`.
    Only for a comparison inside one test: the counters never go back, a rolled-back row stays counted.
    """
    if connection.vendor != "postgresql":
        return table_marks()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_del FROM pg_stat_xact_user_tables WHERE relname = ANY(%s)",
            [sorted(our_tables())],
        )
        return {table: (inserted, deleted) for table, inserted, deleted in cursor.fetchall()}


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Signing in stamps the user's last login; that is not a change of the portal's data.
LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"?directory_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.IGNORECASE)


@contextmanager
def recorded_writes():
    """Yield the list of INSERT, UPDATE and DELETE statements run on our tables inside the block.

    Sessions, django-axes and last-login stamps are not ours and are left out.
    """
    tables = our_tables()
    writes = []

    def record(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(1) in tables and not LAST_LOGIN.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes


def declared_url_names():
    """The URL names the permission matrices of every app cover (tests/<app>/test_permissions*.py:
    a large app may keep one matrix module per screen, `test_permissions_setup.py`)."""
    import importlib
    import pkgutil

    import tests

    names = set()
    for module_info in pkgutil.walk_packages(tests.__path__, "tests."):
        if module_info.name.rsplit(".", 1)[-1].startswith("test_permissions"):
            module = importlib.import_module(module_info.name)
            names.update(entry[0] for entry in module.MATRIX)
    return names


# ---------------------------------------------------------------------------
# The one matrix test body
# ---------------------------------------------------------------------------
def fetch(client, method, url, data=None):
    """GET or POST `url`; a file download is read to the end and its file closed.

    Only the file's closers run: `response.close()` would also fire request_finished, which
    closes the test's database connection.
    """
    response = client.post(url, data) if method == "post" else client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
        for closer in response._resource_closers:
            closer()
    return response


def matrix_cases(matrix):
    """Parametrize a matrix test over every (row of `matrix`, role) pair, on the test database."""

    def decorate(test):
        test = pytest.mark.parametrize(MATRIX_FIELDS, matrix)(test)
        test = pytest.mark.parametrize("role", ROLES)(test)
        return pytest.mark.django_db(test)

    return decorate


def run_matrix_case(client, role, url, method, data, allowed, allowed_status=200, *, expected=None):
    """Request `url` as `role` and check the answer; a denial must leave the data untouched.

    `expected` replaces the status `expected_status` derives from `allowed` (for the few URLs
    that answer otherwise, such as the login page sending signed-in users on).
    """
    if expected is None:
        expected = expected_status(role, allowed, allowed_status=allowed_status)
    denied = role not in allowed
    before = write_marks() if denied else None

    with recorded_writes() as writes:
        response = fetch(client, method, url, data)

    assert response.status_code == expected, failure_detail(response)
    if denied:
        assert writes == []
        assert write_marks() == before
        if role == "anonymous":
            assert response.headers["Location"].startswith(reverse("login"))
    return response


def failure_detail(response):
    """The form errors of the page, if any: what usually explains an unexpected status."""
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    return getattr(form, "errors", None)


# ---------------------------------------------------------------------------
# Data built once per module
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SharedData:
    cast: dict  # name -> primary key: office_unit, member_unit, officer, ..., outsider
    objects: object  # what the module's build function returned
    sessions: dict  # user primary key -> the key of a session signed in as that user


def signed_in_sessions(users):
    """A saved session for each user, as `Client.force_login` makes it (`client_as` reuses them)."""
    from django.conf import settings
    from django.test import Client

    sessions = {}
    for user in users:
        client = Client()
        client.force_login(user)
        sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def built_once_per_module(build, *, with_cast=True, **settings):
    """A module-scoped autouse fixture `shared_data`: the cast and `build(cast)`, built once.

    `build` receives the cast as model instances (`cast["member_unit"]`, `cast["officer"]`, ...;
    an empty dict when `with_cast` is false) and returns the module's objects. Everything lives in
    a transaction rolled back at the end of the module, with private media in a temporary folder
    and `settings` overridden for the whole module.
    """
    from tests.conftest import build_cast

    @pytest.fixture(scope="module", autouse=True, name="shared_data")
    def shared_data(django_db_setup, django_db_blocker, tmp_path_factory):
        media_root = tmp_path_factory.mktemp("media")
        with ExitStack() as stack:
            stack.enter_context(override_settings(MEDIA_ROOT=media_root, **{**module_settings(), **settings}))
            with django_db_blocker.unblock():
                atomic = transaction.atomic()
                atomic.__enter__()
                stack.callback(roll_back, atomic, django_db_blocker)
                cast = build_cast() if with_cast else {}
                objects = build(cast)
                sessions = signed_in_sessions(
                    user for name, user in cast.items() if name not in ("office_unit", "member_unit")
                )
            yield SharedData(
                cast={name: instance.pk for name, instance in cast.items()}, objects=objects, sessions=sessions
            )

    return shared_data


def roll_back(atomic, django_db_blocker):
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@contextmanager
def rolled_back():
    """A savepoint undone at the end of the block: inside a module's build function, each scenario
    (a query-count test's 1 and many rows, say) starts from the same data, the cast alone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def signed_in_client(user):
    """A test client signed in as `user`, for requests made while a module's data is built."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------
# The cast unsaved, for the rules' unit tests (no database)
# ---------------------------------------------------------------------------
OFFICE_UNIT, MEMBER_UNIT, OTHER_UNIT = 1, 2, 3


def unsaved_cast():
    """Every role as an unsaved user: officers, the council member and the administrator work for
    OFFICE_UNIT, the unit officer for MEMBER_UNIT, the outsider (no role) for OTHER_UNIT."""
    from django.contrib.auth.models import AnonymousUser

    from directory.models import User

    return {
        "anonymous": AnonymousUser(),
        "officer": User(username="officer", unit_id=OFFICE_UNIT, is_provincial_officer=True),
        "unit_officer": User(username="unit_officer", unit_id=MEMBER_UNIT, is_unit_officer=True),
        "council_member": User(username="council_member", unit_id=OFFICE_UNIT, is_council_member=True),
        "administrator": User(username="administrator", unit_id=OFFICE_UNIT, is_superuser=True, is_staff=True),
        "outsider": User(username="outsider", unit_id=OTHER_UNIT),
    }


def who_may(permission, obj, cast=None):
    """The roles granted `permission` on `obj`, asked the way views ask (`user.has_perm`), so that
    the administrator's answer is the rules' too."""
    cast = cast or unsaved_cast()
    return {role for role, user in cast.items() if user.has_perm(permission, obj)}
