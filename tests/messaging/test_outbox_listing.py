"""The SMS page's list (ivr/messaging/outbox.py `messages_created`): the days asked for, one kind and
one state when chosen, newest first, a page at a time."""

from datetime import UTC, datetime, timedelta

from ivr.messaging.outbox import messages_created
from ivr.store import OutgoingMessage

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
END = T0 + timedelta(days=1)


def add(session, minutes, kind, state):
    session.add(
        OutgoingMessage(
            kind=kind,
            subject=f"s{minutes}",
            to_number="+8613800138000",
            body="-",
            state=state,
            created_at=T0 + timedelta(minutes=minutes),
        )
    )


def subjects(rows):
    return [row.subject for row in rows]


def test_the_list_keeps_to_its_days_kind_and_state_newest_first_a_page_at_a_time(session):
    for minutes, kind, state in [
        (-1, "callback_ack", "failed"),  # the day before
        (1, "callback_ack", "failed"),
        (2, "callback_ack", "sent"),
        (3, "preloss_confirmation", "failed"),
        (4, "callback_ack", "failed"),
        (5, "callback_ack", "failed"),
        (24 * 60, "callback_ack", "failed"),  # the range's end is not in it
    ]:
        add(session, minutes, kind, state)
    session.commit()
    assert subjects(messages_created(session, T0, END)) == ["s5", "s4", "s3", "s2", "s1"]
    chosen = dict(kind="callback_ack", state="failed")
    assert subjects(messages_created(session, T0, END, **chosen, limit=2)) == ["s5", "s4"]
    assert subjects(messages_created(session, T0, END, **chosen, offset=2, limit=2)) == ["s1"]
