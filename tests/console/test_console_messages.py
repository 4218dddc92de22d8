"""The SMS in the console: a supervisor retries a failed one (audited) and reads what each said."""

from sqlalchemy import select

from ivr.store import OutgoingMessage
from tests.support.console import read_page, stored


def test_supervisor_retries_a_failed_sms_and_it_is_audited(app, supervisor, history):
    token = read_page(supervisor, "/console/cards").csrf()
    response = supervisor.post(f"/console/messages/{history['failed_message']}/retry", data={"csrf_token": token})
    assert response.status_code == 302
    message = stored(app, select(OutgoingMessage).where(OutgoingMessage.id == history["failed_message"]))[0]
    assert message.state == "pending"
    again = supervisor.post(f"/console/messages/{history['failed_message']}/retry", data={"csrf_token": token})
    assert again.status_code == 409
    entries = read_page(supervisor, "/console/audit").having("data-action")
    assert [e["attrs"]["data-action"] for e in entries][:2] == ["sms_retry", "sign_in"]


def test_the_sms_page_shows_what_each_message_said(app, supervisor, history):
    """A supervisor checking what a caller was told reads the text itself, not only its kind."""
    from ivr.store import db

    said = "【社会保障卡服务热线】您的证件号码多次电话身份验证未通过，电话验证已暂停24小时。"
    with app.app_context(), db.new_session() as session:
        session.get(OutgoingMessage, history["failed_message"]).body = said
        session.commit()
    page = read_page(supervisor, "/console/messages?first=2026-11-01&last=2026-11-30")
    [row] = page.text_of(data_message_id=str(history["failed_message"]))
    assert said in row
