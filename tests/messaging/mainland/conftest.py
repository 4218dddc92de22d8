"""Alibaba Cloud's and Tencent Cloud's stand-ins, a templates file as an operator registers it, and an
app that sends through them: for every test in this folder, once per provider."""

import re

import pytest

from ivr.messaging import templates
from ivr.prompts import text
from tests.support.sms_providers import AliyunStandIn, TencentStandIn

MOBILE = "+8613800138000"
REPORT_TOKEN = "report-token-for-tests"
STANDINS = {"aliyun": AliyunStandIn, "tencent": TencentStandIn}
KEYS = {
    "aliyun": {"ALIYUN_ACCESS_KEY_ID": "LTAI-test-key", "ALIYUN_ACCESS_KEY_SECRET": "aliyun-secret-never-logged"},
    "tencent": {
        "TENCENT_SECRET_ID": "AKID-test-key",
        "TENCENT_SECRET_KEY": "tencent-secret-never-logged",
        "TENCENT_SMS_SDK_APP_ID": "1400000000",
    },
}
FACTS = {"card_last4": "1234", "reference": "12345678", "lapse_date": "12月5日"}
DEFAULTS = {"HOTLINE_NAME": "", "HOTLINE_NUMBER": "96102"}


def registered(provider, sign_name=None):
    """A templates file as an operator would register it: the draft, each given a code."""
    draft = templates.draft(provider, sign_name or text("welcome.default_name", "zh"), DEFAULTS)
    counter = iter(range(1, 1000))
    return re.sub(r'^code = ""$', lambda _: f'code = "{2000 + next(counter)}"', draft, flags=re.M)


@pytest.fixture(params=sorted(STANDINS))
def provider(request):
    return request.param


@pytest.fixture
def templates_file(tmp_path, provider):
    path = tmp_path / "sms-templates.toml"
    path.write_text(registered(provider), encoding="utf-8")
    return path


@pytest.fixture
def standin(provider, templates_file):
    book = templates.load(templates_file, provider)
    key_id = next(iter(KEYS[provider].values()))
    with STANDINS[provider](book, key_id=key_id) as running:
        yield running


@pytest.fixture
def app_config(app_config, provider, templates_file, standin):
    prefix = provider.upper()
    app_config.update(
        SMS_BACKEND=provider,
        SMS_TEMPLATES_FILE=str(templates_file),
        SMS_REPORT_TOKEN=REPORT_TOKEN,
        SMS_HTTP_TIMEOUT=2,
        **KEYS[provider],
        **{f"{prefix}_SMS_ENDPOINT": standin.endpoint, f"{prefix}_SMS_PROTOCOL": "http"},
    )
    return app_config
