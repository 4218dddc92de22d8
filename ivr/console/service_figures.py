"""Callback and satisfaction figures for a range of local days: plain queries, no Flask."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ivr.console.ranges import DayRange
from ivr.operators import callbacks, ratings
from ivr.store.service_rows import operator_names

SCORES = (1, 2, 3)  # satisfied, basically satisfied, dissatisfied; words in labels.py ("rating_score")


@dataclass
class ServiceFigures:
    days: DayRange
    callbacks_requested: int = 0
    callbacks_reached_in_time: int = 0  # reached within CALLBACK_DUE_STAFFED_HOURS staffed hours
    callbacks_unreached: int = 0  # closed as unreached after the tries, or still open past due
    ratings_asked: int = 0
    ratings_given: int = 0
    by_score: Counter = field(default_factory=Counter)
    by_reason: Counter = field(default_factory=Counter)
    # {label: Counter(score)} for the three breakdowns the issue asks for.
    by_day: dict = field(default_factory=dict)
    by_outcome: dict = field(default_factory=lambda: defaultdict(Counter))
    by_operator: dict = field(default_factory=lambda: defaultdict(Counter))

    def satisfied_share(self, counts):
        given = sum(counts[s] for s in SCORES)
        return None if not given else (counts[1] + counts[2]) / given

    def flat(self):
        rows = [
            ("callbacks_requested", self.callbacks_requested),
            ("callbacks_reached_in_time", self.callbacks_reached_in_time),
            ("callbacks_unreached", self.callbacks_unreached),
            ("ratings_asked", self.ratings_asked),
            ("ratings_given", self.ratings_given),
        ]
        rows += [(f"rating_{score}", self.by_score[score]) for score in SCORES]
        return rows


def compute(session, days, now):
    fig = ServiceFigures(days=days, by_day={day: Counter() for day in days.dates()})
    for status, closed_at, due_by, _times in callbacks.requested_between(session, days.start, days.end):
        fig.callbacks_requested += 1
        if status == "reached" and (due_by is None or closed_at <= due_by):
            fig.callbacks_reached_in_time += 1
        if status == "unreached" or (status == "open" and due_by is not None and now > due_by):
            fig.callbacks_unreached += 1
    names = operator_names(session)
    for asked_at, score, reason, outcome, operator_id in ratings.asked_between(session, days.start, days.end):
        fig.ratings_asked += 1
        if score is None:
            continue
        fig.ratings_given += 1
        fig.by_score[score] += 1
        if reason:
            fig.by_reason[reason] += 1
        fig.by_day.setdefault(asked_at.astimezone(days.tz).date(), Counter())[score] += 1
        fig.by_outcome[outcome or "none"][score] += 1
        if operator_id is not None:
            fig.by_operator[names.get(operator_id, f"#{operator_id}")][score] += 1
    return fig
