"""A year of made-up hotline traffic, bulk-loaded fast (executemany on SQLite, COPY on PostgreSQL)."""

import random
from datetime import timedelta

from sqlalchemy import text

from ivr.store import Base

# (menu choice, share of calls) and, per choice, (outcome, last step, share).
PURPOSES = [("report", 45), ("progress", 20), ("cancel", 10), ("outlets", 8), ("operator", 8), (None, 9)]
OUTCOMES = {
    "report": [
        ("report_filed", "preloss_done", 55),
        ("report_existing", "preloss_confirm", 5),
        ("abandoned", "id_number", 8),
        ("abandoned", "password", 5),
        ("abandoned", "preloss_confirm", 3),
        ("verification_failed", "mobile4", 8),
        ("locked_out", "mobile4", 2),
        ("initial_password", "menu", 4),
        ("gave_up", "id_number", 10),
    ],
    "progress": [("progress_told", "progress", 85), ("abandoned", "password", 15)],
    "cancel": [("report_cancelled", "cancel_done", 80), ("abandoned", "id_number", 20)],
    "outlets": [("outlets_told", "outlets", 90), ("abandoned", "outlets", 10)],
    "operator": [("operator_transfer", "operator", 95), ("abandoned", "operator", 5)],
    None: [("abandoned", "language", 60), ("gave_up", "menu", 40)],
}
CALL_COLUMNS = (
    "id",
    "call_sid",
    "from_number",
    "language",
    "step",
    "turn",
    "step_failures",
    "verify_failures",
    "purpose",
    "outcome",
    "password_ok",
    "verified",
    "started_at",
    "ended_at",
    "duration_s",
)
EVENT_COLUMNS = ("id", "call_id", "at", "step", "kind", "detail")
MESSAGE_COLUMNS = (
    "id",
    "kind",
    "subject",
    "occurrence",
    "to_number",
    "language",
    "body",
    "due_at",
    "state",
    "attempts",
    "last_error",
    "call_id",
    "created_at",
)
REPORT_COLUMNS = ("id", "reference", "card_id", "call_id", "filed_at", "expires_at", "status")


def weighted(choices):
    items = [c[:-1] if len(c) > 2 else c[0] for c in choices]
    weights = [c[-1] for c in choices]
    return items, weights


