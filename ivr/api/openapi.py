"""The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from schemas.py's models.

The schemas are pydantic's own JSON Schema of the very models the views validate with, so the
document and the API's checks cannot drift apart (tests/api/test_card_api_robustness.py holds them to it).
"""

from typing import Annotated

from pydantic import TypeAdapter
from pydantic.json_schema import models_json_schema

from ivr.api import schemas

REF = "#/components/schemas/{model}"
ERROR = {"$ref": "#/components/schemas/Error"}


def component_schemas():
    models = [(m, "validation") for m in schemas.REQUESTS] + [(m, "serialization") for m in schemas.ANSWERS]
    _, found = models_json_schema(models, ref_template=REF)
    move = TypeAdapter(schemas.MoveRequest).json_schema(ref_template=REF)
    move.pop("$defs", None)
    move["description"] = "A move; the state decides which other fields it needs"
    return {**found["$defs"], "MoveRequest": move}


def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def ok(description, model):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
    }


def body(name):
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def same_card(operation_id, description):
    """An OpenAPI link: the card this request named, to `operation_id` (for stateful testing and readers)."""
    return {
        "operationId": operation_id,
        "description": description,
        "requestBody": {"card_number": "$request.body#/card_number"},
    }


MOVED_LINKS = {
    "LookUpTheMovedCard": same_card("lookUpCard", "The card just moved, with its history"),
    "MoveTheCardOn": same_card("moveCard", "The card's next move"),
}
LOOKED_UP_LINKS = {"MoveTheLookedUpCard": same_card("moveCard", "A move of the card just looked up")}

SECURED = {"401": error_response("No bearer token, or an unknown or revoked one")}
KEY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": TypeAdapter(Annotated[str, schemas.IDEMPOTENCY_KEY]).json_schema(),
    "description": "Repeating a request with the same key gives the first answer; it is done once",
}
ALL_PARAMETER = {
    "name": "all",
    "in": "query",
    "required": False,
    "schema": schemas.UncollectedQuery.model_json_schema()["properties"]["all"],
    "description": schemas.UncollectedQuery.__doc__,
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Lost-card hotline: card API",
        "version": "1.1.0",
        "description": "Outlets and the card factory report what happens to a lost card and its replacement.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": component_schemas(),
    },
    "paths": {
        "/card-moves": {
            "post": {
                "operationId": "moveCard",
                "summary": "Move a card: formal report, replacement applied, in production, ready, collected",
                "parameters": [KEY_HEADER],
                "requestBody": body("MoveRequest"),
                "responses": {
                    "201": dict(ok("The card moved", schemas.MoveResult), links=MOVED_LINKS),
                    "400": error_response(
                        "Malformed JSON (or nested too deep), not an object, or a bad Idempotency-Key"
                    ),
                    **SECURED,
                    "403": error_response(
                        "An outlet's token asked for a move at another outlet, of a card in another "
                        "outlet's care, or one only the card factory reports"
                    ),
                    "404": error_response("No card has this number"),
                    "409": error_response("The move is not allowed from the card's state, or the new number is taken"),
                    "422": error_response(
                        "A field is missing or wrong, the outlet is unknown, or the "
                        "Idempotency-Key was used for another request"
                    ),
                },
            },
        },
        "/card-lookup": {
            "post": {
                "operationId": "lookUpCard",
                "summary": schemas.LookupRequest.__doc__,
                "requestBody": body("LookupRequest"),
                "responses": {
                    "200": dict(ok("The card and every move it made", schemas.CardHistory), links=LOOKED_UP_LINKS),
                    "400": error_response("Malformed JSON (or nested too deep), or not an object"),
                    **SECURED,
                    "403": error_response("An outlet's token asked about a card in another outlet's care"),
                    "404": error_response("No card has this number"),
                    "422": error_response("A field is missing or wrong"),
                },
            },
        },
        "/uncollected-cards": {
            "get": {
                "operationId": "listUncollectedCards",
                "summary": "Cards waiting at an outlet past COLLECTION_WINDOW_DAYS (all waiting ones with all=1); "
                "an outlet's token sees its own outlet's only",
                "parameters": [ALL_PARAMETER],
                "responses": {
                    "200": ok("Longest-waiting first", schemas.CardList),
                    **SECURED,
                    "422": error_response("all is neither 0 nor 1"),
                },
            },
        },
    },
}
