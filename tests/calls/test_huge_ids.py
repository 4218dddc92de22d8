"""Ids far beyond any stored row (defect 8 of issue 11): a 404 or an empty answer, never a 500."""

import pytest

from tests.support.console import make_operator, sign_in
from tests.support.known import TOKEN

HUGE = "99999999999999999999"
BIG = "2147483648"  # one past PostgreSQL's integer: still no row, still no 500


@pytest.fixture
def supervisor(empty_app):
    make_operator(empty_app, "hua", "supervisor")
    client = empty_app.test_client()
    assert sign_in(client, "hua").status_code == 302
    return client


@pytest.mark.parametrize("number", [HUGE, BIG, "-1"])
def test_console_pages_for_ids_no_row_can_have_are_404(supervisor, number):
    assert supervisor.get(f"/console/calls/{number}").status_code == 404
    assert supervisor.get(f"/console/cards/{number}").status_code == 404


@pytest.mark.parametrize("number", [HUGE, BIG])
def test_retrying_a_message_no_row_can_have_is_404(supervisor, number):
    page = supervisor.get("/console/cards").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = supervisor.post(f"/console/messages/{number}/retry", data={"csrf_token": token})
    assert response.status_code == 404


@pytest.mark.parametrize("number", [HUGE, BIG, "12x"])
def test_a_delivery_report_for_an_id_no_row_can_have_is_taken_quietly(empty_app, number, make_phone):
    twilio = make_phone(empty_app.test_client(), TOKEN)
    response = twilio.post(f"/sms/status?m={number}", {"MessageSid": "SM" + "0" * 32, "MessageStatus": "delivered"})
    assert response.status_code in (200, 204)
    assert response.get_data() == b""
