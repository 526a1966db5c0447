"""The one Excel import pipeline: a declarative column spec, per-row errors, all rows or none.

An import declares its columns once::

    UNITS = ImportSpec(
        Column("Tên đơn vị", "name", field=Unit._meta.get_field("name"), required=True),
        Column("Loại đơn vị", "kind", kind=CHOICE, choices=unit_kinds),
        Column("Hiệu lực từ", "valid_from", kind=DATE),
    )

    def import_units(*, uploaded_file, by):
        return run_import(uploaded_file, spec=UNITS, apply=_write_units)

`run_import` checks the file like every upload (content, IMPORT_MAX_BYTES, the unpacked limit),
refuses more than IMPORT_MAX_ROWS rows, reads every cell by its column (text stripped and in NFC and
no longer than its model field allows; numbers through `portal.numbers.parse_number` within the
bounds of their model field; dates dd/mm/yyyy; choices by their folded label), then calls `apply`
inside one transaction. `apply(batch)` looks things up, adds its own row errors with
`batch.error(row, message)`, calls `batch.check()` before writing, and writes. Any row error (found
before or after writing) raises `ImportFailed` and rolls everything back: nothing is written.

Streaming: an import whose rows stand alone (the award history) passes `chunk_rows=N`; the file is
then read row by row and `apply` is called once per N rows, with the same Batch (its `rows` the
current chunk; `batch.memo` for what must be remembered across chunks), so memory does not grow
with the file. Errors still cover the whole file: after a chunk with errors, the following chunks
are still read and checked (their `batch.check()` refuses to write), and the transaction is rolled
back at the end. At most IMPORT_MAX_ERRORS errors are kept (`ImportFailed.hidden` counts the rest).
Imports that need the whole file at once (forward references between rows, a report replaced as a
whole) keep the default: one batch of every row.

Every import that writes is listed: `run_import(..., kind=ImportKind.UNITS, by=user)` records one
`portal.models.ImportRecord` (who, when, kind, file name in NFC, rows, created and updated counts
from what `apply` returns) and tags every audit entry written meanwhile with its pk. Rows saved one
by one are audited by their signals; rows written with `bulk_create` go through
`portal.audit.log_created(objects, actor=by)` (one CREATE entry per row, one bulk insert).
"""

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import during_import
from .errors import DomainError
from .numbers import NumberError, bounds_of, parse_number
from .text import fold
from .uploads import UploadRejected, megabytes, nfc
from .xlsx import open_workbook, parse_date, read_table

__all__ = [
    "CHOICE",
    "DATE",
    "FLAG",
    "NUMBER",
    "TEXT",
    "Batch",
    "Column",
    "ImportFailed",
    "ImportFileField",
    "ImportProgress",
    "ImportSpec",
    "RowError",
    "check_file",
    "choice_lookup",
    "run_import",
]

TEXT, NUMBER, DATE, CHOICE, FLAG = "text", "number", "date", "choice", "flag"
YES = {"co", "x", "yes", "1", "true", "dung"}
NO = {"", "khong", "no", "0", "false", "sai"}


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


class RowErrors(list):
    """The RowErrors an import lists; `hidden` counts those left out (over IMPORT_MAX_ERRORS)."""

    hidden = 0


class ImportFailed(DomainError):
    """At least one row is invalid; nothing was written. `errors` lists the RowErrors by row (at most
    IMPORT_MAX_ERRORS of them), `row_count` how many rows have errors, `hidden` the errors not listed."""

    def __init__(self, errors, *, row_count=None, hidden=0):
        self.errors = RowErrors(sorted(errors, key=lambda error: error.row))
        self.errors.hidden = hidden
        self.row_count = row_count if row_count is not None else len({e.row for e in self.errors})
        self.hidden = hidden
        super().__init__(_("Nothing was imported: {count} rows have errors.").format(count=self.row_count))


