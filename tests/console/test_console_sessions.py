"""Console sessions end when they should (issue 11 #6), CSRF guards every browser form, headers (#11)."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from ivr.store import AuditEntry, Operator, db
from tests.support.console import csrf_token, make_operator, parse_page, seed, sign_in, stored
from tests.support.known import PASSWORD

TEMPLATES = Path(__file__).resolve().parents[2] / "ivr" / "console" / "templates" / "console"


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_works_until_sign_out_and_not_after(app, client):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    thief = copy_of(app, client)
    assert thief.get("/console/").status_code == 200
    assert client.post("/console/sign-out", data={"csrf_token": csrf_token(client, "/console/")}).status_code == 302
    assert thief.get("/console/").status_code == 302
    assert thief.get("/console/calls").headers["Location"].startswith("/console/sign-in")


def test_sign_out_ends_the_operators_other_sessions_too(app, client):
    make_operator(app, "ming", "operator")
    make_operator(app, "hua", "supervisor")
    sign_in(client, "ming")
    desk, other = app.test_client(), app.test_client()
    sign_in(desk, "ming")
    sign_in(other, "hua")
    client.post("/console/sign-out", data={"csrf_token": csrf_token(client, "/console/")})
    assert desk.get("/console/").status_code == 302  # ming's second browser
    assert other.get("/console/").status_code == 200  # hua is untouched
    assert sign_in(client, "ming").status_code == 302  # and ming can sign in again


def test_a_cli_password_reset_ends_every_session(app, client, runner):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    thief = copy_of(app, client)
    result = runner.invoke(args=["reset-operator-password", "ming", "--password", "a brand new secret"])
    assert result.exit_code == 0, result.output
    assert thief.get("/console/").status_code == 302
    assert client.get("/console/").status_code == 302
    assert sign_in(app.test_client(), "ming").status_code == 401  # the old password is gone
    assert sign_in(app.test_client(), "ming", "a brand new secret").status_code == 302


def test_create_operator_over_an_existing_name_ends_its_sessions(app, client, runner):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    runner.invoke(args=["create-operator", "ming", "--password", "another long secret"])
    assert client.get("/console/").status_code == 302


def test_deactivation_ends_a_copied_cookie(app, client, runner):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    thief = copy_of(app, client)
    runner.invoke(args=["deactivate-operator", "ming"])
    assert thief.get("/console/").status_code == 302
    with app.app_context(), db.new_session() as session:  # reopened: the old cookie stays dead
        session.execute(update(Operator).values(active=True))
    assert thief.get("/console/").status_code == 302


def test_sessions_are_kept_by_flask_login_with_the_generation(app, client):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    with client.session_transaction() as cookie:
        [operator] = stored(app, select(Operator))
        assert cookie["_user_id"] == f"{operator.id}:{operator.session_generation}"
        assert "operator_id" not in cookie


def test_a_forged_session_id_is_nobody(app, client):
    make_operator(app, "ming", "operator")
    for forged in ["1", "1:", "x:0", "1:99", "", "1:0:0"]:
        with client.session_transaction() as cookie:
            cookie["_user_id"] = forged
        assert client.get("/console/").status_code == 302, forged


def post_routes(app):
    """Every POST route of the app, with a URL that reaches its view."""
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            values = {arg: 1 for arg in rule.arguments}
            yield rule.endpoint, re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m, v=values: str(v[m.group(1)]), rule.rule)


def test_csrf_is_flask_wtf_and_exempts_only_machine_routes(app):
    from flask_wtf.csrf import CSRFProtect

    csrf = app.extensions["csrf"]
    assert isinstance(csrf, CSRFProtect)
    exempt, guarded = set(), set()
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            blueprint = app.blueprints.get(rule.endpoint.rpartition(".")[0])
            (exempt if blueprint in csrf._exempt_blueprints else guarded).add(rule.rule)
    assert all(re.match(r"/(voice|sms|api/v1|softphone/api)/", url) for url in exempt), exempt
    assert "/voice/incoming" in exempt and "/sms/status" in exempt and "/api/v1/card-moves" in exempt
    assert guarded and all(url.startswith("/console/") for url in guarded), guarded


def test_every_console_form_needs_its_token(app, client):
    make_operator(app, "hua", "supervisor")
    make_operator(app, "ming", "operator")
    sign_in(client, "hua")
    urls = [url for endpoint, url in post_routes(app) if endpoint.startswith("console.")]
    assert "/console/operators" in urls and "/console/sign-out" in urls
    for url in urls:
        response = client.post(url, data={"name": "x", "role": "supervisor", "password": "p" * 20})
        assert response.status_code == 403, url
        assert response.headers["Content-Type"].startswith("text/html")
    assert [o.role for o in stored(app, select(Operator).order_by(Operator.id))] == ["supervisor", "operator"]
    assert client.get("/console/").status_code == 200


def test_webhooks_and_the_api_need_no_csrf_token(phone, client):
    call = phone.dial(language="en")  # signed Twilio webhooks: no cookie, no token
    call.press("1")
    assert call.heard and "form was missing" not in call.heard
    assert client.post("/api/v1/card-moves", json={}).status_code == 401  # bearer tokens, not CSRF


# --- security headers (issue 11 #11) ---


@pytest.mark.parametrize(
    "url",
    ["/console/sign-in", "/console/", "/console/calls/99999", "/console/no-such-page", "/console/static/console.css"],
)
def test_console_answers_carry_the_security_headers(app, client, url):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    with client.get(url) as response:
        headers = response.headers
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["frame-ancestors"] == "'none'" and headers["X-Frame-Options"] == "DENY"
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_no_console_template_needs_inline_script_or_style():
    """What the CSP would block: style attributes, <style> blocks, inline scripts and handlers."""
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle\s*=|<style|\son[a-z]+\s*=", text, re.I), template.name
        for script in re.findall(r"<script[^>]*>", text, re.I):
            assert "src=" in script, template.name


def test_the_dashboard_draws_its_bars_without_inline_style(app, client, cardholders):
    with app.app_context(), db.new_session() as session:
        seed(session)
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    page = parse_page(client.get("/console/?range=7d").get_data(as_text=True))
    assert not page.having("style")
    bars = [e for e in page.elements if "bar" in e["attrs"].get("class", "").split()]
    assert bars and any("h100" in bar["attrs"]["class"].split() for bar in bars)
    with client.get("/console/static/console.css") as response:
        css = response.get_data(as_text=True)
    assert ".h100{height:100%}" in css and ".w37{width:37%}" in css


def test_sign_in_and_sign_out_are_audited_without_the_password(app, client):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    client.post("/console/sign-out", data={"csrf_token": csrf_token(client, "/console/")})
    entries = stored(app, select(AuditEntry).order_by(AuditEntry.id))
    assert [e.action for e in entries] == ["sign_in", "sign_out"]
    assert all(PASSWORD not in (e.detail + e.target) for e in entries)


def test_an_outdated_hash_moves_to_the_configured_method_at_sign_in(app, client):
    make_operator(app, "ming", "operator")
    with app.app_context(), db.new_session() as session:
        session.execute(update(Operator).values(password_hash=generate_password_hash(PASSWORD, "pbkdf2:sha256:2000")))
    assert sign_in(client, "ming").status_code == 302
    [operator] = stored(app, select(Operator))
    assert operator.password_hash.startswith("pbkdf2:sha256:1000$")  # the test config's method
