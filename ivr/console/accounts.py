"""Operator accounts: creating and changing them, checking a password, the audit log."""

from werkzeug.security import generate_password_hash

from ivr.identity import decoys
from ivr.operators import roster
from ivr.store import Operator
from ivr.store import audit as audit_log
from ivr.store.console import ROLES

MAX_PASSWORD = 256  # longer is no safer, and only makes each hash slower


# Why an account change was refused, by code: the CLI prints these words, the console shows its
# own translation of each (ivr/console/account_words.py).
REFUSALS = {
    "password_short": "a password of at least {min_length} characters is needed",
    "password_long": "a password of at most {max_length} characters is needed",
    "password_is_name": "the password must not be the operator's name",
    "bad_name": "a name of 1 to 64 characters is needed",
    "bad_role": "role must be one of: {roles}",
    "name_taken": "there is already an operator called {name!r}; reset their password instead",
    "no_such_operator": "there is no operator called {name!r}",
    "last_supervisor": "{name} is the last active supervisor; make another supervisor first",
}


class AccountError(ValueError):
    """An operator account that cannot be created or changed as asked; `code` and the message say why."""

    def __init__(self, code, **values):
        self.code, self.values = code, values
        super().__init__(REFUSALS[code].format(**values))


def password_rule(min_length):
    """The rule for a password, in the words shown wherever one is asked for."""
    return (
        f"At least {min_length} characters (up to {MAX_PASSWORD}), and not the operator's name. "
        "A few unrelated words make a password that is long and easy to remember."
    )


def check_password_rule(name, password, min_length):
    """Refuse a password that breaks the rule, saying which part."""
    password = password or ""
    if len(password) < min_length:
        raise AccountError("password_short", min_length=min_length)
    if len(password) > MAX_PASSWORD:
        raise AccountError("password_long", max_length=MAX_PASSWORD)
    if password.strip().casefold() == (name or "").strip().casefold():
        raise AccountError("password_is_name")


def create_operator(session, name, role, password, *, method="scrypt", min_length=10, replace=True):
    """Add an operator; with `replace`, an existing one gets this role and password instead."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise AccountError("bad_name")
    if role not in ROLES:
        raise AccountError("bad_role", roles=", ".join(ROLES))
    check_password_rule(name, password, min_length)
    operator = roster.operator_named(session, name)
    if operator is not None and not replace:
        raise AccountError("name_taken", name=name)
    if operator is None:
        operator = Operator(name=name, session_generation=0)
        session.add(operator)
    elif operator.role == "supervisor" and role != "supervisor":
        keep_a_supervisor(session, operator)
    operator.role = role
    operator.active = True
    set_password(operator, password, method=method)
    session.flush()
    return operator


def set_password(operator, password, *, method):
    """A new password hash, and every session signed in under the old password ends."""
    operator.password_hash = generate_password_hash(password, method=method)
    end_sessions(operator)


def reset_password(session, name, password, *, method="scrypt", min_length=10):
    operator = existing(session, name)
    check_password_rule(operator.name, password, min_length)
    set_password(operator, password, method=method)
    return operator


def end_sessions(operator):
    """Every cookie issued to this operator so far stops working at its next request."""
    operator.session_generation = (operator.session_generation or 0) + 1


def existing(session, name):
    operator = roster.operator_named(session, name)
    if operator is None:
        raise AccountError("no_such_operator", name=name)
    return operator


def keep_a_supervisor(session, operator):
    """Refuse to close or demote the last active supervisor: nobody could manage accounts after."""
    others = roster.other_active_supervisors(session, operator)
    if operator.active and operator.role == "supervisor" and not others:
        raise AccountError("last_supervisor", name=operator.name)


def deactivate_operator(session, name):
    """Close an account: its sessions end at the next click and it cannot sign in again."""
    operator = existing(session, name)
    keep_a_supervisor(session, operator)
    operator.active = False
    end_sessions(operator)
    return operator


def change_role(session, name, role):
    operator = existing(session, name)
    if role not in ROLES:
        raise AccountError("bad_role", roles=", ".join(ROLES))
    if role != "supervisor":
        keep_a_supervisor(session, operator)
    operator.role = role
    return operator


def password_matches(operator, password, *, method):
    """Check a password; with no such operator, a decoy of the same method costs the same time."""
    return decoys.check(operator.password_hash if operator else None, password or "", method=method)


def rehash_if_outdated(operator, password, *, method):
    """After a good sign-in, move an old hash to the configured method (so decoys keep matching it)."""
    if decoys.method_of(operator.password_hash) != decoys.method_of(decoys.decoy_hash(method)):
        operator.password_hash = generate_password_hash(password, method=method)


def audit(session, operator_name, action, *, now, target="", detail="", channel="console", address=""):
    """Write down what an operator did, in the one audit log (ivr/store/audit.py)."""
    audit_log.record(
        session, operator_name, action, now=now, target=target, detail=detail, channel=channel, address=address
    )
