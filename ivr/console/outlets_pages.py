"""Supervisors give each outlet its English name and address (what English callers hear and read); audited."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ivr.console import accounts
from ivr.console.blueprint import bp, now
from ivr.console.signin import supervisor_only
from ivr.directory.outlet_english import LIMITS, set_english
from ivr.directory.outlets import by_code, every_outlet
from ivr.store import db

# Why a form was refused (keys from ivr/directory/outlet_english.py), in the console's language.
REFUSALS = {
    "pair": _l("The English name and the English address go together: fill in both, or leave both empty."),
    "not_english": _l("The English name and address must be written in English, without Chinese characters."),
    "one_line": _l("The English name and address must be one line each."),
    "too_long": _l("The English name may have up to 200 characters and the English address up to 300."),
}


def page(error=None, typed=None, status=200):
    outlets = every_outlet(db.session)
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    return render_template(
        "console/outlets.html", outlets=outlets, error=error, typed=typed or {}, limits=LIMITS
    ), status


@bp.get("/outlets")
@supervisor_only
def outlets():
    """Every outlet, with a form for its English name and address."""
    return page()


@bp.post("/outlets/<code>/english")
@supervisor_only
def outlet_english(code):
    """Keep the English name and address a supervisor typed, or say why not and change nothing."""
    outlet = by_code(db.session, code)
    if outlet is None:
        abort(404, description=_("There is no outlet with that code."))
    name_en, address_en = request.form.get("name_en", ""), request.form.get("address_en", "")
    problem = set_english(outlet, name_en, address_en)
    if problem:
        db.session.rollback()
        error = _("%(code)s was not changed: %(why)s", code=code, why=REFUSALS[problem])
        return page(error=error, typed={"code": code, "name_en": name_en, "address_en": address_en}, status=400)
    accounts.audit(db.session, g.operator.name, "outlet_english", now=now(), target=code, detail=outlet.name_en)
    db.session.commit()
    flash(_("The English name and address of %(code)s are saved.", code=code))
    return redirect(url_for("console.outlets", _anchor=f"outlet-{code}"))
