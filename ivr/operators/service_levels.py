"""The service levels an operations manager is held to, defined once (the README's console section says the same).

A queue stay is *offered* when it has an answer: the caller reached an operator (*answered*), left
the queue to be called back (not abandoned, as Amazon Connect counts it), or hung up or was cut off
while waiting (*abandoned*). Callers still waiting are counted apart and in no rate.

- answer rate (接通率) = answered ÷ offered;  abandonment rate (放弃率) = abandoned ÷ offered
- service level = answered within SERVICE_LEVEL_SECONDS ÷ offered
- average speed of answer = seconds waited by answered callers ÷ answered; longest wait = the most
  any caller waited (answered, abandoned or leaving for a callback)
- average handle time = seconds talking to an operator ÷ conversations that ended
- self-service rate = calls that ended in the IVR with their purpose done ÷ calls
- callbacks: asked (by the caller, or made automatically for a caller lost in the queue), first try
  made by the promised time, reached, still open
- satisfaction (满意度) = satisfied or basically satisfied ÷ ratings given

Every figure is a sum (`Tally`; the longest wait the largest), so an hour, a day, a month and an
operator add up the same way, and an hour that is over is kept as its sums (ivr/store/service_hours.py,
ivr/operators/service_summaries.py); the rates are computed from the sums last, whatever they were
read from (ivr/operators/service_measure.py). Functions here take rows, never a database.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

from ivr.operators.ratings import SELF_SERVICE

SATISFIED_SCORES = (1, 2)  # satisfied, basically satisfied (3 is dissatisfied)


@dataclass
class Tally:
    """Additive counts for a slice of time (or an operator); rates are properties."""

    calls: int = 0
    self_served: int = 0
    offered: int = 0
    answered: int = 0
    answered_in_target: int = 0
    abandoned: int = 0
    left_for_callback: int = 0
    still_waiting: int = 0
    answered_wait_s: int = 0
    longest_wait_s: int = 0
    talk_s: int = 0
    talks: int = 0
    callbacks_asked: int = 0
    callbacks_automatic: int = 0
    callbacks_in_time: int = 0
    callbacks_reached: int = 0
    callbacks_open: int = 0
    ratings_given: int = 0
    ratings_satisfied: int = 0
    wrapups: Counter = field(default_factory=Counter)

    def add(self, other):
        """Add `other` in: every count and sum adds, the longest wait is the larger of the two."""
        mine, theirs = self.__dict__, other.__dict__  # a month's report adds thousands: no getattr
        for name in SUMS:
            mine[name] += theirs[name]
        mine["longest_wait_s"] = max(mine["longest_wait_s"], theirs["longest_wait_s"])
        if other.wrapups:
            self.wrapups.update(other.wrapups)
        return self

    answer_rate = property(lambda self: share(self.answered, self.offered))
    abandon_rate = property(lambda self: share(self.abandoned, self.offered))
    service_level = property(lambda self: share(self.answered_in_target, self.offered))
    average_speed_of_answer_s = property(lambda self: share(self.answered_wait_s, self.answered))
    average_handle_time_s = property(lambda self: share(self.talk_s, self.talks))
    self_service_rate = property(lambda self: share(self.self_served, self.calls))
    satisfaction = property(lambda self: share(self.ratings_satisfied, self.ratings_given))


SUMS = tuple(f.name for f in fields(Tally) if f.name not in ("longest_wait_s", "wrapups"))


def share(part, whole):
    """part ÷ whole, or None when there is nothing to divide (a rate of nothing is not 0 %)."""
    return part / whole if whole else None


def count_calls(tally, outcome, calls):
    tally.calls += calls
    if outcome in SELF_SERVICE:
        tally.self_served += calls


def count_stays(tally, answered, for_callback, ended, stays, wait_s, longest_s, in_target, talk_s, talks):
    """One group of queue stays (see ivr/store/service_rows.queue_rows) into the tally."""
    if not answered and not ended:
        tally.still_waiting += stays
        return
    tally.offered += stays
    tally.longest_wait_s = max(tally.longest_wait_s, longest_s or 0)
    if answered:
        tally.answered += stays
        tally.answered_in_target += in_target
        tally.answered_wait_s += wait_s
        tally.talk_s += talk_s
        tally.talks += talks
    elif for_callback:
        tally.left_for_callback += stays
    else:
        tally.abandoned += stays


def count_callbacks(tally, status, requests, automatic, in_time):
    """Requests of one status (`automatic` and `in_time` of them made for a lost caller, first tried in time)."""
    tally.callbacks_asked += requests
    tally.callbacks_automatic += automatic or 0
    tally.callbacks_in_time += in_time or 0
    tally.callbacks_reached += requests if status == "reached" else 0
    tally.callbacks_open += requests if status == "open" else 0


def count_ratings(tally, score, ratings):
    if score is None:
        return
    tally.ratings_given += ratings
    tally.ratings_satisfied += ratings if score in SATISFIED_SCORES else 0


@dataclass
class Breakdown:
    """The same tallies by local hour of day, local day, month ("YYYY-MM") and operator, and in total."""

    total: Tally = field(default_factory=Tally)
    hours: dict = field(default_factory=lambda: defaultdict(Tally))
    days: dict = field(default_factory=lambda: defaultdict(Tally))
    months: dict = field(default_factory=lambda: defaultdict(Tally))
    operators: dict = field(default_factory=lambda: defaultdict(Tally))
    seen: dict = field(default_factory=dict, repr=False)

    def slices(self, hour_text, tz):
        """The tallies a row of the UTC hour `hour_text` ("YYYY-MM-DD HH") adds to."""
        found = self.seen.get(hour_text)
        if found is None:
            utc = datetime(
                int(hour_text[:4]), int(hour_text[5:7]), int(hour_text[8:10]), int(hour_text[11:13]), tzinfo=UTC
            )
            local = utc.astimezone(tz)
            found = self.seen[hour_text] = [
                self.total,
                self.hours[local.hour],
                self.days[local.date()],
                self.months[local.strftime("%Y-%m")],
            ]
        return found


def breakdown(tz, *, calls=(), stays=(), callbacks=(), ratings=(), wrapups=(), by_operator=None, out=None):
    """Fold the store's grouped rows (ivr/store/service_rows.py) into a Breakdown for the time zone `tz`
    (a new one, or `out`).

    `by_operator` holds the same stays, ratings and wrap-ups grouped by operator id instead of hour."""
    out = out or Breakdown()
    for hour, outcome, n in calls:
        for tally in out.slices(hour, tz):
            count_calls(tally, outcome, n)
    for hour, *rest in stays:
        for tally in out.slices(hour, tz):
            count_stays(tally, *rest)
    for hour, *rest in callbacks:
        for tally in out.slices(hour, tz):
            count_callbacks(tally, *rest)
    for hour, score, n in ratings:
        for tally in out.slices(hour, tz):
            count_ratings(tally, score, n)
    for hour, code, n in wrapups:
        for tally in out.slices(hour, tz):
            tally.wrapups[code] += n
    mine = by_operator or {}
    for operator_id, *rest in mine.get("stays", ()):
        if operator_id is not None:
            count_stays(out.operators[operator_id], *rest)
    for operator_id, score, n in mine.get("ratings", ()):
        if operator_id is not None:
            count_ratings(out.operators[operator_id], score, n)
    for operator_id, code, n in mine.get("wrapups", ()):
        if operator_id is not None:
            out.operators[operator_id].wrapups[code] += n
    return out


def hour_and_operator(*, calls=(), stays=(), callbacks=(), ratings=(), wrapups=()):
    """{(hour, operator id or 0): Tally} from rows grouped by hour and operator (calls and callbacks by hour):
    what ivr/operators/service_summaries.py keeps for an hour that is over."""
    out = defaultdict(Tally)
    for hour, outcome, n in calls:
        count_calls(out[hour, 0], outcome, n)
    for hour, *rest in callbacks:
        count_callbacks(out[hour, 0], *rest)
    for hour, operator_id, *rest in stays:
        count_stays(out[hour, operator_id or 0], *rest)
    for hour, operator_id, score, n in ratings:
        count_ratings(out[hour, operator_id or 0], score, n)
    for hour, operator_id, code, n in wrapups:
        out[hour, operator_id or 0].wrapups[code] += n
    return out


def meets(rate, target_percent):
    """Whether a rate meets its target in percent; None when there is no rate yet (not a miss)."""
    return None if rate is None else rate * 100 >= target_percent
