"""The service-level report for a range of local days, as tables: one per view, the same on screen,
in the Excel workbook, in CSV and from `flask --app app report`.

Each table is a header and rows of plain values (numbers stay numbers; a rate is a fraction, None
where there was nothing to count); `kinds` says how a column is shown (count, percent, seconds).
The figures' definitions are in ivr/operators/service_levels.py.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from ivr.console.labels import label
from ivr.console.ranges import MAX_DAYS, BadRange, DayRange
from ivr.operators import service_levels, service_measure
from ivr.store import service_rows

VIEWS = {
    "summary": _l("Summary"),
    "days": _l("By day"),
    "hours": _l("By hour of day"),
    "months": _l("By month"),
    "operators": _l("By operator"),
    "wrapups": _l("Wrap-up codes"),
}
# (figure, column heading, kind) for the period views, in the order a manager reads them.
COLUMNS = (
    ("calls", _l("Calls"), "count"),
    ("self_service_rate", _l("Self-service rate"), "percent"),
    ("offered", _l("Offered to operators"), "count"),
    ("answered", _l("Answered"), "count"),
    ("abandoned", _l("Abandoned in queue"), "count"),
    ("left_for_callback", _l("Left for a callback"), "count"),
    ("answer_rate", _l("Answer rate"), "percent"),
    ("abandon_rate", _l("Abandonment rate"), "percent"),
    ("service_level", _l("Service level"), "percent"),
    ("average_speed_of_answer_s", _l("Average speed of answer (s)"), "seconds"),
    ("longest_wait_s", _l("Longest wait (s)"), "seconds"),
    ("average_handle_time_s", _l("Average handle time (s)"), "seconds"),
    ("callbacks_asked", _l("Callbacks asked"), "count"),
    ("callbacks_automatic", _l("Of which automatic"), "count"),
    ("callbacks_in_time", _l("Callbacks made in time"), "count"),
    ("callbacks_reached", _l("Callbacks reached"), "count"),
    ("callbacks_open", _l("Callbacks still open"), "count"),
    ("ratings_given", _l("Ratings given"), "count"),
    ("satisfaction", _l("Satisfaction"), "percent"),
)
OPERATOR_COLUMNS = (
    ("answered", _l("Answered"), "count"),
    ("answered_in_target", _l("Answered in target"), "count"),
    ("average_speed_of_answer_s", _l("Average speed of answer (s)"), "seconds"),
    ("average_handle_time_s", _l("Average handle time (s)"), "seconds"),
    ("ratings_given", _l("Ratings given"), "count"),
    ("satisfaction", _l("Satisfaction"), "percent"),
    ("wrapped_up", _l("Wrapped up"), "count"),
)


@dataclass
class Table:
    view: str
    title: str
    header: list
    kinds: list
    rows: list
    row_kinds: list | None = None  # the summary: each row's value has its own kind

    def kind(self, row, column):
        """How the cell at (row, column) is shown: text, count, percent or seconds."""
        if column and self.row_kinds is not None:
            return self.row_kinds[row]
        return self.kinds[column]


@dataclass
class Report:
    days: DayRange
    target_s: int
    breakdown: service_levels.Breakdown
    tables: list


def value(tally, figure):
    if figure == "longest_wait_s" and not tally.offered:
        return None  # nobody waited: no longest wait (0 s would read as "answered at once")
    if figure == "wrapped_up":
        return sum(tally.wrapups.values())
    return getattr(tally, figure)


def period_table(view, first_heading, periods, columns=COLUMNS):
    """One row per (label, tally)."""
    return Table(
        view=view,
        title=str(VIEWS[view]),
        header=[str(first_heading)] + [str(heading) for _, heading, _ in columns],
        kinds=["text"] + [kind for _, _, kind in columns],
        rows=[[name] + [value(tally, figure) for figure, _, _ in columns] for name, tally in periods],
    )


def summary_table(total, config):
    rows = [[str(heading), value(total, figure)] for figure, heading, _ in COLUMNS]
    kinds = {str(heading): kind for _, heading, kind in COLUMNS}
    rows += [
        [str(_l("Service level target")), config["SERVICE_LEVEL_TARGET_PERCENT"] / 100],
        [str(_l("Answer rate target")), config["ANSWER_RATE_TARGET_PERCENT"] / 100],
        [str(_l("Answered within (s)")), config["SERVICE_LEVEL_SECONDS"]],
    ]
    kinds.update({rows[-3][0]: "percent", rows[-2][0]: "percent", rows[-1][0]: "seconds"})
    return Table(
        view="summary",
        title=str(VIEWS["summary"]),
        header=[str(_l("Figure")), str(_l("Value"))],
        kinds=["text", "count"],
        rows=rows,
        row_kinds=[kinds[name] for name, _ in rows],
    )


def build(session, days, config):
    """The report for `days`: every view's table."""
    target = config["SERVICE_LEVEL_SECONDS"]
    fig = service_measure.measure(session, days.start, days.end, days.tz, target)
    names = service_rows.operator_names(session)
    empty = service_levels.Tally
    day_rows = [(day.isoformat(), fig.days.get(day) or empty()) for day in days.dates()]
    months = sorted({day.strftime("%Y-%m") for day in days.dates()})
    operators = sorted(fig.operators.items(), key=lambda item: names.get(item[0], f"#{item[0]}"))
    total_wrapups = sum(fig.total.wrapups.values())
    wrapups = Table(
        view="wrapups",
        title=str(VIEWS["wrapups"]),
        header=[str(_l("Wrap-up code")), str(_l("Conversations")), str(_l("Share"))],
        kinds=["text", "count", "percent"],
        rows=[
            [label("wrapup_code", code), n, service_levels.share(n, total_wrapups)]
            for code, n in fig.total.wrapups.most_common()
        ],
    )
    tables = [
        summary_table(fig.total, config),
        period_table("days", _l("Day"), day_rows),
        period_table("hours", _l("Hour"), [(f"{h:02d}:00", fig.hours.get(h) or empty()) for h in range(24)]),
        period_table("months", _l("Month"), [(m, fig.months.get(m) or empty()) for m in months]),
        period_table(
            "operators",
            _l("Operator"),
            [(names.get(op, f"#{op}"), tally) for op, tally in operators],
            columns=OPERATOR_COLUMNS,
        ),
        wrapups,
    ]
    return Report(days=days, target_s=target, breakdown=fig, tables=tables)


def month_range(text, tzname):
    """'YYYY-MM' as the DayRange of that calendar month."""
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise BadRange("a month is written YYYY-MM") from None
    following = date(year + (month == 12), month % 12 + 1, 1)
    return DayRange(first, date.fromordinal(following.toordinal() - 1), tzname)


def dates_range(first, last, tzname):
    """Two ISO dates as a DayRange (the CLI's --from and --to), or BadRange."""
    try:
        days = DayRange(date.fromisoformat(first), date.fromisoformat(last), tzname)
    except ValueError:
        raise BadRange("dates must be written YYYY-MM-DD") from None
    if days.last < days.first or (days.last - days.first).days >= MAX_DAYS:
        raise BadRange(f"from must be on or before to, at most {MAX_DAYS} days")
    return days


def shown(number, kind):
    """A value as the page shows it: a rate in percent, seconds whole, nothing as a dash."""
    if number is None:
        return "–"
    if kind == "percent":
        return f"{100 * number:.1f} %"
    if kind == "seconds":
        return f"{number:.0f}"
    return str(number)
