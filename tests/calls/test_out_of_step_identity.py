"""The security questions on a call that never keyed an ID number (defect 11 of issue 11).

A forged or replayed request can land on the password or mobile step of a call that is still at
the menu. It is out of step: the caller goes back to the menu, nothing is judged or stored.
"""

import pytest
from sqlalchemy import func, select

from ivr.prompts import CATALOGUE, text
from ivr.store import Call, CallEvent, VerificationAttempt
from tests.support.console import stored


@pytest.mark.parametrize("step, keys", [("mobile", "8000"), ("password", "246810")])
def test_security_question_without_an_id_number_is_out_of_step(app, phone, cardholders, step, keys):
    call = phone.dial(language="en")
    path, _, turn = call.action.partition("?")
    call.action = f"/voice/identify/{step}?{turn}"
    call.press(keys)
    assert text("common.out_of_step", "en") in call.heard
    assert CATALOGUE["common.system_error"]["en"].split("{")[0] not in call.heard
    assert not call.ended and "/voice/menu" in call.action
    assert stored(app, select(func.count()).select_from(VerificationAttempt)) == [0]
    row = stored(app, select(Call).where(Call.call_sid == call.sid))[0]
    assert not row.verified and row.verify_failures == 0
    kinds = stored(app, select(CallEvent.kind).where(CallEvent.call_id == row.id))
    assert "out_of_step" in kinds
