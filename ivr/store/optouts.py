"""Numbers that texted STOP: they get no reminders until they text START."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow


class SmsOptOut(Base):
    """One mobile number (E.164) that opted out of reminders, and the word it used."""

    __tablename__ = "sms_opt_outs"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    keyword: Mapped[str] = mapped_column(String(20))
    opted_out_at: Mapped[datetime] = mapped_column(default=utcnow)
