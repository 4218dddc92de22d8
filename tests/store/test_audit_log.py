"""Reading the audit log back (ivr/store/audit.py): what the console's audit page and CSV list."""

from datetime import UTC, datetime, timedelta

from ivr.store import audit

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


def write(session, *entries):
    for minutes, who, action, target in entries:
        audit.record(session, who, action, now=T0 + timedelta(minutes=minutes), target=target)
    session.commit()


def targets(rows):
    return [row.target for row in rows]


def test_a_target_is_matched_by_its_beginning_and_an_underscore_is_only_an_underscore(session):
    write(session, (1, "hua", "create_operator", "ming_li"), (2, "hua", "create_operator", "mingXli"))
    found = audit.entries(session, T0, T0 + timedelta(hours=1), target="ming_")
    assert targets(found) == ["ming_li"]
    assert targets(audit.entries(session, T0, T0 + timedelta(hours=1), target="ming%")) == ["mingXli", "ming_li"]


def test_the_filters_hold_together_within_the_range_newest_first_or_oldest_first(session):
    write(
        session,
        (1, "hua", "card_move", "card 12 …0001"),
        (2, "ming", "card_move", "card 13 …0002"),
        (3, "hua", "sign_in", ""),
        (4, "hua", "card_move", "card 14 …0003"),
        (60, "hua", "card_move", "card 15 …0004"),  # the range's end is not in it
    )
    start, end = T0, T0 + timedelta(minutes=60)
    newest = audit.entries(session, start, end, action="card_move", who="hua")
    assert targets(newest) == ["card 14 …0003", "card 12 …0001"]
    oldest = audit.entries(session, start, end, action="card_move", newest_first=False, limit=2)
    assert targets(oldest) == ["card 12 …0001", "card 13 …0002"]
