"""One table giving every code a person may meet in the console a label, in the operator's language.

Codes stay codes in the database, URLs and CSV's code columns; a person reads these words. The
English text is the gettext msgid; the Mandarin lives in translations/zh/LC_MESSAGES/messages.po.
tests/console/test_console_labels.py checks every code the code base can produce has a label here.
"""

from flask_babel import lazy_gettext as _l

LABELS = {
    "outcome": {
        "report_filed": _l("Report filed"),
        "report_existing": _l("Already reported"),
        "report_cancelled": _l("Report cancelled"),
        "progress_told": _l("Progress told"),
        "outlets_told": _l("Outlets told"),
        "operator_transfer": _l("Put through to an operator"),
        "operator_closed": _l("Outside operator hours"),
        "gave_up": _l("Hotline ended after failed tries"),
        "hotline_goodbye": _l("Hotline said goodbye after silence"),
        "verification_failed": _l("Identity not verified"),
        "locked_out": _l("Phone verification locked"),
        "initial_password": _l("Still on the initial password"),
        "callback_requested": _l("Callback requested"),
        "abandoned": _l("Caller hung up"),
    },
    "step": {
        "language": _l("Choosing a language"),
        "menu": _l("Main menu"),
        "id_number": _l("Keying the ID number"),
        "id_confirm": _l("Confirming the ID number"),
        "password": _l("Service password"),
        "mobile4": _l("Last four digits of the mobile"),
        "mobile4_check": _l("Confirming the mobile digits said"),
        "preloss_confirm": _l("Confirming the report"),
        "preloss_done": _l("Report read back"),
        "cancel_confirm": _l("Confirming the cancellation"),
        "cancel_done": _l("Cancellation read back"),
        "progress_done": _l("Progress read back"),
        "outlets_area": _l("Choosing an area for outlets"),
        "outlets_done": _l("Outlets read back"),
        "operator_dial": _l("Ringing an operator"),
        "operator_closed": _l("Told operator hours"),
        "operator_queue": _l("Waiting for an operator"),
        "callback_offer": _l("Offered a call back"),
        "callback_number": _l("Giving the call-back number"),
    },
    "purpose": {
        "report": _l("Report a lost card"),
        "cancel": _l("Cancel a report"),
        "progress": _l("Replacement progress"),
        "outlets": _l("Outlets"),
        "operator": _l("Speak to an operator"),
    },
    "language": {"zh": _l("Mandarin"), "en": _l("English")},
    "card_state": {
        "active": _l("Active"),
        "preloss": _l("Suspended (pre-loss report)"),
        "formal_loss": _l("Formally reported lost"),
        "replacement_applied": _l("Replacement applied for"),
        "in_production": _l("In production"),
        "ready": _l("Ready for collection"),
        "collected": _l("Collected (old card void)"),
        "cancelled": _l("Cancelled"),
    },
    "report_status": {
        "active": _l("In force"),
        "lapsed": _l("Lapsed"),
        "cancelled": _l("Cancelled"),
        "formalized": _l("Made formal"),
        "closed": _l("Closed"),
    },
    "sms_kind": {
        "preloss_confirmation": _l("Report confirmation"),
        "preloss_cancelled": _l("Report cancelled"),
        "formal_report_reminder": _l("Formal report reminder"),
        "lapse_notice": _l("Report lapsed notice"),
        "lockout_alert": _l("Lockout alert"),
        "outlet_info": _l("Outlet information"),
        "card_ready": _l("Card ready"),
        "collection_reminder": _l("Collection reminder"),
        "card_cancelled": _l("Card cancelled"),
        "card_reactivated": _l("Card reactivated"),
        "callback_ack": _l("Callback request received"),
        "opted_out": _l("Reply: reminders stopped"),
        "opted_in": _l("Reply: reminders on again"),
        "help": _l("Reply: what the hotline does"),
    },
    "sms_state": {
        "pending": _l("Waiting"),
        "sending": _l("Sending"),
        "sent": _l("Sent"),
        "delivered": _l("Delivered"),
        "failed": _l("Failed"),
        "cancelled": _l("Cancelled"),
    },
    "audit_action": {
        "sign_in": _l("Signed in"),
        "sign_out": _l("Signed out"),
        "card_move": _l("Card moved"),
        "sms_retry": _l("SMS sent again"),
        "create_operator": _l("Operator created or reset"),
        "deactivate_operator": _l("Operator deactivated"),
        "reactivate_operator": _l("Operator reactivated"),
        "change_role": _l("Operator's role changed"),
        "outlet_english": _l("Outlet's English name and address changed"),
        "reset_operator_password": _l("Operator's password reset"),
        "sign_in_alert": _l("Sign-in alert"),
        "callback_claim": _l("Callback claimed"),
        "callback_outcome": _l("Callback outcome recorded"),
        "operator_line": _l("Operator line changed"),
        "operator_pin_proven": _l("Operator line PIN keyed"),
        "operator_pin_failed": _l("Wrong operator line PIN"),
        "operator_pin_throttled": _l("Operator line paused after wrong PINs"),
        "sms_limit": _l("SMS limit reached"),
    },
    "role": {"operator": _l("Operator"), "supervisor": _l("Supervisor")},
    "channel": {"console": _l("Console"), "cli": _l("Command line"), "api": _l("Card API"), "phone": _l("Phone")},
    "actor": {
        "phone": _l("Phone"),
        "operator": _l("Operator or outlet staff"),
        "production": _l("Card factory"),
        "scheduler": _l("Scheduler"),
    },
    "event": {
        "call_started": _l("Call answered"),
        "step_entered": _l("Reached step"),
        "input_accepted": _l("Caller entered"),
        "input_rejected": _l("Entry not accepted"),
        "speech_heard": _l("Caller spoke (words not kept)"),
        "speech_confirm": _l("Asked to confirm what was heard"),
        "verification_passed": _l("Identity verified"),
        "verification_failed": _l("Identity check failed"),
        "verification_refused": _l("Cannot verify by phone"),
        "locked_out": _l("Phone verification locked"),
        "report_filed": _l("Pre-loss report filed"),
        "report_refused": _l("Report not filed"),
        "sms_queued": _l("SMS queued"),
        "operator_transfer": _l("Transfer to an operator started"),
        "operator_answered": _l("Operator answered"),
        "operator_unanswered": _l("Operator did not answer"),
        "operator_closed": _l("Outside operator hours"),
        "report_cancelled": _l("Pre-loss report cancelled"),
        "cancel_refused": _l("Cancellation refused"),
        "outlet_info": _l("Outlet information given"),
        "outlets_missing": _l("No outlet for that area"),
        "progress_told": _l("Progress told"),
        "sms_refused": _l("SMS not sent"),
        "outcome": _l("Outcome"),
        "hangup": _l("Call ended"),
        "left_quietly": _l("Caller left without a word"),
        "out_of_step": _l("Out-of-order request ignored"),
        "queue_joined": _l("Joined the operator queue"),
        "queue_leaving": _l("Leaving the queue for a callback"),
        "queue_stayed": _l("Offered a callback in the queue, stayed on the line"),
        "queue_left": _l("Left the operator queue"),
        "callback_requested": _l("Callback requested"),
        "callback_merged": _l("Callback request merged"),
        "callback_number_refused": _l("Callback number refused"),
        "callback_not_made": _l("No automatic callback: the caller ID cannot be called"),
        "wrapup_recorded": _l("Operator recorded the outcome"),
        "rating_asked": _l("Satisfaction rating asked"),
        "rating_given": _l("Satisfaction rating given"),
        "rating_skipped": _l("Satisfaction rating skipped"),
        "rating_reason": _l("Reason for dissatisfaction given"),
    },
    # The operator queue and callbacks (ivr/operators/queue.py, ivr/operators/callbacks.py, ivr/flows/queue.py).
    "queue_state": {"waiting": _l("Waiting in the queue"), "connected": _l("On a call")},
    "queue_result": {  # Twilio's QueueResult when a caller leaves the queue
        "bridged": _l("Put through to an operator"),
        "bridging-in-process": _l("Being put through"),
        "hangup": _l("Caller hung up"),
        "leave": _l("Left for a callback"),
        "redirected": _l("Moved on by the hotline"),
        "queue-full": _l("Queue full"),
        "system-error": _l("Queue error"),
        "error": _l("Queue error"),
        "unknown": _l("Unknown"),
    },
    "callback_reason": {
        "closed": _l("Line closed"),
        "wait_limit": _l("Long wait in the queue"),
        "asked_while_waiting": _l("Asked while waiting"),
        "initial_password": _l("Initial password"),
        "locked_out": _l("Verification locked"),
        "queue_failed": _l("Queue unavailable"),
        "no_operator": _l("Operator did not answer"),
        "asked": _l("Asked for a callback"),
        "lost_in_queue": _l("Hung up after a long wait (automatic)"),
    },
    "callback_outcome": {
        "reached": _l("Reached"),
        "no_answer": _l("No answer"),
        "wrong_number": _l("Wrong number"),
        "done": _l("Done"),
    },
    "callback_status": {
        "open": _l("Open"),
        "reached": _l("Reached"),
        "unreached": _l("Not reached"),
        "wrong_number": _l("Wrong number"),
        "done": _l("Done"),
    },
    # Satisfaction ratings (ivr/operators/ratings.py): the caller's key is the score.
    "rating_score": {1: _l("Satisfied"), 2: _l("Basically satisfied"), 3: _l("Dissatisfied")},
    "rating_reason": {
        1: _l("Waited too long"),
        2: _l("Problem not solved"),
        3: _l("Menu hard to use"),
        4: _l("Operator's manner"),
        5: _l("Something else"),
    },
    # Wrap-up codes (WRAPUP_CODES): the defaults worded; a code a deployment adds shows as itself.
    "wrapup_code": {
        "solved": _l("Solved"),
        "preloss_filed": _l("Pre-loss report filed for the caller"),
        "information_given": _l("Information given"),
        "referred_to_outlet": _l("Referred to an outlet"),
        "callback_needed": _l("Call back needed"),
        "complaint": _l("Complaint"),
        "other": _l("Other"),
    },
    "rating_context": {"self_service": _l("After self-service"), "operator": _l("After an operator")},
}


def label(domain, code):
    """The label of `code` in `domain`, in the operator's language; an unknown code shows as itself
    (a test keeps that from happening for every code the hotline produces)."""
    if not code:
        return ""
    found = LABELS.get(domain, {}).get(code)
    return str(found) if found is not None else code


def came_from(code):
    """Where a caller asked for a person ("purpose:outcome", see queueing.came_from) in words."""
    purpose, _sep, outcome = (code or "").partition(":")
    where = label("step", "menu") if purpose in ("", "menu") else label("purpose", purpose)
    return f"{where} · {label('outcome', outcome)}" if outcome else where


def choices(domain, codes=None):
    """(code, label) pairs for a select list, in the table's order."""
    table = LABELS[domain]
    return [(code, str(table[code])) for code in (codes or table)]


def names(*domains):
    """{domain: {code: label}} with the labels read now, for a stream (a CSV) that looks up many rows."""
    return {domain: {code: str(text) for code, text in LABELS[domain].items()} for domain in domains}
