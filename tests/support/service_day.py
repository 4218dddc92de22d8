"""A hand-made day of calls for the service-level figures (tests/operators/test_service_levels.py
counts each figure by hand): ten calls, six stays in the queue, three callbacks, five ratings and
three wrap-ups on 2026-11-25 in Asia/Shanghai."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ivr.store import Call, CallbackRequest, CallRating, Operator, QueueVisit

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 25)
START = datetime(2026, 11, 25, tzinfo=TZ).astimezone(UTC)
END = START + timedelta(days=1)


def at(hour, minute=0, day=DAY):
    """A local moment of the day, in UTC as stored."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(UTC)


def seed_day(session):
    """The hand-made day; returns the two operators' ids."""
    hua, ming = Operator(name="hua", password_hash="x"), Operator(name="ming", password_hash="x")
    session.add_all([hua, ming])
    outcomes = ["report_filed", "report_filed", "progress_told", "outlets_told", "report_cancelled"]
    outcomes += ["operator_transfer"] * 3 + ["abandoned", "callback_requested"]
    starts = [at(0, 30)] + [at(9, n) for n in range(8)] + [at(23, 59)]  # the first and last at the day's edges
    calls = [
        Call(call_sid=f"CA{n:032d}", outcome=o, started_at=s)
        for n, (o, s) in enumerate(zip(outcomes, starts, strict=True))
    ]
    calls.append(Call(call_sid="CA" + "9" * 32, outcome="report_filed", started_at=at(23, 59, DAY - timedelta(days=1))))
    session.add_all(calls)
    session.flush()

    def stay(call, joined, wait, *, talk=None, operator=None, callback=False, ended=True, code=None):
        answered = talk is not None
        left = joined + timedelta(seconds=wait + (talk or 0)) if ended else None
        return QueueVisit(
            call_id=call.id,
            queue_name="hotline",
            enqueued_at=joined,
            bridged_at=joined + timedelta(seconds=wait) if answered else None,
            left_at=left,
            operator_id=operator.id if operator else None,
            leaving_for="asked_while_waiting" if callback else None,
            result=("bridged" if answered else "leave" if callback else "hangup") if ended else None,
            wait_s=wait if ended or answered else None,
            talk_s=talk,
            wrapup_code=code,
        )

    session.add_all(
        [
            stay(calls[5], at(9, 5), 10, talk=200, operator=hua, code="solved"),
            stay(calls[6], at(9, 20), 15, talk=100, operator=ming, code="preloss_filed"),  # 15 s is within 15 s
            stay(calls[7], at(10, 10), 40, talk=300, operator=hua, code="solved"),
            stay(calls[8], at(10, 30), 90),  # hung up while waiting: abandoned
            stay(calls[9], at(10, 40), 120, callback=True),  # left for a callback: not abandoned
            stay(calls[0], at(11, 0), 0, ended=False),  # still waiting: in no rate
        ]
    )
    due = at(17)
    session.add_all(
        [
            CallbackRequest(
                status="reached",
                phone="+8613800138001",
                reason="asked",
                created_at=at(10, 41),
                due_by=due,
                first_attempt_at=at(11),
            ),
            CallbackRequest(
                status="open",
                reference="1414213",
                phone="+8613800138002",
                reason="lost_in_queue",
                automatic=True,
                created_at=at(10, 32),
                due_by=due,
            ),
            CallbackRequest(
                status="unreached",
                phone="+8613800138003",
                reason="closed",
                created_at=at(12),
                due_by=due,
                first_attempt_at=at(18),
            ),
            CallbackRequest(status="draft", phone=None, reason="closed", created_at=at(12)),  # never counted
        ]
    )
    scores = [(calls[5], hua, 1), (calls[7], hua, 3), (calls[6], ming, 2), (calls[1], None, 1), (calls[2], None, None)]
    session.add_all(
        CallRating(
            call_id=c.id, asked_at=c.started_at + timedelta(minutes=10), context="x", operator_id=o and o.id, score=s
        )
        for c, o, s in scores
    )
    session.commit()
    return hua.id, ming.id
