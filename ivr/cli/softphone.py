"""The terminal softphone: `flask --app app call` or `python -m ivr.softphone`."""

import json
import logging
import os
from urllib.parse import urlsplit

import click
from flask import current_app, has_app_context
from flask.cli import ScriptInfo

from ivr.softphone.engine import MAX_KEYS, SoftCall
from ivr.softphone.gather import spoken_turn
from ivr.softphone.line import DIAL_STATUSES, DIALECTS, Line
from ivr.softphone.messages import messages_for_call
from ivr.softphone.transports import FlaskTransport, HttpTransport, app_line_settings
from ivr.softphone.twiml import DTMF_KEYS
from ivr.softphone.words import DEFAULT_LANGUAGE, LANGUAGES, Refused, describe, language_of, say
from ivr.store import db
from ivr.voice.signature import enabled_engines

VOICE_PATH = "/voice/incoming"


def script_entries(text):
    """--keys "1,say: 我卡丢了,11010519491231002*#,,1": one entry per turn; an empty entry is silence,
    "say: words" (or "say 0.4: words", with the recognizer's confidence) is speech."""
    entries = [entry.strip() if spoken(entry) else entry.replace(" ", "") for entry in text.split(",")]
    for number, entry in enumerate(entries, 1):
        if not spoken(entry) and (len(entry) > MAX_KEYS or not set(entry) <= DTMF_KEYS):
            raise click.BadParameter(
                f"entry {number} ({entry!r}) may hold only 0-9, * and #, or be said: say: words", param_hint="--keys"
            )
    return entries


def spoken(entry):
    """(words, confidence) when `entry` is a spoken turn, else None."""
    try:
        return spoken_turn(entry)
    except Refused as exc:
        raise click.BadParameter(str(exc), param_hint="--keys") from None


def take_turn(phone, entry):
    """Say or key one entry."""
    turn = spoken(entry)
    return phone.say(*turn) if turn else phone.press(entry)


