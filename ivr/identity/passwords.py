"""Service passwords (6-digit PINs): a keyed hash under a pepper kept outside the database.

A PIN has 10**6 values, so a slow hash only delays an attacker holding a database copy by
hours; the key (the pepper) stops them altogether as long as it stays out of the database.
Stored form: ``hmac-sha256$<key version>$<salt hex>$<digest hex>``. The per-row salt keeps two
cardholders with the same PIN from sharing a stored value. Older Werkzeug hashes (scrypt,
pbkdf2) still verify and are rewritten under the current key at the next right answer.
The threat model and the decision are in the README ("Service passwords").
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field

from werkzeug.security import check_password_hash

log = logging.getLogger(__name__)
SCHEME = "hmac-sha256"
MIN_KEY_LENGTH = 32


class PepperError(ValueError):
    """The pepper setting cannot be read; the message says what is expected."""


@dataclass(frozen=True)
class Keyring:
    """The pepper keys by version; new hashes use `current`, older versions still verify."""

    current: int
    keys: dict = field(repr=False)
    derived: bool = False  # development's key derived from SECRET_KEY: `warn_if_derived` says so

    def key(self, version):
        return self.keys.get(version)


def parse_keyring(text):
    """`KEY`, or `VERSION:KEY` entries separated by commas or new lines; the first is current."""
    entries = [e.strip() for e in text.replace("\n", ",").split(",") if e.strip() and not e.strip().startswith("#")]
    if not entries:
        raise PepperError("the password pepper is empty")
    keys, order = {}, []
    for entry in entries:
        version, sep, key = entry.partition(":")
        if not sep or not version.isdigit():
            version, key = "1", entry
        if int(version) in keys:
            raise PepperError(f"the password pepper names key version {version} twice")
        keys[int(version)] = key.encode()
        order.append(int(version))
    return Keyring(order[0], keys)


def keyring_from_config(config):
    """The keyring from PASSWORD_PEPPER or PASSWORD_PEPPER_FILE; in development one derived from SECRET_KEY."""
    text = config.get("PASSWORD_PEPPER")
    path = config.get("PASSWORD_PEPPER_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise PepperError(f"PASSWORD_PEPPER_FILE {path!r} cannot be read ({exc.strerror})") from None
    if text:
        keyring = parse_keyring(text)
        if config.get("IVR_ENV") == "production" and any(len(k) < MIN_KEY_LENGTH for k in keyring.keys.values()):
            raise PepperError(f"every password pepper key must be at least {MIN_KEY_LENGTH} characters")
        return keyring
    if config.get("IVR_ENV") == "production":
        raise PepperError("no password pepper")
    derived = hmac.new(str(config["SECRET_KEY"]).encode(), b"service-password-pepper", hashlib.sha256)
    return Keyring(1, {1: derived.hexdigest().encode()}, derived=True)


def warn_if_derived(keyring):
    """Say once, when a server starts, that development's derived pepper is in use (not per command or worker)."""
    if keyring.derived:
        log.warning(
            "PASSWORD_PEPPER is not set: service passwords use a key derived from SECRET_KEY "
            "(development only; production refuses to start without a pepper)"
        )


def _digest(key, salt, pin):
    return hmac.digest(key, b"pin:" + salt + b":" + pin.encode(), "sha256").hex()


def hash_pin(keyring, pin):
    """The stored form of `pin` under the current key, with a fresh salt."""
    salt = secrets.token_bytes(16)
    return f"{SCHEME}${keyring.current}${salt.hex()}${_digest(keyring.key(keyring.current), salt, pin)}"


@dataclass(frozen=True)
class Check:
    """The outcome of checking a PIN: right or not, and whether the stored form should be rewritten."""

    ok: bool
    stale: bool = False  # right, but stored under an older scheme or key version


def check_pin(keyring, stored, pin):
    """Compare `pin` with a stored hash in constant time; older forms verify too, and say so."""
    if stored.startswith(SCHEME + "$"):
        _, version, salt, digest = (stored.split("$") + ["", "", ""])[:4]
        key = keyring.key(int(version)) if version.isdigit() else None
        if key is None:
            log.warning("a service password is stored under retired pepper version %s", version)
            return Check(False)
        try:
            expected = _digest(key, bytes.fromhex(salt), pin)
        except ValueError:
            return Check(False)
        ok = hmac.compare_digest(expected, digest)
        return Check(ok, stale=ok and int(version) != keyring.current)
    ok = check_password_hash(stored, pin)  # Werkzeug scrypt/pbkdf2 from before the pepper
    return Check(ok, stale=ok)


_DECOYS = {}


def decoy_check(keyring, pin):
    """What checking a PIN for an unknown ID number costs: the very same work, then False.

    The decoy is a current-scheme hash, so it takes exactly the path a cardholder's does.
    """
    ident = (keyring.current, keyring.key(keyring.current))
    if ident not in _DECOYS:
        _DECOYS[ident] = hash_pin(keyring, secrets.token_hex(8))
    check_pin(keyring, _DECOYS[ident], pin)
    return Check(False)


def is_fast(stored):
    """Checked in microseconds: an HMAC under any key version, or no hash (the decoy is one too)."""
    return stored is None or stored.startswith(SCHEME + "$")


def is_current(keyring, stored):
    return stored.startswith(f"{SCHEME}${keyring.current}$")


def generate_pepper():
    """A new random key for PASSWORD_PEPPER (printed by `flask passwords new-key`)."""
    return secrets.token_urlsafe(48)


def describe(stored):
    """The scheme of a stored hash for a status count: hmac-sha256 v2, scrypt, pbkdf2, ..."""
    if stored.startswith(SCHEME + "$"):
        return f"{SCHEME} v{stored.split('$')[1]}"
    return stored.split(":", 1)[0].split("$", 1)[0] or "empty"
