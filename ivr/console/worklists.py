"""What waits for the operators: reports not yet made formal, cards not collected, failed SMS."""

from dataclasses import dataclass

from sqlalchemy import select

from ivr.cards import states as cards
from ivr.console.calllog import masked
from ivr.directory.outlets import named_for
from ivr.store import Card, CardEvent, Cardholder, OutgoingMessage, Outlet, PrelossReport


def days_between(earlier, later):
    """Whole days from `earlier` to `later`, never negative."""
    return max(0, (later - earlier).days)


def waiting_reports(session, now, *, limit=500):
    """Active pre-loss reports, soonest to lapse first, with the days each has left."""
    rows = session.execute(
        select(PrelossReport, Card.number_last4)
        .join(Card, Card.id == PrelossReport.card_id)
        .where(PrelossReport.status == "active")
        .order_by(PrelossReport.expires_at, PrelossReport.id)
        .limit(limit)
    ).all()
    return [
        dict(report=r, last4=last4, days_left=days_between(now, r.expires_at), waited=days_between(r.filed_at, now))
        for r, last4 in rows
    ]


def uncollected_cards(session, now, *, overdue_cutoff, limit=500):
    """Cards ready at an outlet and not collected, longest waiting first; ready by the cutoff is overdue."""
    rows = session.execute(
        select(Card, Outlet.name)
        .outerjoin(Outlet, Outlet.id == Card.ready_outlet_id)
        .where(Card.state == "ready")
        .order_by(Card.state_changed_at, Card.id)
        .limit(limit)
    ).all()
    listed = [dict(card=c, outlet=name or "", days_waiting=days_between(c.state_changed_at, now)) for c, name in rows]
    for item in listed:
        item["overdue"] = item["card"].state_changed_at <= overdue_cutoff
    return listed


def failed_messages(session, *, limit=500):
    """SMS that could not be delivered, newest first, with the reason kept."""
    rows = session.scalars(
        select(OutgoingMessage)
        .where(OutgoingMessage.state == "failed")
        .order_by(OutgoingMessage.due_at.desc(), OutgoingMessage.id.desc())
        .limit(limit)
    ).all()
    return [dict(message=m, to=masked(m.to_number)) for m in rows]


@dataclass
class CardHistory:
    card: Card
    holder_name: str
    id_masked: str
    events: list
    reports: list
    moves: list
    outlet: str


def operator_moves(state):
    """The states an operator may move a card in `state` to (from the one state machine)."""
    return [to for (frm, to), actors in cards.MOVES.items() if frm == state and "operator" in actors]


def card_history(session, card_id, language="zh"):
    """A card with its holder (masked ID), its moves, its reports and the moves open to operators."""
    card = session.get(Card, card_id)
    if card is None:
        return None
    holder = session.get(Cardholder, card.cardholder_id)
    events = session.scalars(select(CardEvent).where(CardEvent.card_id == card_id).order_by(CardEvent.id)).all()
    reports = session.scalars(
        select(PrelossReport).where(PrelossReport.card_id == card_id).order_by(PrelossReport.id)
    ).all()
    outlet = session.get(Outlet, card.ready_outlet_id) if card.ready_outlet_id else None
    return CardHistory(
        card=card,
        holder_name=holder.name if holder else "",
        id_masked=holder.id_masked if holder else "",
        events=events,
        reports=reports,
        moves=operator_moves(card.state),
        outlet=named_for(outlet, language)[0] if outlet else "",
    )


def card_for_reference(session, reference):
    """The card a pre-loss reference number belongs to, or None."""
    return session.scalar(select(PrelossReport.card_id).where(PrelossReport.reference == reference))


def outlets(session, language="zh"):
    """(code, name in the console's language) of every outlet, for the "ready at" choice."""
    return [(o.code, named_for(o, language)[0]) for o in session.scalars(select(Outlet).order_by(Outlet.code))]
