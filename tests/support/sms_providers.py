"""Local stand-ins of Alibaba Cloud's and Tencent Cloud's SMS APIs, on a loopback port (port 0, a thread).

The providers' official SDKs talk to them as to the real endpoints. Each stand-in knows the approved
templates (the same file the hotline checks), renders what the phone would show — 【sign】 then the
template filled in — and answers as its provider documents: taken, rate-limited, template refused,
invalid number. `script` sets the next answers; "reset_after" takes the message and drops the
connection (the answer is lost), "reset_before" drops it untaken. `taken` is the phones' view:
each (number, words) with its copies.
"""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from tests.support.local_server import LocalServer


class StandIn(LocalServer):
    provider = ""

    def __init__(self, book, *, key_id):
        self.book, self.key_id = book, key_id
        self.codes = {template.code: template for template in book.templates.values()}
        self.script, self.log, self.taken, self.lock = [], [], Counter(), threading.Lock()
        self.waiting_replies = []  # texts cardholders sent, until pulled (Tencent)
        self.send_seconds = 0.0  # how long each SendSms takes (a kill test wants a slow provider)
        super().__init__()
        self.endpoint = self.address

    def next_answer(self):
        with self.lock:
            return self.script.pop(0) if self.script else "ok"

    def take(self, phone, template, values, context):
        """Record a message as sent to the phone; its provider id."""
        words = f"【{self.book.sign_name}】" + template.render(
            dict(zip(template.order, values, strict=True)) if template.order else values
        )
        with self.lock:
            sid = f"{self.provider}-{len(self.log) + 1:06d}"
            self.log.append({"sid": sid, "phone": phone, "words": words, "context": context})
            self.taken[(phone, words)] += 1
            return sid

    def handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                sending = (self.headers.get("x-acs-action") or self.headers.get("X-TC-Action")) == "SendSms"
                answer = standin.next_answer() if sending else "ok"  # look-ups answer plainly
                if sending:
                    time.sleep(standin.send_seconds)
                if answer == "reset_before":
                    self.close_connection = True
                    return
                status, payload = standin.answer(self, body, answer)
                if answer == "reset_after":
                    self.close_connection = True
                    return
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler


