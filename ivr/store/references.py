"""References a caller is given to quote back: a pre-loss report's and a callback request's.

Both are random digits, so one says nothing about another, nor how many there are, and none can be
found by counting (a row id could). Digits only: a caller keys them and hears them one by one.

The length tells the two apart, for the caller reading one from an SMS and for the operator typing
one into the console's search: a report's is 8 digits (as it always was: the references already
given out stay valid), a callback request's 7. Shorter, because it is said once at the end of a
call and lives only until the call back; a prefix digit would not do, as report references already
start with every digit. 10^7 is ample: at a thousand requests a day, a year fills under 4%, and a
draw that is taken is simply drawn again.
"""

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from ivr.store.cardholders import PrelossReport
from ivr.store.queue import CallbackRequest


@dataclass(frozen=True)
class Kind:
    """One kind of reference: how long it is, where it is stored (and the call it was given on),
    the pattern of a typed one."""

    digits: int
    column: object
    call_id: object
    pattern: re.Pattern
    taken: object  # the statement that finds a row holding a reference, built once (ivr/voice/calls.BY_SID says why)


def kind(digits, column, call_id):
    return Kind(
        digits,
        column,
        call_id,
        re.compile(rf"^[0-9]{{{digits}}}$"),
        select(column).where(column == bindparam("reference", type_=column.type)).limit(1),
    )


PRELOSS = kind(8, PrelossReport.reference, PrelossReport.call_id)
CALLBACK = kind(7, CallbackRequest.reference, CallbackRequest.call_id)


def new_reference(session, of):
    """An unused reference of kind `of`, drawn at random."""
    while True:
        reference = f"{secrets.randbelow(10**of.digits):0{of.digits}d}"
        if session.scalar(of.taken, {"reference": reference}) is None:
            return reference


def kind_of(typed):
    """PRELOSS or CALLBACK for a reference as typed, else None."""
    return next((found for found in (PRELOSS, CALLBACK) if found.pattern.match(typed or "")), None)
