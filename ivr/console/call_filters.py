"""The call log's filters: read from a request's arguments, checked, and turned into SQL conditions."""

import re
from dataclasses import dataclass

from sqlalchemy import select

from ivr.console.ranges import DayRange
from ivr.identity import phones
from ivr.store import Call, references

WORD = re.compile(r"^[a-z_]{1,24}$")


class BadFilter(ValueError):
    """A filter value that cannot be right; the message says which and why."""


@dataclass(frozen=True)
class CallFilter:
    days: DayRange
    outcome: str = ""
    language: str = ""
    purpose: str = ""
    caller: str = ""  # E.164 once parsed; never in a URL: the query carries `token` instead
    reference: str = ""
    token: str = ""

    def query(self):
        """The filter as URL query arguments (for links to the next page and the CSV)."""
        args = self.days.query()
        for name in ("outcome", "language", "purpose", "reference"):
            if getattr(self, name):
                args[name] = getattr(self, name)
        if self.caller and self.token:
            args["q"] = self.token
        return args


def parse_caller(text, region="CN"):
    """A typed caller number as E.164; BadFilter when it is not a phone number."""
    try:
        return phones.to_e164(text.strip(), region)
    except phones.BadPhoneNumber:
        raise BadFilter("caller") from None


def parse_filter(args, days, region="CN", *, recall=lambda token: None):
    """Read the call-log filters from request arguments; BadFilter names the wrong one.

    A caller number comes only from a search token (`q`), which `recall` turns back into what
    was POSTed; a number in the query string itself is refused, so none is ever served or logged.
    """
    values = {}
    for name in ("outcome", "language", "purpose"):
        value = args.get(name, "").strip()
        if value and not WORD.match(value):
            raise BadFilter(name)
        values[name] = value
    if args.get("caller"):
        raise BadFilter("caller_in_url")
    token = args.get("q", "").strip()
    caller = ""
    if token:
        remembered = recall(token)
        if remembered is None:
            raise BadFilter("search_expired")
        caller = remembered.get("caller", "")
        if not isinstance(caller, str):
            raise BadFilter("search_expired")
    reference = args.get("reference", "").strip()
    if reference and references.kind_of(reference) is None:
        raise BadFilter("reference")
    return CallFilter(days=days, caller=caller, reference=reference, token=token if caller else "", **values)


def conditions(session, flt):
    where = [Call.started_at >= flt.days.start, Call.started_at < flt.days.end]
    if flt.outcome:
        where.append(Call.outcome == flt.outcome)
    if flt.language:
        where.append(Call.language == flt.language)
    if flt.purpose:
        where.append(Call.purpose == flt.purpose)
    if flt.caller:
        where.append(Call.from_number == flt.caller)
    if flt.reference:  # the call a report was filed on, or a callback asked for on
        kind = references.kind_of(flt.reference)
        call_id = session.scalar(select(kind.call_id).where(kind.column == flt.reference))
        where.append(Call.id == (call_id or -1))
    return where
