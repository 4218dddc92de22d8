"""The console's tests: the hand-counted history (tests/support/known.py) stored, operators, signing in, pages."""

from datetime import timedelta
from html.parser import HTMLParser

from sqlalchemy import select

from ivr.console import accounts
from ivr.store import Call, CallbackRequest, CallEvent, Card, Cardholder, OutgoingMessage, Outlet, PrelossReport, db
from tests.support.known import CALLS, PASSWORD, REFERENCE, START, local


def seed(session):
    """Store CALLS with their events, SMS, a report, a ready card and an outlet; returns their ids."""
    ids = {}
    calls = []
    for n, (at, lang, purpose, outcome, step, verified, failures, seconds, caller) in enumerate(CALLS, 1):
        started = local(at)
        call = Call(
            call_sid=f"CA{n:032x}",
            from_number=caller,
            language=lang,
            purpose=purpose,
            outcome=outcome,
            step=step,
            verified=verified,
            verify_failures=failures,
            started_at=started,
            duration_s=seconds,
            ended_at=started + timedelta(seconds=seconds) if seconds is not None else None,
        )
        session.add(call)
        calls.append(call)
    session.flush()
    for call in calls:
        add_events(session, call)
    first = calls[0]
    holder = session.scalar(select(Cardholder).order_by(Cardholder.id))
    card = holder.cards[0]
    card.state = "preloss"
    session.add(
        PrelossReport(
            reference=REFERENCE,
            card_id=card.id,
            call_id=first.id,
            filed_at=first.started_at + timedelta(seconds=100),
            expires_at=first.started_at + timedelta(days=10),
            status="active",
        )
    )
    outlet = Outlet(code="BJ-DC", name="Dongcheng outlet", area_code="1101", address="1 Road", hours="9-5")
    session.add(outlet)
    session.flush()
    ready = session.scalars(select(Card).where(Card.id != card.id).order_by(Card.id)).first()
    ready.state, ready.state_changed_at, ready.ready_outlet_id = "ready", local("2026-11-05 10:00"), outlet.id
    messages = [
        ("preloss_confirmation", first.id, "delivered", None, "2026-11-25 09:12"),
        ("lockout_alert", calls[3].id, "failed", "21610: unsubscribed recipient", "2026-11-24 20:52"),
        ("lockout_alert", calls[2].id, "sent", None, "2026-11-24 20:33"),
        ("formal_report_reminder", None, "failed", "21211: invalid number", "2026-11-10 10:00"),
    ]
    for n, (kind, call_id, state, error, at) in enumerate(messages, 1):
        session.add(
            OutgoingMessage(
                kind=kind,
                subject=f"s{n}",
                to_number="+8613800138000",
                body="…",
                due_at=local(at),
                created_at=local(at),
                state=state,
                last_error=error,
                call_id=call_id,
                attempts=1,
            )
        )
    session.flush()
    ids.update(first_call=first.id, report_card=card.id, ready_card=ready.id, calls=[c.id for c in calls])
    ids["failed_message"] = session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.subject == "s2"))
    return ids


def add_events(session, call):
    at = call.started_at
    events = [("language", "call_started", "")]
    if call.purpose:
        events += [("menu", "step_entered", ""), ("menu", "input_accepted", f"menu={call.purpose}")]
    if call.purpose == "report" and call.step != "id_number":
        events += [
            ("id_number", "step_entered", ""),
            ("id_number", "input_accepted", "id_number"),
            ("password", "step_entered", ""),
            ("password", "input_accepted", "password"),
        ]
    if call.purpose == "operator":
        events.append(("operator", "operator_transfer", ""))
    if call.outcome == "report_filed":
        events += [("preloss_done", "report_filed", REFERENCE), ("preloss_done", "sms_queued", "preloss_confirmation")]
    if call.outcome:
        events.append((call.step, "outcome", call.outcome))
    for n, (step, kind, detail) in enumerate(events):
        session.add(CallEvent(call_id=call.id, at=at + timedelta(seconds=5 * n), step=step, kind=kind, detail=detail))


def make_operator(app, name, role, language="en"):
    """An operator whose console is in `language` (these tests read English words; the console's
    own default, Mandarin, is tested in test_console_language.py)."""
    with app.app_context(), db.new_session() as session:
        operator = accounts.create_operator(session, name, role, PASSWORD, method="pbkdf2:sha256:1000")
        operator.language = language


class Page(HTMLParser):
    """Elements of an HTML page with their attributes and text, for assertions on what a person sees."""

    def __init__(self, html):
        super().__init__()
        self.elements, self._open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("input", "meta", "link", "br", "img"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, **attrs):
        return [e for e in self.elements if all(e["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def having(self, attr):
        return [e for e in self.elements if attr in e["attrs"]]

    def text_of(self, **attrs):
        return [" ".join(e["text"].split()) for e in self.find(**attrs)]

    def csrf(self):
        return self.find(name="csrf_token")[0]["attrs"]["value"]


def csrf_token(client, url="/console/", **request):
    """The CSRF token of the form on `url`, as a browser that loaded the page holds it."""
    return parse_page(client.get(url, **request).get_data(as_text=True)).csrf()


def sign_in(client, name, password=PASSWORD, address="127.0.0.1"):
    """Sign in through the form, as a browser at `address` would."""
    where = {"REMOTE_ADDR": address}
    token = csrf_token(client, "/console/sign-in", environ_base=where)
    return client.post(
        "/console/sign-in", data={"name": name, "password": password, "csrf_token": token}, environ_base=where
    )


def stored(app, statement):
    """Run a read in a session of its own (SQLite's reads take the write lock here), detached."""
    with app.app_context(), db.new_session() as session:
        found = session.execute(statement).scalars().all()
        session.expunge_all()
    return found


def parse_page(html):
    """The elements of an HTML page, for assertions on what a person sees."""
    return Page(html)


CALLBACK_REFERENCES = ("3141592", "2718281")


def add_requests(app):
    """Two open callbacks: one from yesterday (overdue) and one from now (references CALLBACK_REFERENCES)."""
    with app.app_context(), db.new_session() as session:
        session.add_all(
            [
                CallbackRequest(
                    status="open",
                    reference=CALLBACK_REFERENCES[0],
                    phone="+8613912345678",
                    reason="closed",
                    language="en",
                    created_at=START - timedelta(days=1),
                    due_by=START - timedelta(hours=20),
                    came_from="operator",
                ),
                CallbackRequest(
                    status="open",
                    reference=CALLBACK_REFERENCES[1],
                    phone="+8613800138000",
                    reason="initial_password",
                    language="zh",
                    created_at=START,
                    due_by=START + timedelta(hours=4),
                    came_from="report:initial_password",
                ),
            ]
        )
        session.commit()
        return [r.id for r in session.scalars(select(CallbackRequest).order_by(CallbackRequest.id))]


def add_callback_on_a_call(app, reference):
    """An open callback request with `reference`, asked for on the first stored call: (call id, its id)."""
    with app.app_context(), db.new_session() as session:
        call_id = session.scalar(select(Call.id).order_by(Call.id).limit(1))
        asked = CallbackRequest(
            status="open",
            reference=reference,
            call_id=call_id,
            phone="+8613800138000",
            reason="closed",
            created_at=START,
        )
        session.add(asked)
        session.commit()
        return call_id, asked.id


def read_page(client, url, status=200):
    """GET a console page, check its status, and parse it."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return parse_page(response.get_data(as_text=True))
