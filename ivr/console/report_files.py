"""A report's tables as files: an Excel workbook (one sheet per view) or one view as CSV.

The workbook is written by openpyxl in write-only mode (rows streamed into the file, never a sheet
held in memory); numbers stay numbers, a rate is a fraction shown as a percentage, headers are in
the language the report was built in.
"""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ivr.console.exports import csv_chunks

FORMATS = {"percent": "0.0%", "seconds": "0", "count": "0"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(report):
    """The workbook of every view of `report`, as bytes."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in report.tables:
        sheet = book.create_sheet(title=table.title[:31])
        sheet.column_dimensions["A"].width = 24
        heading = []
        for text in table.header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for r, row in enumerate(table.rows):
            sheet.append([xlsx_cell(sheet, value, table.kind(r, c)) for c, value in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_cell(sheet, value, kind):
    if kind == "seconds" and value is not None:
        value = round(value, 1)
    cell = WriteOnlyCell(sheet, value=value)
    if kind in FORMATS and value is not None:
        cell.number_format = FORMATS[kind]
    return cell


def csv_value(value, kind):
    """A rate as a percentage with one decimal, seconds with one; nothing is an empty cell."""
    if value is None:
        return ""
    if kind == "percent":
        return round(100 * value, 1)
    if kind == "seconds":
        return round(value, 1)
    return value


def csv_text(table):
    """One view as CSV (a rate in percent: the heading says so where a spreadsheet cannot)."""
    header = [f"{h} (%)" if table.kinds[c] == "percent" else h for c, h in enumerate(table.header)]
    rows = ([csv_value(v, table.kind(r, c)) for c, v in enumerate(row)] for r, row in enumerate(table.rows))
    if table.row_kinds is not None:  # the summary: say it on each row that is a rate
        rows = (
            [f"{row[0]} (%)" if kind == "percent" else row[0], *row[1:]]
            for row, kind in zip(rows, table.row_kinds, strict=True)
        )
    return "".join(csv_chunks(header, rows))
