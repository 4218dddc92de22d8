"""Short numbers said aloud (the last four digits of a mobile, a callback number) as a digit string.

Callers read numbers digit by digit with the telephone words (幺 for 1, 两 for 2, 洞 for 0, 拐 for 7,
"oh" for 0, "double five"), sometimes in tens ("二十三", "fifty six"), with fillers and framing
("我的尾号是…", "the last four digits are…"). Anything left that is not a digit word means the
number was not understood: None, and the flow asks again (or the caller uses the keys). Never
used for the ID number or the service password: those stay on the keypad.
"""

import re

from ivr.prompts import grammar
from ivr.prompts.grammar import normalized

_ZH_TENS = re.compile(r"([一二两三四五六七八九])?十([一二三四五六七八九])?")
_ZH_TOO_BIG = re.compile(r"[百千万亿点]")
_EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen")
_EN_TEENS += ("nineteen",)
_EN_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}
# What an English recognizer writes for a digit it heard as a word.
_EN_SOUND_ALIKE = {"to": "2", "too": "2", "for": "4", "won": "1", "ate": "8"}
_EN_REPEATS = {"double": 2, "triple": 3}
_TOO_BIG_EN = {"hundred", "thousand", "million"}


def _strip(text, words, separator):
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, separator) if separator == "" else text.replace(f" {word} ", " ")
    return text


def _zh(text):
    text = _strip(text, grammar.DIGIT_FRAMES["zh"] + grammar.FILLERS["zh"], "")
    if _ZH_TOO_BIG.search(text):
        return None
    words = grammar.DIGIT_WORDS["zh"]
    text = _ZH_TENS.sub(lambda m: words.get(m.group(1) or "一") + (words[m.group(2)] if m.group(2) else "0"), text)
    digits = [char if char.isdigit() else words.get(char) for char in text]
    return None if None in digits else "".join(digits)


def _en_word(word):
    if word.isdigit():
        return word
    if word in grammar.DIGIT_WORDS["en"]:
        return grammar.DIGIT_WORDS["en"][word]
    if word in _EN_TEENS:
        return str(10 + _EN_TEENS.index(word))
    return _EN_SOUND_ALIKE.get(word)


def _en(text):
    words = _strip(text, grammar.DIGIT_FRAMES["en"] + grammar.FILLERS["en"], " ").split()
    out, index, repeat = [], 0, 1
    while index < len(words):
        word, index = words[index], index + 1
        if word in _TOO_BIG_EN:
            return None
        if word in _EN_REPEATS:
            repeat = _EN_REPEATS[word]
            continue
        if word in _EN_TENS:
            unit = grammar.DIGIT_WORDS["en"].get(words[index]) if index < len(words) else None
            if unit and unit != "0":  # "fifty six": the unit joins its ten
                index += 1
            out.append(f"{_EN_TENS[word]}{unit if unit and unit != '0' else '0'}")
            continue
        digit = _en_word(word)
        if digit is None:
            return None
        out.append(digit * repeat)
        repeat = 1
    return "".join(out)


def spoken_digits(utterance, language):
    """The digits in `utterance` ("幺三八 五六", "double five one two") as "13856"/"5512", else None."""
    text = normalized(utterance, language)
    digits = _zh(text) if language == "zh" else _en(text.replace("-", " "))
    return digits or None
