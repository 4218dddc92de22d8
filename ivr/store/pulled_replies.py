"""Texts cardholders sent that a provider handed over once (Tencent's PullSmsReplyStatus), kept until answered."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base


class PulledReply(Base):
    """One pulled text, kept only as far as answering it needs (ivr.messaging.inbound.Gist): the number,
    its STOP or START word if any, whether it was in Chinese, and the provider's id for it; never its words."""

    __tablename__ = "pulled_sms_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    sender: Mapped[str] = mapped_column(String(32))
    word: Mapped[str] = mapped_column(String(20))
    chinese: Mapped[bool] = mapped_column(default=False)
