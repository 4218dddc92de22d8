"""The card API's requests and answers as pydantic models: the ONE source of its checks and of its
OpenAPI document (openapi.py generates the schemas from these; views validate with them).

Requests are parsed by pydantic from the raw body: its JSON parser has a nesting limit and refuses
lone surrogates, so a hostile body is a 400, never a RecursionError or an encoding error later.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

IDEMPOTENCY_KEY = StringConstraints(min_length=1, max_length=200, pattern=r"^[!-~]+$")

CardNumber = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{4,20}$", description="A card's number")]
OutletCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_.-]{1,20}$", description="Where it happened; required for ready (where the card waits)"
    ),
]
Note = Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S", description="Free text for the history")]


class Request(BaseModel):
    # strict: a number is not a card number; forbid: an unknown field is a mistake worth saying
    model_config = ConfigDict(extra="forbid", strict=True)


class MoveBase(Request):
    card_number: CardNumber
    outlet_code: OutletCode | None = None
    note: Note | None = None


class FormalLossMove(MoveBase):
    """A formal loss report taken at an outlet's counter."""

    state: Literal["formal_loss"]


class ReplacementMove(MoveBase):
    """A replacement card applied for."""

    state: Literal["replacement_applied"]


class ProductionMove(MoveBase):
    """The replacement is being made (the card factory reports it)."""

    state: Literal["in_production"]


class ReadyMove(MoveBase):
    """The replacement waits at an outlet: which one is required."""

    state: Literal["ready"]
    outlet_code: OutletCode


class CollectedMove(MoveBase):
    """The cardholder took the replacement: its number is required (it becomes the active card)."""

    state: Literal["collected"]
    new_card_number: CardNumber


# The state decides which fields a move needs: one model per state, told apart by "state".
MoveRequest = Annotated[
    FormalLossMove | ReplacementMove | ProductionMove | ReadyMove | CollectedMove, Field(discriminator="state")
]
MOVE_MODELS = (FormalLossMove, ReplacementMove, ProductionMove, ReadyMove, CollectedMove)


class LookupRequest(Request):
    """A card and its history, by its number (in the body, so it stays out of URLs and logs)."""

    card_number: CardNumber


class UncollectedQuery(Request):
    """?all=1 lists every card waiting at an outlet; 0 (the default) only overdue ones (past COLLECTION_WINDOW_DAYS)."""

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
    name_en: str = ""  # empty: English callers hear the name and address as written
    address_en: str = ""
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


REQUESTS = (*MOVE_MODELS, LookupRequest)
ANSWERS = (Error, Outlet, Card, Move, MoveResult, CardHistory, CardList)
