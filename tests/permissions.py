"""Shared pieces of the permission matrix tests: expected statuses and the 'nothing changed' check."""

from django.apps import apps

ROLES = ("anonymous", "officer", "unit_officer", "council_member", "administrator", "outsider")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
OFFICERS = frozenset({"officer", "administrator"})
OUR_APPS = ("portal", "directory", "movements", "clusters", "awards", "reports")


def expected_status(role, allowed, *, allowed_status=200):
    """Anonymous visitors are sent to sign in; signed-in users without the right get 403."""
    if role in allowed:
        return allowed_status
    return 302 if role == "anonymous" else 403


def snapshot():
    """Every row of every model of ours, plus the audit log: equal snapshots mean nothing changed."""
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


def declared_url_names():
    """The URL names the permission matrices of every app cover."""
    import importlib
    import pkgutil

    import tests

    names = set()
    for module_info in pkgutil.walk_packages(tests.__path__, "tests."):
        if module_info.name.endswith(".test_permissions"):
            module = importlib.import_module(module_info.name)
            names.update(entry[0] for entry in module.MATRIX)
    return names


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
