"""The browser softphone: a page at /softphone and the small JSON API it talks to."""

import re

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import get_locale
from werkzeug.exceptions import BadRequest, Conflict, NotFound, UnsupportedMediaType

from ivr.calendar import clock
from ivr.softphone import browser, words
from ivr.softphone.access import softphone_allowed, softphone_owner
from ivr.softphone.engine import MAX_KEYS
from ivr.softphone.gather import MAX_WORDS, TYPED_CONFIDENCE
from ivr.softphone.line import DIALECTS
from ivr.softphone.twiml import DTMF_KEYS
from ivr.store import db
from ivr.voice.signature import enabled_engines

bp = Blueprint(
    "softphone",
    __name__,
    url_prefix="/softphone",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
CALLER = re.compile(r"^\+?[0-9]{3,20}$|^anonymous$")


@bp.before_request
def only_where_allowed():
    """Hidden (404) unless in development or a supervisor is signed in (see access.py)."""
    if not softphone_allowed():
        abort(404)


def language():
    """The page's language: the console's (Mandarin unless English was chosen there)."""
    return words.language_of(str(get_locale() or ""))


def told(key, **values):
    """The softphone's words for `key` in the page's language (words.py)."""
    return words.say(key, language(), **values)


def form():
    """The JSON body; asking for JSON also keeps other sites' forms out (no CORS here)."""
    if not request.is_json:
        raise UnsupportedMediaType(told("refused.json"))
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest(told("refused.object"))
    return body


def app():
    return current_app._get_current_object()


def run(action, call_id):
    try:
        return browser.act(db, app(), call_id, action, owner=softphone_owner(), now=clock.now(), language=language())
    except browser.CallGone:
        raise NotFound(told("refused.no_call")) from None
    except browser.CallMoved:
        raise Conflict(told("refused.moved")) from None
    except words.Refused as exc:  # the engine: the call has ended, or nothing waits for keys
        raise Conflict(exc.words(language())) from None


@bp.get("")
def page():
    """The keypad, the transcript and the SMS."""
    return render_template("softphone.html", engines=DIALECTS, enabled=engines(), words=words.for_page(language()))


@bp.post("/api/calls")
def start_call():
    """Ring the hotline (in this app) from the given number."""
    caller = str(form().get("from") or "+8613500000000").strip()
    if not CALLER.match(caller):
        raise BadRequest(told("refused.from"))
    which = str(form().get("line") or "hotline")
    if which not in browser.LINES:
        raise BadRequest(told("refused.line"))
    engine = str(form().get("engine") or "twilio")
    if engine not in engines():
        raise BadRequest(told("refused.engine", engines=", ".join(sorted(engines()))))
    owner, now = softphone_owner(), clock.now()
    result = browser.start(
        db, app(), caller=caller, owner=owner, now=now, which=which, dialect=engine, language=language()
    )
    return result, 201


def engines():
    """The engines the page may ring as: those VOICE_ENGINE lets call (Twilio's dialect, jambonz's)."""
    return enabled_engines(current_app.config) & set(DIALECTS)


@bp.get("/api/calls/<call_id>")
def show_call(call_id):
    try:
        since = request.args.get("since", "0")
        since = int(since) if since.isdigit() and len(since) < 7 else 0
        return browser.show(db, app(), call_id, owner=softphone_owner(), since=since, language=language())
    except browser.CallGone:
        raise NotFound(told("refused.no_call")) from None


@bp.post("/api/calls/<call_id>/keys")
def press(call_id):
    """Keys for the open <Gather>: a whole entry; "" is silence until the timeout."""
    keys = form().get("keys", "")
    if not isinstance(keys, str) or len(keys) > MAX_KEYS or not set(keys) <= DTMF_KEYS:
        raise BadRequest(told("refused.keys", max=MAX_KEYS))
    return run(lambda call: call.press(keys), call_id)


@bp.post("/api/calls/<call_id>/speech")
def say(call_id):
    """Words for the open <Gather>, posted on as Twilio's SpeechResult with a Confidence (0..1)."""
    body = form()
    words, confidence = body.get("words"), body.get("confidence", TYPED_CONFIDENCE)
    if not isinstance(words, str) or not 0 < len(words.strip()) <= MAX_WORDS:
        raise BadRequest(told("refused.words", max=MAX_WORDS))
    try:
        if not 0 <= float(confidence) <= 1:
            raise ValueError
    except (TypeError, ValueError):
        raise BadRequest(told("refused.confidence")) from None
    return run(lambda call: call.say(words.strip(), str(confidence)), call_id)


@bp.post("/api/calls/<call_id>/wait")
def keep_waiting(call_id):
    """Stay in the queue another ~30 s: the wait URL plays again."""
    form()
    return run(lambda call: call.wait(), call_id)


@bp.post("/api/calls/<call_id>/hangup")
def hang_up(call_id):
    form()
    return run(lambda call: call.hang_up(), call_id)
