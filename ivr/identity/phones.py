"""Phone numbers through `phonenumbers`: stored as E.164, shown masked."""

from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType


class BadPhoneNumber(ValueError):
    """Not a phone number that can receive what we want to send."""


class NotCallable(BadPhoneNumber):
    """A number the hotline's operators may not call (or text): `reason` is invalid, abroad or service."""

    def __init__(self, reason):
        super().__init__(f"not a number the hotline calls: {reason}")
        self.reason = reason


# Numbers a person answers. Premium rate, shared cost (China's 400), toll free, UAN, VoIP,
# personal, pager and satellite (+881, no region) numbers cost the hotline or reach no one.
CALLABLE_TYPES = frozenset({PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
SMS_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
MAX_KEYED_DIGITS = 20  # more than any number with its international prefix: a stuck key, not a number


def callable_regions(config):
    """The home region (mainland China by default) and CALLBACK_EXTRA_REGIONS."""
    extra = (config.get("CALLBACK_EXTRA_REGIONS") or "").split(",")
    return frozenset({config.get("DEFAULT_REGION", "CN")} | {r.strip().upper() for r in extra if r.strip()})


def callable_e164(text, region, regions, *, mobile=False):
    """The one rule for a number a caller gives the hotline to call back or text: E.164 of a fixed
    line or mobile (`mobile`: a mobile only) in one of `regions`; else NotCallable saying why."""
    try:
        parsed = phonenumbers.parse((text or "").strip().removeprefix("tel:"), region)
    except NumberParseException:
        raise NotCallable("invalid") from None
    if not phonenumbers.is_valid_number(parsed):
        raise NotCallable("invalid")
    if phonenumbers.region_code_for_number(parsed) not in regions:
        raise NotCallable("abroad")
    if phonenumbers.number_type(parsed) not in (SMS_TYPES if mobile else CALLABLE_TYPES):
        raise NotCallable("service")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def keyed_callable(keyed, region, regions):
    """A number keyed (or said) on the phone: (E.164, None) when the operators may call it, else
    (None, why not: "invalid", "abroad" or "service"). Digits only, and no more than 20 of them."""
    if not (keyed.isdigit() and len(keyed) <= MAX_KEYED_DIGITS):
        return None, "invalid"
    try:
        return callable_e164(keyed, region, regions), None
    except NotCallable as refused:
        return None, refused.reason


def is_callable_mobile(text, region, regions):
    try:
        callable_e164(text, region, regions, mobile=True)
    except NotCallable:
        return False
    return True


def to_e164(text, region="CN"):
    """Normalise any way of writing a number to E.164; raise BadPhoneNumber if it is not valid."""
    try:
        parsed = phonenumbers.parse((text or "").strip(), region)
    except NumberParseException as exc:
        raise BadPhoneNumber(f"not a phone number: {exc}") from None
    if not phonenumbers.is_valid_number(parsed):
        raise BadPhoneNumber("not a valid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def to_mobile_e164(text, region="CN"):
    """Like to_e164, but only a number that can receive SMS (a mobile) is accepted."""
    text = (text or "").strip()
    if region == "CN" and len(text) == 11 and text.isdigit() and text[0] == "1":
        # The registry's usual form: decided once per 7-digit block (China's number segments;
        # phonenumbers' mobile patterns look no further), so a bulk import does not parse each.
        if not mobile_block(text[:7]):
            raise BadPhoneNumber("not a mobile number")
        return "+86" + text
    e164 = to_e164(text, region)
    kind = phonenumbers.number_type(phonenumbers.parse(e164))
    if kind not in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise BadPhoneNumber("not a mobile number")
    return e164


@lru_cache(maxsize=65536)
def mobile_block(first7):
    try:
        e164 = to_e164(first7 + "0000", "CN")
    except BadPhoneNumber:
        return False
    return phonenumbers.number_type(phonenumbers.parse(e164)) in (
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def mask(e164):
    """+8613812348000 -> +86 138****8000: enough to recognise, not enough to dial."""
    try:
        parsed = phonenumbers.parse(e164)
    except NumberParseException:
        return "****"
    national = str(parsed.national_number)
    if len(national) <= 4:
        return f"+{parsed.country_code} ****"
    head = national[:3] if len(national) > 7 else ""
    return f"+{parsed.country_code} {head}****{national[-4:]}"
