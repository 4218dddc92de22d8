"""The card API's requests and answers as pydantic models: the ONE source of its checks and of its
OpenAPI document (openapi.py generates the schemas from these; views validate with them).

Requests are parsed by pydantic from the raw body: its JSON parser has a nesting limit and refuses
lone surrogates, so a hostile body is a 400, never a RecursionError or an encoding error later.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The moves an outlet's counter or the card factory reports; the phone and the scheduler make the others.
API_STATES = ("formal_loss", "replacement_applied", "in_production", "ready", "collected")
IDEMPOTENCY_KEY = StringConstraints(min_length=1, max_length=200, pattern=r"^[!-~]+$")

CardNumber = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{4,20}$", description="A card's number")]
OutletCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,20}$",
                                  description="Where it happened; required for ready (where the card waits)")]
Note = Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S", description="Free text for the history")]


class Request(BaseModel):
    # strict: a number is not a card number; forbid: an unknown field is a mistake worth saying
    model_config = ConfigDict(extra="forbid", strict=True)


class MoveRequest(Request):
    """Move a card: formal report, replacement applied, in production, ready, collected."""

    card_number: CardNumber
    state: Literal[API_STATES]
    outlet_code: OutletCode | None = None
    new_card_number: CardNumber | None = Field(None, description="The replacement's number; required for collected")
    note: Note | None = None


class LookupRequest(Request):
    """A card and its history, by its number (in the body, so it stays out of URLs and logs)."""

    card_number: CardNumber


class UncollectedQuery(Request):
    """?all=1 lists every card waiting at an outlet; 0 (the default) only flagged ones."""

    model_config = ConfigDict(extra="ignore", strict=True)
    all: Literal["0", "1"] = "0"


class Error(BaseModel):
    error: str = Field(description="A short code, e.g. bad_move, unknown_card")
    reason: str = Field(description="What was wrong, for a person to read")
    current_state: str | None = None
    wanted_state: str | None = None


class Outlet(BaseModel):
    code: str
    name: str
    address: str
    hours: str


class Card(BaseModel):
    """A card as the API shows it: never its full number, never its holder's ID number."""

    id: int
    number_last4: str
    state: str
    state_changed_at: datetime
    expected_ready_on: date | None
    ready_outlet: Outlet | None
    flagged_uncollected_at: datetime | None
    replaces_card_id: int | None
    replaced_by_card_id: int | None
    cardholder_id_masked: Annotated[str, Field(pattern=r"^\d{6}\*{8}[0-9X]{4}$")]
    days_waiting: int | None = None


class Move(BaseModel):
    id: int
    card_id: int
    card_last4: str
    at: datetime
    from_state: str
    to_state: str
    actor: Literal["phone", "operator", "production", "scheduler"]
    source: str
    note: str


class MoveResult(BaseModel):
    card: Card
    move: Move


class CardHistory(BaseModel):
    card: Card
    history: list[Move]


class CardList(BaseModel):
    cards: list[Card]


REQUESTS = (MoveRequest, LookupRequest)
ANSWERS = (Error, Outlet, Card, Move, MoveResult, CardHistory, CardList)
