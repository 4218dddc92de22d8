"""Sending through Twilio's Messages API."""

from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from .gateways import SendError

# Twilio error codes that will not go away by trying again: invalid, unreachable, opted out.
PERMANENT_ERRORS = {21211, 21214, 21408, 21610, 21612, 21614, 21617, 30003, 30005, 30006}


class TwilioGateway:
    def __init__(self, client, *, from_number=None, messaging_service_sid=None, status_callback=None):
        self.client = client
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.status_callback = status_callback

    @classmethod
    def from_config(cls, config, http_client=None):
        # Twilio's client waits forever by default; a sender must not hang on one message.
        http_client = http_client or TwilioHttpClient(timeout=15)
        client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"], http_client=http_client)
        base = (config.get("PUBLIC_BASE_URL") or "").rstrip("/")
        return cls(
            client, from_number=config.get("TWILIO_FROM_NUMBER"),
            messaging_service_sid=config.get("TWILIO_MESSAGING_SERVICE_SID"),
            status_callback=f"{base}/sms/status" if base else None,
        )

    def send(self, message):
        params = {"to": message.to_number, "body": message.body}
        if self.messaging_service_sid:
            params["messaging_service_sid"] = self.messaging_service_sid
        else:
            params["from_"] = self.from_number
        if self.status_callback:
            params["status_callback"] = f"{self.status_callback}?m={message.id}"
        try:
            return self.client.messages.create(**params).sid
        except TwilioRestException as exc:
            permanent = exc.code in PERMANENT_ERRORS or exc.status in (400, 401, 403, 404)
            raise SendError(f"twilio {exc.status} {exc.code}: {exc.msg}", permanent=permanent) from None
