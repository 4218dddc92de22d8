"""Delivery reports of the mainland providers, each settling its outbox row exactly once.

Neither provider signs its reports. Alibaba's SmsReport push (https://help.aliyun.com/document_detail/101867.html)
names our message by out_id and its own by biz_id; Tencent's callback
(https://cloud.tencent.com/document/api/382/59178) names its own by sid (the SerialNo) and ours by
ext (the SessionContext) when that is switched on. So a report is taken only at the secret URL
(SMS_REPORT_TOKEN), only for a message we handed to that provider, and only when the provider's id
agrees with the one its send answer gave. Both providers push again until answered and do not
promise a report comes once: record_status moves a row's state only forward, so a duplicate, or a
late "sent" after "delivered", changes nothing.
"""

from sqlalchemy import select

from ivr.messaging.inbound import record_status
from ivr.platform.row_ids import row_id
from ivr.store import OutgoingMessage


def outcome(delivered):
    return "delivered" if delivered else "undelivered"


def settle_aliyun(session, reports, *, now):
    """SmsReport entries ({out_id, biz_id, success, err_code, …}); returns how many changed a row."""
    changed = 0
    for report in reports if isinstance(reports, list) else []:
        if not isinstance(report, dict):
            continue
        message_id = row_id(str(report.get("out_id") or ""))
        biz_id = str(report.get("biz_id") or "")[:64]
        if message_id is None or not biz_id:
            continue
        changed += record_status(
            session,
            message_id,
            sid=biz_id,
            status=outcome(report.get("success") is True),
            error_code=str(report.get("err_code") or "")[:40],
            now=now,
            provider="aliyun",
        )
    return changed


def settle_tencent(session, reports, *, now):
    """Callback entries ({sid, report_status, errmsg, ext?, …}); returns how many changed a row."""
    changed = 0
    for report in reports if isinstance(reports, list) else []:
        if not isinstance(report, dict) or report.get("report_status") not in ("SUCCESS", "FAIL"):
            continue
        sid = str(report.get("sid") or "")[:64]
        message_id = (
            session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.provider_sid == sid)) if sid else None
        )
        if message_id is None:
            # The send's answer was lost, so no sid is stored: the SessionContext names the message.
            message_id = row_id(str(report.get("ext") or ""))
        if message_id is None or not sid:
            continue
        changed += record_status(
            session,
            message_id,
            sid=sid,
            status=outcome(report["report_status"] == "SUCCESS"),
            error_code=str(report.get("errmsg") or "")[:40],
            now=now,
            provider="tencent",
        )
    return changed
