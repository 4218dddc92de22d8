"""The prompt catalogue: every sentence a caller hears or reads, keyed, in Mandarin and English.

Each area of the hotline keeps its sentences in a module of this package as a dict
`PROMPTS = {key: {"zh": ..., "en": ...}}` with `str.format` placeholders; add the module
to AREAS and the catalogue picks it up (tests check both languages and every placeholder).
"""

import importlib
import re
import string

LANGUAGES = ("zh", "en")
AREAS = (
    "common",
    "welcome",
    "navigation",
    "identify",
    "preloss",
    "cancel",
    "progress",
    "outlets",
    "operator",
    "cards",
    "lifecycle",
    "sms",
    "reminders",
    "queue",
    "callback",
    "rating",
    "listening",
)


class MissingPrompt(KeyError):
    """A key or a language the catalogue does not have."""


def _load():
    catalogue = {}
    for area in AREAS:
        module = importlib.import_module(f"{__name__}.{area}")
        for key, texts in module.PROMPTS.items():
            if key in catalogue:
                raise RuntimeError(f"prompt {key!r} is defined twice")
            catalogue[key] = texts
    return catalogue


CATALOGUE = _load()


def placeholders(template):
    """The names a template needs filled."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def text(key, language, **values):
    """The sentence for `key` in `language`, with its placeholders filled (all must be given)."""
    try:
        template = CATALOGUE[key][language]
    except KeyError:
        raise MissingPrompt(f"{key}/{language}") from None
    missing = placeholders(template) - values.keys()
    if missing:
        raise MissingPrompt(f"{key}/{language} needs {', '.join(sorted(missing))}")
    return finish(template.format(**values))


# A value ending in an abbreviation ("5:30 p.m.") placed before a full stop: say one stop, not two.
_DOUBLE_STOP = re.compile(r"(?<=\b[ap]\.m\.)\.")


def finish(sentence):
    return _DOUBLE_STOP.sub("", sentence)


def hotline_name(language, config):
    """The configured name of the hotline, or the catalogue's default in that language."""
    return config.get("HOTLINE_NAME") or text("welcome.default_name", language)
