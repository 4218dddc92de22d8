"""Supervisors manage operator accounts from the console, audited; the password rule is said up front."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, Operator
from tests.support.console import make_operator, parse_page, sign_in, stored
from tests.support.known import PASSWORD

NEW = "a fresh long secret"


@pytest.fixture
def hua(app, client):
    """A signed-in supervisor's browser."""
    make_operator(app, "hua", "supervisor")
    sign_in(client, "hua")
    return client


def operator_id(app, name, *, stored):
    return stored(app, select(Operator.id).where(Operator.name == name))[0]


def post(client, url, *, parse_page, **data):
    token = parse_page(client.get("/console/operators").get_data(as_text=True)).csrf()
    return client.post(url, data={**data, "csrf_token": token})


def audit(app, action, *, stored):
    return stored(app, select(AuditEntry).where(AuditEntry.action == action))


def test_the_page_states_the_password_rule_before_it_is_typed(app, hua):
    page = parse_page(hua.get("/console/operators").get_data(as_text=True))
    [rule] = page.text_of(id="new-password-rule")
    assert "At least 10 characters" in rule and "not the operator's name" in rule
    [field] = [e for e in page.find(name="password") if e["attrs"].get("aria-describedby") == "new-password-rule"]
    assert field["attrs"]["minlength"] == "10"
    assert page.find(id="operators") and "hua" in page.text_of(data_operator="hua")[0]
    assert page.find(href="/console/operators")  # the supervisor's menu leads here


def test_a_supervisor_creates_an_operator_who_can_sign_in(app, hua):
    response = post(hua, "/console/operators", name="ming", role="operator", password=NEW, parse_page=parse_page)
    assert response.status_code == 302
    assert sign_in(app.test_client(), "ming", NEW).status_code == 302
    [entry] = audit(app, "create_operator", stored=stored)
    assert (entry.operator, entry.target, entry.detail) == ("hua", "ming", "operator")
    assert NEW not in entry.detail


@pytest.mark.parametrize(
    "name, password, reason",
    [
        ("ming", "short", "at least 10 characters"),
        ("ming-the-operator", "ming-the-operator", "must not be the operator's name"),
        ("", NEW, "a name of 1 to 64"),
        ("hua", NEW, "already an operator called"),
    ],
)
def test_a_refused_new_operator_says_why_and_changes_nothing(app, hua, name, password, reason):
    response = post(hua, "/console/operators", name=name, role="operator", password=password, parse_page=parse_page)
    assert response.status_code == 400
    assert reason in parse_page(response.get_data(as_text=True)).text_of(role="alert")[0]
    assert stored(app, select(Operator.name)) == ["hua"] and not audit(app, "create_operator", stored=stored)


def test_a_password_reset_ends_the_operators_sessions(app, hua):
    make_operator(app, "ming", "operator")
    ming = app.test_client()
    sign_in(ming, "ming")
    response = post(
        hua,
        f"/console/operators/{operator_id(app, 'ming', stored=stored)}/password",
        password=NEW,
        parse_page=parse_page,
    )
    assert response.status_code == 302
    assert ming.get("/console/").status_code == 302
    assert sign_in(app.test_client(), "ming").status_code == 401
    assert sign_in(app.test_client(), "ming", NEW).status_code == 302
    assert [e.target for e in audit(app, "reset_operator_password", stored=stored)] == ["ming"]


def test_change_role_and_deactivate_and_reactivate(app, hua):
    make_operator(app, "ming", "operator")
    ming = app.test_client()
    sign_in(ming, "ming")
    ident = operator_id(app, "ming", stored=stored)
    assert post(hua, f"/console/operators/{ident}/role", role="supervisor", parse_page=parse_page).status_code == 302
    assert ming.get("/console/audit").status_code == 200  # a supervisor at the next click
    assert post(hua, f"/console/operators/{ident}/deactivate", parse_page=parse_page).status_code == 302
    assert ming.get("/console/").status_code == 302
    assert sign_in(app.test_client(), "ming").status_code == 401
    assert post(hua, f"/console/operators/{ident}/reactivate", parse_page=parse_page).status_code == 302
    assert sign_in(app.test_client(), "ming").status_code == 302
    assert [
        e.action for e in stored(app, select(AuditEntry).where(AuditEntry.target == "ming").order_by(AuditEntry.id))
    ] == ["change_role", "deactivate_operator", "reactivate_operator"]


