"""Resident ID numbers: keyed by DTMF, checked with python-stdnum, kept only hashed and masked."""

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent, ValidationError

MAX_KEYED = 40  # anything longer is a stuck key or an attack, not an ID number
# Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao). The other four digits
# of the area code are where the number was *assigned*, and districts are created and renamed
# every year: a 1970-born holder of a code created in 1992 is ordinary. So no county list is
# consulted (python-stdnum's birth-place rule would refuse such people).
PROVINCES = frozenset(
    str(code)
    for code in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53)
    + (54, 61, 62, 63, 64, 65, 71)
)
PERMITS = {"81": "hong_kong_permit", "82": "macao_permit", "83": "taiwan_permit"}
FOREIGN_PERMANENT = "9"  # the 2023 foreigners' permanent residence ID card: 9 + province + nationality

# Nine digits or more in a row (separators aside), or 17 digits and an X: an ID number, a full
# mobile or a full landline. A pre-loss reference is 8 digits; dates are 8 at most.
PERSONAL_LOOKING = re.compile(r"\d{9,}|\d{17}[Xx]")
SEPARATORS = re.compile(r"[\s\-()+/]|%20|%2B|%2b")


def looks_personal(text):
    """Whether `text` (a URL, a query value) holds what looks like an ID number or a full phone number."""
    return bool(PERSONAL_LOOKING.search(SEPARATORS.sub("", text or "")))


# Why a number is refused, for import reports and the console (the caller's words are prompts).
REASONS = {
    "id_length": "not 18 characters",
    "id_17_digits": "17 characters: the final X may be missing",
    "id_format": "a character that is not a digit (only the last may be X)",
    "id_birth_date": "no such birth date, or one in the future",
    "id_checksum": "wrong check character",
    "id_area": "the first two digits are no province code",
}


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking keyed digits: `number` when valid, else a `reason` key."""

    number: str | None = None
    reason: str | None = None

    @property
    def last4(self):
        return self.number[-4:]

    @property
    def kind(self):
        """resident_id, hong_kong_permit, macao_permit, taiwan_permit or foreign_permanent."""
        return kind_of(self.number)


def from_keypad(digits):
    """Turn keypad input into an ID number string: `*` stands for the letter X.

    Text from elsewhere (a registry file, the console) may be typed in fullwidth digits, as
    Chinese input methods give them: they become the ASCII digits a telephone sends (NFKC), or
    the number would be stored under a hash no caller can ever match.
    """
    return ascii_form(digits or "").strip().upper().replace("*", "X")


def ascii_form(text):
    """Fullwidth digits and letters as the ASCII they stand for (NFKC); ASCII text untouched."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def ascii_digits(text):
    """Only 0-9: str.isdigit() also takes superscripts, circled and other scripts' digits."""
    return text.isascii() and text.isdigit()


def kind_of(number):
    if number.startswith(FOREIGN_PERMANENT):
        return "foreign_permanent"
    return PERMITS.get(number[:2], "resident_id")


def check(text, today):
    """Can a person hold this number today? One rule for the phone, imports, the console and the API.

    Resident ID cards, the residence permits of Hong Kong, Macao and Taiwan residents (810000,
    820000, 830000) and the foreigners' permanent residence ID card (9...) share one layout: 17
    digits, the birth date at positions 7-14, an ISO 7064 MOD 11-2 check character.
    """
    number = from_keypad(text)
    if len(number) == 17 and ascii_digits(number):
        return IdCheck(reason="id_17_digits")
    if len(number) > MAX_KEYED or len(number) != 18:
        return IdCheck(reason="id_length")
    if not ascii_digits(number[:17]) or not (ascii_digits(number[17]) or number[17] == "X"):
        return IdCheck(reason="id_format")
    try:
        born = birth_date(number)
    except ValidationError:
        return IdCheck(reason="id_birth_date")
    if born > today or born.year < 1900:
        return IdCheck(reason="id_birth_date")
    if ric.calc_check_digit(number) != number[17]:
        return IdCheck(reason="id_checksum")
    if not (number[:2] in PROVINCES or number[:2] in PERMITS or number.startswith(FOREIGN_PERMANENT)):
        return IdCheck(reason="id_area")
    return IdCheck(number=number)


def birth_date(number):
    """python-stdnum's birth date of an 18-character number whose first 17 are digits.

    stdnum first maps look-alike Unicode digits to ASCII, a character at a time: most of the cost
    of checking a registry's million lines. ASCII digits need no mapping, so only others go there.
    """
    if not number.isascii():
        return ric.get_birth_date(number)
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidComponent() from None


def area_of(number):
    """The area code outlets are found by: the 6-digit code of a resident ID; the province (as
    `PP0000`) of a foreigners' card; the permit's own code (810000...) for HK, Macao, Taiwan."""
    if number.startswith(FOREIGN_PERMANENT):
        return number[1:3] + "0000"
    return number[:6]


def id_hash(key, number):
    """The keyed hash under which an ID number is looked up; without the key it reveals nothing."""
    return hmac.new(key.encode(), b"ric:" + number.encode(), hashlib.sha256).hexdigest()


def card_hash(key, card_number):
    """The keyed hash of a social security card number."""
    normal = card_number.strip().upper().encode()
    return hmac.new(key.encode(), b"card:" + normal, hashlib.sha256).hexdigest()


def hashers(key):
    """`id_hash` and `card_hash` under `key` for a bulk import: each HMAC keyed once, copied per value."""
    keyed_ids = hmac.new(key.encode(), b"ric:", hashlib.sha256)
    keyed_cards = hmac.new(key.encode(), b"card:", hashlib.sha256)

    def hash_id(number):
        digest = keyed_ids.copy()
        digest.update(number.encode())
        return digest.hexdigest()

    def hash_card(card_number):
        digest = keyed_cards.copy()
        digest.update(card_number.strip().upper().encode())
        return digest.hexdigest()

    return hash_id, hash_card


def mask(number):
    """The form shown to people: area code and last four kept, e.g. 110105********002X."""
    return number[:6] + "*" * 8 + number[-4:]
