"""Signing in and out, and the rule that some actions are for supervisors only."""

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from ..store import db
from . import accounts, bp, now


def supervisor_only(view):
    """Refuse (403) an operator who is not a supervisor."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.operator.is_supervisor:
            abort(403, description="Only a supervisor may do this.")
        return view(*args, **kwargs)
    return wrapper


def safe_next(target):
    """Only a path inside the console: never send a fresh sign-in to another site."""
    if target and target.startswith("/console/") and not urlsplit(target).netloc and "//" not in target:
        return target
    return url_for("console.dashboard")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """The sign-in form; too many failures for a name or an address wait out the window."""
    if request.method == "GET":
        return render_template("console/sign_in.html", next=request.args.get("next", ""))
    result = accounts.sign_in(
        db.session, request.form.get("name", ""), request.form.get("password", ""),
        request.remote_addr, now=now(), config=current_app.config,
    )
    db.session.commit()
    if result.throttled:
        message = "Too many failed sign-ins. Wait a few minutes and try again."
        return render_template("console/sign_in.html", error=message, next=""), 429
    if result.operator is None:
        message = "That name and password do not match an active operator."
        return render_template("console/sign_in.html", error=message, next=request.form.get("next", "")), 401
    session.clear()  # a fresh session (and CSRF token) for the signed-in operator
    session.permanent = True
    session["operator_id"] = result.operator.id
    return redirect(safe_next(request.form.get("next", "")))


@bp.post("/sign-out")
def sign_out():
    """End the session (a POST with its CSRF token, so no other site can sign anyone out)."""
    accounts.audit(db.session, g.operator.name, "sign_out", now=now())
    db.session.commit()
    session.clear()
    return redirect(url_for("console.sign_in"))
