"""Opaque tokens for searches on personal data (issue 11 #5).

A caller number typed into the call log's filter arrives by POST; the call log's URL, its page
links and its CSV link then carry only `?q=<token>`: the search encrypted (Fernet, with a key
derived from SECRET_KEY), bound to the operator who made it and to their session generation
(signing out, or a password reset, ends it), and valid for one console session's length. No URL,
access log, Referer or cookie holds the number in clear, and a token copied to another operator,
or kept past a sign-out, finds nothing.
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, g


def _fernet():
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"ivr console search token").derive(
        current_app.config["SECRET_KEY"].encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _who():
    """The signed-in operator and the generation of their sessions."""
    operator = g.get("operator")
    return getattr(operator, "id", None), getattr(operator, "session_generation", None)


def remember(values):
    """A token standing for `values` (a small dict) for the signed-in operator's current sessions."""
    by, generation = _who()
    payload = json.dumps({"by": by, "gen": generation, "values": values}, separators=(",", ":")).encode()
    return _fernet().encrypt(payload).decode("ascii")


def recall(token):
    """What `token` stands for, or None (forged, expired, or made by another operator)."""
    if not token or len(token) > 1000:
        return None
    try:
        payload = _fernet().decrypt(token.encode("ascii"), ttl=current_app.config["CONSOLE_SESSION_HOURS"] * 3600)
        found = json.loads(payload)
    except (InvalidToken, UnicodeEncodeError, ValueError):
        return None
    if not isinstance(found, dict) or not isinstance(found.get("values"), dict):
        return None  # signed with our key but not what `remember` makes
    return found["values"] if (found.get("by"), found.get("gen")) == _who() else None
