"""What waits for the operators: reports not yet made formal, cards not collected, failed SMS."""

from dataclasses import dataclass

from ivr.cards import collection, lifecycle, reports
from ivr.cards import states as cards
from ivr.console.calllog import masked
from ivr.directory.outlets import every_outlet, named_for
from ivr.messaging import outbox
from ivr.store import Card, Cardholder, Outlet


def days_between(earlier, later):
    """Whole days from `earlier` to `later`, never negative."""
    return max(0, (later - earlier).days)


def waiting_reports(session, now, *, limit=500):
    """Active pre-loss reports, soonest to lapse first, with the days each has left."""
    rows = reports.active_reports(session, limit=limit)
    return [
        dict(report=r, last4=last4, days_left=days_between(now, r.expires_at), waited=days_between(r.filed_at, now))
        for r, last4 in rows
    ]


def uncollected_cards(session, now, *, overdue_cutoff, limit=500):
    """Cards ready at an outlet and not collected, longest waiting first; ready by the cutoff is overdue."""
    rows = collection.ready_cards(session, limit=limit)
    listed = [dict(card=c, outlet=name or "", days_waiting=days_between(c.state_changed_at, now)) for c, name in rows]
    for item in listed:
        item["overdue"] = item["card"].state_changed_at <= overdue_cutoff
    return listed


def failed_messages(session, *, limit=500):
    """SMS that could not be delivered, newest first, with the reason kept."""
    rows = outbox.failed_messages(session, limit=limit)
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
    outlet = session.get(Outlet, card.ready_outlet_id) if card.ready_outlet_id else None
    return CardHistory(
        card=card,
        holder_name=holder.name if holder else "",
        id_masked=holder.id_masked if holder else "",
        events=lifecycle.events_of(session, card_id),
        reports=reports.reports_of_card(session, card_id),
        moves=operator_moves(card.state),
        outlet=named_for(outlet, language)[0] if outlet else "",
    )


def card_for_reference(session, reference):
    """The card a pre-loss reference number belongs to, or None."""
    return reports.card_id_for_reference(session, reference)


def outlets(session, language="zh"):
    """(code, name in the console's language) of every outlet, for the "ready at" choice."""
    return [(o.code, named_for(o, language)[0]) for o in every_outlet(session)]
