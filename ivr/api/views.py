"""HTTP for the card API: read the request, call one function in moves.py, answer JSON."""

from flask import Blueprint, current_app, jsonify, request
from pydantic import TypeAdapter, ValidationError

from ivr.api import idempotency, moves, openapi, schemas
from ivr.api.errors import ApiError
from ivr.api.tokens import authenticate
from ivr.calendar import clock
from ivr.store import db

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.errorhandler(ApiError)
def refused(exc):
    db.session.rollback()
    response = jsonify(exc.body)
    response.status_code = exc.status
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="card-api"'
    return response


def require_token():
    token = authenticate(db.session, request.headers.get("Authorization"))
    if token is None:
        reason = (
            "a bearer token is required" if not request.headers.get("Authorization") else "unknown or revoked token"
        )
        raise ApiError(401, "unauthorized", reason)
    return token


MOVE, LOOKUP = TypeAdapter(schemas.MoveRequest), TypeAdapter(schemas.LookupRequest)
UNCOLLECTED = TypeAdapter(schemas.UncollectedQuery)


def parsed(adapter, data=None):
    """The request body (or `data`) checked by `adapter`; a refusal says what was wrong."""
    try:
        if data is None:
            return adapter.validate_json(request.get_data(cache=True) or b"")
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise refusal(exc) from None


def refusal(exc):
    problems = exc.errors(include_url=False, include_input=False, include_context=False)
    if any(p["type"] in ("json_invalid", "json_type") for p in problems):
        return ApiError(400, "malformed_json", "the body is not valid JSON (or is nested too deep)")
    if any(p["type"] in ("model_type", "dict_type") and not p["loc"] for p in problems):
        return ApiError(400, "bad_request", "the body must be a JSON object")
    said = [f"{'.'.join(str(part) for part in p['loc']) or 'body'}: {p['msg']}" for p in problems[:5]]
    return ApiError(422, "invalid_request", "; ".join(said))


def answer(status, body, replayed=False):
    # End the transaction now: on SQLite even a read holds the write lock until it ends.
    db.session.rollback()
    response = jsonify(body)
    response.status_code = status
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3 description of this API."""
    return jsonify(openapi.DOCUMENT)


@bp.post("/card-moves")
def card_moves():
    """Move a card (formal report, replacement, in production, ready at an outlet, collected)."""
    token = require_token()
    key = idempotency.check_key(request.headers.get("Idempotency-Key"))
    move, now = parsed(MOVE), clock.now()
    print_ = idempotency.fingerprint(request.method, request.path, move.model_dump(exclude_none=True))
    return answer(*idempotency.run_once(db.session, token.id, key, print_, mover(token, move, now), now=now))


def mover(token, move, now):
    """The move itself, for run_once to make at most once per Idempotency-Key."""
    config, address = current_app.config, request.remote_addr or ""
    return lambda session: moves.move_card(session, token, move, now=now, config=config, address=address)


@bp.post("/card-lookup")
def card_lookup():
    """A card and its history, by its number (sent in the body, so it stays out of URLs and logs)."""
    token = require_token()
    return answer(*moves.lookup_card(db.session, token, parsed(LOOKUP), config=current_app.config))


@bp.get("/uncollected-cards")
def uncollected():
    """Cards waiting at an outlet: overdue ones (past COLLECTION_WINDOW_DAYS), or all with ?all=1."""
    token = require_token()
    overdue_only = parsed(UNCOLLECTED, request.args.to_dict()).all == "0"
    return answer(
        *moves.list_uncollected(
            db.session, token, now=clock.now(), config=current_app.config, overdue_only=overdue_only
        )
    )
