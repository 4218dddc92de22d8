"""The audit log page: filter by days, action, channel, who and target; export as CSV."""

import re
from dataclasses import dataclass

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _

from ivr.console import exports
from ivr.console.blueprint import bp, now
from ivr.console.labels import choices, label, names
from ivr.console.pages import csv_response
from ivr.console.ranges import BadRange, from_args
from ivr.console.signin import supervisor_only
from ivr.store import audit, db

PAGE_LIMIT = 500
MOVE = re.compile(r"^([a-z_]+) -> ([a-z_]+)$")
ALERT = re.compile(r"^(\d+) failed sign-ins in (\d+) minutes")


@dataclass(frozen=True)
class AuditFilter:
    days: object
    action: str = ""
    channel: str = ""
    who: str = ""
    target: str = ""

    def query(self):
        args = self.days.query()
        args.update({k: getattr(self, k) for k in ("action", "channel", "who", "target") if getattr(self, k)})
        return args

    def entries(self, session, *, newest_first, limit=None):
        """The audit log's entries this filter asks for (ivr/store/audit.py)."""
        wanted = {k: getattr(self, k) for k in ("action", "channel", "who", "target")}
        return audit.entries(session, self.days.start, self.days.end, newest_first=newest_first, limit=limit, **wanted)


def audit_filter():
    try:
        days = from_args(request.args, now(), current_app.config["IVR_TIMEZONE"], default="30d")
    except BadRange:
        abort(
            400,
            description=_("The dates are not a range the console can show (from must be before to, at most a year)."),
        )
    args = {k: request.args.get(k, "").strip()[:100] for k in ("action", "channel", "who", "target")}
    return AuditFilter(days=days, **args)


def detail_words(entry):
    """An entry's detail in words: a card move names the states."""
    found = MOVE.match(entry.detail or "")
    if entry.action == "card_move" and found:
        return f"{label('card_state', found[1])} → {label('card_state', found[2])}"
    if entry.action in ("create_operator", "change_role") and entry.detail in ("operator", "supervisor"):
        return label("role", entry.detail)
    if entry.action == "callback_outcome":
        return label("callback_outcome", entry.detail)
    if entry.action == "operator_line" and entry.detail == "removed":
        return _("removed")
    alert = ALERT.match(entry.detail or "")
    if entry.action == "sign_in_alert" and alert:
        return _("%(n)s failed sign-ins in %(minutes)s minutes", n=alert[1], minutes=alert[2])
    return entry.detail or ""


TARGET = re.compile(r"^(card|message) (\d+)(?: …(\w+))?$")


def target_words(entry):
    """What an entry was done to, in words: card 12 …0001 -> "Card 12 (ending 0001)"."""
    found = TARGET.match(entry.target or "")
    if not found:
        return entry.target or ""
    if found[1] == "message":
        return _("SMS %(n)s", n=found[2])
    if found[3]:
        return _("Card %(n)s (ending %(last4)s)", n=found[2], last4=found[3])
    return _("Card %(n)s", n=found[2])


@bp.app_template_global()
def audit_detail(entry):
    return detail_words(entry)


@bp.app_template_global()
def audit_target(entry):
    return target_words(entry)


@bp.get("/audit")
@supervisor_only
def audit_log():
    """What people changed (console, CLI, API), newest first, filtered (supervisors only)."""
    flt = audit_filter()
    rows = flt.entries(db.session, newest_first=True, limit=PAGE_LIMIT + 1)
    db.session.commit()
    return render_template(
        "console/audit.html",
        entries=rows[:PAGE_LIMIT],
        more=len(rows) > PAGE_LIMIT,
        limit=PAGE_LIMIT,
        flt=flt,
        days=flt.days,
        actions=choices("audit_action"),
        channels=choices("channel"),
    )


def csv_row(entry, words, tz):
    """One audit entry as a CSV row: local time, codes in words."""
    return (
        entry.at.astimezone(tz).isoformat(timespec="seconds"),
        entry.operator,
        words["channel"].get(entry.channel, entry.channel),
        entry.address,
        words["audit_action"].get(entry.action, entry.action),
        target_words(entry),
        detail_words(entry),
        entry.reason,
    )


@bp.get("/audit.csv")
@supervisor_only
def audit_csv():
    """The filtered audit log as CSV, oldest first."""
    flt = audit_filter()
    words = names("audit_action", "channel")
    header = [_("When"), _("Who"), _("From where"), _("Address"), _("Action"), _("On"), _("Detail"), _("Reason")]
    entries = flt.entries(db.session, newest_first=False)
    db.session.commit()
    rows = [csv_row(e, words, flt.days.tz) for e in entries]
    name = f"audit-{flt.days.first.isoformat()}-{flt.days.last.isoformat()}.csv"
    return csv_response(exports.csv_chunks(header, iter(rows)), name)
