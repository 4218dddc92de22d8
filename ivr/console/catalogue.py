"""Keeping the console's gettext catalogues: extract, merge, compile (`python -m ivr.console.catalogue`).

The .po files are the source, kept in the repository; the .mo files are compiled from them and
committed too (a test checks they are up to date), so a server needs no build step.
"""

import io
import os
import sys

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ivr.console.i18n import TRANSLATIONS

CONSOLE_LANGUAGES = ("zh",)  # English is the source language: its msgids are the English text


def po_path(language):
    return os.path.join(TRANSLATIONS, language, "LC_MESSAGES", "messages.po")


def compiled(language):
    """The .mo bytes the .po of `language` compiles to."""
    with open(po_path(language), "rb") as source:
        catalog = read_po(source, locale=language)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_all():
    for language in CONSOLE_LANGUAGES:
        with open(po_path(language)[:-3] + ".mo", "wb") as target:
            target.write(compiled(language))


if __name__ == "__main__":
    compile_all()
    sys.exit(0)
