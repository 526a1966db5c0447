"""A statistical form's rows and columns, read from its JSON definition and checked.

The JSON (`StatForm.definition`, shipped in reports/data/statforms/*.json)::

    {"base": {<filter>},                           # what the whole form counts, e.g. State awards
     "columns": [{"key": "total", "label": "Tổng số", "filter": {}},
                 {"label": "Huân chương Lao động",   # a group: its columns side by side under one heading
                  "columns": [{"key": "hcld_tt", "label": "Tập thể", "filter": {...}}, ...]}],
     "rows": [{"key": "total", "code": "01", "label": "Tổng số", "filter": {}},
              {"label": "1. Chia theo đối tượng"},             # a heading: no figures
              {"key": "collective", "code": "04", "label": "Tập thể", "indent": 1, "filter": {...}},
              {"key": "central", "code": "02", "label": "...", "not_recorded": true}]}  # shown as "-"

Messages name the place in the JSON as "columns[2]" or "rows[5]" (counted from 1) or "base".

A filter maps a field of the form's dataset, with an optional lookup, to a value:
``{"award__code__in": ["HCLD1-TT"], "is_collective": true, "duration_months__gte": 36}``; a key that
starts with "!" excludes (``{"!award__code__in": [...]}``). Every condition must hold. The fields a
dataset allows are in datasets.py; the lookups are those of LOOKUPS.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

LOOKUPS = ("exact", "in", "isnull", "gt", "gte", "lt", "lte")


class DefinitionError(ValueError):
    """The definition cannot be used: the message says where."""


@dataclass(frozen=True)
class Condition:
    field: str
    lookup: str
    value: object
    negated: bool = False

    @property
    def orm_key(self):
        return self.field if self.lookup == "exact" else f"{self.field}__{self.lookup}"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    conditions: tuple
    group: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    code: str = ""
    indent: int = 0
    conditions: tuple = ()
    heading: bool = False
    not_recorded: bool = False

    @property
    def counted(self):
        return not (self.heading or self.not_recorded)


@dataclass(frozen=True)
class Definition:
    base: tuple
    columns: tuple
    rows: tuple
    header: tuple = field(default=())  # ((label, span, is_group), ...) for the first header row

    @property
    def counted_rows(self):
        return tuple(row for row in self.rows if row.counted)

    def row(self, key):
        return next((row for row in self.counted_rows if row.key == key), None)

    def column(self, key):
        return next((column for column in self.columns if column.key == key), None)

    def fields(self):
        """Every field a condition names (the grouped count selects exactly these)."""
        names = {condition.field for part in (*self.columns, *self.counted_rows) for condition in part.conditions}
        return sorted(names)


def parse_conditions(raw, *, allowed, where):
    if not isinstance(raw, dict):
        raise DefinitionError(_("{where}: a filter must be an object of field and value.").format(where=where))
    conditions = []
    for key, value in raw.items():
        negated = key.startswith("!")
        name = key[1:] if negated else key
        # Fields may cross a relation ("award__code"); a last part that is a lookup is the lookup.
        parts = name.split("__")
        lookup = "exact"
        if parts[-1] in LOOKUPS and len(parts) > 1:
            lookup = parts.pop()
        field_name = "__".join(parts)
        if field_name not in allowed:
            raise DefinitionError(
                _("{where}: the field “{field}” cannot be counted by this form.").format(where=where, field=name)
            )
        if lookup == "in" and not isinstance(value, list):
            raise DefinitionError(_("{where}: “{field}” needs a list of values.").format(where=where, field=key))
        if lookup == "isnull" and not isinstance(value, bool):
            raise DefinitionError(_("{where}: “{field}” needs true or false.").format(where=where, field=key))
        conditions.append(Condition(field_name, lookup, value, negated))
    return tuple(conditions)


def _key(entry, where, seen):
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        raise DefinitionError(_("{where} has no key.").format(where=where))
    if key in seen:
        raise DefinitionError(_("The key “{key}” is used twice.").format(key=key))
    seen.add(key)
    return key


def parse_definition(dataset_key, raw):
    """The definition of `raw` for the dataset `dataset_key`; raises DefinitionError with a readable message."""
    from .datasets import DATASETS

    dataset = DATASETS.get(dataset_key)
    if dataset is None:
        raise DefinitionError(_("The form counts an unknown dataset."))
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), list) or not isinstance(raw.get("rows"), list):
        raise DefinitionError(_("The definition needs a list of columns and a list of rows."))
    allowed = dataset.fields
    base = parse_conditions(raw.get("base", {}), allowed=allowed, where="base")
    columns, header, keys = [], [], set()
    for position, entry in enumerate(raw["columns"], start=1):
        where = f"columns[{position}]"
        if not isinstance(entry, dict):
            raise DefinitionError(_("{where} must be an object.").format(where=where))
        if "columns" in entry:
            members = entry["columns"]
            if not isinstance(members, list) or not members:
                raise DefinitionError(_("{where}: a group needs its columns.").format(where=where))
            header.append((str(entry.get("label", "")), len(members), True))
            for member in members:
                columns.append(
                    Column(
                        key=_key(member, where, keys),
                        label=str(member.get("label", "")),
                        conditions=parse_conditions(member.get("filter", {}), allowed=allowed, where=where),
                        group=str(entry.get("label", "")),
                    )
                )
        else:
            column = Column(
                key=_key(entry, where, keys),
                label=str(entry.get("label", "")),
                conditions=parse_conditions(entry.get("filter", {}), allowed=allowed, where=where),
            )
            header.append((column.label, 1, False))
            columns.append(column)
    rows, row_keys = [], set()
    for position, entry in enumerate(raw["rows"], start=1):
        where = f"rows[{position}]"
        if not isinstance(entry, dict):
            raise DefinitionError(_("{where} must be an object.").format(where=where))
        heading = "filter" not in entry and not entry.get("not_recorded")
        rows.append(
            Row(
                key="" if heading else _key(entry, where, row_keys),
                label=str(entry.get("label", "")),
                code=str(entry.get("code", "")),
                indent=int(entry.get("indent", 0) or 0),
                conditions=() if heading else parse_conditions(entry.get("filter", {}), allowed=allowed, where=where),
                heading=heading,
                not_recorded=bool(entry.get("not_recorded")),
            )
        )
    if not columns or not any(row.counted for row in rows):
        raise DefinitionError(_("The definition needs at least one column and one counted row."))
    return Definition(base=base, columns=tuple(columns), rows=tuple(rows), header=tuple(header))
