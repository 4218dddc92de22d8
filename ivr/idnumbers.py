"""Resident ID numbers: keyed by DTMF, checked with python-stdnum, kept only hashed and masked."""

import hmac
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

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
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return IdCheck(reason="id_birth_date")
    if born > today or born.year < 1900:
        return IdCheck(reason="id_birth_date")
    if number[17] != ric.calc_check_digit(number):
        return IdCheck(reason="id_checksum")
    if not area_known(number[:6], born.year):
        return IdCheck(reason="id_area")
    return IdCheck(number=number)


@lru_cache(maxsize=65536)
def area_known(area, year):
    """Was `area` a county code at birth in `year`? stdnum's table, asked once per (area, year):
    a bulk import checks millions of numbers from a few thousand counties."""
    try:
        ric.get_birth_place(f"{area}{year}0101000" + "0")
    except InvalidComponent:
        return False
    return True


def id_hash(key, number):
    """The keyed hash under which an ID number is looked up; without the key it reveals nothing."""
    return hmac.digest(key.encode(), b"ric:" + number.encode(), "sha256").hex()


def card_hash(key, card_number):
    """The keyed hash of a social security card number."""
    normal = card_number.strip().upper().encode()
    return hmac.digest(key.encode(), b"card:" + normal, "sha256").hex()


def mask(number):
    """The form shown to people: area code and last four kept, e.g. 110105********002X."""
    return number[:6] + "*" * 8 + number[-4:]


def birth_date(number) -> date:
    return ric.get_birth_date(number)