class CellError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of an import: its header, the key its value is read into, and how to read it.

    `field` is the model field the value is stored in: text gets its `max_length`, numbers its
    bounds (`portal.numbers.bounds_of`). `choices` (a dict or a callable returning one) maps folded
    labels to values. `missing`/`invalid` override the messages for a blank required cell and for a
    value that cannot be read (both may use {value} and {column}). `bounds` narrows a number further.
    """

    header: str
    key: str
    kind: str = TEXT
    field: Any = None
    max_length: int | None = None
    required: bool = False
    choices: Any = None
    missing: str | None = None
    invalid: str | None = None
    bounds: dict = default(default_factory=dict)
    optional_header: bool = False  # a column added later: files without it are still read (cells blank)

    @property
    def limit(self):
        return self.max_length or getattr(self.field, "max_length", None)

    def fail(self, value, reason=None):
        if self.invalid is not None:
            return CellError(str(self.invalid).format(value=value, column=self.header))
        return CellError(_("{column}: {reason}").format(column=self.header, reason=reason))

    def read(self, cell, choices=None):
        text = _cell_text(cell)
        if not text and self.kind != FLAG:
            if self.required:
                message = self.missing if self.missing is not None else _("{column} is missing.")
                raise CellError(str(message).format(value="", column=self.header))
            return "" if self.kind == TEXT else None
        if self.kind == TEXT:
            if "\x00" in text:
                raise CellError(_("{column} contains a character that cannot be stored.").format(column=self.header))
            if self.limit and len(text) > self.limit:
                raise CellError(
                    _("{column} is {length} characters long; at most {limit} are allowed.").format(
                        column=self.header, length=len(text), limit=self.limit
                    )
                )
            return text
        if self.kind == NUMBER:
            bounds = {**(bounds_of(self.field) if self.field is not None else {}), **self.bounds}
            try:
                return parse_number(cell if isinstance(cell, int | float) else text, **bounds)
            except NumberError as error:
                raise self.fail(text, error.message) from None
        if self.kind == DATE:
            try:
                return parse_date(cell)
            except ValueError:
                raise self.fail(text, _('"{value}" is not a date (dd/mm/yyyy).').format(value=text)) from None
        if self.kind == CHOICE:
            value = (choices or {}).get(fold(text))
            if value is None:
                raise self.fail(text, _('"{value}" is not one of the accepted values.').format(value=text))
            return value
        if self.kind == FLAG:
            folded = fold(text)
            if folded in YES:
                return True
            if folded in NO:
                return False
            raise self.fail(text, _('Write "Có" or leave the cell empty, not "{value}".').format(value=text))
        raise ValueError(f"unknown column kind {self.kind!r}")


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # Excel turns a code like 37 into the number 37.0; codes are text
    if hasattr(cell, "strftime") and hasattr(cell, "day"):
        return f"{cell.day:02d}/{cell.month:02d}/{cell.year}"
    return nfc(str(cell)).strip()


def choice_lookup(choices):
    """A CHOICE column's `choices`: the folded codes and labels (Vietnamese and English) of Django
    `choices`, each mapped to its value."""
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                lookup[fold(str(label))] = value
    return lookup


class ImportSpec:
    """The columns of one import, in template order."""

    def __init__(self, *columns):
        self.columns = columns

    @property
    def headers(self):
        """Every column, in template order (the template and exports write them all)."""
        return [column.header for column in self.columns]

    @property
    def required_headers(self):
        return [column.header for column in self.columns if not column.optional_header]

    @property
    def optional_headers(self):
        return [column.header for column in self.columns if column.optional_header]


@dataclass
class Row:
    number: int
    values: dict
    failed: bool = False

    def __getitem__(self, key):
        return self.values[key]


@dataclass
class Batch:
    """The typed rows of an import file (of the current chunk, when streaming) and the errors found so far.

    `memo` is the apply function's own state across chunks (codes already seen...); `failed_rows`
    counts the rows with at least one error, over the whole file."""

    rows: list = default(default_factory=list)
    errors: list = default(default_factory=list)
    memo: dict = default(default_factory=dict)
    failed_rows: int = 0
    hidden: int = 0

    def error(self, row, message):
        number = row.number if isinstance(row, Row) else row
        if not isinstance(row, Row) or not row.failed:
            self.failed_rows += 1
        if len(self.errors) < settings.IMPORT_MAX_ERRORS:
            self.errors.append(RowError(number, str(message)))
        else:
            self.hidden += 1
        if isinstance(row, Row):
            row.failed = True

    @property
    def valid_rows(self):
        return [row for row in self.rows if not row.failed]

    def check(self):
        """ImportFailed listing every error, when there is one."""
        if self.errors or self.hidden:
            raise ImportFailed(self.errors, row_count=self.failed_rows, hidden=self.hidden)


def _choices_of(spec):
    return {
        column.key: column.choices() if callable(column.choices) else column.choices
        for column in spec.columns
        if column.kind == CHOICE
    }


def _typed_rows(table, spec, batch):
    """(number, cells) -> Row, each cell read by its column; a cell error is a row error of `batch`."""
    choices = _choices_of(spec)
    for number, cells in table:
        row = Row(number, {})
        for column in spec.columns:
            try:
                row.values[column.key] = column.read(cells.get(column.header), choices.get(column.key))
            except CellError as error:
                row.values[column.key] = None
                batch.error(row, error.message)
        yield row


def _chunks(rows, size):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _file_name(uploaded_file):
    name = getattr(uploaded_file, "original_name", None) or getattr(uploaded_file, "name", "") or ""
    return nfc(str(name)).strip()[:255]


def _actor(by):
    # Only the user given: auditlog leaves its last actor in the context after a request, so reading
    # it here could credit a worker's or a command's import to whoever was served last.
    return by if getattr(by, "pk", None) else None


def _count(result, name, default=0):
    value = getattr(result, name, None)
    return value if isinstance(value, int) and value >= 0 else default


def check_file(uploaded_file, *, spec, max_bytes=None):
    """Refuse at once (UploadRejected) a file an import could not read: not a workbook, too large, or
    without the columns of `spec`. Reads the header only; an import job checks its rows later."""
    workbook = open_workbook(uploaded_file, max_bytes=max_bytes or settings.IMPORT_MAX_BYTES)
    try:
        read_table(workbook, headers=spec.required_headers, optional=spec.optional_headers, max_rows=1)
    finally:
        workbook.close()
    uploaded_file.seek(0)


class ImportProgress:
    """What a running import tells (`run_import(progress=...)`): the rows in the file (estimated from
    the sheet's dimension: `begin(total)`), the rows read so far (`read(rows)`, after each chunk), and
    the ImportRecord once written (`record`). `portal.import_jobs` shows them on the job's page."""

    record = None

    def begin(self, total):
        pass

    def read(self, rows):
        pass


def _rows_in(workbook):
    rows = workbook.worksheets[0].max_row if workbook.worksheets else None
    return max(rows - 1, 0) if isinstance(rows, int) else None


def run_import(
    uploaded_file,
    *,
    spec,
    apply: Callable[[Batch], Any],
    kind=None,
    by=None,
    subject="",
    link="",
    chunk_rows=None,
    max_rows=None,
    max_bytes=None,
    progress=None,
):
    """Read `uploaded_file` by `spec` and hand its rows to `apply`, all in one transaction.

    Without `chunk_rows` `apply` gets one Batch of every row; with it, one call per `chunk_rows`
    rows, read from the file as they are needed (memory flat in the file's size). `max_rows` and
    `max_bytes` raise IMPORT_MAX_ROWS / IMPORT_MAX_BYTES for an import that streams; `progress` (an
    ImportProgress) is told how far it is.
    The import is recorded (`ImportRecord`: `kind`, `by`, the file name,
    rows, and the `created`/`updated` counts of what `apply` returns; `subject`/`link` name the
    record it went into) and every audit entry written by `apply` carries the record's pk.
    Raises UploadRejected (the file), ImportFailed (rows: nothing written, nothing recorded) or the
    DomainError `apply` raises; returns what `apply` returns (when streaming: the last chunk's
    result, its `created`/`updated` replaced by the sums over every chunk).
    """
    from .models import ImportKind, ImportRecord

    limit = max_rows or settings.IMPORT_MAX_ROWS
    progress = progress or ImportProgress()
    workbook = open_workbook(uploaded_file, max_bytes=max_bytes or settings.IMPORT_MAX_BYTES)
    try:
        progress.begin(_rows_in(workbook))
        batch = Batch()
        table = read_table(workbook, headers=spec.required_headers, optional=spec.optional_headers, max_rows=limit)
        chunks = _chunks(_typed_rows(table, spec, batch), chunk_rows or limit + 1)
        first = next(chunks, None)
        if first is None:
            raise UploadRejected(_("The workbook has no rows to import."))
        with transaction.atomic():
            record = ImportRecord.objects.create(
                kind=kind or ImportKind.OTHER,
                file_name=_file_name(uploaded_file),
                by=_actor(by),
                row_count=0,
                subject=nfc(str(subject or ""))[:255],
                link=str(link or "")[:255],
            )
            rows = created = updated = 0
            result = None
            with during_import(record.pk):
                for chunk in itertools.chain([first], chunks):
                    batch.rows = chunk
                    rows += len(chunk)
                    try:
                        result = apply(batch)
                    except ImportFailed:
                        progress.read(rows)
                        continue  # nothing of this chunk was written; the rest is still checked
                    created += _count(result, "created", default=len(chunk))
                    updated += _count(result, "updated")
                    progress.read(rows)
            batch.rows = []
            batch.check()
            record.row_count, record.created_count, record.updated_count = rows, created, updated
            record.save(update_fields=["row_count", "created_count", "updated_count"])
            progress.record = record
    finally:
        workbook.close()
    return _with_counts(result, created=created, updated=updated)


def _with_counts(result, **counts):
    if not dataclasses.is_dataclass(result):
        return result
    names = {field.name for field in dataclasses.fields(result)}
    return dataclasses.replace(result, **{name: value for name, value in counts.items() if name in names})


class ImportFileField(forms.FileField):
    """The form field of an import file: an .xlsx from the template, at most `max_bytes`
    (IMPORT_MAX_BYTES unless the import streams and allows more).

    Its content is checked when the import reads it (`run_import`), like every upload.
    """

    def __init__(self, *, max_bytes=None, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("label", gettext_lazy("Excel file (.xlsx)"))
        kwargs.setdefault(
            "help_text", gettext_lazy("Fill in the template. Nothing is written unless every row is valid.")
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        limit = self.max_bytes or settings.IMPORT_MAX_BYTES
        if uploaded and getattr(uploaded, "size", 0) > limit:
            raise forms.ValidationError(
                _("The file is too large: the limit is {limit} MB.").format(limit=megabytes(limit))
            )
        return uploaded
