"""Loading cardholders from a CSV file: each row checked, reported by line, written all at once."""

import csv
from dataclasses import dataclass, field

from sqlalchemy import select

from . import clock, idnumbers, localtime, phones, verification
from .store import Card, Cardholder

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


def read_rows(stream, *, today, region):
    """Parse the CSV; returns (good rows, rejected (line, reason)); a bad header rejects line 1."""
    reader = csv.DictReader(stream)
    header = set(reader.fieldnames or ())
    if not set(REQUIRED) <= header:
        missing = ", ".join(sorted(set(REQUIRED) - header))
        return [], [(1, f"header lacks {missing}")]
    rows, rejected, seen = [], [], {}
    for raw in reader:
        line = reader.line_num
        row, reason = check_row(line, raw, today, region)
        if row is not None and row.id_number in seen:
            row, reason = None, f"same id_number as line {seen[row.id_number]}"
        if row is None:
            rejected.append((line, reason))
            continue
        seen[row.id_number] = line
        rows.append(row)
    return rows, rejected


def import_csv(session, stream, config):
    """Insert or update cardholders by ID number. The caller commits; a failure writes nothing."""
    now = clock.now()
    today = localtime.local(now, config["IVR_TIMEZONE"]).date()
    rows, rejected = read_rows(stream, today=today, region=config["DEFAULT_REGION"])
    result = ImportResult(rejected=rejected)
    for row in rows:
        reason = save_row(session, row, config, result)
        if reason:
            result.rejected.append((row.line, reason))
    result.rejected.sort()
    return result


def save_row(session, row, config, result):
    key = config["ID_HASH_KEY"]
    id_hash = idnumbers.id_hash(key, row.id_number)
    number_hash = idnumbers.card_hash(key, row.card_number)
    holder = session.scalar(select(Cardholder).where(Cardholder.id_hash == id_hash))
    card = session.scalar(select(Card).where(Card.number_hash == number_hash))
    if card is not None and (holder is None or card.cardholder_id != holder.id):
        return "card_number belongs to another cardholder"
    if holder is None:
        holder = Cardholder(id_hash=id_hash, id_masked=idnumbers.mask(row.id_number), area_code=idnumbers.area_of(row.id_number))
        session.add(holder)
        result.inserted += 1
    else:
        result.updated += 1
    holder.name, holder.mobile, holder.language = row.name, row.mobile, row.language
    if not holder.password_hash or not verification.password_matches(holder, row.password, config["PASSWORD_HASH_METHOD"]):
        holder.password_hash = verification.hash_password(row.password, config["PASSWORD_HASH_METHOD"])
    holder.password_is_initial = row.password == verification.INITIAL_PASSWORD
    session.flush()
    if card is None:
        session.add(Card(cardholder_id=holder.id, number_hash=number_hash, number_last4=row.card_number[-4:]))
    return None
