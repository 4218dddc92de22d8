"""Sending through Twilio's Messages API with a timeout, sorting its failures into retry, fail, or unknown."""

from datetime import timedelta

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from ivr.messaging.envelope import Found, SendError, UnknownOutcome
from ivr.messaging.transport import never_connected
from ivr.platform.config import ConfigError

# Twilio error codes that will not go away by trying again: invalid, unreachable, opted out.
PERMANENT_ERRORS = {21211, 21214, 21408, 21610, 21612, 21614, 21617, 30003, 30005, 30006}
# The request did not reach Twilio, or Twilio says it could not take it now: try again later.
TRANSIENT_STATUSES = {401, 403, 408, 409, 429}
LOOKUP_DEPTH = 20
CLOCK_SKEW = timedelta(minutes=5)


class TwilioGateway:
    def __init__(self, client, *, from_number=None, messaging_service_sid=None, status_callback=None):
        self.client = client
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.status_callback = status_callback

    @classmethod
    def from_config(cls, config, http_client=None):
        missing = [key for key in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN") if not config.get(key)]
        if not (config.get("TWILIO_FROM_NUMBER") or config.get("TWILIO_MESSAGING_SERVICE_SID")):
            missing.append("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID")
        if missing:
            raise ConfigError("SMS_BACKEND=twilio needs " + ", ".join(missing))
        # Twilio's client waits forever by default; a sender must not hang on one message.
        http_client = http_client or TwilioHttpClient(timeout=config["SMS_HTTP_TIMEOUT"])
        client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"], http_client=http_client)
        base = (config.get("PUBLIC_BASE_URL") or "").rstrip("/")
        return cls(
            client,
            from_number=config.get("TWILIO_FROM_NUMBER"),
            messaging_service_sid=config.get("TWILIO_MESSAGING_SERVICE_SID"),
            status_callback=f"{base}/sms/status" if base else None,
        )

    def params(self, message):
        """The Messages API parameters for one message (its id rides in the StatusCallback URL)."""
        params = {"to": message.to, "body": message.body}
        if self.messaging_service_sid:
            params["messaging_service_sid"] = self.messaging_service_sid
        else:
            params["from_"] = self.from_number
        if self.status_callback:
            params["status_callback"] = f"{self.status_callback}?m={message.id}"
        if message.validity_seconds:
            params["validity_period"] = message.validity_seconds
        return params

    def send(self, message):
        try:
            return self.client.messages.create(**self.params(message)).sid
        except TwilioRestException as exc:
            raise classify(exc) from None
        except requests.exceptions.RequestException as exc:
            if never_connected(exc):
                raise SendError(f"could not reach Twilio: {type(exc).__name__}") from None
            raise UnknownOutcome(type(exc).__name__) from None

    def lookup(self, message, since):
        """Twilio's own record of this message: the newest messages to the number, matched by body.

        Runs a lease after the hand-over, when Twilio's list is up to date; None if Twilio cannot say.
        """
        try:
            recent = self.client.messages.list(to=message.to, limit=LOOKUP_DEPTH)
        except (TwilioException, requests.exceptions.RequestException):
            return None
        for item in recent:
            created = item.date_created
            if item.body == message.body and (created is None or created >= since - CLOCK_SKEW):
                return Found(item.sid, str(item.status))
        return Found("", "not_sent")


def classify(exc):
    """A Twilio error as a SendError: permanent for a bad number or a bad request, else transient."""
    reason = f"twilio {exc.status} {exc.code or ''}: {exc.msg}".replace("  ", " ")[:500]
    if exc.code in PERMANENT_ERRORS:
        return SendError(reason, permanent=True)
    if exc.status >= 500 or exc.status in TRANSIENT_STATUSES:
        return SendError(reason)
    return SendError(reason, permanent=True)
