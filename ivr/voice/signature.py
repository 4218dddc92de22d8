"""Every voice webhook is signed by the engine that sent it; a request it did not sign gets a 403.

- Twilio: X-Twilio-Signature with TWILIO_AUTH_TOKEN.
- SignalWire (TwiML-compatible): X-SignalWire-Signature, the same algorithm with
  SIGNALWIRE_SIGNING_KEY, when that key is configured.
- jambonz: `Jambonz-Signature: t=<unix time>,v1=<hex>`, an HMAC-SHA256 with the application's
  webhook secret (JAMBONZ_WEBHOOK_SECRET) over "<t>.<raw body>", refused when older than five
  minutes, as @jambonz/node-client's verifyJambonzSignature checks it.

Which engines may call at all is VOICE_ENGINE; a request in another engine's dialect is refused.
"""

import hashlib
import hmac
import logging
import time
from functools import lru_cache

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator

from ivr.platform.metrics import UNSIGNED
from ivr.voice import inbound

log = logging.getLogger(__name__)
JAMBONZ_TOLERANCE_SECONDS = 300


def verify_signature():
    """Refuse a request from an engine not enabled, or not signed by its engine when a secret is set."""
    engine = inbound.engine()
    if engine not in enabled_engines(current_app.config):
        log.warning("refused a %s request to %s: VOICE_ENGINE does not include it", engine, request.path)
        refuse_unsigned()
    if not signed_request():
        refuse_unsigned()
    return None


def verify_twilio_signature():
    """Twilio's SMS webhooks: refuse what Twilio (or SignalWire) did not sign."""
    if not twilio_signed():
        refuse_unsigned()
    return None


def refuse_unsigned():
    """403, counted apart from the apologies callers hear (hotline_unsigned_requests)."""
    UNSIGNED.inc()
    abort(403)


def signed_request():
    """True when no secret is configured, or the engine that sent this request signed it
    (whatever its method or path)."""
    return jambonz_signed() if inbound.engine() == inbound.JAMBONZ else twilio_signed()


def enabled_engines(config):
    return {name.strip() for name in config.get("VOICE_ENGINE", inbound.TWILIO).split(",")}


def jambonz_signed():
    secret = current_app.config.get("JAMBONZ_WEBHOOK_SECRET")
    if not secret:
        return True
    header = request.headers.get("Jambonz-Signature", "")
    if not signed_by_jambonz(secret, request.get_data(cache=True), header, time.time()):
        log.warning("refused a request to %s with a missing, wrong or stale jambonz signature", request.path)
        return False
    return True


def jambonz_signature(secret, body, timestamp):
    """The v1 signature jambonz puts on `body` sent at `timestamp`."""
    material = str(int(timestamp)).encode() + b"." + body
    return hmac.new(secret.encode(), material, hashlib.sha256).hexdigest()


def signed_by_jambonz(secret, body, header, now):
    """True when `header` (t=...,v1=...) signs `body` with `secret`, no older than the tolerance."""
    parts = [item.split("=", 1) for item in header.split(",") if "=" in item]
    stamps = [value for key, value in parts if key.strip() == "t"]
    signatures = [value.strip() for key, value in parts if key.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].strip().isdigit() or not signatures:
        return False
    timestamp = int(stamps[0])
    if abs(now - timestamp) > JAMBONZ_TOLERANCE_SECONDS:
        return False
    expected = jambonz_signature(secret, body, timestamp)
    return any(hmac.compare_digest(expected.encode(), s.encode("utf-8", "replace")) for s in signatures)


def twilio_signed():
    """True when no key is configured, or Twilio (or SignalWire) signed this request."""
    config = current_app.config
    token, signing_key = config.get("TWILIO_AUTH_TOKEN"), config.get("SIGNALWIRE_SIGNING_KEY")
    if not token and not signing_key:
        return True
    base = config.get("PUBLIC_BASE_URL")
    url = base.rstrip("/") + request.full_path.rstrip("?") if base else request.url
    if request.method == "POST" and any(len(values) > 1 for values in request.form.listvalues()):
        # Twilio never repeats a field; a copy added to a signed request would ride on its signature.
        log.warning("refused a request to %s with a repeated form field", request.path)
        return False
    params = request.form.to_dict(flat=True) if request.method == "POST" else {}
    signalwire = request.headers.get("X-SignalWire-Signature", "")
    if signing_key and signalwire:
        key, signature = signing_key, signalwire
    else:
        key, signature = token, request.headers.get("X-Twilio-Signature", "")
    if not key or not signature or not signed_by_twilio(key, url, params, signature):
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
