"""Loading cardholders from a CSV file: each row checked, reported by line, written all at once."""

import csv
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from ivr.calendar import clock, localtime
from ivr.directory.cardholder_merge import load
from ivr.identity import idnumbers, phones

REQUIRED = ("id_number", "name", "mobile", "card_number", "service_password")
FIELDS = REQUIRED + ("language",)


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)  # (line number, reason)


class Row(NamedTuple):
    line: int
    id_number: str
    name: str
    mobile: str
    card_number: str
    password: str
    language: str


def check_row(line, values, today, region):
    """A clean Row from the FIELDS' values, or the reason this line cannot be loaded (never echoing the digits)."""
    id_number, name, mobile, card_number, password, language = (value.strip() for value in values)
    # Fullwidth digits and letters (a Chinese input method's) are the ASCII a telephone sends.
    mobile, card_number, password = (idnumbers.ascii_form(v).strip() for v in (mobile, card_number, password))
    required = (id_number, name, mobile, card_number, password)
    if not all(required):
        return None, "missing " + ", ".join(key for key, value in zip(REQUIRED, required, strict=True) if not value)
    checked = idnumbers.check(id_number, today)
    if checked.number is None:
        return None, f"bad id_number ({idnumbers.REASONS[checked.reason]})"
    try:
        mobile = phones.to_mobile_e164(mobile, region)
    except phones.BadPhoneNumber as exc:
        return None, f"bad mobile ({exc})"
    if len(password) != 6 or not idnumbers.ascii_digits(password):
        return None, "bad service_password (must be 6 digits)"
    card_number = card_number.upper()
    if not (4 <= len(card_number) <= 20 and card_number.isascii() and card_number.isalnum()):
        return None, "bad card_number"
    language = (language or "zh").lower()
    if language not in ("zh", "en"):
        return None, "bad language (zh or en)"
    return Row(line, checked.number, name[:100], mobile, card_number, password, language), None


def read_rows(stream, *, today, region, rejected):
    """Yield the file's clean Rows one by one (flat memory); append (line, reason) for the others.

    A bad header rejects line 1 and yields nothing. Duplicates within the file are found later,
    in the database (ivr/directory/cardholder_merge.py), so no per-row set grows with the file. Fields are
    read by position (csv.reader, as csv.DictReader would map them: a repeated column's last
    one; blank lines skipped; a short line's missing fields empty), a dict per line being slower.
    """
    reader = csv.reader(stream)
    names = next(reader, None) or []
    if not set(REQUIRED) <= set(names):
        missing = ", ".join(sorted(set(REQUIRED) - set(names)))
        rejected.append((1, f"header lacks {missing}"))
        return
    column = {name: i for i, name in enumerate(names)}
    present = [key for key in FIELDS if key in column]
    pick = itemgetter(*(column[key] for key in present))
    absent = ("",) * (len(FIELDS) - len(present))  # only the language may be absent, and it is last
    width = max(column[key] for key in present) + 1
    for fields in reader:
        if not fields:
            continue
        if len(fields) < width:
            fields = fields + [""] * (width - len(fields))
        row, reason = check_row(reader.line_num, pick(fields) + absent, today, region)
        if row is None:
            rejected.append((reader.line_num, reason))
        else:
            yield row


def import_csv(session, stream, config, progress=None):
    """Insert or update cardholders by ID number, streamed and in batches (see cardholder_import).

    All valid rows are written in the session's one transaction; the caller commits, so a
    failure writes nothing. `progress(n)` is told how many rows were staged, batch by batch, and
    `progress(0, description=...)` when the merge starts.
    """
    now = clock.now()
    today = localtime.local(now, config["IVR_TIMEZONE"]).date()
    rejected = []
    rows = read_rows(stream, today=today, region=config["DEFAULT_REGION"], rejected=rejected)
    inserted, updated, refused = load(session, rows, config, now=now, progress=progress)
    return ImportResult(inserted, updated, sorted(rejected + refused))
