"""Row ids from URLs: only numbers a row can have reach the database.

Every table's id is an `Integer` (PostgreSQL's 4-byte integer); a bigger number in a URL would
make the driver raise (OverflowError on SQLite, NumericValueOutOfRange on PostgreSQL) instead of
simply finding nothing.
"""

from werkzeug.routing import IntegerConverter

MAX_ROW_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """`<int:...>` in every route: 1 to MAX_ROW_ID, else the route does not match (404)."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ROW_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def row_id(text):
    """The id in `text` when a row could have it, else None."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None
