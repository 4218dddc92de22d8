"""What a soak run must account for: memory that settles, every SMS sent once, calls that end as scripted."""

import json
import os
from collections import Counter
from statistics import median

from sqlalchemy import text


def grown(samples, *, slack_kib):
    """Growth from the settled start (after the first quarter) to the end; flat within `slack_kib`."""
    settled = samples[len(samples) // 4 :]
    if len(settled) < 4:
        return 0
    third = max(1, len(settled) // 3)
    return median(settled[-third:]) - median(settled[:third]) - slack_kib


def account_for_sms(engine, sms_path, ended_at):
    """Every SMS due before the end was sent exactly once (one line in the SMS file); none failed."""
    problems = []
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT kind, to_number, state, due_at <= :end AS due FROM outgoing_messages"), {"end": ended_at}
        ).all()
    states = Counter((kind, state) for kind, _, state, _ in rows)
    sent_rows = Counter((kind, to) for kind, to, state, _ in rows if state in ("sent", "delivered"))
    lines = []
    if os.path.exists(sms_path):
        with open(sms_path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    in_file = Counter((line["kind"], line["to"]) for line in lines)
    if sent_rows != in_file:
        problems.append(f"SMS sent per the database {sum(sent_rows.values())} != in the SMS file {len(lines)}")
    for kind, _to, state, due in rows:
        if state == "failed" or (due and state in ("pending", "sending")):
            problems.append(f"a {kind} SMS due before the end is {state}")
            break
    return states, len(lines), problems


# What each kind of call must end with (the first outcome a call reaches is the one kept).
EXPECTED = {
    "report": {"report_filed", "report_existing"},
    "progress": {"progress_told"},
    "cancel": {"report_cancelled"},
    "outlets": {"outlets_told"},
    "guess": {"verification_failed", "locked_out"},
}


def unexpected_outcomes(engine, placed):
    """Calls that did not end as their script should: a caller who did not get what they came for."""
    with engine.connect() as connection:
        outcomes = dict(connection.execute(text("SELECT call_sid, outcome FROM calls")).all())
    wrong = Counter(
        f"{kind} ended {outcomes.get(sid)}" for sid, kind in placed if outcomes.get(sid) not in EXPECTED[kind]
    )
    return [f"{n} calls: {what}" for what, n in wrong.items()]


def connections(engine, schema):
    with engine.connect() as connection:
        return connection.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :a AND pid <> pg_backend_pid()"),
            {"a": schema},
        )
