"""The exactly-once suite's kill test against each mainland provider: the sending process SIGKILLed
mid-batch again and again, through the real SDK to the provider's stand-in. No message reaches a
phone twice; Alibaba's record settles every one, Tencent's cannot prove a message never arrived,
so those wait for an operator rather than being sent again."""

import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ivr.calendar import clock as ivr_clock
from ivr.messaging import notify
from ivr.store import OutgoingMessage, db
from tests.messaging.mainland.conftest import FACTS
from tests.support import fault_sender, processes
from tests.support.pgcluster import wait_until

SETTLED = ("sent", "delivered")


def stored(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(OutgoingMessage)).all()


def test_a_sender_killed_again_and_again_sends_no_message_twice(app, app_config, standin, fault_profile):
    kills, count = (25, 200) if fault_profile == "long" else (3, 40)
    standin.send_seconds = 0.05  # slow enough that every kill lands mid-batch
    ivr_clock.set_source(None)  # the sender processes run on the real clock; so do these rows
    now = datetime.now(UTC) - timedelta(minutes=1)
    with app.app_context(), db.new_session() as session:
        for n in range(count):
            notify.notify(
                session,
                "preloss_confirmation",
                to=f"+86138{n:08d}",
                facts=FACTS,
                language="zh",
                subject=f"report:{n}",
                due_at=now,
                config=app.config,
            )
    config = dict(
        app_config,
        SMS_LEASE_SECONDS=1,
        SMS_OUTCOME_WAIT_SECONDS=1,
        SMS_HANDOVER_CHUNK=2,
        SMS_BATCH_SIZE=10,
        SMS_QUIET_HOURS="",
        SMS_MAX_ATTEMPTS=50,
    )
    chance = random.Random(7)
    for _ in range(kills):
        before = len(standin.log)
        process = fault_sender.start(config)
        try:
            wait_until(lambda b=before, p=process: len(standin.log) > b or p.poll() is not None, seconds=30)
            time.sleep(chance.uniform(0, 0.05))
        finally:
            processes.kill(process)
    assert len(standin.log) < count  # every kill landed mid-work
    process = fault_sender.start(config)
    try:
        wait_until(lambda: all(row.state != "pending" and row.state != "sending" for row in stored(app)), seconds=90)
    finally:
        processes.kill(process)
    rows = stored(app)
    assert [copies for copies in standin.taken.values() if copies != 1] == []  # no phone got one twice
    sent = [row for row in rows if row.state in SETTLED]
    assert len(standin.taken) == len(sent)
    undecided = [row for row in rows if row.state == "failed" and "needs operator" in (row.last_error or "")]
    assert len(sent) + len(undecided) == count, [(r.id, r.state, r.last_error) for r in rows if r not in sent][:5]
    if standin.provider == "aliyun":
        assert undecided == []  # QuerySendDetails proves a message was never sent: it is sent then
