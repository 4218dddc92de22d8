"""Service outlets where a formal loss report is made and a new card collected."""

from sqlalchemy import Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base


class Outlet(Base):
    """An outlet serving every ID area code that starts with `area_code`."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(6), index=True)
    address: Mapped[str] = mapped_column(String(300))
    # English callers and SMS hear these (empty: the name and address as written above).
    name_en: Mapped[str] = mapped_column(String(200), default="", server_default="")
    address_en: Mapped[str] = mapped_column(String(300), default="", server_default="")
    hours: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32), default="")
    # A self-service terminal in its 24-hour lobby: changes the service password at any hour.
    terminal_24h: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
