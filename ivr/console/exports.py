"""CSV that streams: rows are written a batch at a time, never gathered in memory."""

import csv
import io


def csv_chunks(header, rows, *, per_chunk=2000):
    """The CSV text of `header` and `rows`, yielded in pieces of `per_chunk` rows (UTF-8 BOM first, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    pending = 0
    for row in rows:
        writer.writerow(row)
        pending += 1
        if pending >= per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()
