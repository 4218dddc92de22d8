"""Decoy hash checks: when there is no stored hash to check, spend exactly what checking one costs.

A sign-in for a name nobody has, or a caller whose ID number matches no one, must take as long as
a wrong password for a real account; otherwise the time of the answer tells who exists. So the
decoy is a hash made with the very same method and parameters as the real ones (werkzeug's method
string, e.g. "scrypt:32768:8:1"), of a random secret nobody can type.
"""

import secrets
from functools import lru_cache

from werkzeug.security import check_password_hash, generate_password_hash


def method_of(stored_hash):
    """The method and parameters a werkzeug hash was made with ("scrypt:32768:8:1")."""
    return stored_hash.split("$", 1)[0]


@lru_cache(maxsize=8)
def decoy_hash(method):
    """A hash of a random secret, made once per process with `method` (a werkzeug method string)."""
    return generate_password_hash(secrets.token_urlsafe(24), method=method)


def check(stored_hash, password, *, method):
    """Check `password` against `stored_hash`, or against a decoy made with `method` when there is
    none (None or ""). The decoy never matches; either way the cost is one hash of that method."""
    if not stored_hash:
        check_password_hash(decoy_hash(method), password)
        return False
    return check_password_hash(stored_hash, password)
