"""A hand-made day of calls for the service-level figures (tests/operators/test_service_levels.py
counts each figure by hand): ten calls, six stays in the queue, three callbacks, five ratings and
three wrap-ups on 2026-11-25 in Asia/Shanghai."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

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
    # Every call lasts 20 minutes, but the first: its caller is still waiting in the queue.
    calls = [
        Call(call_sid=f"CA{n:032d}", outcome=o, started_at=s, ended_at=None if n == 0 else s + timedelta(minutes=20))
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


def check_figures(fig, hua, ming):
    """The hand-made day's figures, counted by hand (also read from the hours' sums:
    tests/operators/test_service_summaries.py)."""
    t = fig.total
    assert (t.calls, t.self_served, t.self_service_rate) == (10, 5, 0.5)  # the call before midnight is the 24th's
    assert (t.offered, t.answered, t.abandoned, t.left_for_callback, t.still_waiting) == (5, 3, 1, 1, 1)
    assert t.answer_rate == 3 / 5 and t.abandon_rate == 1 / 5
    assert (t.answered_in_target, t.service_level) == (2, 2 / 5)
    assert t.average_speed_of_answer_s == pytest.approx((10 + 15 + 40) / 3)
    assert t.longest_wait_s == 120 and t.average_handle_time_s == (200 + 100 + 300) / 3
    assert (t.callbacks_asked, t.callbacks_automatic, t.callbacks_in_time, t.callbacks_reached, t.callbacks_open) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert (t.ratings_given, t.ratings_satisfied, t.satisfaction) == (4, 3, 0.75)
    assert t.wrapups == {"solved": 2, "preloss_filed": 1}

    nine, ten = fig.hours[9], fig.hours[10]
    assert (nine.offered, nine.answered, nine.service_level, nine.calls) == (2, 2, 1.0, 8)
    assert (ten.offered, ten.answered, ten.abandon_rate, ten.service_level, ten.longest_wait_s) == (3, 1, 1 / 3, 0, 120)
    assert fig.hours[0].calls == 1 and fig.hours[23].calls == 1
    assert list(fig.days) == [DAY] and list(fig.months) == ["2026-11"]
    assert fig.days[DAY].answer_rate == t.answer_rate == fig.months["2026-11"].answer_rate

    by_hua, by_ming = fig.operators[hua], fig.operators[ming]
    assert (by_hua.answered, by_hua.average_speed_of_answer_s, by_hua.average_handle_time_s) == (2, 25, 250)
    assert (by_hua.satisfaction, by_hua.wrapups) == (0.5, {"solved": 2})
    assert (by_ming.answered, by_ming.average_handle_time_s, by_ming.satisfaction) == (1, 100, 1.0)
    assert None not in fig.operators  # abandoned stays and self-service ratings belong to nobody
