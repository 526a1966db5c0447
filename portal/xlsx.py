"""Reading and writing the Excel files officers exchange with the portal.

Uploads are checked by content, never by name, with the same checks as every document
(`portal.uploads`): an .xlsx is a real Office package holding xl/workbook.xml and no bigger once
unpacked than UPLOAD_MAX_UNPACKED_BYTES, so anything else is refused before openpyxl parses it.
Imports go through `portal.imports`, which reads the rows with `read_table`.
"""

import io
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .uploads import UploadRejected, check_upload, nfc

__all__ = [
    "Table",
    "UploadRejected",
    "export_title",
    "filters_line",
    "list_export_title",
    "open_workbook",
    "parse_date",
    "progress_to",
    "read_table",
    "workbook_bytes",
    "xlsx_response",
]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def open_workbook(uploaded_file, *, max_bytes=None):
    """Check an uploaded file by size and content and return its openpyxl workbook.

    `max_bytes` defaults to IMPORT_MAX_BYTES.
    """
    import openpyxl

    not_xlsx = UploadRejected(_("This file is not an Excel workbook (.xlsx). Please use the template."))
    try:
        check_upload(uploaded_file, max_bytes=max_bytes or settings.IMPORT_MAX_BYTES, kinds={"xlsx"})
    except UploadRejected as rejected:
        if rejected.code in ("size", "unpacked", "macros"):
            raise
        raise not_xlsx from None
    uploaded_file.seek(0)
    try:
        # Read from the upload itself (a temporary file once it is large), not a copy in memory;
        # read-only mode streams the sheet. The caller closes the workbook when it is done.
        return openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files
        raise not_xlsx from None


def _header(cell):
    return nfc(str(cell)).strip() if cell is not None else ""


TITLE_ROWS_MAX = 8


def read_table(workbook, *, headers, max_rows, optional=()):
    """Rows of the first sheet as (row number, {header: value}), the header row checked.

    `optional` headers (a column added to a template later) are read where the header row has
    them; a file without them is still accepted and their cells are absent from the rows.

    The header is the first row, or the first row holding every header after at most
    TITLE_ROWS_MAX title lines (an export of the portal read back); it is checked on the call
    (UploadRejected naming the missing columns). The rows are then read one by one as they are
    iterated (a read-only workbook streams its sheet: memory does not grow with the file), and the
    iteration raises UploadRejected at row `max_rows` + 1.

    Empty rows are skipped; row numbers are the ones Excel shows; text is stripped and in NFC.
    """
    sheet = workbook.worksheets[0]
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    try:
        header_number, header_row = next(rows)
    except StopIteration:
        raise UploadRejected(_("The workbook is empty.")) from None
    found = [_header(cell) for cell in header_row]
    skipped = []
    # A file exported by the portal starts with its title lines (`export_title`): the header is
    # the first of the first TITLE_ROWS_MAX + 1 rows holding every expected column.
    while any(header not in found for header in headers) and header_number <= TITLE_ROWS_MAX:
        skipped.append((header_number, header_row, found))
        try:
            header_number, header_row = next(rows)
        except StopIteration:
            break
        found = [_header(cell) for cell in header_row]
    if any(header not in found for header in headers):
        header_number, header_row, found = skipped[0] if skipped else (header_number, header_row, found)
        missing = [header for header in headers if header not in found]
        raise UploadRejected(
            _("Missing columns: {columns}. Please use the template.").format(columns=", ".join(missing))
        )
    positions = {header: found.index(header) for header in headers}
    positions.update({header: found.index(header) for header in optional if header in found})
    return _table_rows(rows, positions, max_rows)


def _table_rows(rows, positions, max_rows):
    read = 0
    for number, row in rows:
        if row is None or all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        if read >= max_rows:
            raise UploadRejected(_("The file has more than {limit} rows.").format(limit=max_rows))
        read += 1
        values = {}
        for header, position in positions.items():
            cell = row[position] if position < len(row) else None
            values[header] = nfc(cell).strip() if isinstance(cell, str) else cell
        yield number, values


