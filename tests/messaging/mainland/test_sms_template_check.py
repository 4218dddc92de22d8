"""The approved templates file against the catalogue: start-up and `sms check-templates` refuse a
template that differs or is missing, and a message whose words no approved template gives is not sent.
"""

import re

import pytest
from sqlalchemy import select

from ivr import create_app
from ivr.messaging import notify
from ivr.platform.config import ConfigError
from ivr.store import OutgoingMessage, db
from scheduler.jobs import dispatch_messages
from tests.messaging.mainland.sending import queue, stored, with_entries


def test_start_up_refuses_templates_that_differ_from_the_catalogue(app_config, templates_file):
    templates_file.write_text(
        templates_file.read_text(encoding="utf-8").replace("有效至", "有效期至", 1), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="preloss_confirmation.*有效期至"):
        create_app(app_config)


def test_start_up_refuses_a_kind_with_no_template(app_config, templates_file):
    section = re.compile(r'^\[templates\."callback\.sms_ack"\.en\]\n(?:\w+ = .*\n)+', re.M)
    registered_text = templates_file.read_text(encoding="utf-8")
    assert section.search(registered_text)
    templates_file.write_text(section.sub("", registered_text), encoding="utf-8")
    with pytest.raises(ConfigError, match="callback_ack: no template for callback.sms_ack in en"):
        create_app(app_config)


def test_the_check_command_says_every_kind_is_covered(app):
    result = app.test_cli_runner().invoke(args=["sms", "check-templates"])
    count = 2 * sum(len(kind.keys) for kind in notify.KINDS.values())
    assert result.exit_code == 0, result.output
    assert f"{count} templates" in result.output and "exactly as the catalogue" in result.output


@pytest.mark.parametrize(
    "provider, entry, said",
    [
        ("aliyun", "max_length = { reference = 40 }", "Alibaba Cloud allows at most 35"),
        ("aliyun", 'types = { reference = "order_number" }', "types checked here: code, phone_number"),
        ("tencent", 'types = { reference = "phone_number" }', "types checked here: code"),
    ],
)
def test_the_check_command_names_a_variable_rule_the_provider_does_not_have(templates_file, app, entry, said):
    with_entries(templates_file, "sms.preloss_confirmation", entry)
    result = app.test_cli_runner().invoke(args=["sms", "check-templates"])
    assert result.exit_code == 1 and "sms.preloss_confirmation/zh" in result.output and said in result.output


def test_words_the_approved_template_does_not_give_are_not_sent(app, clock, standin):
    message_id = queue(app, clock)
    with app.app_context(), db.new_session() as session:
        session.get(OutgoingMessage, message_id).body += " 另加一句"
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and "does not give this message's words" in row.last_error
    assert not standin.taken


def test_a_message_queued_before_templates_were_stored_fails_with_its_reason(app, clock, standin):
    message_id = queue(app, clock)
    with app.app_context(), db.new_session() as session:
        session.execute(select(OutgoingMessage)).scalars().first().template = None
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and "no template parameters" in row.last_error
