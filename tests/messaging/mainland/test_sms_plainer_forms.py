"""A value a provider's variable rules refuse (an outlet's name or address longer than Alibaba's 35
characters, or than a Tencent account's limit) does not cost the cardholder the SMS: it goes in the
plainer approved form that leaves that value out (ivr/messaging/fallback_forms.py), never cut short.
"""

import re

import pytest

from ivr import create_app
from ivr.directory.demo import DEMO_OUTLETS
from ivr.messaging import notify
from ivr.messaging.outlet_list import sms_line
from ivr.messaging.texts import outlet_facts
from ivr.platform.config import ConfigError
from ivr.prompts import text
from ivr.store import OutgoingMessage, db
from scheduler.jobs import dispatch_messages
from tests.messaging.mainland.conftest import FACTS, MOBILE

LONG_NAME = "北京市朝阳区社会保障卡服务中心第二分中心（朝阳门外大街东侧综合服务大楼一层）"  # 38 characters
BJ_CITY = next(outlet for outlet in DEMO_OUTLETS if outlet.code == "BJ-CITY")


def send(app, clock, kind, facts, *, key=None, language="zh"):
    """Queue one SMS as the hotline composes it, send it, and return its row."""
    with app.app_context(), db.new_session() as session:
        row, _ = notify.notify(
            session, kind, to=MOBILE, facts=facts, language=language, key=key,
            subject="report:1", due_at=clock.now, config=app.config,
        )  # fmt: skip
        message_id = row.id
    dispatch_messages(app, sender="s1")
    with app.app_context(), db.new_session() as session:
        return session.get(OutgoingMessage, message_id)


def on_the_phone(standin, key, language, **values):
    """What the phone shows for `key`: the provider's 【sign】 and the catalogue's words."""
    words = text(key, language, hotline=text("welcome.default_name", language), hotline_number="96102", **values)
    sign = f"【{standin.book.sign_name}】"
    return words if words.startswith(sign) else sign + words


def shown(standin):
    return [words for (_, words), copies in standin.taken.items() for _ in range(copies)]


@pytest.fixture
def strict_app(app_config, templates_file, provider):
    """Alibaba as it is (35 characters a variable); Tencent as a personally verified account (12)."""
    if provider == "tencent":
        templates_file.write_text("variable_max_length = 12\n" + templates_file.read_text(encoding="utf-8"))
    app = create_app(app_config)
    yield app
    db.engine.dispose()


@pytest.mark.parametrize("key", ["reminders.formal_report_outlet", "reminders.formal_report_last_shortest"])
def test_a_reminder_whose_outlet_the_provider_refuses_still_goes_saying_an_outlet(strict_app, clock, standin, key):
    facts = {**FACTS, "outlet": LONG_NAME, "hours": "周一至周五 8:30-17:00"}
    row = send(strict_app, clock, "formal_report_reminder", facts, key=key)
    plain = "sms.formal_report_reminder" if "outlet" in key else "reminders.formal_report_last_plain"
    assert (row.state, row.template["key"]) == ("sent", plain), row.last_error
    assert shown(standin) == [on_the_phone(standin, plain, "zh", **FACTS)]
    assert not any(LONG_NAME[:10] in words for words in shown(standin))  # not cut mid-name either


@pytest.mark.parametrize("provider", ["aliyun"])
def test_the_outlet_sms_too_long_for_one_variable_names_the_outlet_in_three(strict_app, clock, standin):
    facts = {"outlets": sms_line(BJ_CITY, "zh"), **outlet_facts(BJ_CITY, "zh")}  # as the outlets call queues it
    assert len(facts["outlets"]) > 35
    row = send(strict_app, clock, "outlet_info", facts)
    assert (row.state, row.template["key"]) == ("sent", "outlets.sms_info_nearest"), row.last_error
    expected = on_the_phone(standin, "outlets.sms_info_nearest", "zh", **outlet_facts(BJ_CITY, "zh"))
    assert shown(standin) == [expected] and BJ_CITY.address in expected


@pytest.mark.parametrize("provider", ["aliyun"])
def test_an_outlet_name_too_long_even_alone_leaves_the_outlet_sms_plain(strict_app, clock, standin):
    facts = {"outlets": sms_line(BJ_CITY, "en"), **outlet_facts(BJ_CITY, "en")}  # its English name: 41 characters
    row = send(strict_app, clock, "outlet_info", facts, language="en")
    assert (row.state, row.template["key"]) == ("sent", "outlets.sms_info_plain"), row.last_error
    assert shown(standin) == [on_the_phone(standin, "outlets.sms_info_plain", "en")]
    assert "96102" in shown(standin)[0] and BJ_CITY.name_en not in shown(standin)[0]


def test_values_the_provider_takes_keep_the_form_that_names_the_outlet(app, clock, standin):
    facts = {"outlets": "东城区社保服务网点", **outlet_facts(DEMO_OUTLETS[1], "zh")}
    row = send(app, clock, "outlet_info", facts)
    assert (row.state, row.template["key"]) == ("sent", "outlets.sms_info")
    assert "东城区社保服务网点" in shown(standin)[0]


def test_a_value_no_plainer_form_leaves_out_still_fails_with_its_reason(app, clock, standin):
    row = send(app, clock, "formal_report_reminder", {**FACTS, "reference": "【12345678】"})
    assert row.state == "failed" and "reference holds 【 or 】" in row.last_error and not standin.taken


@pytest.mark.parametrize("key", ["outlets.sms_info_nearest", "outlets.sms_info_plain"])
def test_start_up_refuses_templates_without_the_plainer_forms(app_config, templates_file, key):
    section = re.compile(rf'^\[templates\."{re.escape(key)}"\.en\]\n(?:\w+ = .*\n)+', re.M)
    registered = templates_file.read_text(encoding="utf-8")
    assert section.search(registered)
    templates_file.write_text(section.sub("", registered), encoding="utf-8")
    with pytest.raises(ConfigError, match=f"outlet_info: no template for {re.escape(key)} in en"):
        create_app(app_config)


def test_the_plainer_forms_must_be_registered_word_for_word(app_config, templates_file):
    registered = templates_file.read_text(encoding="utf-8")
    templates_file.write_text(registered.replace("收听", "查询", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="outlet_info: template .* \\(outlets.sms_info_plain, zh\\) reads"):
        create_app(app_config)
