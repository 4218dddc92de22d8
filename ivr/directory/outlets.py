"""Service outlets: which serve an area (by ID area-code prefix), and loading them from CSV."""

import csv
import re
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ivr.calendar import outlet_hours
from ivr.directory.outlet_english import CJK, english_problem
from ivr.directory.outlet_english import LIMITS as ENGLISH_LIMITS
from ivr.identity import phones
from ivr.store import Outlet

COLUMNS = ("code", "name", "area_code", "address", "hours", "phone")
# terminal_24h, name_en and address_en are optional: older files without them still load.
ENGLISH = ("name_en", "address_en")
REQUIRED = ("code", "name", "area_code", "address", "hours")
YES = {"1", "yes", "y", "true", "是", "有"}
NO = {"", "0", "no", "n", "false", "否", "无"}
MAX_SPOKEN = 3
CODE = re.compile(r"^[A-Za-z0-9_.-]{1,20}$")
AREA = re.compile(r"^[0-9]{1,6}$")
SERVICE_NUMBER = re.compile(r"^[0-9][0-9-]{2,15}$")  # e.g. 010-96102, which is not an E.164 number
LIMITS = {"name": 200, "address": 300, "hours": 200, **ENGLISH_LIMITS}
# The import's words for the English rule (outlet_english.py); too long is said below, by column.
ENGLISH_REASONS = {
    "pair": "name_en and address_en go together (both or neither)",
    "not_english": "name_en and address_en must be in English",
    "one_line": "name_en and address_en must be one line each",
}


def for_area(session, area_code, limit=MAX_SPOKEN):
    """Up to `limit` outlets serving a 6-digit area code, the most local (longest prefix) first."""
    prefixes = [area_code[:n] for n in range(1, len(area_code) + 1)]
    statement = (
        select(Outlet)
        .where(Outlet.area_code.in_(prefixes))
        .order_by(func.length(Outlet.area_code).desc(), Outlet.code)
        .limit(limit)
    )
    return list(session.scalars(statement))


def nearest_terminal(session, area_code):
    """The 24-hour self-service terminal serving the longest prefix of `area_code`, else any."""
    with_terminal = list(session.scalars(select(Outlet).where(Outlet.terminal_24h.is_(True)).order_by(Outlet.code)))
    serving = [o for o in with_terminal if area_code and area_code.startswith(o.area_code)]
    if serving:
        return max(serving, key=lambda o: len(o.area_code))
    return min(with_terminal, key=lambda o: len(o.area_code), default=None)


def main_outlets(session, limit=MAX_SPOKEN):
    """The outlets serving the widest areas (city-wide halls before district offices)."""
    statement = select(Outlet).order_by(func.length(Outlet.area_code), Outlet.code).limit(limit)
    return list(session.scalars(statement))


def every_outlet(session):
    """All outlets, by code (the console's list)."""
    return list(session.scalars(select(Outlet).order_by(Outlet.code)))


def by_code(session, code):
    """The outlet with this code, or None."""
    return session.scalar(select(Outlet).where(Outlet.code == code)) if len(code) <= 20 else None


def by_codes(session, codes):
    """Outlets by code, in the order given (what a caller has just heard)."""
    found = {o.code: o for o in session.scalars(select(Outlet).where(Outlet.code.in_(codes)))}
    return [found[code] for code in codes if code in found]


def data_language(outlet):
    """An outlet's name and address are said in the language they are written in (a Chinese
    address stays Chinese); its hours, read into days and times, in the caller's."""
    return "zh" if CJK.search(outlet.name + outlet.address) else "en"


def named_for(outlet, language):
    """(name, address, the language they are written in) for a caller or SMS in `language`: the
    English name and address for English when the outlet has both, else the name and address as written."""
    if language == "en" and outlet.name_en and outlet.address_en:
        return outlet.name_en, outlet.address_en, "en"
    return outlet.name, outlet.address, data_language(outlet)


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)  # (line number, reason)


def check_row(raw, region):
    """The row's clean values, or the reason it cannot be loaded."""
    # A file without the English columns leaves English names already loaded as they are.
    values = {key: (raw.get(key) or "").strip() for key in COLUMNS + ENGLISH if key in COLUMNS or key in raw}
    terminal = (raw.get("terminal_24h") or "").strip().lower()
    if terminal not in YES | NO:
        return None, "bad terminal_24h (yes or no)"
    values["terminal_24h"] = terminal in YES
    missing = [key for key in REQUIRED if not values[key]]
    if missing:
        return None, "missing " + ", ".join(missing)
    english = english_problem(*(values.get(key, "") for key in ENGLISH))
    if english in ENGLISH_REASONS:
        return None, ENGLISH_REASONS[english]
    if not CODE.match(values["code"]):
        return None, "bad code (letters, digits, - _ . up to 20)"
    if not AREA.match(values["area_code"]):
        return None, "bad area_code (1 to 6 digits, a prefix of the ID area code)"
    for key, limit in LIMITS.items():
        if len(values.get(key, "")) > limit:
            return None, f"{key} longer than {limit} characters"
    try:
        outlet_hours.parse(values["hours"])
    except outlet_hours.BadOutletHours as exc:
        return None, f"bad hours ({exc})"
    if values["phone"]:
        try:
            values["phone"] = phones.to_e164(values["phone"], region)
        except phones.BadPhoneNumber:
            if not SERVICE_NUMBER.match(values["phone"]):
                return None, "bad phone"
    return values, None


def import_csv(session, stream, region="CN"):
    """Insert or update outlets by code; with any rejected line, nothing is written."""
    reader = csv.DictReader(stream)
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        return ImportResult(rejected=[(1, "header lacks " + ", ".join(sorted(missing)))])
    rows, result, seen = [], ImportResult(), {}
    for raw in reader:
        values, reason = check_row(raw, region)
        if values is not None and values["code"] in seen:
            values, reason = None, f"same code as line {seen[values['code']]}"
        if values is None:
            result.rejected.append((reader.line_num, reason))
            continue
        seen[values["code"]] = reader.line_num
        rows.append(values)
    if result.rejected:
        return result
    existing = {o.code: o for o in session.scalars(select(Outlet).where(Outlet.code.in_(list(seen))))}
    for values in rows:
        outlet = existing.get(values["code"])
        if outlet is None:
            session.add(Outlet(**values))
            result.inserted += 1
        else:
            for key, value in values.items():
                setattr(outlet, key, value)
            result.updated += 1
    session.flush()
    return result
