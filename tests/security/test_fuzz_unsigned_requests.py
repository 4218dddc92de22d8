"""Unsigned or forged requests to the /voice and /sms webhooks: refused (403), and nothing stored changes."""

from hypothesis import given
from hypothesis import strategies as st

from tests.support.fuzz_inputs import any_text, field_names
from tests.support.fuzzing import scaled
from tests.support.sweep import every_stored_value


@scaled(15)
@given(
    requests=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "/voice/incoming",
                    "/voice/menu/choice",
                    "/voice/identify/id",
                    "/voice/status",
                    "/sms/status",
                    "/sms/incoming",
                    "/voice/preloss/confirm",
                ]
            ),
            st.dictionaries(field_names, any_text, max_size=5),
            st.sampled_from([None, "", "bm90IGEgc2lnbmF0dXJl", "x" * 300]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_unsigned_or_forged_requests_are_refused_and_change_nothing(app, client, cardholders, requests):
    with app.app_context():
        from ivr.store import db

        with db.new_session() as session:
            before = every_stored_value(session)
    for route, form, signature in requests:
        headers = {} if signature is None else {"X-Twilio-Signature": signature}
        response = client.post(route + "?m=1", data=form, headers=headers)
        assert response.status_code == 403, (route, response.status_code)
    with app.app_context(), db.new_session() as session:
        assert every_stored_value(session) == before
