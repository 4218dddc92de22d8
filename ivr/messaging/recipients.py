"""Who can get a message: a valid mobile number, not opted out of reminders."""

import phonenumbers
from phonenumbers import PhoneNumberType
from sqlalchemy import select

from ivr.identity import phones
from ivr.messaging import rules
from ivr.store import SmsOptOut

MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def mobile_number(text, region):
    """E.164 of a number that can receive SMS (parsed once: this runs for every message sent)."""
    try:
        parsed = phonenumbers.parse((text or "").strip(), region)
    except phonenumbers.NumberParseException:
        raise phones.BadPhoneNumber("not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise phones.BadPhoneNumber("not a valid phone number")
    if phonenumbers.number_type(parsed) not in MOBILE_TYPES:
        raise phones.BadPhoneNumber("not a mobile number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def opted_out(session, claimed):
    numbers = {claim.to_number for claim in claimed if rules.respects_opt_out(claim.kind)}
    if not numbers:
        return set()
    return set(session.scalars(select(SmsOptOut.number).where(SmsOptOut.number.in_(numbers))))
