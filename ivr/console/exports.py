"""CSV that streams: rows are written a batch at a time, never gathered in memory."""

import csv
import io

# A spreadsheet runs a cell that starts with one of these as a formula (a masked caller
# "+86 138****8000" included); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell):
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def csv_chunks(header, rows, *, per_chunk=2000):
    """The CSV text of `header` and `rows`, yielded in pieces of `per_chunk` rows (UTF-8 BOM first, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    pending = 0
    for row in rows:
        writer.writerow([as_text(cell) for cell in row])
        pending += 1
        if pending >= per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()
