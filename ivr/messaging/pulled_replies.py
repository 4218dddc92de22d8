"""Texts pulled from Tencent Cloud (PullSmsReplyStatus): kept first, then answered, none lost, each once.

Tencent hands a pulled reply over once. Answering a batch in the transaction right after the pull
lost it whenever that commit failed. So a pulled batch is first kept (PulledReply, one small
commit, only what answering needs); each kept row is then deleted in the same transaction that
answers it, so a failed answer leaves it kept for the next pull, and an answered one is never kept.
Should even the keeping commit fail, the batch stays in this process and is kept before the next
pull; only the process dying in that moment can lose it.
"""

import threading

from sqlalchemy import select

from ivr.messaging.inbound import Gist
from ivr.messaging.uplink import Text, answer_texts
from ivr.store import PulledReply

ANSWERED_PER_COMMIT = 100
_unkept = []  # pulled, but the commit that keeps them has not succeeded yet
_one_at_a_time = threading.Lock()


def pull_and_answer(database, gateway, *, config, now):
    """Pull what Tencent has, keep it, answer everything kept; returns how many texts were answered."""
    with _one_at_a_time:
        if _unkept:
            keep(database)  # last time's batch first: a failure here pulls nothing new
        _unkept.extend(gateway.replies(config))
        keep(database)
        return answer_kept(database, config=config, now=now)


def keep(database):
    with database.new_session() as session:
        kept = set(session.scalars(select(PulledReply.key).where(PulledReply.key.in_([t.key for t in _unkept]))))
        for pulled in {t.key: t for t in _unkept if t.key not in kept}.values():
            word, chinese = pulled.said.word, pulled.said.chinese
            session.add(PulledReply(key=pulled.key, sender=pulled.sender[:32], word=word, chinese=chinese))
    _unkept.clear()


def answer_kept(database, *, config, now):
    """Answer the kept texts, each batch with its rows deleted in the same commit."""
    answered = 0
    while True:
        with database.new_session() as session:
            rows = session.scalars(select(PulledReply).order_by(PulledReply.id).limit(ANSWERED_PER_COMMIT)).all()
            texts = [Text(row.sender, Gist(row.word, row.chinese), row.key) for row in rows]
            answered += answer_texts(session, texts, config=config, now=now)
            for row in rows:
                session.delete(row)
        if len(rows) < ANSWERED_PER_COMMIT:
            return answered
