"""Attacks as tests: ID enumeration, stored XSS, role escalation, CSRF on every console POST.

The timing tests are benchmark-style: a few hundred interleaved tries, medians compared with a
generous bound (a real leak is an order of magnitude; noise on a shared machine is tens of percent).
"""

import io
import random
import re
import time
from datetime import timedelta
from statistics import median

import pytest
from sqlalchemy import select

from ivr import create_app
from ivr.api.tokens import create_token
from ivr.calendar import clock
from ivr.directory.cardholder_csv import import_csv as import_holders
from ivr.directory.outlets import import_csv as import_outlets
from ivr.store import Card, Operator, db
from tests.support.app import holders_csv
from tests.support.calls import identity_keys
from tests.support.console import make_operator, parse_page, sign_in, stored
from tests.support.known import HOLDERS, PASSWORD, STRANGER_ID

XSS = "<script>alert(1)</script>"
# A slow enough hash that hashing or not shows above the noise of a request (production uses scrypt).
SLOW_HASH = "pbkdf2:sha256:20000"


def medians_agree(a, b, *, ratio=1.6):
    """Two timing samples whose medians are within `ratio` of each other (a leak is 5-15x)."""
    ma, mb = median(a), median(b)
    return max(ma, mb) / max(min(ma, mb), 1e-4) <= ratio, (round(ma * 1000, 2), round(mb * 1000, 2))


# ID enumeration ---------------------------------------------------------------------------------


@pytest.fixture
def patient_app(app_config, clock):
    """An app with a real hash cost and no lockout, so one call can guess for ever."""
    app = create_app(
        {
            **app_config,
            "PASSWORD_HASH_METHOD": SLOW_HASH,
            "LOCKOUT_FAILURES": 10**6,
            "MAX_CALL_VERIFY_FAILURES": 10**6,
            "MAX_STEP_TRIES": 10**6,
        }
    )
    with app.app_context(), db.new_session() as session:
        import_holders(session, io.StringIO(holders_csv("li")), app.config)
        session.commit()
    yield app
    db.engine.dispose()


def at_password_step(phone, id_number):
    call = phone.dial(language="en")
    for keys in ("1", id_number + "#", "1"):
        call.press(keys)
    return call


def test_a_known_and_an_unknown_id_number_sound_and_take_the_same(patient_app, make_phone):
    phone = make_phone(patient_app.test_client(), "test-auth-token")
    known, unknown = at_password_step(phone, HOLDERS["li"]["id_number"]), at_password_step(phone, STRANGER_ID)
    assert known.heard == unknown.heard  # the read-back and the password question: same words
    times = {"known": [], "unknown": []}
    order = ["known", "unknown"] * 100
    random.Random(11).shuffle(order)
    for who in order:
        call = known if who == "known" else unknown
        started = time.perf_counter()
        call.press("000000#")  # a wrong password: hashed (or a decoy hashed) either way
        times[who].append(time.perf_counter() - started)
        heard_password = call.heard
        call.press("0000")  # a wrong mobile: judged, back to the password question
        assert call.heard and not call.ended
        if who == "known":
            known_words = (heard_password, call.heard)
        else:
            unknown_words = (heard_password, call.heard)
    assert known_words == unknown_words  # same steps, same words, every time
    agree, medians = medians_agree(times["known"], times["unknown"])
    assert agree, f"password step median known vs unknown ID number (ms): {medians}"


def test_operator_names_do_not_show_in_sign_in_time(app, client, clock):  # noqa: F811
    from ivr.console import accounts

    app.config.update(
        PASSWORD_HASH_METHOD="scrypt", CONSOLE_SIGNIN_MAX_FAILURES=10**6, CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS=10**6
    )
    with app.app_context(), db.new_session() as session:
        accounts.create_operator(session, "hua", "supervisor", PASSWORD, method="scrypt")
        session.commit()
    times = {"hua": [], "nobody-here": []}
    order = list(times) * 15
    random.Random(3).shuffle(order)
    for name in order:
        clock.advance(timedelta(hours=1))  # outside any throttle window: every try is judged
        token = parse_page(client.get("/console/sign-in").get_data(as_text=True)).csrf()
        started = time.perf_counter()
        response = client.post(
            "/console/sign-in", data={"name": name, "password": "wrong password!", "csrf_token": token}
        )
        times[name].append(time.perf_counter() - started)
        assert response.status_code == 401
    agree, medians = medians_agree(times["hua"], times["nobody-here"])
    assert agree, f"sign-in median known vs unknown name (ms): {medians}"


# Stored XSS -------------------------------------------------------------------------------------


@pytest.fixture
def hostile_data(app):
    """Cardholder and outlet imports, and a caller, that carry markup."""
    holders = (
        holders_csv("zhang", "li").replace("张伟", f'"张{XSS}"').replace("Li Na", '"Li <img src=x onerror=alert(1)>"')
    )
    outlets = (
        "code,name,area_code,address,hours,phone\n"
        f'BJ-X,"{XSS}东城",110105,"<b>1 Road</b>",周一至周五 8:30-17:00,010-96102\n'
    )
    with app.app_context(), db.new_session() as session:
        assert not import_holders(session, io.StringIO(holders), app.config).rejected
        assert not import_outlets(session, io.StringIO(outlets)).rejected
        session.commit()
    return app


