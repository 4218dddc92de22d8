"""`flask --app app reminders list / cancel / retry`: what an operator sees and can do."""

import json

import pytest

from tests.support.sms import permanent_error, queue_sms, scripted_gateway, stored_message, tick


def listed(runner, *args):
    result = runner.invoke(args=["reminders", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_list_shows_failed_messages_with_their_reason(runner, app, clock):
    bad = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    queue_sms(app, subject="report:2", due_at=clock.now.replace(hour=23))
    tick(app, scripted_gateway(permanent_error()))
    (failed,) = listed(runner, "--state", "failed")
    assert failed["id"] == bad and "21211" in failed["last_error"]
    assert failed["due_at"].endswith("+08:00") and failed["to"] == "+8613800138000"
    assert [m["state"] for m in listed(runner)] == ["failed", "pending"]


def test_the_table_masks_numbers(runner, app, clock):
    queue_sms(app, due_at=clock.now)
    result = runner.invoke(args=["reminders", "list"])
    assert "+86 138****8000" in result.output and "13800138000" not in result.output


def test_retry_sends_a_failed_message_again(runner, app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    tick(app, scripted_gateway(permanent_error()))
    result = runner.invoke(args=["reminders", "retry", str(mid)])
    assert result.exit_code == 0 and "sent again" in result.output
    tick(app, scripted_gateway("SM9"))
    assert stored_message(app, mid).state == "sent"


def test_cancel_stops_a_pending_reminder(runner, app, clock):
    mid = queue_sms(app, due_at=clock.now.replace(hour=23))
    result = runner.invoke(args=["reminders", "cancel", str(mid)])
    assert result.exit_code == 0
    assert stored_message(app, mid).state == "cancelled"


@pytest.mark.parametrize("command", ["cancel", "retry"])
def test_refusals_say_why_and_change_nothing(runner, app, clock, command):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    tick(app, scripted_gateway("SM1"))
    refused = runner.invoke(args=["reminders", command, str(mid)])
    assert refused.exit_code == 1 and "nothing changed" in refused.output
    missing = runner.invoke(args=["reminders", command, "999"])
    assert missing.exit_code == 1 and "no message 999" in missing.output
    assert stored_message(app, mid).state == "sent"


def test_an_unknown_state_is_refused(runner):
    result = runner.invoke(args=["reminders", "list", "--state", "lost"])
    assert result.exit_code != 0 and "lost" in result.output
