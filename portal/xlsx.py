"""Reading and writing the Excel files officers exchange with the portal.

Uploads are checked by content, never by name, with the same checks as every document
(`portal.uploads`): an .xlsx is a real Office package holding xl/workbook.xml and no bigger once
unpacked than UPLOAD_MAX_UNPACKED_BYTES, so anything else is refused before openpyxl parses it.
Imports go through `portal.imports`, which reads the rows with `read_table`.
"""

import io
from datetime import date, datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .uploads import UploadRejected, check_upload, nfc

__all__ = ["UploadRejected", "open_workbook", "read_table", "parse_date", "workbook_bytes", "xlsx_response"]

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


def workbook_bytes(sheets):
    """An .xlsx file from [(title, headers, rows)], headers bold and columns sized."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([str(header) for header in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(header)) for header in headers]
        for row in rows:
            sheet.append(list(row))
            for index, value in enumerate(row):
                widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(max(width + 2, 10), 60)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
