"""Operator accounts: creating them, checking a password, throttling guessers, the audit log."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..store import AuditEntry, Operator, SignInAttempt
from ..store.console import ROLES

KEEP_ATTEMPTS_DAYS = 30
# A hash to compare against when the name is unknown, so both answers take the same time.
_NOBODY = generate_password_hash("nobody-has-this-password", method="pbkdf2:sha256:1000")


class AccountError(ValueError):
    """An operator account that cannot be created as asked; the message says why."""


@dataclass
class SignIn:
    operator: Operator | None = None
    throttled: bool = False


def create_operator(session, name, role, password, *, method="scrypt", min_length=10):
    """Add an operator (or reset an existing one's role and password)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise AccountError("a name of 1 to 64 characters is needed")
    if role not in ROLES:
        raise AccountError(f"role must be one of: {', '.join(ROLES)}")
    if len(password or "") < min_length:
        raise AccountError(f"a password of at least {min_length} characters is needed")
    operator = session.scalar(select(Operator).where(Operator.name == name))
    if operator is None:
        operator = Operator(name=name)
        session.add(operator)
    operator.role = role
    operator.active = True
    operator.password_hash = generate_password_hash(password, method=method)
    session.flush()
    return operator


def deactivate_operator(session, name):
    """Close an account: the operator is signed out at the next click and cannot sign in again."""
    operator = session.scalar(select(Operator).where(Operator.name == name))
    if operator is None:
        raise AccountError(f"there is no operator called {name!r}")
    operator.active = False
    return operator


def recent_failures(session, column, value, since):
    """Failed sign-ins since `since` for one name or one address."""
    return session.scalar(
        select(func.count()).select_from(SignInAttempt)
        .where(column == value, SignInAttempt.at >= since, SignInAttempt.ok.is_(False))
    )


def sign_in(session, name, password, address, *, now, config):
    """Check a name and password, unless that name or address has failed too often lately."""
    name, address = (name or "").strip()[:64], (address or "unknown")[:64]
    since = now - timedelta(minutes=config["CONSOLE_SIGNIN_WINDOW_MINUTES"])
    if (
        recent_failures(session, SignInAttempt.name, name, since) >= config["CONSOLE_SIGNIN_MAX_FAILURES"]
        or recent_failures(session, SignInAttempt.address, address, since)
        >= config["CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS"]
    ):
        return SignIn(throttled=True)
    operator = session.scalar(select(Operator).where(Operator.name == name, Operator.active.is_(True)))
    ok = check_password_hash(operator.password_hash if operator else _NOBODY, password or "")
    ok = ok and operator is not None
    session.add(SignInAttempt(name=name, address=address, at=now, ok=ok))
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - timedelta(days=KEEP_ATTEMPTS_DAYS)))
    if not ok:
        return SignIn()
    operator.last_sign_in_at = now
    audit(session, operator.name, "sign_in", now=now, detail=address)
    return SignIn(operator=operator)


def audit(session, operator_name, action, *, now, target="", detail=""):
    """Write down what an operator did, for supervisors to read."""
    session.add(AuditEntry(at=now, operator=operator_name, action=action, target=target[:100], detail=detail))


def audit_page(session, *, limit=200):
    """The newest audit entries first."""
    return session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).all()