def test_the_last_supervisor_cannot_be_closed_or_demoted(app, hua):
    ident = operator_id(app, "hua", stored=stored)
    response = post(hua, f"/console/operators/{ident}/role", role="operator", parse_page=parse_page)
    assert response.status_code == 400 and "last active supervisor" in response.get_data(as_text=True)
    assert post(hua, f"/console/operators/{ident}/deactivate", parse_page=parse_page).status_code == 400
    assert stored(app, select(Operator.role)) == ["supervisor"] and hua.get("/console/").status_code == 200


def test_an_operator_cannot_manage_accounts(app, client):
    make_operator(app, "ming", "operator")
    make_operator(app, "hua", "supervisor")
    sign_in(client, "ming")
    assert client.get("/console/operators").status_code == 403
    token = parse_page(client.get("/console/").get_data(as_text=True)).csrf()
    ident = operator_id(app, "ming", stored=stored)
    for url, data in [
        ("/console/operators", {"name": "x", "role": "supervisor", "password": NEW}),
        (f"/console/operators/{ident}/role", {"role": "supervisor"}),
        (f"/console/operators/{operator_id(app, 'hua', stored=stored)}/password", {"password": NEW}),
    ]:
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403
    assert stored(app, select(Operator.role).order_by(Operator.id)) == ["operator", "supervisor"]
    assert not parse_page(client.get("/console/").get_data(as_text=True)).find(href="/console/operators")


def test_account_changes_ask_for_the_password_again_after_a_while(app, hua, clock):
    clock.advance(timedelta(minutes=16))  # CONSOLE_FRESH_MINUTES is 15
    response = hua.get("/console/operators")
    assert response.status_code == 302 and response.headers["Location"].startswith("/console/confirm-password")
    assert hua.get("/console/").status_code == 200  # ordinary pages need no password again
    page = hua.get(response.headers["Location"])
    token = parse_page(page.get_data(as_text=True)).csrf()
    assert (
        hua.post(
            "/console/confirm-password",
            data={"password": "not it at all", "csrf_token": token, "next": "/console/operators"},
        ).status_code
        == 401
    )
    answer = hua.post(
        "/console/confirm-password", data={"password": PASSWORD, "csrf_token": token, "next": "/console/operators"}
    )
    assert answer.headers["Location"] == "/console/operators"
    assert hua.get("/console/operators").status_code == 200


def test_a_huge_operator_id_is_not_found(app, hua):
    assert post(hua, "/console/operators/99999999999999999999/deactivate", parse_page=parse_page).status_code == 404


def test_cli_states_the_rule_before_asking(app, runner):
    result = runner.invoke(args=["create-operator", "lan"], input="a long secret\na long secret\n")
    assert result.exit_code == 0, result.output
    rule_at, prompt_at = result.output.find("At least 10 characters"), result.output.find("Password:")
    assert 0 <= rule_at < prompt_at


def test_cli_reset_operator_password(app, runner):
    make_operator(app, "lan", "operator")
    result = runner.invoke(args=["reset-operator-password", "lan"], input="short\nshort\n")
    assert result.exit_code == 1 and "at least 10" in result.output
    result = runner.invoke(args=["reset-operator-password", "nobody", "--password", NEW])
    assert result.exit_code == 1 and "no operator called" in result.output
    result = runner.invoke(args=["reset-operator-password", "lan"], input=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    [entry] = audit(app, "reset_operator_password", stored=stored)
    assert (entry.channel, entry.target) == ("cli", "lan") and entry.address  # who: the login that ran it
