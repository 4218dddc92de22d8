"""Which approved form carries an SMS when a mainland provider's variable rules refuse the usual one.

An outlet's name or address may be longer than a provider lets one variable be (Alibaba: 35
characters), or hold a character it refuses. Such a message is not cut mid-address, nor left
unsent: it is composed from the plainer key its kind names (ivr/messaging/kinds.py), which does
not carry that variable — a reminder then says "an outlet", as when no outlet is known. The choice
is made when the message is composed, so its stored words are the words the provider sends.
"""

import logging
import os
from functools import lru_cache

from ivr.messaging import template_rules, templates
from ivr.prompts import CATALOGUE, placeholders

log = logging.getLogger(__name__)


def provider_book(config):
    """The mainland provider's templates, or None when SMS goes another way (or the file is unreadable)."""
    backend, path = config.get("SMS_BACKEND"), config.get("SMS_TEMPLATES_FILE")
    if backend not in templates.PROVIDERS or not path:
        return None
    try:
        return _load(path, backend, os.stat(path).st_mtime_ns)
    except (OSError, templates.TemplateFileError):
        return None  # start-up refused this file already; the send names what is wrong


@lru_cache(maxsize=4)
def _load(path, backend, _changed):
    return templates.load(path, backend)


def refused(book, key, language, values, names=None):
    """Why the provider's rules refuse `values` in the template of `key` (only `names`, if given), or None."""
    template = book.templates.get((key, language))
    if template is None:
        return None
    filled = {name: str(values[name]) for name in template.names() if name in values}
    return template_rules.broken(book, template, filled, names=names)


def plainest_in(book, kind, key, language, values, names=None):
    """`key`, or the first plainer form of it whose template the provider's rules let these values fill.

    With `names`, only those values are checked and known (the CLI's look at the outlet directory).
    """
    while key in kind.plainer and refused(book, key, language, values, names):
        plainer = kind.plainer[key]
        if names is None and not placeholders(CATALOGUE[plainer][language]) <= values.keys():
            break
        key = plainer
    return key


def plainest(kind, key, language, values, config):
    """The key to compose `kind` from: `key`, unless the mainland provider's rules refuse its values."""
    book = provider_book(config)
    if book is None:
        return key
    chosen = plainest_in(book, kind, key, language, values)
    if chosen != key:
        # The reason names the variable and the rule, never the value.
        log.info("SMS %s sent as %s: %s", key, chosen, refused(book, key, language, values))
    return chosen
