"""A signed webhook with two copies of one form field is refused (defect 11 of issue 11).

Twilio never repeats a field. A copy added to a request Twilio signed would otherwise ride on the
first copy's signature, and parts of the app that read every copy could see another value.
"""

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from ivr.store import Call
from tests.support.console import stored
from tests.support.known import TOKEN

CALL = {"CallSid": "CA" + "a" * 32, "From": "+8613800138000", "To": "+8610096102", "CallStatus": "ringing"}


def post(client, path, form, *, signed_over):
    url = "http://localhost" + path
    signature = RequestValidator(TOKEN).compute_signature(url, signed_over)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})


@pytest.mark.parametrize(
    "path, field",
    [
        ("/voice/incoming", "CallSid"),
        ("/voice/incoming", "From"),
        ("/sms/incoming", "Body"),
        ("/sms/status?m=1", "MessageStatus"),
    ],
)
@pytest.mark.parametrize("signed", ["first copy", "every copy"])
def test_a_repeated_field_is_refused(app, client, path, field, signed):
    form = MultiDict(dict(CALL, Body="STOP", MessageStatus="delivered"))
    form.add(field, "+8613900000000" if field != "CallSid" else "CA" + "b" * 32)
    signed_over = form.to_dict(flat=True) if signed == "first copy" else form
    response = post(client, path, form, signed_over=signed_over)
    assert response.status_code == 403
    assert stored(app, select(func.count()).select_from(Call)) == [0]


def test_the_same_request_without_the_copy_is_answered(app, client):
    response = post(client, "/voice/incoming", CALL, signed_over=CALL)
    assert response.status_code == 200
    assert stored(app, select(func.count()).select_from(Call)) == [1]
