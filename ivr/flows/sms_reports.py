"""What the mainland SMS providers push, at secret URLs: delivery reports, and texts cardholders send.

/sms/<provider>/report/<token> takes delivery reports, /sms/<provider>/incoming/<token> the texts
(上行短信). Configure both in each provider's console as PUBLIC_BASE_URL + the path with
SMS_REPORT_TOKEN (README, "Mainland SMS"). A wrong or missing token is a 404: nothing is there.
"""

import hmac

from flask import Blueprint, abort, current_app, request

from ivr.calendar import clock
from ivr.messaging import uplink
from ivr.messaging.reports import settle_aliyun, settle_tencent
from ivr.store import db

bp = Blueprint("sms_reports", __name__, url_prefix="/sms")
SETTLERS = {"aliyun": settle_aliyun, "tencent": settle_tencent}
TEXTS = {"aliyun": lambda body, config: uplink.from_aliyun(body), "tencent": uplink.from_tencent}
# What each provider wants back, or it pushes again.
RECEIVED = {"aliyun": {"code": 0, "msg": "接收成功"}, "tencent": {"result": 0, "errmsg": "OK"}}


def check_token(provider, token):
    expected = current_app.config.get("SMS_REPORT_TOKEN")
    if provider not in SETTLERS or not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        abort(404)


@bp.post("/<provider>/report/<token>")
def report(provider, token):
    """A batch of delivery reports (a JSON array); each settles its message at most once."""
    check_token(provider, token)
    SETTLERS[provider](db.session, request.get_json(silent=True), now=clock.now())
    db.session.commit()
    return RECEIVED[provider]


@bp.post("/<provider>/incoming/<token>")
def incoming(provider, token):
    """Texts cardholders sent: each answered once, through the approved templates."""
    check_token(provider, token)
    texts = TEXTS[provider](request.get_json(silent=True), current_app.config)
    uplink.answer_texts(db.session, texts, config=current_app.config, now=clock.now())
    db.session.commit()
    return RECEIVED[provider]
