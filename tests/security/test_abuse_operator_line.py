"""Abuse: a stranger posing as an operator on the agent line (caller ID is forgeable).

Every request here is signed as Twilio signs it: the attacker is a real call into the hotline's
operator number, with a forged caller ID and any keys they like.
"""

import pytest
from sqlalchemy import func, select

from ivr.store import AuditEntry, Operator, OperatorLine, QueueVisit
from tests.support.calls import file_report
from tests.support.known import HOLDERS, OPERATOR_PHONE, OPERATOR_PIN, QUEUE
from tests.support.queue import agent_line, desk_operator

SPELLINGS = ["+8613900001111", "8613900001111", "13900001111", "+86-139-0000-1111", "tel:+8613900001111"]


@pytest.fixture
def desk(app, session):
    """The queue on, and operator hua's desk phone registered with its PIN."""
    app.config["OPERATOR_QUEUE"] = QUEUE
    operator_id = desk_operator(session, "hua")
    session.commit()
    return operator_id


@pytest.fixture
def waiting(phone, cardholders, desk):
    """A verified cardholder who filed a report and now waits for an operator."""
    call = file_report(phone, HOLDERS["zhang"], "zh")
    call.press("*")
    call.press("0")
    assert call.enqueued
    return call


def nothing_told(heard, dial):
    return dial is None and "0 0 0 1" not in heard and "已核验身份" not in heard and "下一位来电" not in heard


def reserved(session):
    session.expire_all()
    return session.scalar(select(QueueVisit.offered_to))


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_forged_desk_phone_without_the_pin_hears_nothing_and_reserves_nobody(spelling, phone, waiting, session):
    heard, dial = agent_line(phone, caller=spelling, pin=None).ring()
    assert "请输入本线路的座席密码" in heard
    assert nothing_told(heard, dial) and reserved(session) is None


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_the_desk_phone_with_the_pin_takes_the_caller(spelling, phone, waiting):
    heard, dial = agent_line(phone, caller=spelling).ring()
    assert "已核验身份，卡号尾号0 0 0 1" in heard and dial is not None


def test_a_wrong_pin_hears_nothing_and_the_call_ends_after_three(phone, waiting, session):
    line = agent_line(phone, pin="111111")
    for heard, dial in (line.ring(), line.key("222222"), line.key("333333")):
        assert "座席密码不正确" in heard and nothing_told(heard, dial)
    # The third wrong PIN ends the call: the last answer hangs up instead of asking again.
    assert line.root.find("Hangup") is not None and line.root.find("Gather") is None
    assert reserved(session) is None
    failed = session.scalar(select(func.count()).where(AuditEntry.action == "operator_pin_failed"))
    assert failed == 3


def test_a_real_operator_a_second_after_a_forged_call_still_takes_the_caller(phone, waiting):
    agent_line(phone, pin=None).ring()
    agent_line(phone, pin="000000").ring()
    heard, dial = agent_line(phone).ring()
    assert "已核验身份，卡号尾号0 0 0 1" in heard and dial is not None


def test_stir_shaken_says_forged_the_pin_is_not_even_asked(phone, waiting, session):
    heard, dial = agent_line(phone, StirVerstat="TN-Validation-Failed").ring()
    assert "仅供登记的人工座席使用" in heard and nothing_told(heard, dial) and reserved(session) is None


def test_guessing_pins_over_many_calls_is_throttled_even_for_the_right_pin(app, phone, waiting, session):
    app.config["OPERATOR_PIN_MAX_FAILURES"] = 4
    for guess in ("100000", "200000", "300000", "400000"):
        agent_line(phone, pin=guess).ring()
    heard, dial = agent_line(phone).ring()
    assert "本线路暂停使用" in heard and nothing_told(heard, dial) and reserved(session) is None


def test_guessing_over_all_lines_is_throttled_overall(app, phone, waiting, session):
    app.config["OPERATOR_PIN_MAX_FAILURES_ALL"] = 3
    desk_operator(session, "jun", "+8613900002222")
    session.commit()
    for caller in (OPERATOR_PHONE, "+8613900002222", OPERATOR_PHONE):
        agent_line(phone, caller=caller, pin="999999").ring()
    heard, dial = agent_line(phone, caller="+8613900002222").ring()
    assert "本线路暂停使用" in heard and nothing_told(heard, dial)


def test_the_proof_belongs_to_the_call_that_keyed_the_pin(phone, waiting, session):
    """A second call from the same (forged) number does not ride on the operator's proof."""
    agent_line(phone).ring()  # the operator proves the line and is told of zhang
    heard, dial = agent_line(phone, pin=None).ring()
    assert nothing_told(heard, dial)


def test_a_line_registered_before_pins_is_refused_until_one_is_set(phone, waiting, session):
    line = session.scalar(select(OperatorLine))
    line.pin_hash = None
    session.commit()
    heard, dial = agent_line(phone).ring()
    assert "座席密码不正确" in heard and nothing_told(heard, dial)


def test_the_cli_asks_for_the_pin_and_refuses_a_short_one(app, runner, session):
    session.add(Operator(name="li", role="operator", password_hash="x"))
    session.commit()
    refused = runner.invoke(args=["operator-line", "li", "13900003333", "--pin-stdin"], input="12\n")
    assert refused.exit_code == 1 and "6 to 12 digits" in refused.output
    asked = runner.invoke(args=["operator-line", "li", "13900003333"], input=f"{OPERATOR_PIN}\n{OPERATOR_PIN}\n")
    assert asked.exit_code == 0 and "PIN" in asked.output and OPERATOR_PIN not in asked.output
