"""The notify front door: the registry of kinds, and the words it composes from the catalogue."""

from datetime import UTC, datetime

import pytest

from ivr.messaging import notify
from ivr.prompts import CATALOGUE, LANGUAGES, text

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
CONFIG = {"HOTLINE_NAME": "", "HOTLINE_NUMBER": "12333"}


@pytest.mark.parametrize("kind", sorted(notify.KINDS))
def test_every_registered_key_is_in_the_catalogue_in_both_languages(kind):
    for key in notify.KINDS[kind].keys:
        assert set(LANGUAGES) <= set(CATALOGUE[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_is_the_catalogue_s_with_the_hotline_filled_in(language):
    letter = notify.compose(
        "lockout_alert",
        to="+8613800138000",
        facts={"hours": 24},
        language=language,
        subject="lockout:1",
        due_at=NOW,
        config=CONFIG,
    )
    expected = text("sms.lockout_alert", language, hotline=text("welcome.default_name", language), hours=24)
    assert letter.body == expected
    assert letter.params == {"hotline": text("welcome.default_name", language), "hours": "24"}
    assert letter.key == "sms.lockout_alert"


def test_an_unknown_kind_or_a_key_of_another_kind_is_refused():
    common = {"to": "+8613800138000", "facts": {}, "language": "zh", "subject": "x", "due_at": NOW, "config": CONFIG}
    with pytest.raises(notify.UnknownKind):
        notify.compose("free_text", **common)
    with pytest.raises(notify.UnknownKind):
        notify.compose("lockout_alert", key="sms.card_ready", **common)


def test_the_parameters_are_named_in_the_order_the_text_has_them():
    assert notify.KINDS["callback_ack"].parameters("callback.sms_ack", "zh") == (
        "hotline",
        "reference",
        "when",
        "last4",
    )


def test_without_a_mainland_provider_a_long_outlet_name_is_sent_whole():
    """Twilio has no per-variable limit: the plainer forms are for mainland providers only."""
    name = "北京市朝阳区社会保障卡服务中心第二分中心（朝阳门外大街东侧综合服务大楼一层）"
    letter = notify.compose(
        "formal_report_reminder",
        key="reminders.formal_report_outlet_shortest",
        to="+8613800138000",
        facts={"reference": "12345678", "lapse_date": "12月5日", "outlet": name},
        language="zh",
        subject="report:1",
        due_at=NOW,
        config={**CONFIG, "SMS_BACKEND": "twilio"},
    )
    assert letter.key == "reminders.formal_report_outlet_shortest" and name in letter.body
