"""The facts an SMS or a prompt about a card or its report fills in, in the cardholder's language."""

from ivr.calendar import localtime
from ivr.prompts import hotline_name, speech


def report_facts(report, card, language, config):
    """The values SMS and prompts about a report fill in, in the cardholder's language."""
    lapse = localtime.local(report.expires_at, config["IVR_TIMEZONE"]).date()
    return {
        "hotline": hotline_name(language, config),
        "reference": report.reference,
        "card_last4": card.number_last4,
        "lapse_date": speech.short_day(lapse, language),
    }
