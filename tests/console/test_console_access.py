"""Who may see and do what in the console: sign-in, throttling, CSRF, supervisor-only actions."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ivr.store import AuditEntry, Card, Operator, OutgoingMessage, SignInAttempt, db
from tests.support.console import csrf_token, make_operator, parse_page, sign_in, stored
from tests.support.known import PASSWORD

PAGES = [
    "/console/",
    "/console/?range=30d",
    "/console/figures.csv?range=7d",
    "/console/calls",
    "/console/calls.csv?range=30d",
    "/console/calls/1",
    "/console/cards",
    "/console/cards/1",
    "/console/cards?reference=12345678",
    "/console/audit",
]
SUPERVISOR_POSTS = ["/console/messages/{failed_message}/retry", "/console/cards/{ready_card}/move"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_requests_are_sent_to_sign_in(client, history, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/sign-in")
    assert b"data-figure" not in response.data and b"****" not in response.data


@pytest.mark.parametrize("url", SUPERVISOR_POSTS)
def test_anonymous_posts_change_nothing(app, client, history, url):
    url = url.format(**history)
    assert client.post(url, data={"wanted": "collected"}).status_code == 403  # no CSRF token
    response = client.post(url, data={"wanted": "collected", "csrf_token": csrf_token(client, "/console/sign-in")})
    assert response.status_code == 302 and "/console/sign-in" in response.headers["Location"]
    assert stored(app, select(Card.state).where(Card.id == history["ready_card"])) == ["ready"]
    assert stored(app, select(OutgoingMessage.state).where(OutgoingMessage.id == history["failed_message"])) == [
        "failed"
    ]


@pytest.mark.parametrize("sent", [None, "", "forged-token", "x" * 43])
@pytest.mark.parametrize("url", SUPERVISOR_POSTS + ["/console/sign-out"])
def test_missing_or_forged_csrf_is_refused(app, client, history, url, sent):
    make_operator(app, "hua", "supervisor")
    sign_in(client, "hua")
    data = {"wanted": "collected"} if sent is None else {"wanted": "collected", "csrf_token": sent}
    response = client.post(url.format(**history), data=data)
    assert response.status_code == 403
    assert stored(app, select(Card.state).where(Card.id == history["ready_card"])) == ["ready"]
    assert client.get("/console/").status_code == 200  # still signed in: sign-out was refused too


def test_sign_in_form_needs_its_csrf_token(app, client):
    make_operator(app, "ming", "operator")
    response = client.post("/console/sign-in", data={"name": "ming", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/console/").status_code == 302


def test_a_token_from_another_session_is_refused(app, client, history):
    make_operator(app, "hua", "supervisor")
    other = app.test_client()
    sign_in(other, "hua")
    foreign = csrf_token(other, "/console/cards")
    sign_in(client, "hua")
    response = client.post(f"/console/messages/{history['failed_message']}/retry", data={"csrf_token": foreign})
    assert response.status_code == 403


@pytest.mark.parametrize("url", SUPERVISOR_POSTS)
def test_an_operator_cannot_do_what_only_a_supervisor_may(app, client, history, url):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    token = csrf_token(client, "/console/cards")
    response = client.post(url.format(**history), data={"wanted": "collected", "csrf_token": token})
    assert response.status_code == 403
    assert stored(app, select(Card.state).where(Card.id == history["ready_card"])) == ["ready"]
    assert stored(app, select(OutgoingMessage.state).where(OutgoingMessage.id == history["failed_message"])) == [
        "failed"
    ]
    assert client.get("/console/audit").status_code == 403


def test_card_page_shows_the_move_form_only_to_supervisors(app, client, history):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    assert not parse_page(client.get(f"/console/cards/{history['ready_card']}").get_data(as_text=True)).find(
        id="move-card"
    )


@pytest.mark.parametrize("name, password", [("ming", "wrong password!"), ("nobody", PASSWORD), ("", ""), ("ming", "")])
def test_wrong_credentials_are_refused_alike(app, client, name, password):
    make_operator(app, "ming", "operator")
    response = sign_in(client, name, password)
    assert response.status_code == 401
    assert parse_page(response.get_data(as_text=True)).text_of(role="alert") == [
        "用户名与密码不匹配任何在用的操作员。"
    ]  # the sign-in page speaks Mandarin until English is chosen
    assert client.get("/console/").status_code == 302


def test_sign_in_waits_longer_after_each_failure_then_recovers(app, client, clock):
    make_operator(app, "ming", "operator")
    for _ in range(3):  # CONSOLE_SIGNIN_FREE_FAILURES
        assert sign_in(client, "ming", "guess-guess").status_code == 401
    refused = sign_in(client, "ming")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"  # even the right password waits
    clock.advance(timedelta(seconds=2))
    assert sign_in(client, "ming", "guess-guess").status_code == 401  # the 4th failure: now 4 s
    clock.advance(timedelta(seconds=3))
    assert sign_in(client, "ming").status_code == 429
    clock.advance(timedelta(seconds=1))
    assert sign_in(client, "ming").status_code == 302
    attempts = stored(app, select(SignInAttempt.ok).order_by(SignInAttempt.id))
    assert attempts == [False] * 4 + [True]  # waits refused before hashing are not attempts


def test_one_address_guessing_many_names_is_throttled(app, client):
    app.config["CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS"] = 3
    make_operator(app, "ming", "operator")
    for name in ("a", "b", "c"):
        sign_in(client, name, "nope-nope-nope")
    assert sign_in(client, "ming").status_code == 429


def test_sign_out_ends_the_session(app, client):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    assert client.post("/console/sign-out", data={"csrf_token": csrf_token(client, "/console/")}).status_code == 302
    assert client.get("/console/").status_code == 302
    assert stored(app, select(AuditEntry.action).order_by(AuditEntry.id)) == ["sign_in", "sign_out"]


def test_a_deactivated_operator_is_signed_out(app, client):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    with app.app_context(), db.new_session() as session:
        session.execute(update(Operator).values(active=False))
    assert client.get("/console/").status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/console/", "/voice/incoming"])
def test_sign_in_never_redirects_off_the_console(app, client, target):
    make_operator(app, "ming", "operator")
    token = csrf_token(client, "/console/sign-in")
    response = client.post(
        "/console/sign-in", data={"name": "ming", "password": PASSWORD, "csrf_token": token, "next": target}
    )
    assert response.headers["Location"] == "/console/"


def test_sign_in_returns_to_the_page_asked_for(app, client):
    make_operator(app, "ming", "operator")
    token = csrf_token(client, "/console/sign-in")
    response = client.post(
        "/console/sign-in",
        data={"name": "ming", "password": PASSWORD, "csrf_token": token, "next": "/console/calls?range=30d"},
    )
    assert response.headers["Location"] == "/console/calls?range=30d"


def test_session_cookie_is_http_only_and_secure_in_production(app_config, clock):
    from ivr import create_app

    app = create_app({**app_config, "CONSOLE_SECURE_COOKIES": True})
    make_operator(app, "ming", "operator")
    client = app.test_client()
    cookie = sign_in(client, "ming").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    db.engine.dispose()


def test_create_operator_command(app, runner):
    result = runner.invoke(args=["create-operator", "lan", "--role", "supervisor", "--password", "a long secret"])
    assert result.exit_code == 0, result.output
    [operator] = stored(app, select(Operator))
    assert operator.role == "supervisor" and "a long secret" not in operator.password_hash
    assert operator.password_hash.startswith("pbkdf2:sha256")  # the configured method (scrypt by default)
    client = app.test_client()
    assert sign_in(client, "lan", "a long secret").status_code == 302


def test_create_operator_prompts_for_the_password(app, runner):
    result = runner.invoke(args=["create-operator", "lan"], input="a long secret\na long secret\n")
    assert result.exit_code == 0, result.output
    assert stored(app, select(Operator.role)) == ["operator"]


@pytest.mark.parametrize(
    "args, reason",
    [
        (["create-operator", "lan", "--password", "short"], "at least 10"),
        (["create-operator", "lan", "--role", "boss", "--password", "a long secret"], "boss"),
        (["create-operator", " ", "--password", "a long secret"], "name"),
    ],
)
def test_create_operator_refuses_bad_input(app, runner, args, reason):
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and reason in result.output
    assert stored(app, select(Operator)) == []


def test_production_hashes_operator_passwords_with_scrypt():
    from ivr.platform.config import DEFAULTS

    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt"


def test_deactivate_operator_command_closes_the_account(app, runner):
    make_operator(app, "lan", "operator")
    client = app.test_client()
    assert sign_in(client, "lan").status_code == 302
    result = runner.invoke(args=["deactivate-operator", "lan"])
    assert result.exit_code == 0 and "can no longer sign in" in result.output
    assert client.get("/console/").status_code == 302  # signed out at the next click
    assert sign_in(app.test_client(), "lan").status_code != 302
    assert runner.invoke(args=["deactivate-operator", "nobody"]).exit_code == 1
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "deactivate_operator"))
    assert entry.target == "lan"
