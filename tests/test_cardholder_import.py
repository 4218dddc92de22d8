"""The bulk cardholder import on SQLite and PostgreSQL: what is loaded, what is refused, all or nothing."""

import io

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from ivr import cardholder_import, passwords
from ivr.cardholders import import_csv
from ivr.store import Card, Cardholder, db

from .known import HOLDERS


def run(app, body):
    with app.app_context(), db.new_session() as session:
        return import_csv(session, io.StringIO(body), app.config)


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_new_rows_are_inserted_and_known_ones_updated(empty_app, holders_csv):
    assert run(empty_app, holders_csv("zhang")).inserted == 1
    result = run(empty_app, holders_csv("zhang", "li").replace("13800138000", "13800138999"))
    assert (result.inserted, result.updated, result.rejected) == (1, 1, [])
    with empty_app.app_context():
        holder = db.session.scalar(select(Cardholder).where(Cardholder.name == "张伟"))
        assert holder.mobile == "+8613800138999" and len(holder.cards) == 1
        assert passwords.check_pin(empty_app.config["PASSWORD_KEYRING"], holder.password_hash, "246810").ok


def test_a_repeated_id_number_keeps_the_first_line(empty_app, holders_csv):
    body = holders_csv("zhang", "li") + holders_csv("zhang").splitlines()[1].replace("A10000001", "A10000009") + "\n"
    result = run(empty_app, body)
    assert result.rejected == [(4, "same id_number as line 2")]
    assert count(empty_app, Cardholder) == 2 and count(empty_app, Card) == 2


def test_a_card_number_given_twice_in_one_file_goes_to_the_first(empty_app, holders_csv):
    result = run(empty_app, holders_csv("zhang", "li").replace("A10000002", "A10000001"))
    assert result.rejected == [(3, "card_number belongs to another cardholder")]
    assert count(empty_app, Cardholder) == 1


def test_a_failure_part_way_writes_nothing(empty_app, monkeypatch, holders_csv):
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