def generate(count, now, seed=6, batch=50_000):
    """Yield (calls, events, messages, reports) row batches for `count` calls over the year before `now`."""
    rng = random.Random(seed)
    purposes, purpose_weights = weighted(PURPOSES)
    outcome_tables = {p: weighted(rows) for p, rows in OUTCOMES.items()}
    event_id = message_id = report_id = 0
    # Calls come in by time of day: few at night, many mid-morning and afternoon.
    hour_weights = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 9, 12, 14, 13, 11, 9, 7, 6, 5, 4, 3, 2]
    year_ago = (now - timedelta(days=365)).replace(hour=0, minute=0, second=0, microsecond=0)
    for first in range(0, count, batch):
        calls, events, messages, reports = [], [], [], []
        for n in range(first, min(first + batch, count)):
            call_id = n + 1
            day_start = year_ago + timedelta(days=n * 366 // count)
            hour = rng.choices(range(24), hour_weights)[0]
            started = day_start + timedelta(seconds=hour * 3600 + rng.randrange(3600))
            if started >= now:
                started = now - timedelta(seconds=rng.randrange(3600))
            purpose = rng.choices(purposes, purpose_weights)[0]
            ((outcome, step),) = rng.choices(*outcome_tables[purpose])
            language = "zh" if rng.random() < 0.85 else "en"
            failures = 3 if outcome == "verification_failed" else (2 if outcome == "locked_out" else 0)
            verified = outcome in ("report_filed", "report_existing", "report_cancelled", "progress_told")
            duration = rng.randint(5, 90) if outcome == "abandoned" else rng.randint(40, 420)
            number = f"+86139{rng.randrange(400_000):08d}"
            calls.append(
                (
                    call_id,
                    f"CA{call_id:032x}",
                    number,
                    language,
                    step,
                    6,
                    0,
                    failures,
                    purpose,
                    outcome,
                    False,
                    verified,
                    started,
                    started + timedelta(seconds=duration),
                    duration,
                )
            )
            at = started
            for step_name, kind, detail in call_events(purpose, outcome, step, language):
                event_id += 1
                at += timedelta(seconds=7)
                events.append((event_id, call_id, at, step_name, kind, detail))
            if outcome == "report_filed":
                report_id += 1
                reports.append(
                    (
                        report_id,
                        f"{report_id:08d}",
                        1,
                        call_id,
                        at,
                        at + timedelta(days=10),
                        rng.choice(("active", "formalized", "lapsed", "cancelled")),
                    )
                )
                state = rng.choices(("delivered", "sent", "failed"), (90, 7, 3))[0]
                message_id += 1
                messages.append(
                    (
                        message_id,
                        "preloss_confirmation",
                        f"report:{report_id}",
                        1,
                        number,
                        language,
                        "...",
                        at,
                        state,
                        1,
                        "30003: unreachable" if state == "failed" else None,
                        call_id,
                        at,
                    )
                )
        yield calls, events, messages, reports


def call_events(purpose, outcome, step, language):
    events = [("language", "call_started", ""), ("language", "input_accepted", f"language={language}")]
    if purpose is None:
        return events + [("menu", "step_entered", ""), (step, "outcome", outcome)]
    events += [("menu", "step_entered", ""), ("menu", "input_accepted", f"menu={purpose}")]
    if purpose in ("report", "cancel", "progress") and step != "language":
        events += [("id_number", "step_entered", ""), ("id_number", "input_accepted", "id_number")]
        if step not in ("id_number",):
            events += [("password", "step_entered", ""), ("password", "input_accepted", "password")]
    if purpose == "operator":
        events.append(("operator", "operator_transfer", ""))
    if outcome == "report_filed":
        events += [("preloss_done", "report_filed", ""), ("preloss_done", "sms_queued", "preloss_confirmation")]
    return events + [(step, "outcome", outcome), (step, "hangup", "completed")]


def secondary_indexes():
    tables = ("calls", "call_events", "outgoing_messages", "preloss_reports")
    return [ix for name in tables for ix in Base.metadata.tables[name].indexes]


def load(engine, count, now):
    """Empty the call tables, then load `count` calls (indexes dropped during the load, rebuilt after)."""
    indexes = secondary_indexes()
    with engine.begin() as conn:
        for table in ("outgoing_messages", "preloss_reports", "call_events", "calls", "cards", "cardholders"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(
            text(
                "INSERT INTO cardholders (id, id_hash, id_masked, area_code, name, mobile, password_hash,"
                " password_is_initial, language, created_at, updated_at) VALUES (1, 'h', '110105********002X',"
                " '110105', 'Bench', '+8613800138000', 'x', false, 'zh', :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO cards (id, cardholder_id, number_hash, number_last4, state, state_changed_at, created_at)"
                " VALUES (1, 1, 'n', '0001', 'active', :now, :now)"
            ),
            {"now": now},
        )
        for index in indexes:
            index.drop(conn)
    writer = copy_batches if engine.dialect.name == "postgresql" else insert_batches
    for batch in generate(count, now):
        writer(engine, batch)
    with engine.begin() as conn:
        for index in indexes:
            index.create(conn)
        conn.execute(text("ANALYZE"))


def sqlite_time(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def insert_batches(engine, batch):
    calls, events, messages, reports = batch
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")
        cursor.executemany(
            insert_sql("calls", CALL_COLUMNS), [c[:12] + (sqlite_time(c[12]), sqlite_time(c[13]), c[14]) for c in calls]
        )
        cursor.executemany(
            insert_sql("call_events", EVENT_COLUMNS),
            [(e[0], e[1], sqlite_time(e[2]), e[3], e[4], e[5]) for e in events],
        )
        cursor.executemany(
            insert_sql("preloss_reports", REPORT_COLUMNS),
            [r[:4] + (sqlite_time(r[4]), sqlite_time(r[5]), r[6]) for r in reports],
        )
        cursor.executemany(
            insert_sql("outgoing_messages", MESSAGE_COLUMNS),
            [m[:7] + (sqlite_time(m[7]),) + m[8:12] + (sqlite_time(m[12]),) for m in messages],
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()


def insert_sql(table, columns):
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def copy_batches(engine, batch):
    calls, events, messages, reports = batch
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        # Loading the data is set-up, not what is measured: the app's 3 s statement timeout is for
        # webhooks, and a batch's foreign-key checks took longer than that on a busy machine.
        cursor.execute("SET LOCAL statement_timeout = 0")
        for table, columns, rows in (
            ("calls", CALL_COLUMNS, calls),
            ("call_events", EVENT_COLUMNS, events),
            ("preloss_reports", REPORT_COLUMNS, reports),
            ("outgoing_messages", MESSAGE_COLUMNS, messages),
        ):
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
