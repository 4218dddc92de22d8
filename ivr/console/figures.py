"""The dashboard's figures for a range of local days, from the counts ivr/store/call_counts.py reads; no Flask.

Every figure counts calls by the moment they started (in IVR_TIMEZONE), so the dashboard, its
charts and a call log filtered on the same days always agree. See docs/console.md for the
definitions of "self-service" and "abandoned".
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l

from ivr.console.ranges import DayRange
from ivr.messaging import outbox
from ivr.operators.ratings import SELF_SERVICE
from ivr.store import call_counts

# Outcomes that mean the caller got what they came for from the IVR alone (one list: ivr/operators/ratings.py).
SELF_SERVICE_OUTCOMES = tuple(sorted(SELF_SERVICE))
# Calls the hotline ended itself: they are not "abandoned" (that is a caller hanging up first).
HOTLINE_ENDED_OUTCOMES = ("gave_up", "operator_closed", "hotline_goodbye")
# The pre-loss report flow, in order; each stage counts the calls that got at least that far.
FUNNEL = (
    ("chose_report", _l("Chose 1: report a lost card")),
    ("id_number", _l("Asked for the ID number")),
    ("id_confirm", _l("ID number accepted, read back")),
    ("password", _l("Asked for the service password")),
    ("mobile4", _l("Asked for the mobile's last four")),
    ("preloss_confirm", _l("Verified, offered the report")),
    ("filed", _l("Report filed (or existing one told)")),
)
FUNNEL_RANK = {key: rank for rank, (key, _) in enumerate(FUNNEL)}
FILED_OUTCOMES = ("report_filed", "report_existing")


@dataclass
class Figures:
    days: DayRange
    calls: int = 0
    unique_callers: int = 0
    reports_filed: int = 0
    reports_cancelled: int = 0
    progress_inquiries: int = 0
    operator_transfers: int = 0
    abandoned: int = 0  # the caller hung up before any outcome
    hotline_ended: int = 0  # the hotline said goodbye: after failed tries, out of hours, or silence
    failed_verifications: int = 0
    verification_failed_calls: int = 0
    lockouts: int = 0
    self_service: int = 0
    avg_duration_s: float | None = None
    p90_duration_s: int | None = None
    sms_sent: int = 0
    sms_delivered: int = 0
    sms_failed: int = 0
    by_outcome: Counter = field(default_factory=Counter)
    by_purpose: Counter = field(default_factory=Counter)
    by_language: Counter = field(default_factory=Counter)
    abandoned_at_step: Counter = field(default_factory=Counter)
    per_hour: list = field(default_factory=lambda: [0] * 24)
    per_day: dict = field(default_factory=dict)
    funnel: list = field(default_factory=list)

    @property
    def self_service_rate(self):
        return self.self_service / self.calls if self.calls else None

    def flat(self):
        """(name, value) pairs for the CSV export of the figures."""
        rate = self.self_service_rate
        rows = [
            ("calls", self.calls),
            ("unique_callers", self.unique_callers),
            ("reports_filed", self.reports_filed),
            ("reports_cancelled", self.reports_cancelled),
            ("progress_inquiries", self.progress_inquiries),
            ("operator_transfers", self.operator_transfers),
            ("abandoned", self.abandoned),
            ("hotline_ended", self.hotline_ended),
            ("failed_verifications", self.failed_verifications),
            ("calls_ended_verification_failed", self.verification_failed_calls),
            ("lockouts", self.lockouts),
            ("self_service", self.self_service),
            ("self_service_rate", "" if rate is None else f"{rate:.4f}"),
            ("avg_duration_s", "" if self.avg_duration_s is None else f"{self.avg_duration_s:.1f}"),
            ("p90_duration_s", "" if self.p90_duration_s is None else self.p90_duration_s),
            ("sms_sent", self.sms_sent),
            ("sms_delivered", self.sms_delivered),
            ("sms_failed", self.sms_failed),
        ]
        rows += [(f"outcome:{k}", v) for k, v in sorted(self.by_outcome.items())]
        rows += [(f"abandoned_at:{k}", v) for k, v in sorted(self.abandoned_at_step.items())]
        rows += [(f"funnel:{key}", count) for key, _, count in self.funnel]
        rows += [(f"hour:{h:02d}", n) for h, n in enumerate(self.per_hour)]
        rows += [(f"day:{d.isoformat()}", n) for d, n in self.per_day.items()]
        return rows


def compute(session, days):
    """Every dashboard figure for `days` (a DayRange), from a handful of index-only queries."""
    fig = Figures(days=days)
    count_calls(session, fig)
    count_hours(session, fig)
    count_durations(session, fig)
    fig.unique_callers = call_counts.unique_callers(session, days.start, days.end)
    fig.operator_transfers = call_counts.transferred(session, days.start, days.end)
    count_sms(session, fig)
    return fig


def count_calls(session, fig):
    """One grouped scan gives the outcome, purpose, language, abandonment and funnel figures."""
    rows = call_counts.by_kind(session, fig.days.start, fig.days.end)
    funnel = Counter()
    for purpose, outcome, step, language, verified, count, failures in rows:
        fig.calls += count
        fig.failed_verifications += failures
        fig.by_outcome[outcome or "in_progress"] += count
        fig.by_purpose[purpose or "none"] += count
        fig.by_language[language] += count
        if outcome == "abandoned":
            fig.abandoned_at_step[step] += count
        if purpose == "report":
            funnel[report_progress(step, outcome, verified, failures > 0)] += count
    outcomes = fig.by_outcome
    fig.reports_filed = outcomes["report_filed"]
    fig.reports_cancelled = outcomes["report_cancelled"]
    fig.progress_inquiries = fig.by_purpose["progress"]
    fig.abandoned = outcomes["abandoned"]
    fig.hotline_ended = sum(outcomes[o] for o in HOTLINE_ENDED_OUTCOMES)
    fig.verification_failed_calls = outcomes["verification_failed"]
    fig.lockouts = outcomes["locked_out"]
    fig.self_service = sum(outcomes[o] for o in SELF_SERVICE_OUTCOMES)
    reached = 0
    stages = []
    for key, label in reversed(FUNNEL):
        reached += funnel[FUNNEL_RANK[key]]
        stages.append((key, label, reached))
    fig.funnel = stages[::-1]


def report_progress(step, outcome, verified, failed_once):
    """How far a report call got, from what its record proves (see docs/console.md)."""
    if outcome in FILED_OUTCOMES:
        return FUNNEL_RANK["filed"]
    rank = FUNNEL_RANK.get(step, 0)
    if step == "preloss_done":
        rank = FUNNEL_RANK["preloss_confirm"]
    if failed_once or outcome in ("initial_password", "verification_failed"):
        rank = max(rank, FUNNEL_RANK["mobile4"])
    if verified:
        rank = max(rank, FUNNEL_RANK["preloss_confirm"])
    return rank


def count_hours(session, fig):
    """Calls per local hour of day and per local day, from per-UTC-hour counts."""
    rows = call_counts.per_utc_hour(session, fig.days.start, fig.days.end)
    per_day = dict.fromkeys(fig.days.dates(), 0)
    for text, count in rows:
        moment = datetime.strptime(text, "%Y-%m-%d %H").replace(tzinfo=UTC)
        wall = moment.astimezone(fig.days.tz)
        fig.per_hour[wall.hour] += count
        if wall.date() in per_day:
            per_day[wall.date()] += count
    fig.per_day = per_day


def count_durations(session, fig):
    """Average and 90th percentile (nearest rank) of the durations of ended calls."""
    rows = call_counts.durations(session, fig.days.start, fig.days.end)
    total = sum(n for _, n in rows)
    if not total:
        return
    fig.avg_duration_s = sum(d * n for d, n in rows) / total
    wanted = -(-9 * total // 10)  # ceil(0.9 * total)
    seen = 0
    for duration, n in rows:
        seen += n
        if seen >= wanted:
            fig.p90_duration_s = duration
            break


def count_sms(session, fig):
    """SMS created in the range, by where they stand now."""
    states = outbox.created_by_state(session, fig.days.start, fig.days.end)
    fig.sms_delivered = states.get("delivered", 0)
    fig.sms_sent = states.get("sent", 0) + fig.sms_delivered
    fig.sms_failed = states.get("failed", 0)
