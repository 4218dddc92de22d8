"""Signing in and out with Flask-Login, re-confirming a password for account changes, supervisors' rule."""

from datetime import datetime, timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, confirm_login, current_user, login_required, login_user, logout_user

from ivr.console import accounts
from ivr.console.account_words import wait_words
from ivr.console.blueprint import OPEN_ENDPOINTS, bp, now
from ivr.operators import roster, sign_in_throttle
from ivr.store import Operator, db

login_manager = LoginManager()
login_manager.refresh_view = "console.confirm_password"
SIGNED_IN_AT = "signed_in_at"  # when the password was last typed in this session (ISO, UTC)


@login_manager.user_loader
def load_operator(session_id):
    """The operator of a session id "<id>:<generation>", if still active and the generation current."""
    operator_id, _, generation = (session_id or "").partition(":")
    if not operator_id.isdigit() or not generation.isdigit():
        return None
    operator = db.session.get(Operator, int(operator_id))
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    if operator is None or not operator.active or operator.session_generation != int(generation):
        return None
    return operator


@login_manager.unauthorized_handler
def to_sign_in():
    """Anonymous (or ended) sessions go to the sign-in page, back here after (GET only, path only)."""
    return redirect(url_for("console.sign_in", next=request.full_path if request.method == "GET" else None))


@login_manager.needs_refresh_handler
def to_confirm_password():
    """A stale session asked for an account change: the password first, then back to the page."""
    return redirect(url_for("console.confirm_password", next=request.full_path if request.method == "GET" else None))


@login_required
def signed_in():
    """Nothing: login_required answers for it (sign-in page) when nobody is signed in."""
    return None


def require_sign_in():
    """The console's gate: Flask-Login's login_required, for every view of the blueprint at once
    (so a page added later cannot forget it); and account changes go stale after a while."""
    g.operator = current_user._get_current_object() if current_user.is_authenticated else None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if g.operator is None:
        session.pop(SIGNED_IN_AT, None)
        return signed_in()
    typed = session.get(SIGNED_IN_AT)
    minutes = current_app.config["CONSOLE_FRESH_MINUTES"]
    if not typed or datetime.fromisoformat(typed) < now() - timedelta(minutes=minutes):
        session["_fresh"] = False  # fresh_login_required views will ask for the password again
    return None


def supervisor_only(view):
    """Refuse (403) an operator who is not a supervisor."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.operator.is_supervisor:
            abort(403, description=_("Only a supervisor may do this."))
        return view(*args, **kwargs)

    return wrapper


def safe_next(target):
    """Only a path inside the console: never send a fresh sign-in to another site."""
    if target and target.startswith("/console/") and not urlsplit(target).netloc and "//" not in target:
        return target
    return url_for("console.dashboard")


def check_password(name, password):
    """Throttle, then one hash check (real or decoy, same cost), then record: (operator, wait_seconds)."""
    config, moment = current_app.config, now()
    name, address = (name or "").strip()[:64], (request.remote_addr or "unknown")[:64]
    verdict = sign_in_throttle.verdict(db.session, name, address, now=moment, config=config)
    if verdict.wait_seconds:
        db.session.commit()
        return None, verdict.wait_seconds
    attempt = sign_in_throttle.begin(db.session, name, address, now=moment)
    operator = roster.active_operator_named(db.session, name)
    db.session.commit()  # no slow hashing while holding the database's write lock
    method = config["PASSWORD_HASH_METHOD"]
    ok = accounts.password_matches(operator, password, method=method) and operator is not None
    sign_in_throttle.finish(db.session, attempt, ok, now=moment, config=config)
    if ok:
        operator = db.session.get(Operator, operator.id)
        accounts.rehash_if_outdated(operator, password, method=method)
        operator.last_sign_in_at = moment
    db.session.commit()
    return (operator if ok else None), 0


def throttled_page(wait_seconds, template, **context):
    message = wait_words(wait_seconds)
    response = render_template(template, error=message, **context)
    return response, 429, {"Retry-After": str(wait_seconds)}


def sign_in_form():
    """The empty form; in development it also says how to make the first account."""
    # A newcomer follows the start banner's console link before making an account: say how, in
    # development only (elsewhere an empty operators table is nobody's business but the admin's).
    first = current_app.config["IVR_ENV"] == "development" and roster.no_operators(db.session)
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    return render_template("console/sign_in.html", next=request.args.get("next", ""), first_account=first)


def start_session(operator):
    """A fresh session (and CSRF token) for the signed-in operator, and the sign-in audited."""
    session.clear()
    session.permanent = True
    login_user(operator, fresh=True)
    session[SIGNED_IN_AT] = now().isoformat()
    accounts.audit(db.session, operator.name, "sign_in", now=now(), detail=request.remote_addr or "")
    db.session.commit()


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """The sign-in form; a guesser waits longer after each failure (see ivr/operators/sign_in_throttle.py)."""
    if request.method == "GET":
        return sign_in_form()
    operator, wait = check_password(request.form.get("name", ""), request.form.get("password", ""))
    if wait:
        return throttled_page(wait, "console/sign_in.html", next="")
    if operator is None:
        message = _("That name and password do not match an active operator.")
        return render_template("console/sign_in.html", error=message, next=request.form.get("next", "")), 401
    start_session(operator)
    return redirect(safe_next(request.form.get("next", "")))


@bp.route("/confirm-password", methods=["GET", "POST"])
def confirm_password():
    """Type the password again before changing accounts, when the last time was a while ago."""
    next_url = request.values.get("next", "")
    if request.method == "GET":
        return render_template("console/confirm_password.html", next=next_url)
    operator, wait = check_password(g.operator.name, request.form.get("password", ""))
    if wait:
        return throttled_page(wait, "console/confirm_password.html", next=next_url)
    if operator is None:
        return render_template(
            "console/confirm_password.html", error=_("That password is not right."), next=next_url
        ), 401
    confirm_login()
    session[SIGNED_IN_AT] = now().isoformat()
    return redirect(safe_next(next_url))


@bp.post("/sign-out")
def sign_out():
    """End every session of this operator (a POST with its CSRF token, so no other site can)."""
    operator = db.session.get(Operator, g.operator.id)
    accounts.end_sessions(operator)
    accounts.audit(db.session, operator.name, "sign_out", now=now())
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("console.sign_in"))


@bp.before_request
def guard():
    """Every page but sign-in needs a signed-in, still active operator whose session is current."""
    return require_sign_in()
