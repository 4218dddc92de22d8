"""Logs: one JSON object per line, each carrying the request id and the CallSid (or the SMS's id).

Every line of one webhook shares its `request_id` (the X-Request-Id a trusted proxy set, else a
fresh one, echoed in the response) and its `call_sid`; lines of the sender carry `message_id`.
Whatever a line says, runs of six or more digits are masked before it is written, so an ID
number, a password, identity digits or a full phone number cannot reach a log even by mistake
(an exception's text included).
"""

import contextvars
import logging
import re
import sys
import uuid
from contextlib import contextmanager

from flask import g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

MESSAGE_ID = contextvars.ContextVar("message_id", default=None)
JOB = contextvars.ContextVar("job", default=None)
# Standalone runs of digits (an optional + first, an X last as ID numbers end): masked whole.
DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9])\+?\d[\d ]{4,}\d[Xx]?(?![A-Za-z0-9])")
SAFE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def redact(text):
    """`text` with every standalone run of 6+ digits replaced by its length, e.g. [11 digits]."""
    return DIGIT_RUN.sub(lambda m: f"[{sum(c.isdigit() for c in m.group())} digits]", text)


def _safe(value):
    return value if value and SAFE_ID.match(value) else None


def request_call_sid():
    """The CallSid (or MessageSid) a webhook names: Twilio's form field, or jambonz's `call_sid`."""
    if request.mimetype == "application/json":
        payload = request.get_json(silent=True, cache=True)
        return (
            payload.get("call_sid") if isinstance(payload, dict) and isinstance(payload.get("call_sid"), str) else None
        )
    form = request.form if request.method == "POST" else request.args
    return form.get("CallSid") or form.get("MessageSid")


class ContextFilter(logging.Filter):
    """Stamp each record with the request and call (or message and job) it belongs to."""

    def filter(self, record):
        record.request_id = record.call_sid = None
        if has_request_context():
            record.request_id = g.get("request_id")
            record.call_sid = _safe(request_call_sid())
        record.message_id = MESSAGE_ID.get()
        record.job = JOB.get()
        return True


class Redacting:
    """Mask digit runs in the message and in an exception's text (SQL errors quote parameters)."""

    def format(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        return super().format(record)

    def formatException(self, ei):
        return redact(super().formatException(ei))


class RedactingJsonFormatter(Redacting, JsonFormatter):
    def process_log_record(self, log_record):
        """Leave out context that does not apply (no request in the scheduler, no job in a request)."""
        return {key: value for key, value in log_record.items() if value is not None}


class RedactingTextFormatter(Redacting, logging.Formatter):
    """A line for a person at a terminal: time, level, where, what; then the call or message it is about."""

    def format(self, record):
        line = super().format(record)
        context = [f"{name}={value}" for name in CONTEXT if (value := getattr(record, name, None))]
        if not context:
            return line
        first, newline, rest = line.partition("\n")
        return f"{first}  ({', '.join(context)}){newline}{rest}"


CONTEXT = ("call_sid", "message_id", "job", "request_id")


def formatter(kind):
    if kind == "text":
        return RedactingTextFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", datefmt="%H:%M:%S")
    return RedactingJsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(call_sid)s %(message_id)s %(job)s",
        rename_fields={"levelname": "level", "asctime": "time", "name": "logger"},
        timestamp=False,
    )


def configure(level="INFO", kind="json", stream=None):
    """Route every logger through one handler writing `kind` lines to stderr (or `stream`)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(ContextFilter())
    handler.setFormatter(formatter(kind))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "ivr_handler", False):
            root.removeHandler(old)
    handler.ivr_handler = True
    root.addHandler(handler)
    root.setLevel(level)
    # A line every few seconds for each scheduler tick drowns what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    return handler


def init_request_ids(app):
    """Give every request an id: a trusted proxy's X-Request-Id, else a new one; echo it back."""

    @app.before_request
    def _request_id():
        offered = request.headers.get("X-Request-Id") if app.config.get("TRUSTED_PROXIES") else None
        g.request_id = _safe(offered) or uuid.uuid4().hex

    @app.after_request
    def _echo(response):
        if g.get("request_id"):
            response.headers["X-Request-Id"] = g.request_id
        return response


@contextmanager
def about_message(message_id):
    """Lines logged inside carry this SMS's id."""
    token = MESSAGE_ID.set(message_id)
    try:
        yield
    finally:
        MESSAGE_ID.reset(token)


@contextmanager
def in_job(job_id):
    """Lines logged inside carry the scheduler job's id."""
    token = JOB.set(job_id)
    try:
        yield
    finally:
        JOB.reset(token)
