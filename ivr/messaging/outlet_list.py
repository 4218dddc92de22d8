"""Texting a caller the outlets they just heard: only to the calling number when it is a mobile,
at most MAX_PER_CALL lists a call, and within the caller-SMS limits (limits.py)."""

from ivr.calendar import outlet_hours
from ivr.directory import outlets
from ivr.identity import phones
from ivr.messaging import limits
from ivr.messaging.notify import notify
from ivr.messaging.texts import outlet_facts
from ivr.prompts import text

MAX_PER_CALL = 3  # one caller cannot turn the hotline into an SMS pump
# Why a list was not sent: the call log's detail, and what the caller hears.
REFUSALS = {
    "not_mobile": ("caller not a mobile", "outlets.sms_not_mobile"),
    "per_call": ("limit per call", "outlets.sms_limit"),
    "limit": ("limit", "outlets.sms_held_back"),
}


def sms_line(outlet, language):
    """One outlet as a line of the SMS: name, address and its hours written out."""
    name, address, _ = outlets.named_for(outlet, language)
    hours = outlet_hours.written(outlet.hours, language)
    return text("outlets.sms_line", language, name=name, address=address, hours=hours)


def destination(session, caller, occurrence, *, config, now):
    """(mobile, None) when the `occurrence`-th list of this call may go to the caller's number,
    else (None, a key of REFUSALS). Only an allowed SMS is counted against the limits."""
    try:
        mobile = phones.callable_e164(caller, config["DEFAULT_REGION"], phones.callable_regions(config), mobile=True)
    except phones.NotCallable:
        return None, "not_mobile"
    if occurrence > MAX_PER_CALL:
        return None, "per_call"
    if not limits.allow(session, kind="outlet_info", to=mobile, caller=caller, config=config, now=now):
        return None, "limit"
    return mobile, None


def queue(session, call, mobile, found, occurrence, *, config, now):
    """Queue the list `found` for `mobile`, in the call's language (one SMS per list heard)."""
    language = call.language
    lines = [sms_line(outlet, language) for outlet in found]
    notify(
        session,
        "outlet_info",
        subject=f"call:{call.id}:outlets",
        occurrence=occurrence,
        to=mobile,
        facts={"outlets": ("；" if language == "zh" else "; ").join(lines), **outlet_facts(found[0], language)},
        due_at=now,
        language=language,
        config=config,
        call_id=call.id,
    )
