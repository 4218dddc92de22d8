"""Sending through Alibaba Cloud SMS (dysmsapi 2017-05-25) with its official SDK: approved templates only.

The message id rides as OutId, so the delivery report (SmsReport) and QuerySendDetails name it.
Error codes: https://help.aliyun.com/document_detail/101346.html (API) and the SmsReport push
https://help.aliyun.com/document_detail/101867.html.
"""

import json
from datetime import timedelta

import phonenumbers
import requests
from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from alibabacloud_tea_openapi.utils_models import Config
from darabonba.exceptions import UnretryableException
from darabonba.runtime import RuntimeOptions

from ivr.messaging import templates
from ivr.messaging.envelope import Found, SendError, UnknownOutcome
from ivr.messaging.transport import never_connected

# What is wrong with this message or its template: sending it again gives the same answer.
PERMANENT_CODES = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.MOBILE_COUNT_OVER_LIMIT",
    "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isv.INVALID_PARAMETERS",
    "isv.INVALID_JSON_PARAM",
    "isv.PARAM_LENGTH_LIMIT",
    "isv.PARAM_NOT_SUPPORT_URL",
    "isv.SMS_CONTENT_ILLEGAL",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.SMS_SIGNATURE_ILLEGAL",
    "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
    "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
}
# Everything else — flow control (isv.BUSINESS_LIMIT_CONTROL, isv.DAY_LIMIT_CONTROL), the balance,
# the account's permissions, the provider's own errors (isp.*) — may pass later, within SMS_MAX_ATTEMPTS.
# QuerySendDetails' SendStatus: 1 waiting for the carrier's receipt, 2 failed, 3 delivered.
SEND_STATUS = {1: "sent", 2: "failed", 3: "delivered"}
PAGE_SIZE = 50


def provider_number(e164):
    """Alibaba wants a mainland number without +86, others with their country code and no +."""
    number = phonenumbers.parse(e164)
    if number.country_code == 86:
        return str(number.national_number)
    return f"{number.country_code}{number.national_number}"


class AliyunGateway:
    def __init__(self, client, book, *, timeout_ms):
        self.client = client
        self.book = book
        # One try per call: the dispatcher decides about retries, never the SDK behind its back.
        self.runtime = RuntimeOptions(autoretry=False, read_timeout=timeout_ms, connect_timeout=timeout_ms)

    @classmethod
    def from_config(cls, config, book):
        config_ = Config(
            access_key_id=config["ALIYUN_ACCESS_KEY_ID"],
            access_key_secret=config["ALIYUN_ACCESS_KEY_SECRET"],
            endpoint=config["ALIYUN_SMS_ENDPOINT"],
            protocol=config["ALIYUN_SMS_PROTOCOL"],
        )
        return cls(Client(config_), book, timeout_ms=config["SMS_HTTP_TIMEOUT"] * 1000)

    def send(self, message):
        template, arguments = templates.fill(self.book, message)
        request = models.SendSmsRequest(
            phone_numbers=provider_number(message.to),
            sign_name=self.book.sign_name,
            template_code=template.code,
            template_param=json.dumps(arguments, ensure_ascii=False),
            out_id=str(message.id),
        )
        body = self.call(lambda: self.client.send_sms_with_options(request, self.runtime)).body
        if body.code != "OK":
            raise classify(body.code, body.message)
        return body.biz_id

    def call(self, request):
        try:
            return request()
        except AlibabaCloudException as exc:
            # 4xx/5xx with a code: the request was answered, and refused.
            raise classify(exc.code, exc.message) from None
        except UnretryableException as exc:
            # The SDK wraps the HTTP library's error (darabonba's RetryError), raised while handling it.
            cause = exc.inner_exception.__context__ if exc.inner_exception is not None else None
            if isinstance(cause, requests.exceptions.RequestException) and never_connected(cause):
                raise SendError(f"could not reach Alibaba Cloud: {type(cause).__name__}") from None
            raise UnknownOutcome(type(cause or exc.inner_exception).__name__) from None

    def lookup(self, message, since):
        """Alibaba's record of the messages to this number on the day it was handed over, by OutId."""
        days = {since.date(), (since + timedelta(hours=8)).date()}  # its SendDate is a Beijing day
        try:
            for day in sorted(days):
                request = models.QuerySendDetailsRequest(
                    phone_number=provider_number(message.to),
                    send_date=day.strftime("%Y%m%d"),
                    page_size=PAGE_SIZE,
                    current_page=1,
                )
                body = self.call(lambda r=request: self.client.query_send_details_with_options(r, self.runtime)).body
                rows = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else []
                for row in rows or []:
                    if row.out_id == str(message.id):
                        return Found("", SEND_STATUS.get(row.send_status, "sent"))
        except (SendError, UnknownOutcome):
            return None
        return Found("", "not_sent")


def classify(code, reason):
    """An Alibaba error code as a SendError: permanent for this message's own faults, else later."""
    return SendError(f"aliyun {code}: {reason}"[:500], permanent=code in PERMANENT_CODES)
