"""Texts cardholders send through a mainland provider (上行短信): STOP, START, HELP, anything else.

The decision is Twilio's (ivr.messaging.inbound.answer_gist); only the way in and the way back
differ. A mainland provider sends only approved templates, so the answer is not a reply in the
webhook's response but the matching kind (opted_out, opted_in, help) queued through the outbox and
sent by the dispatcher with its template, like every other SMS.

The ways in, as each provider documents them:
- Alibaba Cloud pushes SmsUp as a JSON array of {phone_number, content, sign_name, send_time,
  dest_code, sequence_id} (https://help.aliyun.com/document_detail/414223.html) and pushes again
  until answered {"code": 0}.
- Tencent Cloud calls back with one {mobile, nationcode, text, sign, time, extend} object
  (https://cloud.tencent.com/document/api/382/59179) and wants {"result": 0}; or the hotline pulls
  the replies with PullSmsReplyStatus (the gateway's `replies`).
Neither signs these requests: they are taken only at the secret URL (SMS_REPORT_TOKEN).

Each text is answered once: its provider's id (Alibaba's sequence_id; for Tencent a keyed digest of
the number, the Unix time and the words: the same whether pushed or pulled) is the answer's outbox
subject, and a subject already in the outbox means a push seen before. The answers count against
the caller SMS limits, as any SMS someone else can make the hotline send.
"""

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import select

from ivr.identity import phones
from ivr.messaging import limits
from ivr.messaging.inbound import Gist, answer_gist, gist
from ivr.messaging.kinds import KINDS
from ivr.messaging.notify import notify
from ivr.store import OutgoingMessage

LONGEST_TEXT = 500


@dataclass(frozen=True)
class Text:
    """One text a cardholder sent: who, what its words decide (inbound.Gist), and the provider's own id for it."""

    sender: str
    said: Gist
    key: str


def gist_of(body):
    return gist(body[:LONGEST_TEXT])


def from_aliyun(entries):
    """SmsUp entries as Texts; an entry without a number or a sequence id is not one."""
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("phone_number") and entry.get("sequence_id") is not None:
            key = f"aliyun:{str(entry['sequence_id'])[:40]}"
            found.append(Text(str(entry["phone_number"]), gist_of(str(entry.get("content") or "")), key))
    return found


def from_tencent(entry, config):
    """Tencent's reply callback (one object, or a list of them) as Texts."""
    entries = entry if isinstance(entry, list) else [entry]
    found = []
    for item in entries:
        if isinstance(item, dict) and item.get("mobile") and isinstance(item.get("time"), int):
            sender = f"+{item.get('nationcode') or '86'}{item['mobile']}"
            found.append(tencent_text(sender, str(item.get("text") or ""), item["time"], config))
    return found


def tencent_text(sender, body, unix_time, config):
    """A Tencent reply keyed by a digest of number, time and words: pushed or pulled, one key."""
    material = f"{sender}|{unix_time}|{body}".encode()
    digest = hmac.new(config["ID_HASH_KEY"].encode(), material, hashlib.sha256).hexdigest()[:40]
    return Text(sender, gist_of(body), f"tencent:{digest}")


def kind_of(answer):
    return next(kind for kind, spec in KINDS.items() if answer.key in spec.keys)


def answer_texts(session, texts, *, config, now):
    """Decide each text as Twilio's are decided and queue its answer once; returns how many were new."""
    answered = 0
    for sent in texts:
        subject = f"in:{sent.key}"
        if session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.subject == subject).limit(1)):
            continue  # pushed again: answered already
        answer = answer_gist(session, sent.sender, sent.said, now=now)
        answered += 1
        try:
            to = phones.to_e164(sent.sender)
        except phones.BadPhoneNumber:
            continue
        kind = kind_of(answer)
        if not limits.allow(session, kind=kind, to=to, caller=to, config=config, now=now):
            continue
        notify(session, kind, to=to, facts={}, language=answer.language, subject=subject, due_at=now, config=config)
    return answered
