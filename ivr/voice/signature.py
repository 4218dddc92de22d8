"""Twilio's signature on every webhook: a request Twilio did not sign is refused with a 403."""

import hmac
import logging
from functools import lru_cache

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator

from ivr.platform.metrics import UNSIGNED

log = logging.getLogger(__name__)


def verify_twilio_signature():
    """Refuse a request that Twilio did not sign, whenever an auth token is configured."""
    if not signed_request():
        refuse_unsigned()
    return None


def refuse_unsigned():
    """403, counted apart from the apologies callers hear (hotline_unsigned_requests)."""
    UNSIGNED.inc()
    abort(403)


def signed_request():
    """True when no token is configured, or Twilio signed this request (whatever its method or path)."""
    token = current_app.config.get("TWILIO_AUTH_TOKEN")
    if not token:
        return True
    base = current_app.config.get("PUBLIC_BASE_URL")
    url = base.rstrip("/") + request.full_path.rstrip("?") if base else request.url
    if request.method == "POST" and any(len(values) > 1 for values in request.form.listvalues()):
        # Twilio never repeats a field; a copy added to a signed request would ride on its signature.
        log.warning("refused a request to %s with a repeated form field", request.path)
        return False
    params = request.form.to_dict(flat=True) if request.method == "POST" else {}
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not signed_by_twilio(token, url, params, signature):
        log.warning("refused a request to %s with a missing or wrong Twilio signature", request.path)
        return False
    return True


class FlatValidator(RequestValidator):
    """Twilio's validator over a plain dict of single values (repeated fields are refused before).

    The library looks each field up through two AttributeErrors (MultiDict, then QueryDict APIs)
    before it tries a dict: on Twilio's thirty-odd fields that was most of the check's CPU.
    """

    def get_values(self, param_dict, param_name):
        return (param_dict[param_name],)


@lru_cache(maxsize=4)
def validator(token):
    return FlatValidator(token)


def signed_by_twilio(token, url, params, signature):
    """True when Twilio signed this URL and these fields with `token`.

    Twilio's own `validate` always computes two HMACs (the URL with and without its port); the URL
    as the app knows it is tried first, and only a miss goes on to the library's two variants.
    """
    check = validator(token)
    expected = check.compute_signature(url, params)
    if hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return True
    return check.validate(url, params, signature)
