"""The sign-in throttle's rules, judged straight on the database (ivr/operators/sign_in_throttle.py);
tests/console/test_console_throttle.py tries the same rules through the sign-in page."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ivr.operators import sign_in_throttle
from ivr.store import AuditEntry

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
DESK = "10.0.0.5"


def attempt(session, name, address, ok, *, now, config):
    """One sign-in as the page makes it: judged, written down, then its result."""
    judged = sign_in_throttle.verdict(session, name, address, now=now, config=config)
    if judged.wait_seconds:
        return judged.wait_seconds
    sign_in_throttle.finish(
        session, sign_in_throttle.begin(session, name, address, now=now), ok, now=now, config=config
    )
    session.commit()
    return 0


def test_no_wait_between_guesses_is_longer_than_the_window(session, app):
    config = {**app.config, "CONSOLE_SIGNIN_BASE_DELAY_SECONDS": 120}  # 120 s, 240 s, 480 s, then 960 s
    moment, waits = T0, []
    for _ in range(7):  # fewer than the name's ceiling: only the pair's wait counts
        while wait := attempt(session, "ming", "203.0.113.9", False, now=moment, config=config):
            waits.append(wait)
            moment += timedelta(seconds=wait)
    assert waits == [120, 240, 480, config["CONSOLE_SIGNIN_WINDOW_MINUTES"] * 60]


def test_a_desk_unused_for_a_month_is_a_stranger_again(session, app):
    config = app.config
    assert attempt(session, "hua", DESK, True, now=T0, config=config) == 0
    for days, refused in ((29, False), (31, True)):
        moment = T0 + timedelta(days=days)
        for n in range(config["CONSOLE_SIGNIN_MAX_FAILURES"]):
            attempt(session, "hua", f"198.51.100.{n}", False, now=moment, config=config)
        judged = sign_in_throttle.verdict(session, "hua", DESK, now=moment, config=config)
        assert bool(judged.wait_seconds) is refused


def test_filling_the_ceiling_alerts_once_with_how_many_addresses(session, app):
    config = app.config
    for n in range(config["CONSOLE_SIGNIN_MAX_FAILURES"] + 3):
        attempt(session, "ming", f"198.51.100.{n % 4}", False, now=T0, config=config)
    [alert] = sign_in_throttle.recent_alerts(session, T0)
    assert alert.target == "name ming" and "from 4 address(es)" in alert.detail
    assert session.scalars(select(AuditEntry)).all() == [alert]