def voice_url(url):
    """A hotline's base URL or its Voice URL: the Voice URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--url")
    return url if parts.path not in ("", "/") else url.rstrip("/") + VOICE_PATH


# Where a transcript line starts on the terminal, by who acts: the caller ("> "), the hotline or the
# softphone (indented); a prompt shows the voice's language. The words are words.py's, one catalogue
# with the browser page, in the call's language (Mandarin until the hotline answers in English).
MARGINS = {"keys": "> ", "silence": "> ", "speech": "> ", "wait": "> ", "say": "  [{language}] "}
INDENTED = {"play", "pause", "dial", "error", "note"}


def line_of(event, language):
    """One transcript event as a terminal line."""
    margin = MARGINS.get(event["type"], "  " if event["type"] in INDENTED else "")
    return margin.format_map(event) + describe(event, language)


def answered_in(events, before):
    """The call's language after a turn: the hotline's answer's first prompt's (the greeting is Mandarin,
    then offers English; after 8 the answers are English), else what it was."""
    first = next((event for event in events if event["type"] == "say"), None)
    return language_of(first["language"]) if first else before


def ask_keys(waiting, language):
    """Read one entry from the keyboard; None means hang up."""
    count = waiting["num_digits"]
    shape = say("cli.keys_count", language, count=count) if count else say("cli.keys_any", language)
    finish = say("cli.finish", language, key=waiting["finish_on_key"]) if waiting["finish_on_key"] else ""
    speech = say("cli.or_say", language) if waiting.get("speech") else ""
    while True:
        try:
            typed = click.prompt(
                say("cli.prompt", language, shape=shape, finish=finish, say=speech),
                default="",
                show_default=False,
                prompt_suffix="> ",
            ).strip()
        except click.Abort:  # Ctrl-D or Ctrl-C: put the phone down properly
            click.echo()
            return None
        line = typed.replace(" ", "")
        if line.lower() == "q":
            return None
        try:
            if spoken_turn(typed):
                return typed
        except Refused as exc:
            click.echo(f"  ({exc.words(language)})")
            continue
        if len(line) <= MAX_KEYS and set(line) <= DTMF_KEYS:
            return line
        click.echo("  " + say("cli.keypad", language))


def hotline_app(needed):
    """The app: flask's (or the test runner's) when there is one, else a new one only if `needed`."""
    if has_app_context():
        return current_app._get_current_object()
    info = click.get_current_context().find_object(ScriptInfo)
    if info is not None:
        return info.load_app()
    if not needed:
        return None
    raise click.UsageError("no hotline app: run it as `flask --app app call` or give --url")


def settings(url, dialect="twilio"):
    """(app or None, Voice URL, token): in-process unless --url names a running hotline."""
    app = hotline_app(needed=url is None)
    if url is None:
        voice, token = app_line_settings(app, dialect)
        return app, voice, token
    key = "JAMBONZ_WEBHOOK_SECRET" if dialect == "jambonz" else "TWILIO_AUTH_TOKEN"
    token = app.config.get(key) if app else os.environ.get(key)
    return app, voice_url(url), token


@click.command("call")
@click.option("--url", default=None, help="Ring a running hotline (base or Voice URL); default: this app, in-process.")
@click.option(
    "--keys",
    "script",
    default=None,
    help='Entries to key, comma-separated, e.g. "1,1,11010519491231002*#,1"; empty = silence.',
)
@click.option("--from", "caller", default="+8613500000000", show_default=True, help="The caller's number.")
@click.option("--to", "callee", default="+8610096102", show_default=True, help="The number called.")
@click.option("--token", default=None, help="Sign requests with this auth token (default: TWILIO_AUTH_TOKEN).")
@click.option(
    "--engine",
    "dialect",
    type=click.Choice(DIALECTS),
    default="twilio",
    show_default=True,
    help="Ring as this engine does: Twilio's form and TwiML, or jambonz's JSON (signed with JAMBONZ_WEBHOOK_SECRET).",
)
@click.option(
    "--dial-status",
    type=click.Choice(DIAL_STATUSES),
    default="no-answer",
    show_default=True,
    help="What a <Dial> pretends happened.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON at the end.")
def call(url, script, caller, callee, token, dialect, dial_status, as_json):
    """Ring the hotline and talk to it from the keyboard (or a --keys script)."""
    # In-process, the person at this keyboard is the caller: each webhook's log line is for the
    # operators' logs, not for the screen between the prompts (the level is put back afterwards).
    metrics_log = logging.getLogger("ivr.platform.metrics")
    before = metrics_log.level
    if url is None:
        metrics_log.setLevel(logging.WARNING)
    try:
        ring(url, script, caller, callee, token, dialect, dial_status, as_json)
    finally:
        metrics_log.setLevel(before)


def ring(url, script, caller, callee, token, dialect, dial_status, as_json):
    """The call itself (see `call`)."""
    entries = script_entries(script) if script is not None else None
    app, voice, configured_token = settings(url, dialect)
    refuse_an_engine_it_takes_no_calls_from(app if url is None else None, dialect)
    transport = FlaskTransport(app) if url is None else HttpTransport()
    line = Line(
        transport,
        url=voice,
        token=token or configured_token,
        caller=caller,
        callee=callee,
        dial_status=dial_status,
        dialect=dialect,
    )
    phone = SoftCall(line)
    spoken = [DEFAULT_LANGUAGE]

    def language():
        return spoken[0]

    def show(events):
        spoken[0] = answered_in(events, spoken[0])
        if not as_json:
            for event in events:
                click.echo(line_of(event, language()))

    show(phone.ring())
    while not phone.ended:
        # A script's keys, then silence once it runs out; at a terminal, whatever is typed.
        keys = ask_keys(phone.waiting, language()) if entries is None else (entries.pop(0) if entries else None)
        if keys is None:
            if entries is not None and not as_json:
                click.echo(say("cli.script_out", language()))
            show(phone.hang_up())
            break
        events = take_turn(phone, keys)
        show(events if entries is not None else events[1:])
    if entries:
        click.echo(say("cli.unused", language(), count=len(entries)), err=True)
    sms = sms_caused(app, phone.state["sid"]) if app is not None and url is None else []
    if as_json:
        click.echo(
            json.dumps(
                {"call_sid": phone.state["sid"], "events": phone.events, "sms": sms, "error": phone.error},
                ensure_ascii=False,
                indent=2,
            )
        )
    elif sms:
        click.echo(say("cli.sms", language()))
        for message in sms:
            click.echo("  " + say("cli.sms_line", language(), **message))
    if phone.error:
        raise SystemExit(1)


def refuse_an_engine_it_takes_no_calls_from(app, dialect):
    """In-process, say so before ringing rather than let the hotline's 403 read as a wrong token."""
    if app is None or dialect in enabled_engines(app.config):
        return
    values = {"engine": dialect, "allowed": app.config.get("VOICE_ENGINE")}
    raise click.UsageError("\n".join(say("cli.engine_off", language, **values) for language in LANGUAGES))


def sms_caused(app, call_sid):
    with app.app_context(), db.new_session() as session:
        return messages_for_call(session, call_sid, app.config["IVR_TIMEZONE"])
