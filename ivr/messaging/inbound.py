"""What Twilio tells us about SMS: delivery status of ours, and texts cardholders send us."""

import re
from dataclasses import dataclass

from sqlalchemy import delete, select

from ivr.identity import phones
from ivr.prompts import hotline_name, text
from ivr.store import Cardholder, OutgoingMessage, SmsOptOut

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "TD", "退订", "取消"}
START_WORDS = {"START", "UNSTOP", "YES", "订阅", "开通"}
CJK = re.compile(r"[\u4e00-\u9fff]")

# Twilio's MessageStatus -> our state; callbacks may arrive out of order, so a state only moves up.
STATUS_STATES = {
    "accepted": "sent",
    "scheduled": "sent",
    "queued": "sent",
    "sending": "sent",
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "failed",
    "failed": "failed",
}
RANK = {"pending": 0, "sending": 0, "sent": 1, "failed": 2, "delivered": 3}


def record_status(session, message_id, *, sid, status, error_code, now, provider="twilio"):
    """Record a delivery status for our message `message_id` (Twilio's StatusCallback, or a mainland
    provider's report in Twilio's words); False when it is not ours or changes nothing."""
    state = STATUS_STATES.get((status or "").lower())
    message = session.get(OutgoingMessage, message_id, with_for_update=True) if message_id else None
    if state is None or message is None or message.state == "cancelled":
        return False
    if message.provider_sid and sid and message.provider_sid != sid:
        return False
    unsure = message.state == "failed" and "unknown" in (message.last_error or "")
    if RANK[state] <= RANK.get(message.state, 0) and not unsure:
        return False
    message.provider_sid = message.provider_sid or sid or None
    message.state = state
    message.lease_until = None
    if state in ("sent", "delivered") and message.sent_at is None:
        message.sent_at = now
    if state == "delivered":
        message.delivered_at, message.last_error = now, None
    elif state == "failed":
        message.last_error = f"{provider} {status}" + (f" {error_code}" if error_code else "")
    return True


@dataclass(frozen=True)
class Answer:
    key: str
    language: str


@dataclass(frozen=True)
class Gist:
    """All that deciding a text needs of its words: its STOP or START word, if any, and whether it is
    in Chinese. A text kept to be answered later (ivr/messaging/pulled_replies.py) keeps no more."""

    word: str
    chinese: bool


def keyword(body):
    word = (body or "").strip().split()[0] if (body or "").strip() else ""
    return word.upper().strip(".!。！")


def gist(body):
    word = keyword(body)
    return Gist(word if word in STOP_WORDS | START_WORDS else "", bool(CJK.search(body or "")))


def reply_language(session, number, chinese):
    if chinese:
        return "zh"
    holder = session.scalar(select(Cardholder).where(Cardholder.mobile == number).limit(1))
    return holder.language if holder else "en"


def answer_inbound(session, sender, body, *, now):
    """STOP opts the number out of reminders, START back in; anything else gets the help text."""
    return answer_gist(session, sender, gist(body), now=now)


def answer_gist(session, sender, said, *, now):
    """answer_inbound, for a text of which only its Gist is known."""
    try:
        number = phones.to_e164(sender)
    except phones.BadPhoneNumber:
        number = None
    language = reply_language(session, number, said.chinese)
    if number and said.word in STOP_WORDS:
        if session.scalar(select(SmsOptOut).where(SmsOptOut.number == number)) is None:
            session.add(SmsOptOut(number=number, keyword=said.word[:20], opted_out_at=now))
        return Answer("reminders.opted_out", language)
    if number and said.word in START_WORDS:
        session.execute(delete(SmsOptOut).where(SmsOptOut.number == number))
        return Answer("reminders.opted_in", language)
    return Answer("reminders.help", language)


def answer_text(answer, config):
    language = answer.language
    return text(answer.key, language, hotline=hotline_name(language, config), hotline_number=config["HOTLINE_NUMBER"])
