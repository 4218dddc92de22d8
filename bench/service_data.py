"""A month of made-up calls for bench/service_report.py: calls, their queue stays, callbacks and ratings,
written with the driver's fastest bulk path (SQLite executemany, PostgreSQL COPY), indexes built after."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from ivr.store import Base

MONTH_START = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)  # 1 November, Asia/Shanghai
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 30 November, 23:00 local
OUTCOMES = [
    ("report_filed", 30),
    ("progress_told", 15),
    ("outlets_told", 6),
    ("report_cancelled", 4),
    ("operator_transfer", 25),
    ("abandoned", 15),
    ("callback_requested", 5),
]
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 9, 12, 14, 13, 11, 9, 7, 6, 5, 4, 3, 2]
COLUMNS = {
    "calls": "id call_sid from_number language step turn step_failures verify_failures password_ok verified "
    "senior started_at ended_at duration_s outcome",
    "queue_visits": "call_id queue_name came_from priority enqueued_at bridged_at left_at wait_s talk_s "
    "operator_id result wrapup_code leaving_for",
    "callback_requests": "call_id created_at status phone language verified reason came_from times_asked "
    "automatic due_by attempts first_attempt_at closed_at notes",
    "call_ratings": "call_id asked_at context outcome operator_id score",
}
TABLES = ("call_ratings", "callback_requests", "queue_visits", "call_events", "calls")
BATCH = 50_000


def batches(count, operators, stamp, seed=29):
    """{table: [row tuple]} batches: calls spread over the month by hour of day; a quarter reach the
    queue, most of those an operator; `stamp` turns a UTC moment into what the driver stores."""
    rng = random.Random(seed)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    days = int((NOW - MONTH_START).total_seconds()) // 86400
    rows = {table: [] for table in COLUMNS}
    for n in range(1, count + 1):
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
        started = MONTH_START + timedelta(days=rng.randrange(days), hours=hour, seconds=rng.randrange(3600))
        outcome = rng.choices(outcomes, weights)[0]
        ended = started + timedelta(seconds=90)
        queued = outcome in ("operator_transfer", "abandoned", "callback_requested") and rng.random() < 0.9
        if queued:
            joined, wait = started + timedelta(seconds=60), int(rng.expovariate(1 / 25))
            if outcome == "operator_transfer":
                talk, operator = rng.randint(60, 600), rng.choice(operators)
                left = joined + timedelta(seconds=wait + talk)
                code = rng.choice(("solved", "information_given", None))
                visit = (
                    stamp(joined + timedelta(seconds=wait)),
                    stamp(left),
                    wait,
                    talk,
                    operator,
                    "bridged",
                    code,
                    None,
                )
                score = rng.choice((1, 1, 1, 2, 3, None))
                rows["call_ratings"].append((n, stamp(left), "operator", outcome, operator, score))
            else:
                leave = "asked_while_waiting" if outcome == "callback_requested" else None
                left = joined + timedelta(seconds=wait)
                visit = (None, stamp(left), wait, None, None, "leave" if leave else "hangup", None, leave)
                if leave or wait >= 60:
                    status = rng.choice(("open", "reached", "unreached"))
                    tried = None if status == "open" else stamp(left + timedelta(minutes=rng.randint(5, 400)))
                    rows["callback_requests"].append(
                        (n, stamp(left), status, f"+86139{n:08d}"[:14], "zh", False, leave or "lost_in_queue", "")
                        + (
                            1,
                            not leave,
                            stamp(left + timedelta(hours=4)),
                            0 if status == "open" else 1,
                            tried,
                            tried,
                            "",
                        )
                    )
            rows["queue_visits"].append((n, "hotline", "", False, stamp(joined), *visit))
            ended = max(ended, left)
        row = (n, f"CA{n:032x}", "", "zh", "done", 1, 0, 0, False, False, False, stamp(started), stamp(ended))
        rows["calls"].append(row + (int((ended - started).total_seconds()), outcome))
        if n % BATCH == 0 or n == count:
            yield rows
            rows = {table: [] for table in COLUMNS}


def load(engine, count, operators):
    """Empty the call tables and load `count` calls (secondary indexes dropped during the load)."""
    postgres = engine.dialect.name == "postgresql"
    indexes = [ix for name in TABLES for ix in Base.metadata.tables[name].indexes]
    with engine.begin() as conn:
        no_time_limit(conn)
        for table in ("service_hour_wrapups", "service_hours", "stale_service_hours", "outgoing_messages"):
            conn.execute(text(f"DELETE FROM {table}"))
        for table in ("preloss_reports", *TABLES):
            conn.execute(text(f"DELETE FROM {table}"))
        for index in indexes:
            index.drop(conn)
    stamp = (lambda moment: moment) if postgres else (lambda moment: moment.strftime("%Y-%m-%d %H:%M:%S.%f"))
    raw = engine.raw_connection()
    try:
        for batch in batches(count, operators, stamp):
            cursor = raw.cursor()
            if postgres:
                cursor.execute("SET LOCAL statement_timeout = 0")  # a batch may take longer than a webhook
            else:
                cursor.execute("BEGIN IMMEDIATE")  # one transaction per batch, not one per row
            for table in ("calls", "queue_visits", "callback_requests", "call_ratings"):
                names = COLUMNS[table].split()
                if postgres:
                    with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                        for row in batch[table]:
                            copy.write_row(row)
                else:
                    marks = ", ".join("?" * len(names))
                    cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", batch[table])
            if postgres:
                raw.commit()
            else:
                cursor.execute("COMMIT")
    finally:
        raw.close()
    with engine.begin() as conn:
        no_time_limit(conn)
        for index in indexes:
            index.create(conn)
        conn.execute(text("ANALYZE"))


def no_time_limit(conn):
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL statement_timeout = 0"))
