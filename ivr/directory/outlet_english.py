"""An outlet's English name and address: the one rule for the CSV import and the console's form."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LIMITS = {"name_en": 200, "address_en": 300}


def english_problem(name_en, address_en):
    """Why this English name and address cannot be kept, as a key, or None when they can.

    "pair": one without the other (an English caller would hear half in English, half in Chinese);
    "not_english": Chinese characters in them; "too_long": past the columns' lengths;
    "one_line": a line break or other control character (they are read out and put in an SMS).
    Both empty is fine: English callers then hear the name and address as written.
    """
    if bool(name_en) != bool(address_en):
        return "pair"
    if CJK.search(name_en + address_en):
        return "not_english"
    if CONTROL.search(name_en + address_en):
        return "one_line"
    if len(name_en) > LIMITS["name_en"] or len(address_en) > LIMITS["address_en"]:
        return "too_long"
    return None


def set_english(outlet, name_en, address_en):
    """Give `outlet` this English name and address (stripped); the problem key and no change if refused."""
    name_en, address_en = (name_en or "").strip(), (address_en or "").strip()
    problem = english_problem(name_en, address_en)
    if problem is None:
        outlet.name_en, outlet.address_en = name_en, address_en
    return problem
