"""A commit waits for the disk when it did what a caller is told was done (a report filed, a wrong PIN
counted), not when it only moved a call on (ivr/store/durability.py): a busy disk's slow flushes then
hold up a few webhooks, not every one in flight."""

import os
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, insert, select, text, update

from ivr.store import Call, CallEvent, Cardholder, PrelossReport, db, durability
from ivr.store.base import Base
from ivr.store.db import make_engine
from tests.support.calls import keys_for, spoken_reference
from tests.support.known import HOLDERS, TOKEN


class DiskWaits:
    """Counts, while `watching`, the commits that waited for the disk and those that did not.

    SQLite: a commit waits by syncing the WAL (os.fsync of the -wal file). PostgreSQL: a commit that
    does not wait sets synchronous_commit off for its transaction (durability.without_waiting)."""

    def __init__(self, app, monkeypatch):
        self.sqlite = app.config["DATABASE_URL"].startswith("sqlite")
        self.active, self.commits, self.synced, self.relaxed = False, 0, 0, 0
        plain_fsync, plain_relax = os.fsync, durability.without_waiting

        def fsync(fd):
            if self.active and os.readlink(f"/proc/self/fd/{fd}").endswith("-wal"):
                self.synced += 1
            plain_fsync(fd)

        def relax(driver_connection):
            self.relaxed += self.active
            plain_relax(driver_connection)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(durability, "without_waiting", relax)
        with app.app_context():
            event.listen(db.engine, "commit", self._committed)

    def _committed(self, _connection):
        self.commits += self.active

    @contextmanager
    def watching(self):
        self.active, self.commits, self.synced, self.relaxed = True, 0, 0, 0
        yield self
        self.active = False

    @property
    def waited(self):
        return self.synced if self.sqlite else self.commits - self.relaxed


@pytest.fixture
def disk_waits(race_app, monkeypatch):
    return DiskWaits(race_app, monkeypatch)


def test_a_call_moving_on_does_not_wait_for_the_disk_but_a_filed_report_does(race_app, disk_waits, make_phone):
    phone = make_phone(race_app.test_client(), TOKEN)
    holder = HOLDERS["zhang"]
    call = phone.dial()
    with disk_waits.watching() as moving_on:
        for keys in ("1", "1", keys_for(holder), "1"):  # language, menu, ID number, "that is right"
            call.press(keys)
    assert "服务密码" in call.heard  # asked for the PIN: the call moved on
    assert moving_on.waited == 0
    assert disk_waits.sqlite or moving_on.relaxed >= 4

    for keys in (holder["service_password"] + "#", holder["mobile"][-4:]):
        call.press(keys)
    with disk_waits.watching() as filing:
        call.press("1")
    assert "挂失" in call.heard
    assert filing.waited >= 1
    with race_app.app_context():
        assert spoken_reference(db.session.scalar(select(PrelossReport.reference)), "zh") in call.heard


def test_a_wrong_pin_is_counted_on_disk_before_the_caller_hears_it(race_app, disk_waits, make_phone):
    # Wrong PINs add up to a lockout: a count an attacker could wipe by crashing the host is no count.
    phone = make_phone(race_app.test_client(), TOKEN)
    call = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1"):
        call.press(keys)
    with disk_waits.watching() as wrong_pin:
        call.press("999999#")
        call.press("0000")
    assert "could not verify" in call.heard
    assert wrong_pin.waited >= 1


@pytest.fixture
def noted():
    """A connection to an in-memory database of the hotline's tables whose writes are noted."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    durability.note_writes(engine)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


CALL = {"call_sid": "CA" + "0" * 32}
WRITES = {
    "insert a call": (insert(Call).values(**CALL), durability.PROGRESS),
    "update a call": (update(Call).values(turn=2), durability.PROGRESS),
    "log a call's event": (insert(CallEvent).values(call_id=1, step="menu", kind="key"), durability.PROGRESS),
    "read, locking": (select(Call).with_for_update(), None),
    "rewrite a PIN's hash": (update(Cardholder).values(password_hash="x"), durability.OTHER),
    "SQL text that writes": (text("UPDATE calls SET turn = 3"), durability.OTHER),
    "SQL text that reads": (text("SELECT count(*) FROM calls"), None),
    "SQL text naming the calls it writes": (
        text("UPDATE calls SET turn = 4").execution_options(writes_tables=("calls",)),
        durability.PROGRESS,
    ),
    "SQL text naming more": (
        text("UPDATE calls SET turn = 5").execution_options(writes_tables=("calls", "cards")),
        durability.OTHER,
    ),
}


@pytest.mark.parametrize("statement, kind", WRITES.values(), ids=WRITES)
def test_what_a_transaction_wrote_is_noted_and_anything_unknown_waits(noted, statement, kind):
    with noted.begin():
        noted.execute(statement)
        assert noted.info.get(durability.WRITES) == kind
        assert durability.commit_waits(dict(noted.info)) is (kind != durability.PROGRESS)


def test_one_write_beyond_a_calls_progress_makes_the_whole_commit_wait(noted):
    with noted.begin():
        noted.execute(insert(Call).values(**CALL))
        noted.execute(text("DELETE FROM outlets"))
        noted.execute(update(Call).values(turn=2))
        assert durability.commit_waits(noted.info)
        assert durability.WRITES not in noted.info  # the next transaction starts afresh


def test_postgresqls_commit_without_waiting_holds_for_that_transaction_only(pg_server):
    engine = make_engine(pg_server)
    try:
        with engine.connect() as connection:
            with connection.begin():
                durability.without_waiting(connection.connection.driver_connection)
                assert connection.scalar(text("SHOW synchronous_commit")) == "off"
            assert connection.scalar(text("SHOW synchronous_commit")) == "on"
    finally:
        engine.dispose()
