"""One table giving every code a person may meet in the console a label, in the operator's language.

Codes stay codes in the database, URLs and CSV's code columns; a person reads these words. The
English text is the gettext msgid; the Mandarin lives in translations/zh/LC_MESSAGES/messages.po.
tests/test_console_labels.py checks every code the code base can produce has a label here.
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
        "callback_requested": _l("Asked for a call back"),
        "abandoned": _l("Caller hung up"),
    },
    "step": {
        "language": _l("Choosing a language"),
        "menu": _l("Main menu"),
        "id_number": _l("Keying the ID number"),
        "id_confirm": _l("Confirming the ID number"),
        "password": _l("Service password"),
        "mobile4": _l("Last four digits of the mobile"),
        "preloss_confirm": _l("Confirming the report"),
        "preloss_done": _l("Report read back"),
        "cancel_confirm": _l("Confirming the cancellation"),
        "cancel_done": _l("Cancellation read back"),
        "progress_done": _l("Progress read back"),
        "outlets_area": _l("Choosing an area for outlets"),
        "outlets_done": _l("Outlets read back"),
        "operator_dial": _l("Ringing an operator"),
        "operator_closed": _l("Told operator hours"),
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
        "reset_operator_password": _l("Operator's password reset"),
        "sign_in_alert": _l("Sign-in alert"),
    },
    "role": {"operator": _l("Operator"), "supervisor": _l("Supervisor")},
    "channel": {"console": _l("Console"), "cli": _l("Command line"), "api": _l("Card API")},
    "actor": {
        "phone": _l("Phone"), "operator": _l("Operator or outlet staff"), "production": _l("Card factory"),
        "scheduler": _l("Scheduler"),
    },
    "event": {
        "call_started": _l("Call answered"),
        "step_entered": _l("Reached step"),
        "input_accepted": _l("Caller entered"),
        "input_rejected": _l("Entry not accepted"),
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
    },
}


def label(domain, code):
    """The label of `code` in `domain`, in the operator's language; an unknown code shows as itself
    (a test keeps that from happening for every code the hotline produces)."""
    if not code:
        return ""
    found = LABELS.get(domain, {}).get(code)
    return str(found) if found is not None else code


def choices(domain, codes=None):
    """(code, label) pairs for a select list, in the table's order."""
    table = LABELS[domain]
    return [(code, str(table[code])) for code in (codes or table)]


def names(*domains):
    """{domain: {code: label}} with the labels read now, for a stream (a CSV) that looks up many rows."""
    return {domain: {code: str(text) for code, text in LABELS[domain].items()} for domain in domains}
