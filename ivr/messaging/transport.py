"""What an HTTP failure says about a request to an SMS provider: did it certainly never get there?"""

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError


def never_connected(exc):
    """True when the request certainly did not reach the provider (refused, or no connection in time)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, (NewConnectionError, ConnectTimeoutError))