def parse_date(value):
    """A date from an Excel cell: a real date, or text written dd/mm/yyyy."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


# Text starting with one of these would be read as a formula by a spreadsheet (CSV/formula
# injection); the writer stores such text as text, with Excel's quote prefix.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Column kinds of a `Table`; without a declared kind a cell's format follows its value's type
# (Decimal and float: NUMBER, date: DATE, datetime: DATETIME, everything else as written).
TEXT, NUMBER, INTEGER, DATE, DATETIME, GENERAL = "text", "number", "integer", "date", "datetime", "general"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


@dataclass
class Table:
    """One worksheet: its name, optional title lines above the header, the header and the rows.

    `title_rows` are lines of text (the first one bold), e.g. from `export_title(...)`; `kinds` gives
    a column kind per header (TEXT, NUMBER, INTEGER, DATE, DATETIME, GENERAL) where the value's type
    is not enough (an integer count written with thousands separators, a code kept as text). A year
    is an int without a kind (or GENERAL): a number cell shown 2023, never grouped.
    `total_columns` (0-based positions) are summed into a bold last row headed `total_label`
    (a value, not a formula: the file never computes anything when opened).
    """

    title: str
    headers: list
    rows: object
    title_rows: list = field(default_factory=list)
    kinds: list | None = None
    total_columns: tuple = ()
    total_label: str = ""


def export_title(what, *, context=(), by=None, at=None):
    """Title lines for an export: `context` lines (a cluster's name and year...), what the file is,
    and when (local time, dd/mm/yyyy HH:MM) and by whom it was exported."""
    moment = timezone.localtime(at or timezone.now()).strftime("%d/%m/%Y %H:%M")
    if by is not None and getattr(by, "is_authenticated", False):
        name = (by.get_full_name() or by.get_username()).strip()
        exported = _("Exported on {moment} by {name}.").format(moment=moment, name=name)
    else:
        exported = _("Exported on {moment}.").format(moment=moment)
    return [*[str(line) for line in context if line], str(what), exported]


def _shown_filter_value(field, value):
    from django.db.models import QuerySet
    from django.forms import ChoiceField, ModelChoiceField, ModelMultipleChoiceField
    from django.utils.formats import date_format

    if isinstance(value, list | tuple | set | QuerySet):
        return ", ".join(_shown_filter_value(field, item) for item in value)
    if isinstance(field, ModelChoiceField | ModelMultipleChoiceField):
        return str(value)
    if isinstance(field, ChoiceField):
        for key, label in field.choices:
            if isinstance(label, list | tuple):  # an option group
                for inner_key, inner_label in label:
                    if str(inner_key) == str(value):
                        return str(inner_label)
            elif str(key) == str(value):
                return str(label)
    if isinstance(value, bool):
        return str(_("yes")) if value else str(_("no"))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float) and value == int(value):
        return str(int(value))  # a year or a code typed in a number filter: never grouped
    return str(value)


def filters_line(filterset):
    """The line of a list export saying which filters gave its rows (their labels and values as the
    page showed them: "Filters applied: Year: 2023; State: Draft."), or that none did."""
    form = getattr(filterset, "form", None)
    cleaned = getattr(form, "cleaned_data", None) or {}
    shown = []
    for name, form_field in form.fields.items() if form is not None else ():
        value = cleaned.get(name)
        if value is None or (isinstance(value, str | list | tuple) and not value):
            continue
        label = str(form_field.label or name)
        shown.append(f"{label}: {_shown_filter_value(form_field, value)}")
    if not shown:
        return str(_("No filter applied: every row you may see."))
    return _("Filters applied: {filters}.").format(filters="; ".join(shown))


def list_export_title(what, *, request, filterset=None, context=()):
    """The title lines of a list page's export: `context`, what the file is (the bold first line
    when there is no context), the filters applied, when and by whom (`export_title`)."""
    lines = export_title(what, context=context, by=request.user)
    return [*lines[:-1], filters_line(filterset), lines[-1]]


def number_format_for(value):
    """The Excel number format showing `value` with its own decimals (at most two), grouped.

    Excel stores the format in its own invariant notation, "," for grouping and "." for decimals,
    and shows it with the reader's regional separators: "#,##0" shows 50.985 and "#,##0.0" shows
    50.985,5 on a Vietnamese system (50,985.5 on an English one). Writing "#.##0" instead would be
    read as a literal dot, so the invariant notation is the one that looks Vietnamese in Vietnam.
    Years and codes are never given this format (they are written as General or as text).
    """
    value = Decimal(str(value)).normalize()
    places = min(max(0, -value.as_tuple().exponent), 2)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def _text(value):
    """`value` without the control characters a worksheet cannot hold (a vertical tab pasted from a
    Word document would otherwise make openpyxl refuse the whole file)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _cell_value(value, kind):
    """(value to store, number format or None, keep as text)."""
    if value is None:
        return None, None, False
    if isinstance(value, Promise) or not isinstance(value, str | bool | int | float | Decimal | date):
        value = str(value)  # a lazy text, a model instance...: text like any other, never a formula
    if isinstance(value, str):
        text = _text(value)
        return text, None, text.startswith(FORMULA_STARTS)
    if isinstance(value, bool):
        return value, None, False
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(timezone.localtime(value))
        return value, DATETIME_FORMAT if kind != DATE else DATE_FORMAT, False
    if isinstance(value, date):
        return value, DATE_FORMAT, False
    if isinstance(value, Decimal | float) or (isinstance(value, int) and kind in (NUMBER, INTEGER)):
        if kind == TEXT:
            return str(value), None, False
        return value, number_format_for(value), False
    return value, None, False


# Progress of a long export (`portal.exports` runs list exports as jobs): while a callback is set
# with `progress_to(callback)`, the writer calls it with the number of data rows written so far,
# every `every` rows and once at the end of each table.
PROGRESS_EVERY = 250
_progress = ContextVar("xlsx_progress", default=None)

