"""Every SMS fits in two segments, in both languages, with the longest values it will be filled with."""

import pytest

from ivr.messaging import segments, texts
from ivr.prompts import CATALOGUE, LANGUAGES, placeholders, text
from ivr.store import Outlet

LONGEST = {
    "hotline": None,
    "reference": "12345678",
    "card_last4": "002X",
    "hours": 99,
    "lapse_date": None,
    "hotline_number": "96102",
    "outlet": "北京市社会保障卡服务大厅",
    "address": "北京市西城区复兴门内大街3号",
    "ready_date": None,
}
SMS_KEYS = sorted(key for key in CATALOGUE if key.startswith(("sms.", "reminders.")))


def fill(key, language):
    values = {
        **LONGEST,
        "hotline": text("welcome.default_name", language),
        "lapse_date": "2026年12月25日" if language == "zh" else "25 Sep 2026",
        "ready_date": "2026年12月25日" if language == "zh" else "25 Sep 2026",
    }
    if key == "sms.lockout_alert":
        values["hours"] = 24
    else:
        values["hours"] = "周一至周六 8:30-17:30"
    return text(key, language, **{name: values[name] for name in placeholders(CATALOGUE[key][language])})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", [k for k in SMS_KEYS if "_outlet" not in k and k != "reminders.formal_report_last"])
def test_each_sms_fits_in_two_segments_and_names_the_hotline(key, language):
    body = fill(key, language)
    assert segments.count(body) <= 2, (key, language, len(body))
    assert body.lstrip("【").startswith(text("welcome.default_name", language))


@pytest.mark.parametrize(
    "body, expected",
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("[" * 80, 1),
        ("[" * 81, 2),
        ("挂" * 70, 1),
        ("挂" * 71, 2),
        ("挂" * 134, 2),
        ("挂" * 135, 3),
        ("a" * 69 + "挂", 1),
    ],
)
def test_segments_are_counted_as_phones_count_them(body, expected):
    assert segments.count(body) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reminder_names_the_nearest_outlet_when_it_fits(session, language):
    session.add_all(
        [
            Outlet(
                code="CITY",
                name="北京市社会保障卡服务大厅",
                area_code="11",
                address="西城区复兴门内大街3号",
                hours="周一至周六 8:30-17:30",
            ),
            Outlet(
                code="CY",
                name="朝阳区社保卡服务中心",
                area_code="110105",
                address="工体北路1号",
                hours="周一至周五 8:30-17:00",
            ),
        ]
    )
    session.flush()
    assert texts.nearest_outlet(session, "110105").code == "CY"
    assert texts.nearest_outlet(session, "110101").code == "CITY"
    assert texts.nearest_outlet(session, "440304") is None
    values = {
        "hotline": text("welcome.default_name", language),
        "reference": "12345678",
        "lapse_date": "2026年12月5日" if language == "zh" else "5 Dec 2026",
    }
    outlet = texts.nearest_outlet(session, "110105")
    body = texts.naming(outlet, ["reminders.formal_report_outlet"], "sms.formal_report_reminder", language, values)
    assert segments.count(body) <= 2
    if language == "zh":
        assert "朝阳区社保卡服务中心" in body and "周一至周五" in body
    else:  # a Chinese outlet name would make the English text UCS-2 and too long: the plain text
        assert body == text("sms.formal_report_reminder", language, **values)
