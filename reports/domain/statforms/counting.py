"""A form's cells in one grouped query, and the rows behind each cell.

`count_cells` selects the fields the form's filters name, grouped with their counts (a few hundred
groups for a million award records), and adds each group to the cells whose row and column it
matches. `cell_rows` asks the database for the same rows through the ORM: the two readings of a
filter (`matches` here, `to_q` for the database) are kept side by side so they agree, and the tests
compare every cell with its drill-down.
"""

from django.db.models import Count, Q

from .datasets import DATASETS
from .definitions import parse_definition


def definition_of(form):
    return parse_definition(form.dataset, form.definition)


def to_q(conditions):
    q = Q()
    for condition in conditions:
        part = Q(**{condition.orm_key: condition.value})
        q &= ~part if condition.negated else part
    return q


def _holds(condition, value):
    expected, lookup = condition.value, condition.lookup
    if lookup == "isnull":
        return (value is None) == expected
    if value is None:
        return False  # SQL: a comparison with NULL is not true
    if lookup == "exact":
        return value == expected
    if lookup == "in":
        return value in expected
    if lookup == "gt":
        return value > expected
    if lookup == "gte":
        return value >= expected
    if lookup == "lt":
        return value < expected
    return value <= expected  # lte


def matches(conditions, group):
    """Whether a grouped row satisfies every condition (negated ones as Django's exclude reads them)."""
    return all(_holds(condition, group[condition.field]) != condition.negated for condition in conditions)


def form_rows(form, year):
    """Every row the form counts in `year`: the dataset's rows of the year within the form's base."""
    definition = definition_of(form)
    dataset = DATASETS[form.dataset]
    return dataset.rows(year).filter(to_q(definition.base))


def count_cells(form, year):
    """{row key: {column key: count}} for every counted row and column. One query."""
    definition = definition_of(form)
    fields = definition.fields()
    rows = form_rows(form, year).order_by()
    groups = list(rows.values(*fields).annotate(_n=Count("pk"))) if fields else [{"_n": rows.count()}]
    cells = {}
    for row in definition.counted_rows:
        in_row = [group for group in groups if matches(row.conditions, group)]
        cells[row.key] = {
            column.key: sum(group["_n"] for group in in_row if matches(column.conditions, group))
            for column in definition.columns
        }
    return cells


def cell_rows(form, year, *, row_key, column_key):
    """The rows one cell counts (a queryset), or None when the form has no such cell."""
    definition = definition_of(form)
    row, column = definition.row(row_key), definition.column(column_key)
    if row is None or column is None:
        return None
    return form_rows(form, year).filter(to_q(row.conditions)).filter(to_q(column.conditions))


def check_named(form, check_key):
    """The dataset's check before filing called `check_key`, or None."""
    return next((check for check in DATASETS[form.dataset].checks if check.key == check_key), None)


def check_rows(form, year, *, check_key):
    """The rows a check before filing finds (a queryset), or None for an unknown check."""
    from .definitions import parse_conditions

    dataset = DATASETS[form.dataset]
    check = check_named(form, check_key)
    if check is None:
        return None
    conditions = parse_conditions(check.conditions, allowed=dataset.fields, where=check.key)
    return form_rows(form, year).filter(to_q(conditions))


def problems(form, year):
    """[(check, count)] of the checks that find rows; a form is final only when this is empty.
    One query per check of the dataset (at most one today)."""
    found = []
    for check in DATASETS[form.dataset].checks:
        count = check_rows(form, year, check_key=check.key).count()
        if count:
            found.append((check, count))
    return found
