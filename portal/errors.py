"""The one base of every business-rule refusal.

Each app's errors subclass `DomainError`; a view catches `DomainError` and shows `message` (one
whole translated sentence, never assembled from fragments) to the user, changing nothing.
"""

import re

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused the action; `message` is a whole sentence for the user."""

    default_message = _("This action is not allowed.")

    def __init__(self, message=None):
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)

    def __str__(self):
        return self.message


# ---------------------------------------------------------------------------
# Database constraints, in the user's words
# ---------------------------------------------------------------------------
UNKNOWN_CONSTRAINT = _("This change conflicts with what is already stored, so nothing was saved.")
DUPLICATE_VALUE = _("Another record already has this value, so nothing was saved.")

_NAMED = re.compile(r'constraint "([^"]+)"|constraint failed: (\w+)$')
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")
_INDEX = {}


def _constraint_index():
    """{constraint name: message} and {(table, columns): message} of every model's constraints."""
    if _INDEX:
        return _INDEX
    from django.apps import apps

    by_name, by_columns = {}, {}
    for model in apps.get_models():
        table = model._meta.db_table
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key:
                by_columns.setdefault((table, frozenset([field.column])), DUPLICATE_VALUE)
        for constraint in model._meta.constraints:
            message = constraint.violation_error_message
            by_name[constraint.name] = message
            fields = getattr(constraint, "fields", ())
            if fields:
                columns = frozenset(model._meta.get_field(name).column for name in fields)
                by_columns.setdefault((table, columns), message)
    _INDEX.update(names=by_name, columns=by_columns)
    return _INDEX


def constraint_message(error):
    """The whole sentence for the user of the database rule an IntegrityError broke.

    The constraint is found by name (PostgreSQL names it; SQLite names check constraints) or, for a
    SQLite unique failure, by its table and columns; its `violation_error_message` (Vietnamese in the
    catalogues, `tests/portal/test_messages_constraints.py` checks every one) is the answer. Any other
    integrity failure gets a general sentence, never the database's English.
    """
    index = _constraint_index()
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    diag = getattr(getattr(error, "__cause__", None), "diag", None)
    name = getattr(diag, "constraint_name", None)
    if not name and (match := _NAMED.search(text)):
        name = match.group(1) or match.group(2)
    message = index["names"].get(name)
    if message is None and (match := _SQLITE_UNIQUE.search(text)):
        columns = [part.strip().split(".", 1) for part in match.group(1).split(",")]
        tables = {column[0] for column in columns if len(column) == 2}
        if len(tables) == 1:
            key = (tables.pop(), frozenset(column[1] for column in columns))
            message = index["columns"].get(key)
    return str(message or UNKNOWN_CONSTRAINT)
