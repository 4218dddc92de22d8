"""The dashboard's figures by name, as the figures CSV and the tiles word them."""

from flask_babel import lazy_gettext as _l

FIGURES = {
    "calls": _l("Calls"),
    "unique_callers": _l("Unique callers"),
    "reports_filed": _l("Pre-loss reports filed"),
    "reports_cancelled": _l("Reports cancelled"),
    "progress_inquiries": _l("Progress inquiries"),
    "operator_transfers": _l("Operator transfers"),
    "abandoned": _l("Callers who hung up before an outcome"),
    "hotline_ended": _l("Calls the hotline ended"),
    "failed_verifications": _l("Failed verifications"),
    "calls_ended_verification_failed": _l("Calls ended after failed verification"),
    "lockouts": _l("Lockouts"),
    "self_service": _l("Self-service calls"),
    "self_service_rate": _l("Self-service rate"),
    "avg_duration_s": _l("Average duration"),
    "p90_duration_s": _l("90th percentile duration"),
    "sms_sent": _l("SMS sent"),
    "sms_delivered": _l("SMS delivered"),
    "sms_failed": _l("SMS failed"),
}
