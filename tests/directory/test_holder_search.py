"""An operator's search by a mobile's last four: only the people active in the range are found."""

from datetime import UTC, datetime, timedelta

from ivr.directory import holder_search
from ivr.store import Card, CardEvent, Cardholder

START = datetime(2026, 11, 19, tzinfo=UTC)
END = START + timedelta(days=7)


def holder_with_a_card(session, name, mobile):
    holder = Cardholder(
        id_hash=name * 16,
        id_masked="1101**********0000",
        area_code="110101",
        name=name,
        mobile=mobile,
        password_hash="x",
    )
    session.add(holder)
    session.flush()
    card = Card(cardholder_id=holder.id, number_hash=name * 16, number_last4="0001")
    session.add(card)
    session.flush()
    return card


def moved(session, card, at):
    session.add(CardEvent(card_id=card.id, at=at, from_state="active", to_state="preloss", actor="outlet"))


def test_a_card_moved_in_the_range_is_activity_enough_and_four_digits_alone_are_not(session):
    moved(session, holder_with_a_card(session, "amei", "+8613800138000"), START + timedelta(days=1))
    moved(session, holder_with_a_card(session, "bing", "+8613900138000"), START - timedelta(days=30))
    holder_with_a_card(session, "chun", "+8613700138000")  # same four digits, nothing done at all
    holder_with_a_card(session, "dong", "+8613600131234")
    session.commit()
    found = holder_search.mobile_ending_active(session, "8000", START, END, limit=100)
    assert [h.name for h in found] == ["amei"]
