"""A filled form in the official frame: the table shared by the page, the PDF and the Excel file.

The frame (Circular 02/2023/TT-BNV): form code, issuing circular and receipt date top left; the
reporting and receiving units top right; the title and the year; the table with the letter columns
(A: row, B: code, C: unit of count) and the numbered value columns; the place and date, and the
signature blocks of the person who made the form and of the head of the unit.
"""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format

from .counting import definition_of

LETTERS = ("A", "B", "C")
NOT_RECORDED = "-"


@dataclass
class Cell:
    value: int | None
    url: str | None = None

    @property
    def shown(self):
        return NOT_RECORDED if self.value is None else number_format(self.value, force_grouping=True)


def frame(report, values, *, cell_url=None):
    """Everything the three outputs show; `cell_url(row_key, column_key)` links the non-zero cells."""
    definition = definition_of(report.form)
    columns = definition.columns
    body = []
    for row in definition.rows:
        if row.heading:
            cells = None
        elif row.not_recorded:
            cells = [Cell(None) for _column in columns]
        else:
            figures = values.get(row.key, {})
            cells = []
            for column in columns:
                value = figures.get(column.key, 0)
                link = cell_url(row.key, column.key) if (cell_url and value) else None
                cells.append(Cell(value, link))
        body.append({"row": row, "cells": cells})
    return {
        "report": report,
        "form": report.form,
        "header": definition.header,
        "grouped": any(is_group for _label, _span, is_group in definition.header),
        "columns": columns,
        "numbers": range(1, len(columns) + 1),
        "body": body,
        "letters": LETTERS,
    }


def print_html(report, values):
    return render_to_string("reports/statform_print.html", frame(report, values))


def workbook(report, values):
    """The form as an .xlsx file (bytes), laid out as the printed form."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    context = frame(report, values)
    form, columns = report.form, context["columns"]
    width = 3 + len(columns)
    book = Workbook()
    sheet = book.active
    sheet.title = form.code.split(".")[0]
    bold, thin = Font(name="Times New Roman", bold=True), Side(style="thin")
    plain = Font(name="Times New Roman")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left_cols, right_from = 3, max(4, width - 3)

    def put(row, column, value, *, font=plain, align=None, end=None, border=False):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = font
        if align:
            cell.alignment = align
        if end and end > column:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=end)
        if border:
            cell.border = box
        return cell

    put(1, 1, f"Biểu số: {form.code}", font=bold, end=left_cols)
    put(2, 1, f"Ban hành kèm theo {form.legal_basis}", end=left_cols)
    put(3, 1, f"Ngày nhận báo cáo: {form.receipt_date}", end=left_cols)
    put(1, right_from, f"Đơn vị báo cáo: {report.reporting_unit.name}", end=width)
    put(2, right_from, f"Đơn vị nhận báo cáo: {report.receiving_unit}", end=width)
    put(5, 1, form.title.upper(), font=bold, align=centre, end=width)
    put(6, 1, f"Năm {report.year}", align=centre, end=width)
    put(7, 1, f"Đơn vị tính: {form.count_unit}", align=Alignment(horizontal="right"), end=width)

    top = 9
    for offset, title in enumerate(("", "Mã số", "Đơn vị tính")):
        put(top, offset + 1, title, font=bold, align=centre, border=True)
        sheet.merge_cells(start_row=top, start_column=offset + 1, end_row=top + 1, end_column=offset + 1)
    column = 4
    for label, span, is_group in context["header"]:
        put(top, column, label, font=bold, align=centre, border=True, end=column + span - 1)
        if not is_group:
            sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
        column += span
    for index, entry in enumerate(columns):
        if entry.group:
            put(top + 1, 4 + index, entry.label, font=bold, align=centre, border=True)
    for index, letter in enumerate((*LETTERS, *context["numbers"])):
        put(top + 2, index + 1, letter, font=bold, align=centre, border=True)

    line = top + 3
    for entry in context["body"]:
        row = entry["row"]
        put(line, 1, ("    " * row.indent) + row.label, font=plain if row.indent or row.code else bold, border=True)
        put(line, 2, row.code, align=centre, border=True)
        put(line, 3, "" if row.heading else form.count_unit, align=centre, border=True)
        for index, cell in enumerate(entry["cells"] or [None] * len(columns)):
            value = NOT_RECORDED if cell is not None and cell.value is None else (cell.value if cell else None)
            written = put(line, 4 + index, value, align=centre, border=True)
            if isinstance(value, int):
                written.number_format = "#,##0"
        line += 1

    line += 1
    put(line, right_from, "……, ngày …… tháng …… năm ……", align=centre, end=width)
    put(line + 1, 1, "NGƯỜI LẬP BIỂU", font=bold, align=centre, end=left_cols)
    put(line + 1, right_from, "THỦ TRƯỞNG ĐƠN VỊ", font=bold, align=centre, end=width)
    put(line + 2, 1, "(Ký, họ tên)", align=centre, end=left_cols)
    put(line + 2, right_from, "(Ký, họ tên, đóng dấu)", align=centre, end=width)

    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 14
    for index in range(len(columns)):
        sheet.column_dimensions[get_column_letter(4 + index)].width = 11
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
