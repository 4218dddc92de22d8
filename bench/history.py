"""Past calls for the growth profiles: a hotline with N cardholders has answered about as many calls.

The rows are made by the database itself (generate_series on PostgreSQL, a recursive CTE on
SQLite), a year of ended calls with their events, so a 1 M-row history takes seconds, not an
import. Their CallSids cannot collide with a softphone's (those are CA + 32 hex digits).
"""

from sqlalchemy import text

from ivr.store.db import make_engine

EVENTS_PER_CALL = 3
NUMBERS = {
    "postgresql": "SELECT generate_series(1, :n) AS n",
    "sqlite": "WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < :n) "
    "SELECT n FROM numbers",
}
SECONDS_AGO = {
    "postgresql": "now() - make_interval(secs => n * 31)",
    "sqlite": "datetime('now', '-' || (n * 31) || ' seconds')",
}


def seed_calls(url, calls):
    """`calls` ended calls spread over the past year, EVENTS_PER_CALL events each, then ANALYZE."""
    engine = make_engine(url)  # no webhook timeouts: this is set-up, not a request
    with engine.begin() as connection:
        insert_calls(connection, calls)
    with engine.connect() as connection:
        tables = "calls, call_events, cardholders, cards" if engine.dialect.name == "postgresql" else ""
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f"ANALYZE {tables}")
    engine.dispose()


def insert_calls(connection, calls):
    dialect = connection.dialect.name
    numbers, ago = NUMBERS[dialect], SECONDS_AGO[dialect]
    connection.execute(
        text(
            "INSERT INTO calls (call_sid, from_number, language, step, turn, step_failures, verify_failures, "
            "purpose, outcome, password_ok, verified, started_at, ended_at, duration_s, twilio_status) "
            f"SELECT 'HIST' || n, '+86139' || (10000000 + n % 90000000), 'zh', 'done', 9, 0, 0, 'report', "
            f"CASE WHEN n % 3 = 0 THEN 'abandoned' ELSE 'report_filed' END, {_false(dialect)}, {_false(dialect)}, "
            f"{ago}, {ago}, 95, 'completed' FROM ({numbers}) AS numbers"
        ),
        {"n": calls},
    )
    for kind in ("call_started", "step_entered", "outcome")[:EVENTS_PER_CALL]:
        connection.execute(
            text(
                "INSERT INTO call_events (call_id, at, step, kind, detail) "
                f"SELECT id, started_at, step, '{kind}', '' FROM calls WHERE call_sid LIKE 'HIST%'"
            )
        )


def _false(dialect):
    return "false" if dialect == "postgresql" else "0"
