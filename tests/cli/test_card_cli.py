"""`flask --app app card ...`: the same moves from the command line, for an outlet without an integration."""

import json
from datetime import timedelta

from sqlalchemy import select

from ivr.store import Card, CardEvent, OutgoingMessage, db
from tests.support.known import HOLDERS

CARD = HOLDERS["zhang"]["card_number"]


def card(runner, *args):
    return runner.invoke(args=["card", *args])


def read(app, statement):
    with app.app_context(), db.new_session() as session:
        return session.scalars(statement).all()


def test_outlet_takes_a_card_through_its_whole_replacement(runner, app, cardholders, outlets, clock):
    steps = [
        ("formal-report", CARD, "--by", "wang.li"),
        ("apply-replacement", CARD, "--by", "wang.li"),
        ("in-production", CARD),
        ("ready", CARD, "--outlet", "BJ-CY-01"),
        ("collected", CARD, "--new-card", "B20000001", "--note", "ID checked"),
    ]
    outputs = []
    for step in steps:
        clock.advance(timedelta(hours=1))
        result = card(runner, *step)
        assert result.exit_code == 0, result.output
        outputs.append(result.output.strip())
    assert outputs[0] == "card ending 0001: active -> formal_loss"
    assert outputs[1] == "card ending 0001: formal_loss -> replacement_applied (expected ready on 2026-12-16)"
    events = read(app, select(CardEvent).order_by(CardEvent.id))
    assert [(e.to_state, e.actor, e.source) for e in events][:2] == [
        ("formal_loss", "operator", "cli:wang.li"),
        ("replacement_applied", "operator", "cli:wang.li"),
    ]
    assert events[-1].note == "new card ending 0001; ID checked"
    assert sorted(read(app, select(OutgoingMessage.state))) == ["cancelled"] * 3
    assert read(app, select(Card.state).order_by(Card.id))[:1] == ["collected"]

    history = card(runner, "history", "B20000001", "--json")
    assert history.exit_code == 0
    assert [row["to_state"] for row in json.loads(history.output)] == [
        "formal_loss",
        "replacement_applied",
        "in_production",
        "ready",
        "collected",
    ]
    lines = card(runner, "history", "B20000001").output.splitlines()
    assert lines[0] == "card ending 0001: active" and "ready -> collected" in lines[-1]
    assert CARD not in history.output and HOLDERS["zhang"]["id_number"] not in history.output


def test_refused_moves_say_why_and_change_nothing(runner, app, cardholders, outlets):
    cases = [
        (("collected", CARD, "--new-card", "B20000001"), "a card that is active cannot become collected"),
        (("ready", "Z99999999", "--outlet", "BJ-CY-01"), "no card has this number"),
        (("formal-report", CARD, "--outlet", "NOWHERE"), "no outlet has the code 'NOWHERE'"),
        (("history", "Z99999999"), "no card has this number"),
    ]
    for args, message in cases:
        result = card(runner, *args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert read(app, select(CardEvent)) == []
    assert read(app, select(Card.state)) == ["active"] * 3


def test_uncollected_lists_flagged_cards(runner, app, cardholders, outlets, clock):
    for args in (
        ("formal-report", CARD),
        ("apply-replacement", CARD),
        ("in-production", CARD),
        ("ready", CARD, "--outlet", "BJ-CITY"),
    ):
        assert card(runner, *args).exit_code == 0
    assert card(runner, "uncollected").output == ""
    assert "waiting 0 days" in card(runner, "uncollected", "--all").output
    clock.advance(timedelta(days=200))
    result = card(runner, "uncollected", "--flag-now")
    assert result.output.splitlines() == [
        "1 newly flagged",
        "card ending 0001  110105********002X  outlet BJ-CITY  waiting 200 days  OVERDUE",
    ]


def test_token_commands(runner):
    created = runner.invoke(args=["api-token", "create", "factory", "--actor", "production"])
    assert created.exit_code == 0 and created.output.startswith("ivr_")
    assert runner.invoke(args=["api-token", "create", "x", "--actor", "scheduler"]).exit_code != 0
    assert runner.invoke(args=["api-token", "revoke", "nobody"]).exit_code != 0
    assert runner.invoke(args=["api-token", "revoke", "factory"]).output.strip() == "token 'factory' revoked"
