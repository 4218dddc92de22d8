"""What a caller said, understood: a purpose from the main menu, yes or no, and the Gather that listens.

The phrases are data (ivr/prompts/grammar.toml); this module only matches them. Matching is by
substring on the recognizer's text, longest phrase first, each piece of text used once: so
"没找到" (not found: the card is still lost) is never read as the "找到" (found) inside it, and
"解除挂失" (cancel the report) never as the "挂失" (report) inside it.

Two rules keep a cancellation from being started by mistake: a cancel phrase right after a
negation ("不要解除挂失", "I don't want to cancel the report") counts for nothing, and "found it"
beside any other purpose is dropped (only an explicit "解除挂失"/"cancel the report" outweighs a
mention of the report). Anything unclear comes back `confident=False`: the flow asks one short
question rather than guess. "人工"/"operator" always wins.
"""

from functools import cache
from typing import NamedTuple

from ivr.platform.settings import DEFAULTS
from ivr.prompts import grammar
from ivr.prompts.grammar import normalized
from ivr.voice.spoken_numbers import spoken_digits

MAX_HINTS = 500  # Twilio's limit on <Gather hints>
NEGATABLE = frozenset({"report", "cancel"})
NAVIGATION = ("operator", "repeat", "menu")  # understood at every question that listens
_SEPARATOR = "|"


class Heard(NamedTuple):
    """What an answer said, to a question that listens for "menu", "yes_no" or "digits"."""

    meaning: str | None  # a menu purpose, "yes", "no", the digits said, or NAVIGATION; None: not understood
    sure: bool  # False: confirm before acting on it (only the open menu question asks back)


class Intent(NamedTuple):
    purpose: str | None  # a main-menu purpose (flows/menu.py), "repeat", "menu", or None: not understood
    confident: bool  # False: ask the caller to confirm before acting on `purpose`


def _phrase(phrase, language):
    return normalized(phrase, language)


def _negated(before, language):
    """Does the text just before a phrase (up to the previous matched phrase) undo it?"""
    before = before.split(_SEPARATOR)[-1]
    if language == "zh":
        window = before[-3:]
        return any(word in window for word in grammar.NEGATIONS["zh"])
    window = before.split()[-3:]
    return any(word in window for word in grammar.NEGATIONS["en"])


def _without_fillers(text, language):
    for filler in grammar.FILLERS[language]:
        text = text.replace(filler, "") if language == "zh" else text.replace(f" {filler} ", " ")
    return text


def _consume(text, phrases, language):
    """Find `(label, phrase)` pairs in `text`, longest phrase first, each stretch of text once.

    Returns the matches as (label, phrase, negated) and the text left over.
    """
    found = []
    for phrase, label in sorted(phrases, key=lambda pair: -len(pair[0])):
        while (start := text.find(phrase)) >= 0:
            found.append((label, phrase, _negated(text[:start], language)))
            filler = f" {_SEPARATOR} " if language == "en" else _SEPARATOR
            text = text[:start] + filler + text[start + len(phrase) :]
    return found, text


@cache
def _purpose_phrases(language):
    pairs = []
    for source in (grammar.PURPOSES, grammar.MISHEARINGS):
        for purpose, by_language in source.items():
            pairs += [(_phrase(p, language), purpose) for p in by_language[language]]
    pairs += [(_phrase(p, language), "cancel") for p in grammar.EXPLICIT_CANCEL[language]]
    return pairs + [(_phrase(p, language), None) for p in grammar.NOT_A_REQUEST[language]]


def _sure(confidence, minimum):
    """Twilio posts Confidence as "0.0".."1.0"; none at all (a typed turn, some providers) is not low."""
    try:
        return float(confidence) >= minimum
    except (TypeError, ValueError):
        return True


