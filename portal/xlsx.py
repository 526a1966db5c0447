"""Reading and writing the Excel files officers exchange with the portal.

Uploads are checked by content, never by name, with the same checks as every document
(`portal.uploads`): an .xlsx is a real Office package holding xl/workbook.xml and no bigger once
unpacked than UPLOAD_MAX_UNPACKED_BYTES, so anything else is refused before openpyxl parses it.
Imports go through `portal.imports`, which reads the rows with `read_table`.
"""

import io
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
    "open_workbook",
    "parse_date",
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
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files
        raise not_xlsx from None


def _header(cell):
    return nfc(str(cell)).strip() if cell is not None else ""


def read_table(workbook, *, headers, max_rows):
    """Rows of the first sheet as (row number, {header: value}), the header row checked.

    Empty rows are skipped; row numbers are the ones Excel shows; text is stripped and in NFC.
    """
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header_row = next(rows)
    except StopIteration:
        raise UploadRejected(_("The workbook is empty.")) from None
    found = [_header(cell) for cell in header_row]
    missing = [header for header in headers if header not in found]
    if missing:
        raise UploadRejected(
            _("Missing columns: {columns}. Please use the template.").format(columns=", ".join(missing))
        )
    positions = {header: found.index(header) for header in headers}
    table = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        if len(table) >= max_rows:
            raise UploadRejected(_("The file has more than {limit} rows.").format(limit=max_rows))
        values = {}
        for header, position in positions.items():
            cell = row[position] if position < len(row) else None
            values[header] = nfc(cell).strip() if isinstance(cell, str) else cell
        table.append((number, values))
    return table


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
    is not enough (an integer count written with thousands separators, a code kept as text).
    """

    title: str
    headers: list
    rows: object
    title_rows: list = field(default_factory=list)
    kinds: list | None = None


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


def number_format_for(value):
    """The Excel number format showing `value` with its own decimals (at most two), grouped.

    Excel writes the format with "," for grouping and "." for decimals and shows them with the
    reader's regional separators: on a Vietnamese system 50985.5 reads "50.985,5".
    """
    value = Decimal(str(value)).normalize()
    places = min(max(0, -value.as_tuple().exponent), 2)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def _cell_value(value, kind):
    """(value to store, number format or None, keep as text)."""
    if value is None:
        return None, None, False
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return value, None, value.startswith(FORMULA_STARTS)
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


def _write_table(workbook, table):
    import openpyxl
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=str(table.title)[:31])
    kinds = list(table.kinds or [])
    for index, line in enumerate(table.title_rows or [], start=1):
        cell = sheet.cell(row=index, column=1, value=str(line))
        cell.data_type = "s"
        if index == 1:
            cell.font = Font(bold=True, size=13)
    header_row = len(table.title_rows or []) + 1 + (1 if table.title_rows else 0)  # a blank line after a title
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=str(header))
        cell.data_type = "s"
        cell.font = Font(bold=True)
    widths = [len(str(header)) for header in table.headers]
    for row_number, row in enumerate(table.rows, start=header_row + 1):
        for column, raw in enumerate(row, start=1):
            kind = kinds[column - 1] if column - 1 < len(kinds) else None
            value, number_format, as_text = _cell_value(raw, kind)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if as_text:
                    cell.quotePrefix = True
            if number_format:
                cell.number_format = number_format
            if column - 1 < len(widths):
                shown = len(str(raw)) if raw is not None else 0
                widths[column - 1] = max(widths[column - 1], 16 if number_format and "yy" in number_format else shown)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    return sheet


def workbook_bytes(sheets):
    """An .xlsx file from `Table`s or (title, headers, rows) tuples: headers bold, columns sized.

    Text is always stored as text (a value starting with "=", "+", "-" or "@" never becomes a
    formula); dates show dd/mm/yyyy, datetimes (in local time) dd/mm/yyyy hh:mm, and Decimal and
    float values are number cells with their decimals and thousands grouping, so officers can still
    sum them in Excel (see `number_format_for`).
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
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
