"""What the hotline can send by SMS: each kind, the catalogue keys its text may come from, and the
plainer form each key falls back to when a mainland provider's variable rules refuse its values.

A provider that sends only approved templates (ivr/messaging/templates.py) needs exactly this list:
one template per kind, key and language, fallbacks included.
"""

import string
from dataclasses import dataclass, field

from ivr.prompts import CATALOGUE


@dataclass(frozen=True)
class Kind:
    """One kind of SMS: the catalogue keys its text comes from, the first being the usual one."""

    keys: tuple[str, ...]
    # key -> the key sent instead when a provider refuses a value of key's (ivr/messaging/fallback_forms.py)
    plainer: dict = field(default_factory=dict)

    def parameters(self, key, language):
        """The facts `key` fills in, in the order the text names them."""
        return ordered_placeholders(CATALOGUE[key][language])


def ordered_placeholders(template):
    """The names a catalogue text fills in, each once, in the order they appear."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return tuple(dict.fromkeys(names))


OUTLET_REMINDER_FIRST = tuple(f"reminders.formal_report_outlet{s}" for s in ("", "_short", "_shortest"))
OUTLET_REMINDER_LAST = tuple(f"reminders.formal_report_last{s}" for s in ("", "_short", "_shortest"))
# A reminder whose outlet a provider cannot carry says "an outlet", as when no outlet is known.
REMINDER_PLAINER = {
    **dict.fromkeys(OUTLET_REMINDER_FIRST, "sms.formal_report_reminder"),
    **dict.fromkeys(OUTLET_REMINDER_LAST, "reminders.formal_report_last_plain"),
}
# The outlet SMS: every outlet found in one variable; else the first outlet in three; else none.
OUTLET_INFO_PLAINER = {
    "outlets.sms_info": "outlets.sms_info_nearest",
    "outlets.sms_info_nearest": "outlets.sms_info_plain",
}

KINDS = {
    "preloss_confirmation": Kind(("sms.preloss_confirmation",)),
    # Longest first: the first that fits in two segments names the outlet (ivr/messaging/texts.py).
    "formal_report_reminder": Kind(
        (
            "sms.formal_report_reminder",
            *OUTLET_REMINDER_FIRST,
            *OUTLET_REMINDER_LAST,
            "reminders.formal_report_last_plain",
        ),
        REMINDER_PLAINER,
    ),
    "lapse_notice": Kind(("reminders.lapse_notice",)),
    "preloss_cancelled": Kind(("cancel.sms_confirmation",)),
    "lockout_alert": Kind(("sms.lockout_alert",)),
    "outlet_info": Kind(
        ("outlets.sms_info", "outlets.sms_info_nearest", "outlets.sms_info_plain"), OUTLET_INFO_PLAINER
    ),
    "callback_ack": Kind(("callback.sms_ack",)),
    "card_ready": Kind(("sms.card_ready",)),
    "collection_reminder": Kind(("sms.collection_reminder",)),
    "card_reactivated": Kind(("sms.card_reactivated",)),
    "card_cancelled": Kind(("sms.card_cancelled",)),
    # Answers to a text the cardholder sends (STOP, START, anything else).
    "opted_out": Kind(("reminders.opted_out",)),
    "opted_in": Kind(("reminders.opted_in",)),
    "help": Kind(("reminders.help",)),
}
