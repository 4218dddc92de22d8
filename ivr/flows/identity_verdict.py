"""The identity check's verdict: both answers (service password, the mobile's last four) judged
together, and what the caller hears of it: through, once more, locked out, or a person."""

from flask import current_app

from ivr.flows import menu
from ivr.flows.outlets import say_nearest_terminal
from ivr.identity import verification
from ivr.messaging.notify import notify
from ivr.voice import calls


def judge(session, call, reply, holder, matches, *, now, ask_again):
    """Both answers (password, mobile) judged together: through, a retry (`ask_again`, the
    password question), a lockout or a person."""
    config = current_app.config
    verdict = verification.judge(session, call, holder, matches, now=now, config=config)
    call.password_ok = False
    if verdict.outcome == "verified":
        call.verified = True
        calls.record(session, call, "verification_passed", now=now)
        reply.redirect(menu.AFTER_VERIFIED.get(call.purpose, "voice.welcome.menu"))
        return
    if verdict.outcome == "initial_password":
        # Only a person (or an outlet) can help: in staffed hours the caller is put through.
        calls.record(session, call, "verification_refused", "initial password", now=now)
        calls.finish(session, call, "initial_password", now=now)
        if menu.staffed_now(now):
            reply.say("identify.initial_password_to_person")
        else:
            reply.say("identify.initial_password")
            say_nearest_terminal(session, reply, holder.area_code)
        menu.person_or_callback(reply, now, "initial_password")
        return
    if verdict.outcome == "locked" and not verdict.locked_now:
        # Locked by other calls while this one was answering: nothing was judged.
        calls.record(session, call, "locked_out", "already locked", now=now)
        calls.finish(session, call, "locked_out", now=now)
        reply.say("identify.locked", hours=config["LOCKOUT_HOURS"])
        menu.person_or_callback(reply, now, "locked_out")
        return
    calls.record(session, call, "verification_failed", now=now)
    if verdict.outcome == "locked":
        calls.record(session, call, "locked_out", now=now)
        calls.finish(session, call, "locked_out", now=now)
        if holder is not None:
            queue_lockout_alert(session, call, holder, now=now)
        reply.say("identify.locked", hours=config["LOCKOUT_HOURS"])
        menu.person_or_callback(reply, now, "locked_out")
    elif verdict.outcome == "failed_final":
        calls.finish(session, call, "verification_failed", now=now)
        reply.say("identify.failed_to_person" if menu.staffed_now(now) else "identify.failed_final")
        menu.person_or_callback(reply, now, "verification_failed")
    else:
        calls.enter(session, call, "password", now=now)
        reply.say("identify.failed")
        ask_again(reply)


def queue_lockout_alert(session, call, holder, *, now):
    """Tell the cardholder, on the registered mobile, that someone keeps failing their checks."""
    config = current_app.config
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
