"""Property-based fuzzing of the /sms webhooks: STOP / START / HELP answered in TwiML, delivery
statuses taken (204) or refused for want of a message id (400); never a 500, no junk opt-out."""

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from tests.support.fuzz_inputs import TWILIO_SMS_STATUSES, any_text, field_names
from tests.support.fuzzing import scaled
from tests.support.webhooks import sms_post

# Message ids as they fit the column; ids beyond it are issue 11 #8 (test below).
message_ids = st.one_of(st.none(), st.integers(-5, 2**31 - 1).map(str), st.text("0123456789abc-.", max_size=12))


@scaled(20)
@given(
    requests=st.lists(
        st.tuples(
            st.sampled_from(["/sms/status", "/sms/incoming"]),
            message_ids,
            st.fixed_dictionaries(
                {},
                optional={
                    "From": st.one_of(st.sampled_from(["+8613800138000", "13912345678", "", "+1"]), any_text),
                    "Body": st.one_of(
                        st.sampled_from(["STOP", "退订", "START", "HELP", "stop!", " ", "TD 123"]), any_text
                    ),
                    "MessageSid": any_text,
                    "ErrorCode": any_text,
                    "MessageStatus": st.one_of(st.sampled_from(TWILIO_SMS_STATUSES), any_text),
                },
            ),
            st.dictionaries(field_names, any_text, max_size=3),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_sms_webhooks_answer_as_documented(app, phone, cardholders, requests):
    for route, message_id, form, extra in requests:
        form = {**extra, **form}
        response = sms_post(phone, route, message_id, form)
        assert response.status_code != 500, (route, message_id, response.data[:300])
        if route == "/sms/incoming":
            assert response.status_code == 200 and response.content_type.startswith("text/xml")
            root = ET.fromstring(response.data)
            assert root.tag == "Response" and (root.find("Message").text or "").strip()
        else:
            # 204: taken (or not ours: nothing to say to Twilio); 400: no message id at all.
            assert response.status_code in (204, 400), (message_id, response.status_code)
    with app.app_context():
        from ivr.store import db

        with db.new_session() as session:
            numbers = [n for (n,) in session.execute(text("SELECT number FROM sms_opt_outs"))]
            assert all(re.fullmatch(r"\+\d{6,15}", n) for n in numbers), numbers
            assert session.scalar(text("SELECT count(*) FROM outgoing_messages")) == 0
