"""Loading cardholders from a CSV file: each row checked, reported by line, written all at once."""

import csv
from dataclasses import dataclass, field

from . import clock, idnumbers, localtime, phones

REQUIRED = ("id_number", "name", "mobile", "card_number", "service_password")


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)  # (line number, reason)


@dataclass(frozen=True)
class Row:
    line: int
    id_number: str
    name: str
    mobile: str
    card_number: str
    password: str
    language: str


def check_row(line, raw, today, region):
    """A clean Row, or the reason this line cannot be loaded (never echoing the digits)."""
    values = {key: (raw.get(key) or "").strip() for key in REQUIRED + ("language",)}
    missing = [key for key in REQUIRED if not values[key]]
    if missing:
        return None, "missing " + ", ".join(missing)
    checked = idnumbers.check(values["id_number"], today)
    if checked.number is None:
        return None, f"bad id_number ({idnumbers.REASONS[checked.reason]})"
    try:
        mobile = phones.to_mobile_e164(values["mobile"], region)
    except phones.BadPhoneNumber as exc:
        return None, f"bad mobile ({exc})"
    password = values["service_password"]
    if len(password) != 6 or not password.isdigit():
        return None, "bad service_password (must be 6 digits)"
    card_number = values["card_number"].upper()
    if not (4 <= len(card_number) <= 20 and card_number.isalnum()):
        return None, "bad card_number"
    language = (values["language"] or "zh").lower()
    if language not in ("zh", "en"):
        return None, "bad language (zh or en)"
    return Row(line, checked.number, values["name"][:100], mobile, card_number, password, language), None


def read_rows(stream, *, today, region, rejected):
    """Yield the file's clean Rows one by one (flat memory); append (line, reason) for the others.

    A bad header rejects line 1 and yields nothing. Duplicates within the file are found later,
    in the database (ivr/cardholder_import.py), so no per-row set grows with the file.
    """
    reader = csv.DictReader(stream)
    header = set(reader.fieldnames or ())
    if not set(REQUIRED) <= header:
        missing = ", ".join(sorted(set(REQUIRED) - header))
        rejected.append((1, f"header lacks {missing}"))
        return
    for raw in reader:
        row, reason = check_row(reader.line_num, raw, today, region)
        if row is None:
            rejected.append((reader.line_num, reason))
        else:
            yield row


def import_csv(session, stream, config, progress=None):
    """Insert or update cardholders by ID number, streamed and in batches (see cardholder_import).

    All valid rows are written in the session's one transaction; the caller commits, so a
    failure writes nothing. `progress(n)` is told how many lines were read, batch by batch.
    """
    from .cardholder_import import load

    now = clock.now()
    today = localtime.local(now, config["IVR_TIMEZONE"]).date()
    rejected = []
    rows = read_rows(stream, today=today, region=config["DEFAULT_REGION"], rejected=rejected)
    inserted, updated, refused = load(session, rows, config, now=now, progress=progress)
    return ImportResult(inserted, updated, sorted(rejected + refused))
