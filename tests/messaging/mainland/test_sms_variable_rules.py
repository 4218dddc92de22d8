"""The providers' rules for one template variable (ivr/messaging/template_rules.py): a value that
breaks one is refused before sending, with the variable's name and the rule, never its value.
"""

from datetime import timedelta

import pytest

from ivr import create_app
from ivr.store import db
from scheduler.jobs import dispatch_messages
from tests.messaging.mainland.conftest import FACTS
from tests.messaging.mainland.sending import queue, stored, with_entries


def test_a_value_longer_than_its_registered_variable_fails_with_the_reason(app_config, templates_file, clock):
    registered_text = templates_file.read_text(encoding="utf-8")
    section = '[templates."sms.preloss_confirmation".zh]\n'
    templates_file.write_text(
        registered_text.replace(section, section + "max_length = { reference = 6 }\n"), encoding="utf-8"
    )
    app = create_app(app_config)
    message_id = queue(app, clock)  # its reference has 8 digits
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and "reference is 8 characters, at most 6" in row.last_error
    db.engine.dispose()


def refused_before_sending(app, clock, standin, message_id, reason, facts):
    dispatch_messages(app, sender="s1")
    clock.advance(timedelta(hours=2))
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and row.attempts == 1 and reason in row.last_error
    assert not standin.taken and not standin.log
    for value in facts.values():
        assert value not in row.last_error  # the reason names the variable, never its value


@pytest.mark.parametrize("provider", ["aliyun"])
@pytest.mark.parametrize(
    "facts, reason",
    [
        ({"reference": "1234567890" * 4}, "reference is 40 characters, at most 35"),
        ({"lapse_date": "见 https://example.cn/a"}, "lapse_date holds a link"),
        ({"reference": "【12345678】"}, "reference holds 【 or 】"),
        ({"card_last4": "12a4"}, "card_last4 is not 4 to 6 digits"),
    ],
)
def test_a_value_that_breaks_alibaba_s_variable_rules_fails_before_sending(
    app_config, templates_file, clock, standin, facts, reason
):
    with_entries(templates_file, "sms.preloss_confirmation", 'types = { card_last4 = "code" }')
    app = create_app(app_config)
    refused_before_sending(app, clock, standin, queue(app, clock, facts={**FACTS, **facts}), reason, facts)
    db.engine.dispose()


@pytest.mark.parametrize("provider", ["tencent"])
@pytest.mark.parametrize(
    "facts, reason",
    [
        ({"reference": "1234567890123"}, "reference is 13 characters, at most 12"),
        ({"card_last4": "1234567"}, "card_last4 is not at most 6 digits"),
        ({"lapse_date": "www.a.cn"}, "lapse_date holds a link"),
    ],
)
def test_a_value_that_breaks_tencent_s_variable_rules_fails_before_sending(
    app_config, templates_file, clock, standin, facts, reason
):
    # A personally verified Tencent account: 12 characters a variable, as its console says.
    with_entries(
        templates_file, "sms.preloss_confirmation", 'types = { card_last4 = "code" }', top="variable_max_length = 12\n"
    )
    app = create_app(app_config)
    refused_before_sending(app, clock, standin, queue(app, clock, facts={**FACTS, **facts}), reason, facts)
    db.engine.dispose()


def test_the_hotline_s_own_values_pass_the_rules(app, clock, standin):
    """Every catalogue value a report sends fits both providers' rules (the default accounts)."""
    message_id = queue(app, clock)
    dispatch_messages(app, sender="s1")
    assert stored(app, message_id).state == "sent"


def test_the_check_command_names_the_outlets_whose_sms_take_a_plainer_form(app, outlets, provider):
    """The demo outlets, as a centre loads its own: each outlet's line of the outlet SMS is one variable."""
    result = app.test_cli_runner().invoke(args=["sms", "check-templates"])
    assert result.exit_code == 0, result.output
    if provider == "tencent":  # an enterprise account: no limit on a variable's length
        assert "plainer" not in result.output
        return
    assert "outlet BJ-CITY (outlets.sms_info, zh): template" in result.output
    assert "outlets is" in result.output and "at most 35 allowed; sent as outlets.sms_info_nearest" in result.output