def test_markup_from_callers_and_imports_is_shown_escaped(hostile_data, phone):
    app = hostile_data
    call = phone.dial(caller=XSS, language="zh")
    for keys in (*identity_keys(HOLDERS["zhang"]), "1"):
        call.press(keys)
    outlets_call = phone.dial(caller="+8613912345678", language="zh")
    outlets_call.press("4")
    outlets_call.press("110105#")
    make_operator(app, "hua", "supervisor")
    client = app.test_client()
    sign_in(client, "hua")
    card_id = stored(app, select(Card.id).where(Card.state == "preloss"))[0]
    pages = [
        "/console/calls?range=30d",
        "/console/",
        "/console/cards",
        f"/console/cards/{card_id}",
        "/console/calls/1",
        "/console/calls/2",
        "/console/audit",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>1 Road" not in html, url
    card_page = client.get(f"/console/cards/{card_id}").get_data(as_text=True)
    assert "&lt;script&gt;" in card_page  # the name and the outlet are there, as text
    # A supervisor's note on a card move is stored data too.
    token = parse_page(card_page).csrf()
    client.post(f"/console/cards/{card_id}/move", data={"wanted": "formal_report", "note": XSS, "csrf_token": token})
    assert "<script>alert" not in client.get(f"/console/cards/{card_id}").get_data(as_text=True)
    # What callers hear is XML: markup in an outlet's name stays text inside <Say>.
    assert b"<script>" not in outlets_call.last_xml and "东城" in outlets_call.all_heard
    # The call-log CSV keeps the caller's text as a plain cell (no formula, no markup run by anything).
    csv_text = client.get("/console/calls.csv?range=30d").get_data(as_text=True)
    assert not re.search(r"^[=+\-@]", csv_text, re.M)


def test_the_softphone_shows_call_text_as_text_only(app):
    """The browser softphone writes every transcript line and SMS with textContent, never as HTML."""
    import pathlib

    import ivr.softphone

    script = (pathlib.Path(ivr.softphone.__file__).parent / "static" / "softphone.js").read_text()
    assert "textContent" in script
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)
    client = app.test_client()
    assert client.post("/softphone/api/calls", json={"from": XSS}).status_code == 400  # not a number: refused


# Role escalation ------------------------------------------------------------------------------


@pytest.fixture
def api_token(app):
    with app.app_context(), db.new_session() as session:
        token = create_token(session, "outlet-cy", "operator", now=clock.now(), all_outlets=True)
        session.commit()
    return token


@pytest.mark.parametrize(
    "url", ["/console/", "/console/calls", "/console/cards", "/console/audit", "/console/calls.csv"]
)
def test_an_api_token_does_not_open_the_console(client, cardholders, api_token, url):
    response = client.get(url, headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/console/sign-in")


def test_a_console_session_does_not_open_the_api(app, client, cardholders):
    make_operator(app, "hua", "supervisor")
    sign_in(client, "hua")
    response = client.post("/api/v1/card-lookup", json={"id_number": HOLDERS["zhang"]["id_number"]})
    assert response.status_code == 401


def test_a_forged_session_cookie_opens_nothing(app, client, cardholders):
    from flask.sessions import SecureCookieSessionInterface

    make_operator(app, "hua", "supervisor")
    forger = create_app({**app.config, "SECRET_KEY": "a guessed secret"})
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    client.set_cookie("session", serializer.dumps({"operator_id": 1, "csrf": "x"}), domain="localhost")
    assert client.get("/console/audit").status_code == 302


def test_an_operator_cannot_reach_supervisor_pages_or_the_softphone_in_production(app_config, clock, cardholders):
    app = create_app({**app_config, "IVR_ENV": "production", "SECRET_KEY": "s" * 40, "ID_HASH_KEY": "k" * 40})
    make_operator(app, "ming", "operator")
    client = app.test_client()
    assert sign_in(client, "ming").status_code == 302
    assert client.get("/console/audit").status_code == 403
    assert client.get("/softphone").status_code == 404
    with app.app_context(), db.new_session() as session:
        assert session.scalar(select(Operator.role)) == "operator"
    db.engine.dispose()


# CSRF on every console POST -------------------------------------------------------------------


def console_posts(app):
    return sorted(r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/console/") and "POST" in r.methods)


def test_every_console_post_refuses_a_missing_or_foreign_token(app, cardholders):
    make_operator(app, "hua", "supervisor")
    client, other = app.test_client(), app.test_client()
    sign_in(client, "hua")
    sign_in(other, "hua")
    foreign = parse_page(other.get("/console/cards").get_data(as_text=True)).csrf()
    posts = console_posts(app)
    assert "/console/sign-out" in posts and len(posts) >= 4
    for rule in posts:
        url = re.sub(r"<(?:int:)?\w+>", "1", rule)
        for data in ({}, {"csrf_token": ""}, {"csrf_token": foreign}):
            response = client.post(url, data={**data, "wanted": "collected", "name": "hua", "password": PASSWORD})
            assert response.status_code == 403, (rule, data, response.status_code)
    assert client.get("/console/").status_code == 200  # nothing signed the supervisor out