# Column widths are measured on the header and the first WIDTH_SAMPLE rows: the writer streams
# (openpyxl's write-only mode), so its memory does not grow with the rows, and a column's width
# must be known before its first row is written.
WIDTH_SAMPLE = 2000


class _Progress:
    def __init__(self, callback, every):
        self.callback, self.every, self.written, self.reported = callback, max(1, every), 0, None

    def row(self):
        self.written += 1
        if self.written % self.every == 0:
            self.flush()

    def flush(self):
        if self.reported != self.written:
            self.reported = self.written
            self.callback(self.written)


@contextmanager
def progress_to(callback, *, every=PROGRESS_EVERY):
    """Inside the block, every workbook written calls `callback(rows_written)` every `every` data
    rows and at the end of each table (rows of all its tables counted together)."""
    token = _progress.set(_Progress(callback, every))
    try:
        yield
    finally:
        _progress.reset(token)


def _text_cell(sheet, value, *, font=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=_text(str(value)))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def _data_row(sheet, row, kinds, totals, widths):
    """The cells of one data row; adds to `totals` and, when `widths` is given, widens the columns."""
    from openpyxl.cell import WriteOnlyCell

    for position in totals:
        if (
            position < len(row)
            and isinstance(row[position], int | float | Decimal)
            and not isinstance(row[position], bool)
        ):
            totals[position] += Decimal(str(row[position]))
    cells = []
    for index, raw in enumerate(row):
        kind = kinds[index] if index < len(kinds) else None
        value, number_format, as_text = _cell_value(raw, kind)
        if value is None:
            cells.append(None)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if as_text:
                cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
        cells.append(cell)
        if widths is not None and index < len(widths):
            shown = len(str(raw)) if raw is not None else 0
            widths[index] = max(widths[index], 16 if number_format and "yy" in number_format else shown)
    return cells


def _write_table(workbook, table):
    """Stream one `Table` into a write-only workbook: title lines (the first bold), a blank line,
    the bold header, the rows, the totals row; columns sized, the header frozen."""
    from itertools import islice

    import openpyxl
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=str(table.title)[:31])
    kinds = list(table.kinds or [])
    progress = _progress.get()
    header_row = len(table.title_rows or []) + 1 + (1 if table.title_rows else 0)  # a blank line after a title
    widths = [len(str(header)) for header in table.headers]
    totals = {position: Decimal(0) for position in table.total_columns}
    rows = iter(table.rows)
    # The first rows are turned into cells before anything is written: they size the columns.
    sample = [_data_row(sheet, row, kinds, totals, widths) for row in islice(rows, WIDTH_SAMPLE)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, line in enumerate(table.title_rows or [], start=1):
        sheet.append([_text_cell(sheet, line, font=Font(bold=True, size=13) if index == 1 else None)])
    if table.title_rows:
        sheet.append([])
    sheet.append([_text_cell(sheet, header, font=Font(bold=True)) for header in table.headers])
    for cells in sample:
        sheet.append(cells)
        if progress is not None:
            progress.row()
    for row in rows:
        sheet.append(_data_row(sheet, row, kinds, totals, None))
        if progress is not None:
            progress.row()
    if totals:
        _write_totals(sheet, table, totals)
    if progress is not None:
        progress.flush()
    return sheet


def _write_totals(sheet, table, totals):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = [None] * max([0, *[position + 1 for position in totals]])
    kinds = list(table.kinds or [])
    for position, total in totals.items():
        kind = kinds[position] if position < len(kinds) else NUMBER
        value = int(total) if total == total.to_integral_value() else total
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format_for(total) if kind != INTEGER else "#,##0"
        cell.font = Font(bold=True)
        cells[position] = cell
    if 0 not in totals:  # the label heads the row, unless the first column is itself summed
        label = _text_cell(sheet, table.total_label or _("Total"), font=Font(bold=True))
        cells = [label, *cells[1:]]
    sheet.append(cells)


def workbook_bytes(sheets):
    """An .xlsx file from `Table`s or (title, headers, rows) tuples: headers bold, columns sized.

    Text is always stored as text (a value starting with "=", "+", "-" or "@" never becomes a
    formula); dates show dd/mm/yyyy, datetimes (in local time) dd/mm/yyyy hh:mm, and Decimal and
    float values are number cells with their decimals and thousands grouping, so officers can still
    sum them in Excel (see `number_format_for`). The rows are streamed (openpyxl's write-only mode):
    the workbook's memory does not grow with them.
    """
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for spec in sheets:
        table = spec if isinstance(spec, Table) else Table(*spec)
        _write_table(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets, *, title_rows=None):
    """An attachment response; `title_rows` (lines, e.g. `export_title(...)`) go above every sheet
    given as a tuple (a `Table` carries its own)."""
    if title_rows:
        sheets = [spec if isinstance(spec, Table) else Table(*spec, title_rows=list(title_rows)) for spec in sheets]
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
