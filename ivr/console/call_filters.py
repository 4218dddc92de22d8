"""The call log's filters: read from a request's arguments, checked, and handed to the store as plain values."""

import re
from dataclasses import dataclass

from ivr.console.ranges import DayRange
from ivr.identity import phones
from ivr.store import references

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

    def criteria(self):
        """The filter as the keyword arguments of ivr.store.call_log.matching."""
        return dict(
            start=self.days.start,
            end=self.days.end,
            outcome=self.outcome,
            language=self.language,
            purpose=self.purpose,
            caller=self.caller,
            reference=self.reference,
        )


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
