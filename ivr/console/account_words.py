"""What the account pages and sign-in say, in the operator's language (the CLI keeps accounts.py's English)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ivr.console.accounts import MAX_PASSWORD
from ivr.console.labels import label
from ivr.store.console import ROLES

REFUSALS = {
    "password_short": _l("a password of at least %(min_length)s characters is needed"),
    "password_long": _l("a password of at most %(max_length)s characters is needed"),
    "password_is_name": _l("the password must not be the operator's name"),
    "bad_name": _l("a name of 1 to 64 characters is needed"),
    "bad_role": _l("the role must be operator or supervisor"),
    "name_taken": _l("there is already an operator called %(name)s; reset their password instead"),
    "no_such_operator": _l("there is no operator called %(name)s"),
    "last_supervisor": _l("%(name)s is the last active supervisor; make another supervisor first"),
}


def refusal(exc):
    """An AccountError in the operator's language."""
    template = REFUSALS.get(getattr(exc, "code", ""))
    if template is None:
        return str(exc)
    return _("Not changed: %(why)s.", why=str(template) % exc.values if exc.values else str(template))


def password_rule(min_length):
    return _(
        "At least %(min)s characters (up to %(max)s), and not the operator's name. "
        "A few unrelated words make a password that is long and easy to remember.",
        min=min_length,
        max=MAX_PASSWORD,
    )


def role_choices():
    return [(role, label("role", role)) for role in ROLES]


def wait_words(seconds):
    if seconds < 120:
        return _("Too many failed sign-ins. Wait %(n)s seconds and try again.", n=seconds)
    return _("Too many failed sign-ins. Wait %(n)s minutes and try again.", n=(seconds + 59) // 60)


def alert_words(entry):
    """A sign-in alert for the supervisors' banner: whose name or which address."""
    kind, _sep, what = (entry.target or "").partition(" ")
    if kind == "name":
        return _("many failed sign-ins for the name %(what)s", what=what)
    return _("many failed sign-ins from the address %(what)s", what=what)
