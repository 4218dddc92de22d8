"""Browser softphone calls between key presses, so any web process can take the next one."""

from datetime import datetime

from sqlalchemy import String, Text, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow


class SoftphoneCall(Base):
    """One browser softphone call: the engine's JSON state (keyed digits masked) and a version."""

    __tablename__ = "softphone_calls"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # unguessable; the page's handle
    call_sid: Mapped[str] = mapped_column(String(64), index=True)
    owner: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(Text)
    # Bumped on every save: a key press that raced another one is refused, not merged.
    version: Mapped[int] = mapped_column(default=1)
    ended: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def open_calls(session, owner):
    """The softphone calls of `owner` (None: the calls nobody signed in made) still going on."""
    mine = SoftphoneCall.owner.is_(None) if owner is None else SoftphoneCall.owner == owner
    return session.scalars(select(SoftphoneCall).where(SoftphoneCall.ended.is_(False), mine))


def forget_calls_before(session, cutoff):
    """Delete the softphone calls started before `cutoff` (nobody goes back to a day-old call)."""
    session.execute(delete(SoftphoneCall).where(SoftphoneCall.created_at < cutoff))


def save_call(session, call_id, version, *, state, ended, now):
    """Store a call's new state if it is still at `version`; False when another request saved first."""
    saved = session.execute(
        update(SoftphoneCall)
        .where(SoftphoneCall.id == call_id, SoftphoneCall.version == version)
        .values(state=state, version=version + 1, ended=ended, updated_at=now)
    ).rowcount
    return bool(saved)
