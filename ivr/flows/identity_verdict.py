"""The identity check's verdict: both answers (service password, the mobile's last four) judged
together, and what the caller hears of it: through, once more, locked out, or a person."""

from ivr.flows import menu
from ivr.flows.outlets import say_nearest_terminal
from ivr.identity import verification
from ivr.messaging.notify import notify
from ivr.voice import calls


def judge(turn, holder, matches, *, ask_again):
    """Both answers (password, mobile) judged together: through, a retry (`ask_again`, the
    password question), a lockout or a person."""
    session, call = turn.session, turn.call
    verdict = verification.judge(session, call, holder, matches, now=turn.now, config=turn.settings)
    call.password_ok = False
    if verdict.outcome == "verified":
        call.verified = True
        calls.record(session, call, "verification_passed", now=turn.now)
        turn.reply.redirect(menu.AFTER_VERIFIED.get(call.purpose, "voice.welcome.menu"))
    elif verdict.outcome == "initial_password":
        refer_initial_password(turn, holder)
    elif verdict.outcome == "locked" and not verdict.locked_now:
        # Locked by other calls while this one was answering: nothing was judged.
        tell_already_locked(turn)
    else:
        calls.record(session, call, "verification_failed", now=turn.now)
        tell_failure(turn, holder, verdict.outcome, ask_again)


def refer_initial_password(turn, holder):
    """The password was never changed from the initial one: only a person (or an outlet) can
    help; in staffed hours the caller is put through."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    calls.record(session, call, "verification_refused", "initial password", now=now)
    calls.finish(session, call, "initial_password", now=now)
    if menu.staffed_now(turn):
        reply.say("identify.initial_password_to_person")
    else:
        reply.say("identify.initial_password")
        say_nearest_terminal(session, reply, holder.area_code)
    menu.person_or_callback(turn, "initial_password")


def tell_already_locked(turn):
    """This ID number was locked out before this call's answers were judged."""
    calls.record(turn.session, turn.call, "locked_out", "already locked", now=turn.now)
    calls.finish(turn.session, turn.call, "locked_out", now=turn.now)
    turn.reply.say("identify.locked", hours=turn.settings["LOCKOUT_HOURS"])
    menu.person_or_callback(turn, "locked_out")


def tell_failure(turn, holder, outcome, ask_again):
    """A wrong answer: locked out now, out of tries (a person), or asked the password again."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    if outcome == "locked":
        lock_out(turn, holder)
    elif outcome == "failed_final":
        calls.finish(session, call, "verification_failed", now=now)
        reply.say("identify.failed_to_person" if menu.staffed_now(turn) else "identify.failed_final")
        menu.person_or_callback(turn, "verification_failed")
    else:
        calls.enter(session, call, "password", now=now)
        reply.say("identify.failed")
        ask_again(reply)


def lock_out(turn, holder):
    """This answer was the last try: the ID number is locked, and its cardholder told by SMS."""
    calls.record(turn.session, turn.call, "locked_out", now=turn.now)
    calls.finish(turn.session, turn.call, "locked_out", now=turn.now)
    if holder is not None:
        queue_lockout_alert(turn, holder)
    turn.reply.say("identify.locked", hours=turn.settings["LOCKOUT_HOURS"])
    menu.person_or_callback(turn, "locked_out")


def queue_lockout_alert(turn, holder):
    """Tell the cardholder, on the registered mobile, that someone keeps failing their checks."""
    session, call, now, config = turn.session, turn.call, turn.now, turn.settings
    notify(
        session,
        "lockout_alert",
        subject=f"lockout:{holder.id}:{now:%Y%m%d%H%M}",
        to=holder.mobile,
        facts={"hours": config["LOCKOUT_HOURS"]},
        due_at=now,
        language=holder.language,
        config=config,
        call_id=call.id,
    )
    calls.record(session, call, "sms_queued", "lockout_alert", now=now)
