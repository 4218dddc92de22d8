"""The real Twilio client's HTTP layer pointed at a local address (Prism, a flaky stand-in, a dead port)."""

from twilio.http.http_client import TwilioHttpClient


class LocalTwilio(TwilioHttpClient):
    """Sends what the Twilio client would send to api.twilio.com to a local address instead."""

    def __init__(self, base, *, headers=None, drop=(), drop_auth=False, answer=None, timeout=5):
        super().__init__(timeout=timeout)
        self.base, self.extra, self.drop, self.drop_auth, self.answer = base, headers or {}, drop, drop_auth, answer
        self.seen = []

    def request(
        self, method, url, params=None, data=None, headers=None, auth=None, timeout=None, allow_redirects=False
    ):
        data = {k: v for k, v in (data or {}).items() if k not in self.drop}
        self.seen.append(data)
        if self.answer is not None:
            return self.answer
        url = url.replace("https://api.twilio.com", self.base)
        return super().request(
            method,
            url,
            params=params,
            data=data,
            headers={**(headers or {}), **self.extra},
            auth=None if self.drop_auth else auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )


def local_twilio(base, **options):
    """`local_twilio(base, headers=, drop=, drop_auth=, answer=, timeout=)`: what the client would send to
    api.twilio.com, sent to `base`."""
    return LocalTwilio(base, **options)
