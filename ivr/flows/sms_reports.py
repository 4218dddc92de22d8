"""Delivery reports pushed by the mainland SMS providers, at a secret URL: /sms/<provider>/report/<token>.

Configure the receiving address in each provider's console as PUBLIC_BASE_URL + this path with
SMS_REPORT_TOKEN (README, "Mainland SMS"). A wrong or missing token is a 404: nothing is there.
"""

import hmac

from flask import Blueprint, abort, current_app, request

from ivr.calendar import clock
from ivr.messaging.reports import settle_aliyun, settle_tencent
from ivr.store import db

bp = Blueprint("sms_reports", __name__, url_prefix="/sms")
SETTLERS = {"aliyun": settle_aliyun, "tencent": settle_tencent}
# What each provider wants back, or it pushes the report again.
RECEIVED = {"aliyun": {"code": 0, "msg": "接收成功"}, "tencent": {"result": 0, "errmsg": "OK"}}


@bp.post("/<provider>/report/<token>")
def report(provider, token):
    """A batch of delivery reports (a JSON array); each settles its message at most once."""
    expected = current_app.config.get("SMS_REPORT_TOKEN")
    if provider not in SETTLERS or not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        abort(404)
    SETTLERS[provider](db.session, request.get_json(silent=True), now=clock.now())
    db.session.commit()
    return RECEIVED[provider]
