"""Reading and writing the Excel files officers exchange with the portal.

Uploads are checked by content, never by name: an .xlsx is a ZIP package holding
xl/workbook.xml, so anything else is refused before openpyxl parses it.
"""

import io
import zipfile
from datetime import date, datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .uploads import UploadRejected

__all__ = ["UploadRejected", "open_workbook", "read_table", "parse_date", "workbook_bytes", "xlsx_response"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"


def open_workbook(uploaded_file, *, max_bytes):
    """Check an uploaded file by size and content and return its openpyxl workbook."""
    import openpyxl

    if uploaded_file.size > max_bytes:
        raise UploadRejected(
            _("The file is {size} MB; the limit is {limit} MB.").format(
                size=round(uploaded_file.size / 1024 / 1024, 1), limit=round(max_bytes / 1024 / 1024, 1)
            )
        )
    data = uploaded_file.read()
    not_xlsx = UploadRejected(_("This file is not an Excel workbook (.xlsx). Please use the template."))
    if not data.startswith(ZIP_MAGIC):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "xl/workbook.xml" not in names:
                raise not_xlsx
            # A workbook that expands hugely is a zip bomb, not a list of units.
            if sum(info.file_size for info in package.infolist()) > max_bytes * 20:
                raise UploadRejected(_("The workbook is too large once unpacked."))
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRejected:
        raise
    except Exception:  # openpyxl raises many kinds on damaged files
        raise not_xlsx from None


def read_table(workbook, *, headers, max_rows):
    """Rows of the first sheet as (row number, {header: value}), the header row checked.

    Empty rows are skipped; row numbers are the ones Excel shows.
    """
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header_row = next(rows)
    except StopIteration:
        raise UploadRejected(_("The workbook is empty.")) from None
    found = [str(cell).strip() if cell is not None else "" for cell in header_row]
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
            values[header] = cell.strip() if isinstance(cell, str) else cell
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
