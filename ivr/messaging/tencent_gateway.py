"""Sending through Tencent Cloud SMS (API 2021-01-11) with its official SDK: approved templates only.

The message id rides as SessionContext, which the delivery callback and PullSmsSendStatus return.
Error codes: tencentcloud/sms/v20210111/errorcodes.py in the SDK (https://cloud.tencent.com/document/api/382/52075).
"""

import json

import requests
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models, sms_client

from ivr.messaging import templates, uplink
from ivr.messaging.envelope import Found, SendError, UnknownOutcome
from ivr.messaging.transport import never_connected

# What is wrong with this message or its template: sending it again gives the same answer.
PERMANENT_CODES = {
    "FailedOperation.ContainSensitiveWord",
    "FailedOperation.PhoneNumberInBlacklist",
    "FailedOperation.PhoneNumberParseFail",
    "FailedOperation.SignatureIncorrectOrUnapproved",
    "FailedOperation.TemplateIncorrectOrUnapproved",
    "FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
    "FailedOperation.TemplateUnapprovedOrNotExist",
    "InvalidParameterValue.ContentLengthLimit",
    "InvalidParameterValue.IncorrectPhoneNumber",
    "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
    "InvalidParameterValue.TemplateParameterFormatError",
    "InvalidParameterValue.TemplateParameterLengthLimit",
    "InvalidParameterValue.TemplateWithDirtyWords",
    "InvalidParameter.DirtyWordFound",
    "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone",
    "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone",
    "UnsupportedOperation.UnsupportedRegion",
}
# Everything else — LimitExceeded.* (rate and daily limits), the balance, the account's permissions,
# InternalError.* — may pass later, within SMS_MAX_ATTEMPTS.
# PullSmsSendStatus' ReportStatus: SUCCESS delivered, FAIL not delivered.
REPORT_STATES = {"SUCCESS": "delivered", "FAIL": "failed"}
REPLIES_PER_PULL = 100  # PullSmsReplyStatus' largest Limit


class TencentGateway:
    def __init__(self, client, book, *, app_id):
        self.client = client
        self.book = book
        self.app_id = app_id

    @classmethod
    def from_config(cls, config, book):
        http = HttpProfile(
            protocol=config["TENCENT_SMS_PROTOCOL"],
            endpoint=config["TENCENT_SMS_ENDPOINT"],
            reqMethod="POST",
            reqTimeout=config["SMS_HTTP_TIMEOUT"],
        )
        secret = credential.Credential(config["TENCENT_SECRET_ID"], config["TENCENT_SECRET_KEY"])
        # No retryer in the profile: one try per call, the dispatcher decides about retries.
        client = sms_client.SmsClient(secret, config["TENCENT_SMS_REGION"], ClientProfile(httpProfile=http))
        return cls(client, book, app_id=config["TENCENT_SMS_SDK_APP_ID"])

    def send(self, message):
        template, arguments = templates.fill(self.book, message)
        request = build(
            models.SendSmsRequest,
            PhoneNumberSet=[message.to],
            SmsSdkAppId=self.app_id,
            SignName=self.book.sign_name,
            TemplateId=template.code,
            TemplateParamSet=arguments,
            SessionContext=str(message.id),
        )
        status = self.call(self.client.SendSms, request).SendStatusSet[0]
        if status.Code != "Ok":
            raise classify(status.Code, status.Message)
        return status.SerialNo

    def call(self, action, request):
        try:
            return action(request)
        except TencentCloudSDKException as exc:
            if exc.code == "ClientNetworkError":
                cause = exc.__context__
                if isinstance(cause, requests.exceptions.RequestException) and never_connected(cause):
                    raise SendError(f"could not reach Tencent Cloud: {type(cause).__name__}") from None
                raise UnknownOutcome("no answer from Tencent Cloud") from None
            raise classify(exc.code, exc.message) from None

    def lookup(self, message, since):
        """Tencent's delivery reports for this number since the hand-over, by SessionContext."""
        request = build(
            models.PullSmsSendStatusByPhoneNumberRequest,
            BeginTime=int(since.timestamp()) - 300,
            Offset=0,
            Limit=100,
            PhoneNumber=message.to,
            SmsSdkAppId=self.app_id,
        )
        try:
            reports = self.call(self.client.PullSmsSendStatusByPhoneNumber, request).PullSmsSendStatusSet or []
        except (SendError, UnknownOutcome):
            return None
        for report in reports:
            if report.SessionContext == str(message.id):
                return Found(report.SerialNo or "", REPORT_STATES.get(report.ReportStatus, "sent"))
        # A report may not have come yet for a message Tencent took: it cannot say "never got it".
        return None

    def replies(self, config):
        """Texts cardholders sent that Tencent has not handed over yet (PullSmsReplyStatus), as uplink.Texts."""
        request = build(models.PullSmsReplyStatusRequest, Limit=REPLIES_PER_PULL, SmsSdkAppId=self.app_id)
        found = self.call(self.client.PullSmsReplyStatus, request).PullSmsReplyStatusSet or []
        return [
            uplink.tencent_text(row.PhoneNumber, row.ReplyContent or "", row.ReplyTime, config)
            for row in found
            if row.PhoneNumber and isinstance(row.ReplyTime, int)
        ]


def build(model, **fields):
    """An SDK request from its API field names (the SDK warns of a name its API lacks)."""
    request = model()
    request.from_json_string(json.dumps(fields, ensure_ascii=False))
    return request


def classify(code, reason):
    """A Tencent error code as a SendError: permanent for this message's own faults, else later."""
    return SendError(f"tencent {code}: {reason}"[:500], permanent=code in PERMANENT_CODES)
