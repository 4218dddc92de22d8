"""The OpenAPI 3.0 document served at /api/v1/openapi.json (tests check the API against it)."""

from .moves import API_STATES

ERROR = {"$ref": "#/components/schemas/Error"}


def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def ok(description, schema):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema}}}}


SECURED = {
    "401": error_response("No bearer token, or an unknown or revoked one"),
}

CARD_NUMBER = {"type": "string", "pattern": "^[A-Za-z0-9]{4,20}$", "description": "The card's number"}

SCHEMAS = {
    "Error": {
        "type": "object", "required": ["error", "reason"],
        "properties": {
            "error": {"type": "string", "description": "A short code, e.g. bad_move, unknown_card"},
            "reason": {"type": "string", "description": "What was wrong, for a person to read"},
            "current_state": {"type": "string"}, "wanted_state": {"type": "string"},
        },
    },
    "MoveRequest": {
        "type": "object", "required": ["card_number", "state"], "additionalProperties": False,
        "properties": {
            "card_number": CARD_NUMBER,
            "state": {"type": "string", "enum": list(API_STATES)},
            "outlet_code": {"type": "string", "minLength": 1, "maxLength": 20,
                            "description": "Where it happened; required for ready (where the card waits)"},
            "new_card_number": dict(CARD_NUMBER, description="The replacement card's number; required for collected"),
            "note": {"type": "string", "minLength": 1, "maxLength": 500},
        },
    },
    "LookupRequest": {
        "type": "object", "required": ["card_number"], "additionalProperties": False,
        "properties": {"card_number": CARD_NUMBER},
    },
    "Outlet": {
        "type": "object", "required": ["code", "name", "address", "hours"],
        "properties": {k: {"type": "string"} for k in ("code", "name", "address", "hours")},
    },
    "Card": {
        "type": "object",
        "required": ["id", "number_last4", "state", "state_changed_at", "expected_ready_on", "ready_outlet",
                     "flagged_uncollected_at", "replaces_card_id", "replaced_by_card_id", "cardholder_id_masked"],
        "properties": {
            "id": {"type": "integer"},
            "number_last4": {"type": "string"},
            "state": {"type": "string"},
            "state_changed_at": {"type": "string", "format": "date-time"},
            "expected_ready_on": {"type": "string", "format": "date", "nullable": True},
            "ready_outlet": {"allOf": [{"$ref": "#/components/schemas/Outlet"}], "nullable": True},
            "flagged_uncollected_at": {"type": "string", "format": "date-time", "nullable": True},
            "replaces_card_id": {"type": "integer", "nullable": True},
            "replaced_by_card_id": {"type": "integer", "nullable": True},
            "cardholder_id_masked": {"type": "string", "pattern": r"^\d{6}\*{8}[0-9X]{4}$"},
            "days_waiting": {"type": "integer"},
        },
    },
    "Move": {
        "type": "object",
        "required": ["id", "card_id", "card_last4", "at", "from_state", "to_state", "actor", "source", "note"],
        "properties": {
            "id": {"type": "integer"}, "card_id": {"type": "integer"}, "card_last4": {"type": "string"},
            "at": {"type": "string", "format": "date-time"},
            "from_state": {"type": "string"}, "to_state": {"type": "string"},
            "actor": {"type": "string", "enum": ["phone", "operator", "production", "scheduler"]},
            "source": {"type": "string"}, "note": {"type": "string"},
        },
    },
    "MoveResult": {
        "type": "object", "required": ["card", "move"],
        "properties": {"card": {"$ref": "#/components/schemas/Card"}, "move": {"$ref": "#/components/schemas/Move"}},
    },
    "CardHistory": {
        "type": "object", "required": ["card", "history"],
        "properties": {
            "card": {"$ref": "#/components/schemas/Card"},
            "history": {"type": "array", "items": {"$ref": "#/components/schemas/Move"}},
        },
    },
    "CardList": {
        "type": "object", "required": ["cards"],
        "properties": {"cards": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}}},
    },
}

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {
        "title": "Lost-card hotline: card API", "version": "1.0.0",
        "description": "Outlets and the card factory report what happens to a lost card and its replacement.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": SCHEMAS,
    },
    "paths": {
        "/card-moves": {
            "post": {
                "operationId": "moveCard",
                "summary": "Move a card: formal report, replacement applied, in production, ready, collected",
                "parameters": [{
                    "name": "Idempotency-Key", "in": "header", "required": False,
                    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
                    "description": "Repeating a request with the same key gives the first answer; it is done once",
                }],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/MoveRequest"}}}},
                "responses": {
                    "201": ok("The card moved", "#/components/schemas/MoveResult"),
                    "400": error_response("Malformed JSON or a bad Idempotency-Key"),
                    **SECURED,
                    "404": error_response("No card has this number"),
                    "409": error_response("The move is not allowed from the card's state, or the new number is taken"),
                    "422": error_response("A field is missing or wrong, or the outlet is unknown"),
                },
            },
        },
        "/card-lookup": {
            "post": {
                "operationId": "lookUpCard",
                "summary": "A card and its history, by its number",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/LookupRequest"}}}},
                "responses": {
                    "200": ok("The card and every move it made", "#/components/schemas/CardHistory"),
                    "400": error_response("Malformed JSON"),
                    **SECURED,
                    "404": error_response("No card has this number"),
                    "422": error_response("A field is missing or wrong"),
                },
            },
        },
        "/uncollected-cards": {
            "get": {
                "operationId": "listUncollectedCards",
                "summary": "Cards waiting at an outlet past COLLECTION_WINDOW_DAYS (all waiting ones with all=1)",
                "parameters": [{"name": "all", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": ["0", "1"]}}],
                "responses": {"200": ok("Longest-waiting first", "#/components/schemas/CardList"), **SECURED},
            },
        },
    },
}
