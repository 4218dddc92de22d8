"""How the console names call events and steps for a person reading a timeline."""

EVENTS = {
    "call_started": "Call answered",
    "step_entered": "Reached step",
    "input_accepted": "Caller entered",
    "input_rejected": "Entry not accepted",
    "verification_passed": "Identity verified",
    "verification_failed": "Identity check failed",
    "verification_refused": "Cannot verify by phone",
    "locked_out": "Phone verification locked",
    "report_filed": "Pre-loss report filed",
    "report_refused": "Report not filed",
    "sms_queued": "SMS queued",
    "operator_transfer": "Transfer to an operator started",
    "operator_answered": "Operator answered",
    "operator_unanswered": "Operator did not answer",
    "operator_closed": "Outside operator hours",
    "report_cancelled": "Pre-loss report cancelled",
    "cancel_refused": "Cancellation refused",
    "outlet_info": "Outlet information given",
    "sms_refused": "SMS not sent",
    "outcome": "Outcome",
    "hangup": "Call ended",
    "out_of_step": "Out-of-order request ignored",
    "queue_joined": "Joined the operator queue",
    "queue_leaving": "Pressed 1 in the queue (callback)",
    "queue_left": "Left the operator queue",
    "callback_requested": "Callback requested",
    "callback_merged": "Callback request merged with today's",
    "rating_asked": "Asked for a rating",
    "rating_given": "Rated the call (1 satisfied, 2 basically, 3 dissatisfied)",
    "rating_reason": "Gave a reason",
    "rating_skipped": "Did not rate",
    "left_quietly": "Left without a key",
}
# Accepted inputs whose detail names a field rather than a choice: only say it was given.
FIELDS = {"id_number": "ID number (digits not kept)", "password": "service password (digits not kept)"}


def explain_event(event):
    """(what happened, detail) for one CallEvent; never shows keyed digits (none are stored)."""
    title = EVENTS.get(event.kind, event.kind.replace("_", " "))
    detail = event.detail or ""
    if event.kind == "step_entered":
        detail = event.step
    elif event.kind == "input_accepted":
        detail = FIELDS.get(detail, detail.replace("=", ": "))
    return title, detail
