"""CSRF protection: a random token per session, required on every form the console posts."""

import hmac
import secrets

from flask import abort, request, session

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def token():
    """This session's token, made on first use; templates put it in every form."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check():
    """Refuse (403) a state-changing request whose token is missing or not this session's."""
    if request.method not in UNSAFE:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
    expected = session.get("csrf", "")
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(403, description="The form was missing its security token or it had expired. "
                               "Reload the page and try again.")