class AliyunStandIn(StandIn):
    """dysmsapi 2017-05-25: SendSms and QuerySendDetails (RPC style, action in x-acs-action)."""

    provider = "aliyun"

    def answer(self, request, body, answer):
        query = {k: v[0] for k, v in parse_qs(urlparse(request.path).query).items()}
        if f"Credential={self.key_id}," not in request.headers.get("authorization", ""):
            return 400, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
        action = request.headers.get("x-acs-action")
        if action == "QuerySendDetails":
            rows = [
                {
                    "OutId": e["context"],
                    "SendStatus": 3,
                    "ErrCode": "DELIVERED",
                    "PhoneNum": e["phone"],
                    "Content": e["words"],
                }
                for e in self.log
                if e["phone"] == query.get("PhoneNumber")
            ]
            return 200, {
                "Code": "OK",
                "Message": "OK",
                "TotalCount": len(rows),
                "SmsSendDetailDTOs": {"SmsSendDetailDTO": rows},
            }
        if answer == "limit":
            return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发小时级流控Permits:5", "RequestId": "r"}
        phone = query.get("PhoneNumbers", "")
        if not (phone.isdigit() and len(phone) == 11 and phone.startswith("1")):
            return 200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "r"}
        template = self.codes.get(query.get("TemplateCode"))
        if template is None or query.get("SignName") != self.book.sign_name:
            return 200, {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不合法", "RequestId": "r"}
        sid = self.take(phone, template, json.loads(query.get("TemplateParam") or "{}"), query.get("OutId"))
        return 200, {"Code": "OK", "Message": "OK", "BizId": sid, "RequestId": "r"}

    def text_in(self, phone, words, *, sequence_id=1):
        """The SmsUp push of a text a cardholder sent, as Alibaba sends it (a JSON array; a number without +86)."""
        return [
            {
                "phone_number": phone.removeprefix("+86"),
                "send_time": "2026-01-01 10:00:00",
                "content": words,
                "sign_name": self.book.sign_name,
                "dest_code": "1234",
                "sequence_id": sequence_id,
            }
        ]

    def report(self, entry, *, success=True):
        """The SmsReport push for one message as Alibaba sends it (a JSON array)."""
        code = "DELIVERED" if success else "MK:0001"
        return [
            {
                "phone_number": entry["phone"],
                "success": success,
                "err_code": code,
                "err_msg": "用户接收成功",
                "sms_size": "1",
                "biz_id": entry["sid"],
                "out_id": entry["context"],
                "send_time": "2026-01-01 10:00:00",
                "report_time": "2026-01-01 10:00:05",
            }
        ]


class TencentStandIn(StandIn):
    """SMS API 2021-01-11: SendSms and PullSmsSendStatusByPhoneNumber (JSON, action in X-TC-Action)."""

    provider = "tencent"

    def answer(self, request, body, answer):
        data = json.loads(body or b"{}")
        if f"Credential={self.key_id}/" not in request.headers.get("Authorization", ""):
            return 200, {
                "Response": {"Error": {"Code": "AuthFailure.SecretIdNotFound", "Message": "x"}, "RequestId": "r"}
            }
        action = request.headers.get("X-TC-Action")
        if action == "PullSmsReplyStatus":
            with self.lock:
                rows, self.waiting_replies = (
                    self.waiting_replies[: data["Limit"]],
                    self.waiting_replies[data["Limit"] :],
                )
            return 200, {"Response": {"PullSmsReplyStatusSet": rows, "RequestId": "r"}}
        if action == "PullSmsSendStatusByPhoneNumber":
            rows = [
                {
                    "SerialNo": e["sid"],
                    "PhoneNumber": e["phone"],
                    "ReportStatus": "SUCCESS",
                    "SessionContext": e["context"],
                    "UserReceiveTime": 0,
                    "CountryCode": "86",
                    "SubscriberNumber": e["phone"][3:],
                    "Description": "DELIVRD",
                }
                for e in self.log
                if e["phone"] == data.get("PhoneNumber")
            ]
            return 200, {"Response": {"PullSmsSendStatusSet": rows, "RequestId": "r"}}
        template = self.codes.get(data.get("TemplateId"))
        if template is None or data.get("SignName") != self.book.sign_name:
            error = {"Code": "FailedOperation.TemplateIncorrectOrUnapproved", "Message": "template not approved"}
            return 200, {"Response": {"Error": error, "RequestId": "r"}}
        phone = data["PhoneNumberSet"][0]
        status = {
            "PhoneNumber": phone,
            "SessionContext": data.get("SessionContext"),
            "Fee": 1,
            "IsoCode": "CN",
            "SerialNo": "",
        }
        if answer == "limit":
            status.update(Code="LimitExceeded.PhoneNumberThirtySecondLimit", Message="30 seconds limit")
        elif not (phone.startswith("+861") and len(phone) == 14):
            status.update(Code="InvalidParameterValue.IncorrectPhoneNumber", Message="incorrect phone number")
        else:
            sid = self.take(phone, template, data.get("TemplateParamSet") or [], data.get("SessionContext"))
            status.update(Code="Ok", Message="send success", SerialNo=sid)
        return 200, {"Response": {"SendStatusSet": [status], "RequestId": "r"}}

    def text_in(self, phone, words, *, at=1767232800):
        """The reply callback of a text a cardholder sent (one object), and the same text waiting to be pulled."""
        self.waiting_replies.append(
            {
                "ExtendCode": "",
                "CountryCode": "86",
                "SubscriberNumber": phone[3:],
                "PhoneNumber": phone,
                "SignName": self.book.sign_name,
                "ReplyContent": words,
                "ReplyTime": at,
            }
        )
        return {
            "extend": "",
            "mobile": phone[3:],
            "nationcode": "86",
            "sign": self.book.sign_name,
            "text": words,
            "time": at,
        }

    def report(self, entry, *, success=True, ext=False):
        """The delivery callback for one message as Tencent sends it (ext only when switched on)."""
        item = {
            "user_receive_time": "2026-01-01 10:00:05",
            "nationcode": "86",
            "mobile": entry["phone"][3:],
            "report_status": "SUCCESS" if success else "FAIL",
            "errmsg": "DELIVRD" if success else "MK:0001",
            "description": "用户短信送达成功",
            "sid": entry["sid"],
        }
        if ext:
            item["ext"] = entry["context"]
        return [item]
