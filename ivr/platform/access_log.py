"""gunicorn's logs as JSON lines (in words at a terminal): the access log names the path, never the query
string or a body.

A query string may carry what a person typed (a console search, a phone number) and a webhook's
body carries what the caller keyed: neither is ever logged. Paths hold only ids, and digit runs
in them are masked like every other line (ivr/platform/logs.py).

A Twilio webhook that the app answered has its own line already (ivr/platform/metrics.py: step, outcome,
CallSid, status, time, request id), so it gets no second one here: at a city's peak that halves
the log volume and the CPU spent writing it. A 5xx that gunicorn itself answered is still logged.
"""

import logging

from gunicorn.glogging import Logger

from ivr.platform.logs import RedactingJsonFormatter, formatter, redact

WEBHOOK_PATHS = ("/voice/", "/sms/")


class JsonAccessLogger(Logger):
    """gunicorn `logger_class`: JSON error and access lines without query strings."""

    in_words = False

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(
                    formatter("text")
                    if self.in_words
                    else RedactingJsonFormatter(
                        "%(asctime)s %(levelname)s %(name)s %(message)s",
                        rename_fields={"levelname": "level", "asctime": "time", "name": "logger"},
                    )
                )

    def access(self, resp, _req, environ, request_time):
        if not self.access_log_enabled:
            return
        if environ.get("PATH_INFO", "").startswith(WEBHOOK_PATHS) and resp.status_code < 500:
            return
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        fields = {
            "remote": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": redact(environ.get("PATH_INFO", ""))[:200],
            "status": resp.status_code,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "request_id": headers.get("x-request-id"),
        }
        said = "{method} {path} {status} ({duration_ms} ms)".format(**fields) if self.in_words else "request"
        self.access_log.info(said, extra=fields)


class TextAccessLogger(JsonAccessLogger):
    """The same lines in words, for `python app.py` at a terminal (LOG_FORMAT=text)."""

    in_words = True


logging.getLogger("gunicorn.access").propagate = False
