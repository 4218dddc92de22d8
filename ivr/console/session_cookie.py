"""The signed session cookie, for browsers only: Twilio's webhooks get none.

A call's state lives in the database by CallSid, never in a cookie, so a webhook has no use for
Flask's session; opening and signing one cost about a tenth of a simple webhook's CPU. Their
session is Flask's null session, which refuses writes, so a webhook that tried to keep state in
a cookie would fail its tests rather than work on one web host and not the next.
"""

from flask.sessions import SecureCookieSessionInterface

MACHINE_PATHS = ("/voice/", "/sms/")


class BrowserSessions(SecureCookieSessionInterface):
    def open_session(self, app, request):
        if request.path.startswith(MACHINE_PATHS):
            return None  # Flask then uses make_null_session, and save_session is skipped
        return super().open_session(app, request)
