"""The bulk cardholder import on SQLite and PostgreSQL: what is loaded, what is refused, all or nothing."""

import io

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from ivr import create_app
from ivr.cli.progress_bar import progress_bar
from ivr.directory import cardholder_merge as cardholder_import
from ivr.directory.cardholder_csv import import_csv
from ivr.identity import passwords
from ivr.store import Card, Cardholder, db
from tests.support.app import holders_csv
from tests.support.known import HOLDERS


def run(app, body):
    with app.app_context(), db.new_session() as session:
        return import_csv(session, io.StringIO(body), app.config)


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_new_rows_are_inserted_and_known_ones_updated(empty_app):
    assert run(empty_app, holders_csv("zhang")).inserted == 1
    result = run(empty_app, holders_csv("zhang", "li").replace("13800138000", "13800138999"))
    assert (result.inserted, result.updated, result.rejected) == (1, 1, [])
    with empty_app.app_context():
        holder = db.session.scalar(select(Cardholder).where(Cardholder.name == "张伟"))
        assert holder.mobile == "+8613800138999" and len(holder.cards) == 1
        assert passwords.check_pin(empty_app.config["PASSWORD_KEYRING"], holder.password_hash, "246810").ok


def test_a_repeated_id_number_keeps_the_first_line(empty_app):
    body = holders_csv("zhang", "li") + holders_csv("zhang").splitlines()[1].replace("A10000001", "A10000009") + "\n"
    result = run(empty_app, body)
    assert result.rejected == [(4, "same id_number as line 2")]
    assert count(empty_app, Cardholder) == 2 and count(empty_app, Card) == 2


def test_a_card_number_given_twice_in_one_file_goes_to_the_first(empty_app):
    result = run(empty_app, holders_csv("zhang", "li").replace("A10000002", "A10000001"))
    assert result.rejected == [(3, "card_number belongs to another cardholder")]
    assert count(empty_app, Cardholder) == 1


def test_a_card_number_goes_to_its_first_holder_only(empty_app):
    result = run(
        empty_app,
        holders_csv("zhang", "li", "wang").replace("A10000002", "A10000001").replace("A10000003", "A10000001"),
    )
    assert result.rejected == [
        (3, "card_number belongs to another cardholder"),
        (4, "card_number belongs to another cardholder"),
    ]


def test_a_refused_line_still_claims_its_card_number(empty_app):
    repeated = holders_csv("zhang").splitlines()[1].replace("A10000001", "A10000009")
    body = holders_csv("zhang") + repeated + "\n" + holders_csv("li").splitlines()[1].replace("A10000002", "A10000009")
    result = run(empty_app, body + "\n")
    assert result.rejected == [(3, "same id_number as line 2"), (4, "card_number belongs to another cardholder")]


def test_a_card_number_already_held_by_someone_else_is_refused(empty_app):
    run(empty_app, holders_csv("zhang"))
    result = run(empty_app, holders_csv("li").replace("A10000002", "A10000001"))
    assert (result.inserted, result.updated) == (0, 0)
    assert result.rejected == [(2, "card_number belongs to another cardholder")]
    assert count(empty_app, Cardholder) == 1 and count(empty_app, Card) == 1


def test_a_failure_part_way_writes_nothing(empty_app, monkeypatch):
    monkeypatch.setattr(cardholder_import, "INSERT_CARDS", "INSERT INTO no_such_table VALUES (:now)")
    with pytest.raises(DBAPIError):
        run(empty_app, holders_csv(*HOLDERS))
    assert count(empty_app, Cardholder) == 0


def test_many_rows_cross_batch_boundaries(empty_app, monkeypatch):
    monkeypatch.setattr(cardholder_import, "BATCH", 7)
    from bench.common import holder_row

    lines = ["id_number,name,mobile,card_number,service_password,language"]
    lines += [",".join(holder_row(n)) for n in range(40)]
    result = run(empty_app, "\n".join(lines) + "\n")
    assert (result.inserted, result.rejected) == (40, [])
    assert count(empty_app, Card) == 40


def test_a_merge_longer_than_the_webhook_timeouts_still_completes(app_config, clock, monkeypatch, fresh_schema):
    """A city's file takes minutes to merge; the webhooks' 3-second limits must not cut the import short."""
    config = dict(app_config, DATABASE_URL=fresh_schema("w15_import_slow"))
    config.update(DB_STATEMENT_TIMEOUT_MS=100, DB_ANSWER_TIMEOUT=1)
    app = create_app(config)
    merge = cardholder_import.merge

    def slow_merge(connection, now):
        connection.execute(text("SELECT pg_sleep(1.5)"))  # silent for longer than both limits
        return merge(connection, now)

    monkeypatch.setattr(cardholder_import, "merge", slow_merge)
    try:
        result = run(app, holders_csv(*HOLDERS))
        assert (result.inserted, result.rejected) == (3, [])
        assert count(app, Cardholder) == 3
        with app.app_context(), db.engine.connect() as connection:
            # The pooled connection the import used is back on the webhooks' limits, on both sides.
            assert connection.scalar(text("SHOW statement_timeout")) == "100ms"
            connection.execute(text("SET statement_timeout = 0"))
            with pytest.raises(DBAPIError, match="no answer within 1 s"):
                connection.execute(text("SELECT pg_sleep(1.5)"))
    finally:
        db.engine.dispose()


def test_sqlite_gets_its_small_page_cache_back_after_an_import(app):
    """The import's bigger cache is for the import: the hotline's pooled connections keep theirs."""
    with app.app_context(), db.engine.connect() as connection:
        webhooks = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert webhooks != -cardholder_import.SQLITE_CACHE_KIB
    run(app, holders_csv(*HOLDERS))
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == webhooks


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stream, shown", [(Terminal(), True), (io.StringIO(), False)])
def test_a_terminal_sees_the_rows_counted_then_the_merge(app, stream, shown):
    with app.app_context(), db.new_session() as session, progress_bar("importing cardholders", stream=stream) as bar:
        import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config, progress=bar.advance)
    screen = stream.getvalue()
    if shown:
        assert "3/?" in screen and cardholder_import.MERGING in screen
    else:
        assert screen == ""  # a cron job's log or a pipe gets no escape codes at all
