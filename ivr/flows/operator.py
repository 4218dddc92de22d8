"""Speaking to an operator during staffed hours; outside them, the hours and a way to report at once."""

from flask import Blueprint

from ivr.flows import menu
from ivr.flows.queue import join as join_queue
from ivr.flows.rating import farewell
from ivr.flows.submenu import invalid, navigate
from ivr.voice import calls
from ivr.voice.webhook import voice_step

bp = Blueprint("operator", __name__, url_prefix="/operator")
ANSWERED = {"completed", "answered"}
STATUS_PROMPTS = {"busy": "operator.busy"}  # anything else unanswered: no-answer, failed, canceled


REPORT = menu.BY_PURPOSE["report"]
CALLBACK_KEY = "2"


def ask_closed(turn):
    """Outside staffed hours: the hours, a report at once (the menu's own key and words), a call back."""

    def ask(reply):
        words = {"report_choice": menu.choice(REPORT.purpose, reply.language)}
        prompt = "operator.closed" if menu.staffed_ever(turn.settings) else "operator.never"
        reply.ask("voice.operator.closed", [(prompt, words)], num_digits=1)

    return ask


@bp.post("")
@voice_step(runs_in_place=True)
def start(turn):
    """Staffed: the queue for a team (OPERATOR_QUEUE), else <Dial> to OPERATOR_NUMBER; otherwise say the hours."""
    if not menu.staffed_now(turn):
        calls.record(turn.session, turn.call, "operator_closed", now=turn.now)
        calls.enter(turn.session, turn.call, "operator_closed", now=turn.now)
        ask_closed(turn)(turn.reply)
    elif turn.settings.get("OPERATOR_QUEUE"):
        join_queue(turn)
    else:
        dial_operator(turn)


def dial_operator(turn):
    """Put the caller through to OPERATOR_NUMBER (when there is none, say so and go back to the menu)."""
    session, call, reply, now, config = turn.session, turn.call, turn.reply, turn.now, turn.settings
    if not config.get("OPERATOR_NUMBER"):
        calls.record(session, call, "operator_unanswered", "no OPERATOR_NUMBER", now=now)
        reply.say("operator.unavailable").redirect("voice.welcome.menu")
        return
    calls.record(session, call, "operator_transfer", now=now)
    calls.enter(session, call, "operator_dial", now=now)
    ring = config["OPERATOR_RING_SECONDS"]
    reply.say("operator.transferring").dial(config["OPERATOR_NUMBER"], "voice.operator.dialled", timeout=ring)


@bp.post("/dialled")
@voice_step
def dialled(turn):
    """The transfer ended: after a conversation say goodbye; unanswered, say so and go back to the menu."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    status = turn.field("DialCallStatus")[:24]
    if status in ANSWERED:
        calls.record(session, call, "operator_answered", status, now=now)
        calls.finish(session, call, "operator_transfer", now=now)
        farewell(turn, context="operator")
        return
    calls.record(session, call, "operator_unanswered", status or "unknown", now=now)
    reply.say(STATUS_PROMPTS.get(status, "operator.no_answer")).redirect("voice.callback.offer", reason="no_operator")


@bp.post("/closed")
@voice_step
def closed(turn):
    """Outside staffed hours: 1 reports a lost card straight away, 2 asks for a call back."""
    session, call, reply, now, key = turn.session, turn.call, turn.reply, turn.now, turn.keys
    if navigate(turn, key, ask_closed(turn)):
        return
    if key == REPORT.key:
        calls.accept_input(session, call, f"menu={REPORT.purpose}", now=now)
        call.purpose = REPORT.purpose
        reply.redirect(REPORT.start)
        return
    if key == CALLBACK_KEY and menu.staffed_ever(turn.settings):
        calls.accept_input(session, call, "callback=yes", now=now)
        reply.redirect("voice.callback.start", reason="closed")
        return
    invalid(turn, key, ask_closed(turn))
