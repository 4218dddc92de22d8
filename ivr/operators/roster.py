"""Who the operators are, as stored: one account by name, the list, the other active supervisors.

The rules for changing an account (ivr/console/accounts.py) and the sign-in check ask these; the
faces never build the queries themselves.
"""

from sqlalchemy import func, select

from ivr.store import Operator


def operator_named(session, name):
    """The account of this name, open or closed, or None (the name is compared after trimming)."""
    return session.scalar(select(Operator).where(Operator.name == (name or "").strip()))


def active_operator_named(session, name):
    """The open account of exactly this name, or None: the one a sign-in may check a password for."""
    return session.scalar(select(Operator).where(Operator.name == name, Operator.active.is_(True)))


def other_active_supervisors(session, operator):
    """How many active supervisors there are besides this operator."""
    return session.scalar(
        select(func.count())
        .select_from(Operator)
        .where(Operator.role == "supervisor", Operator.active.is_(True), Operator.id != operator.id)
    )


def no_operators(session):
    """True while no operator account exists at all (a new installation)."""
    return session.scalar(select(Operator.id).limit(1)) is None


def all_operators(session):
    """Every account, the open ones first, each group by name."""
    return session.scalars(select(Operator).order_by(Operator.active.desc(), Operator.name)).all()