def route(utterance, confidence, language, *, min_confidence=None):
    """The main-menu purpose `utterance` asks for, and whether to act on it without asking back."""
    minimum = DEFAULTS["SPEECH_MIN_CONFIDENCE"] if min_confidence is None else min_confidence
    text = _without_fillers(normalized(utterance, language), language)
    matches, _ = _consume(text, _purpose_phrases(language), language)
    # purpose None: words that ask for nothing; a negated report or cancel asks for nothing either.
    heard = [
        (purpose, phrase) for purpose, phrase, negated in matches if purpose and not (negated and purpose in NEGATABLE)
    ]
    weights = {}
    for purpose, phrase in heard:
        weights[purpose] = weights.get(purpose, 0) + len(phrase.split() if language == "en" else phrase)
    if "operator" in weights:
        return Intent("operator", True)
    chosen = {p: w for p, w in weights.items() if p not in ("repeat", "menu")} or weights
    dropped = False
    if "cancel" in chosen and len(chosen) > 1:
        if set(chosen) == {"cancel", "report"} and _undoes_the_report(heard, language):
            return Intent("cancel", False)
        del chosen["cancel"]  # "found it" beside anything else starts nothing
        dropped = True
    if len(chosen) == 1:
        (purpose,) = chosen
        return Intent(purpose, not dropped and _sure(confidence, minimum))
    ranked = sorted(chosen.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return Intent(None, False)
    return Intent(ranked[0][0], False)


def _undoes_the_report(heard, language):
    """Cancel and report both heard: is it a cancellation? Yes when it is asked for in so many words
    ("我挂失了，现在想解除挂失"), or "found it" comes with the report named, not a loss told."""
    explicit = {_phrase(p, language) for p in grammar.EXPLICIT_CANCEL[language]}
    nouns = {_phrase(p, language) for p in grammar.REPORT_NOUNS[language]}
    if any(purpose == "cancel" and phrase in explicit for purpose, phrase in heard):
        return True
    return all(phrase in nouns for purpose, phrase in heard if purpose == "report")


def yes_no(utterance, language):
    """True for yes, False for no, None when the answer says neither (or both: "是不是")."""
    text = normalized(utterance, language)
    pairs = [(_phrase(p, language), answer) for answer, words in grammar.YES_NO[language].items() for p in words]
    answers = {answer for answer, _, _ in _consume(text, pairs, language)[0]}
    return answers.pop() if len(answers) == 1 else None


def understand(listen, utterance, confidence, language, *, min_confidence=None):
    """What `utterance` answers to a question listening for `listen`: a purpose at the open menu
    question, yes or no, or digits; "人工"/"operator" everywhere, and "重听"/"主菜单" where a
    purpose was not asked for. A yes or no heard with low confidence is not taken: asked again."""
    minimum = DEFAULTS["SPEECH_MIN_CONFIDENCE"] if min_confidence is None else min_confidence
    intent = route(utterance, confidence, language, min_confidence=minimum)
    if intent.purpose == "operator" or listen == "menu":
        return Heard(intent.purpose, intent.confident)
    if listen == "yes_no":
        answer = yes_no(utterance, language)
        if answer is not None:
            return Heard("yes" if answer else "no", True) if _sure(confidence, minimum) else Heard(None, False)
    else:
        digits = spoken_digits(utterance, language)
        if digits:
            return Heard(digits, True)
    if intent.purpose in NAVIGATION and intent.confident:
        return Heard(intent.purpose, True)
    return Heard(None, False)


def hints(language, kind="menu"):
    """Twilio's <Gather hints> for a question: the grammar's own words (never its mis-hearings),
    the operator's always among them."""
    if kind == "menu":
        phrases = [p for by_language in grammar.PURPOSES.values() for p in by_language[language]]
    elif kind == "yes_no":
        phrases = [p for words in grammar.YES_NO[language].values() for p in words]
    else:
        phrases = list(grammar.DIGIT_WORDS[language])
    phrases += grammar.PURPOSES["operator"][language]
    return ",".join(list(dict.fromkeys(phrases))[:MAX_HINTS])


def gather_attributes(config, language, kind="menu"):
    """The <Gather> attributes that listen for keys and, when SPEECH_ENABLED, speech in `language`.

    Keys always work. With a speech model set Twilio wants speechTimeout in whole seconds
    ("auto" raises warning 13335), so the setting is an integer per language.
    """
    if not config["SPEECH_ENABLED"]:
        return {"input": "dtmf"}
    suffix = language.upper()
    return {
        "input": "dtmf speech",
        "language": config[f"SPEECH_LANGUAGE_{suffix}"],
        "speech_timeout": str(config[f"SPEECH_TIMEOUT_{suffix}"]),
        "speech_model": config["SPEECH_MODEL"],
        "hints": hints(language, kind),
    }
