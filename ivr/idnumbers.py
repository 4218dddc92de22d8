"""Resident ID numbers: keyed by DTMF, checked with python-stdnum, kept only hashed and masked."""

import hashlib
import hmac
from dataclasses import dataclass

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

MAX_KEYED = 40  # anything longer is a stuck key or an attack, not an ID number


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking keyed digits: `number` when valid, else a `reason` key."""

    number: str | None = None
    reason: str | None = None

    @property
    def last4(self):
        return self.number[-4:]


def from_keypad(digits):
    """Turn keypad input into an ID number string: `*` stands for the letter X."""
    return (digits or "").strip().upper().replace("*", "X")


def check(text, today):
    """Is this a resident ID number a person could hold today? Length, date, checksum, area."""
    number = from_keypad(text)
    if len(number) > MAX_KEYED or len(number) != 18:
        return IdCheck(reason="id_length")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return IdCheck(reason="id_format")
    try:
        born = ric.get_birth_date(number)
    except ValidationError:
        return IdCheck(reason="id_birth_date")
    if born > today or born.year < 1900:
        return IdCheck(reason="id_birth_date")
    try:
        ric.validate(number)
    except InvalidChecksum:
        return IdCheck(reason="id_checksum")
    except InvalidComponent:
        return IdCheck(reason="id_area")
    except ValidationError:
        return IdCheck(reason="id_format")
    return IdCheck(number=number)


def id_hash(key, number):
    """The keyed hash under which an ID number is looked up; without the key it reveals nothing."""
    return hmac.new(key.encode(), b"ric:" + number.encode(), hashlib.sha256).hexdigest()


def card_hash(key, card_number):
    """The keyed hash of a social security card number."""
    normal = card_number.strip().upper().encode()
    return hmac.new(key.encode(), b"card:" + normal, hashlib.sha256).hexdigest()


def mask(number):
    """The form shown to people: area code and last four kept, e.g. 110105********002X."""
    return number[:6] + "*" * 8 + number[-4:]
