"""How the engine's requests reach a hotline: in-process through Flask's test client, or over HTTP."""

import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from ivr.softphone.line import HotlineError


class FlaskTransport:
    """Requests into an app in this process (no server, no network): the app's own test client."""

    def __init__(self, app):
        self.client = app.test_client()

    def request(self, method, url, form, headers):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.open(
            path,
            method=method,
            data=form or None,
            headers=headers,
            base_url=f"{parts.scheme}://{parts.netloc}",
        )
        return response.status_code, response.content_type or "", response.get_data()


class HttpTransport:
    """Requests to a hotline running somewhere else, e.g. `python app.py` on this laptop."""

    def __init__(self, timeout=15):
        self.timeout = timeout

    def request(self, method, url, form, headers):
        """`form`: a dict posted as a form, or bytes posted as they are (jambonz's JSON)."""
        data = (form if isinstance(form, bytes) else urlencode(form).encode()) if method == "POST" else None
        request = urllib.request.Request(
            url,
            data=data,
            method=method,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                **headers,
                "User-Agent": "ivr-softphone/1",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read()
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise HotlineError("http.unreachable", url=url, reason=str(reason)) from None


def app_line_settings(app, dialect="twilio"):
    """(Voice URL, token) for ringing `app` in-process, signed the way its signature check expects
    (jambonz: the webhook secret)."""
    base = app.config.get("PUBLIC_BASE_URL") or "http://localhost"
    key = "JAMBONZ_WEBHOOK_SECRET" if dialect == "jambonz" else "TWILIO_AUTH_TOKEN"
    return base.rstrip("/") + "/voice/incoming", app.config.get(key)
