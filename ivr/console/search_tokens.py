"""Opaque tokens for searches on personal data (issue 11 #5).

A caller number typed into the call log's filter arrives by POST and is kept in the operator's
signed session under a random token; the call log's URL, its next-page links and its CSV link
carry only `?q=<token>`, so no access log, browser history or Referer holds the number.
"""

import secrets

from flask import session

KEEP = 8  # the newest searches an operator may page through or export


def remember(values):
    """Keep `values` (a small dict) for this session; the token that names them."""
    searches = dict(session.get("searches") or {})
    token = secrets.token_urlsafe(9)
    searches[token] = values
    while len(searches) > KEEP:
        searches.pop(next(iter(searches)))
    session["searches"] = searches
    return token


def recall(token):
    """What `token` stands for in this session, or None (unknown, expired, or another session's)."""
    if not token:
        return None
    return (session.get("searches") or {}).get(token)
