"""Supervisors manage operator accounts: create, change role, reset a password, deactivate; all audited."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import fresh_login_required

from ivr.console import account_words, accounts
from ivr.console.blueprint import bp, now
from ivr.console.signin import supervisor_only
from ivr.operators import roster, sign_in_throttle
from ivr.store import Operator, db


@bp.context_processor
def sign_in_alerts():
    """Supervisors see a banner while someone keeps failing to sign in (see ivr/operators/sign_in_throttle.py)."""
    if g.get("operator") is None or not g.operator.is_supervisor:
        return {"sign_in_alerts": []}
    alerts = sign_in_throttle.recent_alerts(db.session, now())
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    return {"sign_in_alerts": alerts}


@bp.app_template_global()
def sign_in_alert_words(entry):
    return account_words.alert_words(entry)


def rule():
    return account_words.password_rule(current_app.config["OPERATOR_PASSWORD_MIN_LENGTH"])


def page(error=None, status=200):
    operators = roster.all_operators(db.session)
    db.session.commit()
    return render_template(
        "console/operators.html", operators=operators, roles=account_words.role_choices(), rule=rule(), error=error
    ), status


@bp.get("/operators")
@supervisor_only
@fresh_login_required
def operators():
    """Every account, and the forms to change them."""
    return page()


def change(action, name, do, done):
    """Run one account change; refused changes keep everything as it was and say why."""
    try:
        do()
    except accounts.AccountError as exc:
        db.session.rollback()
        return page(error=account_words.refusal(exc), status=400)
    accounts.audit(
        db.session,
        g.operator.name,
        action,
        now=now(),
        target=name,
        detail=request.form.get("role", "") if action in ("create_operator", "change_role") else "",
    )
    db.session.commit()
    flash(done)
    return redirect(url_for("console.operators"))


def password_rules():
    """The hash method and the shortest password allowed, as accounts' functions take them."""
    config = current_app.config
    return dict(method=config["PASSWORD_HASH_METHOD"], min_length=config["OPERATOR_PASSWORD_MIN_LENGTH"])


@bp.post("/operators")
@supervisor_only
@fresh_login_required
def create_operator():
    name, role, password = (
        request.form.get("name", "").strip(),
        request.form.get("role", ""),
        request.form.get("password", ""),
    )
    return change(
        "create_operator",
        name,
        lambda: accounts.create_operator(db.session, name, role, password, replace=False, **password_rules()),
        _("Operator %(name)s can now sign in.", name=name),
    )


def named(operator_id):
    operator = db.session.get(Operator, operator_id) if operator_id < 2**31 else None
    if operator is None:
        abort(404, description=_("There is no operator with that name."))
    return operator


@bp.post("/operators/<int:operator_id>/role")
@supervisor_only
@fresh_login_required
def change_role(operator_id):
    role, name = request.form.get("role", ""), named(operator_id).name
    return change(
        "change_role",
        name,
        lambda: accounts.change_role(db.session, name, role),
        _("%(name)s is now: %(role)s.", name=name, role=account_words.label("role", role)),
    )


@bp.post("/operators/<int:operator_id>/password")
@supervisor_only
@fresh_login_required
def reset_password(operator_id):
    """A new password that the supervisor hands over; every session of that operator ends."""
    name, password = named(operator_id).name, request.form.get("password", "")
    return change(
        "reset_operator_password",
        name,
        lambda: accounts.reset_password(db.session, name, password, **password_rules()),
        _("%(name)s's password was reset; they were signed out.", name=name),
    )


@bp.post("/operators/<int:operator_id>/deactivate")
@supervisor_only
@fresh_login_required
def deactivate_operator(operator_id):
    name = named(operator_id).name
    if name == g.operator.name:
        return page(error=_("Not changed: you cannot close your own account; ask another supervisor."), status=400)
    return change(
        "deactivate_operator",
        name,
        lambda: accounts.deactivate_operator(db.session, name),
        _("%(name)s can no longer sign in.", name=name),
    )


@bp.post("/operators/<int:operator_id>/reactivate")
@supervisor_only
@fresh_login_required
def reactivate_operator(operator_id):
    """Open a closed account again, with the password it had (reset it too if that was the reason)."""
    operator = named(operator_id)
    name = operator.name
    return change(
        "reactivate_operator",
        name,
        lambda: setattr(operator, "active", True),
        _("%(name)s can sign in again.", name=name),
    )
