"""Idempotency-Key: a request repeated with the same key gets the first answer, and is done once."""

import hashlib
import json
from typing import Annotated

from pydantic import TypeAdapter, ValidationError

from ivr.api import schemas
from ivr.api.errors import ApiError
from ivr.store import IdempotentRequest
from ivr.store.api import commit_unless_key_taken, kept_answer

KEY = TypeAdapter(Annotated[str, schemas.IDEMPOTENCY_KEY])


def fingerprint(method, path, payload):
    """What makes two requests the same request: method, path and the JSON body, key order aside.

    ASCII escapes keep any string encodable (the body was parsed strictly, but the fingerprint
    must never be the thing that fails).
    """
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def check_key(raw):
    """The header's key, None when absent; anything outside the documented pattern is refused."""
    if raw is None:
        return None
    try:
        return KEY.validate_python(raw)
    except ValidationError:
        raise ApiError(
            400, "bad_idempotency_key", "Idempotency-Key must be 1 to 200 printable ASCII characters without spaces"
        ) from None


def stored_answer(session, token_id, key, print_):
    row = kept_answer(session, token_id, key)
    if row is None:
        return None
    if row.fingerprint != print_:
        raise ApiError(422, "idempotency_key_reused", "this Idempotency-Key was used for a different request")
    return row.status_code, json.loads(row.body), True


def run_once(session, token_id, key, print_, work, *, now):
    """Do `work(session)` and commit, or give the answer kept for `key`: (status, body, replayed).

    Two requests with one key at once: the card lock makes the second wait, and either it sees
    the first's answer, or storing its own answer hits the unique key, its work is rolled back,
    and the first's answer is given instead.
    """
    if key is not None:
        answer = stored_answer(session, token_id, key, print_)
        if answer:
            return answer
    try:
        status, body = work(session)
    except ApiError:
        session.rollback()
        answer = key is not None and stored_answer(session, token_id, key, print_)
        if answer:
            return answer
        raise
    if key is not None:
        session.add(
            IdempotentRequest(
                token_id=token_id,
                key=key,
                fingerprint=print_,
                status_code=status,
                body=json.dumps(body, ensure_ascii=False),
                created_at=now,
            )
        )
    if not commit_unless_key_taken(session):
        answer = key is not None and stored_answer(session, token_id, key, print_)
        if not answer:
            raise
        return answer
    return status, body, False
