"""Property-based fuzzing of the console: every form and filter, any values, only documented answers.

The forms are found the way a person finds them: by reading the pages a supervisor and an operator
see, so a form added later is fuzzed without touching this file. A fuzzed value that comes back on
the page comes back escaped. Bounded by default; `pytest --fuzz-long` runs far more examples.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from ivr.store import db
from tests.support.console import make_operator, seed, sign_in
from tests.support.fuzzing import scaled

# What the console answers by design: pages, redirects, and its 4xx pages (bad filter, sign-in
# refused, forbidden, not found, move refused, too many sign-ins). Never a 5xx.
DOCUMENTED = {200, 302, 303, 400, 401, 403, 404, 405, 409, 413, 429}
START_PAGES = [
    "/console/",
    "/console/calls",
    "/console/cards",
    "/console/audit",
    "/console/sign-in",
    "/console/search",
    "/console/callbacks",
    "/console/queue",
    "/console/messages",
    "/console/operators",
]
# What looks like an ID number or a full mobile (issue 28): it must never reach an address.
PERSONAL = ["11010519491231002X", "110105194912310024", "13800138000", "+86 138 0013 8000"]
MARKERS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


class Forms(HTMLParser):
    """Every <form> of a page: its method, action and the names (and values) of its fields."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.links = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").upper(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                    "options": {},
                }
            )
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")
            self._select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self.forms and getattr(self, "_select", None):
            self.forms[-1]["options"].setdefault(self._select, []).append(attrs.get("value") or "")
        elif tag == "a" and (attrs.get("href") or "").startswith("/console/"):
            self.links.append(attrs["href"])


def crawl(client):
    """The forms and links reachable from the console's main pages (and one page of each kind)."""
    forms, seen, queue = [], set(), list(START_PAGES)
    while queue and len(seen) < 40:
        url = queue.pop(0)
        path = urlsplit(url).path
        if path in seen or path.endswith(".csv"):
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code != 200 or not response.content_type.startswith("text/html"):
            continue
        page = Forms(response.get_data(as_text=True))
        for form in page.forms:
            form["action"] = form["action"] or path
            if (form["method"], form["action"]) not in {(f["method"], f["action"]) for f in forms}:
                forms.append(form)
        queue.extend(link for link in page.links if urlsplit(link).path not in seen)
    return forms


fuzz_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(
        MARKERS
        + [
            "",
            " ",
            "0",
            "-1",
            "2026-02-30",
            "2026-11-25",
            "9999-12-31",
            "today",
            "7d",
            "30d",
            "+8613800138000",
            *PERSONAL,
            "12345678",
            "collected",
            "ready",
            "BJ-DC",
            "2147483647",
            "1" * 400,
            "中文",
            "%00",
            "../../etc/passwd",
            "null",
        ]
    ),
    st.integers(-(10**6), 2**31 - 1).map(str),
)


@st.composite
def filled(draw, form):
    """The form with some fields kept, some fuzzed, some dropped, some repeated, some extra."""
    data = MultiDict()
    for name, value in form["fields"].items():
        how = draw(st.sampled_from(["keep", "fuzz", "fuzz", "option", "drop", "repeat"]))
        if name == "csrf_token" and how not in ("drop", "repeat"):
            how = "keep"
        if how == "keep":
            data.add(name, value)
        elif how == "option" and form["options"].get(name):
            data.add(name, draw(st.sampled_from(form["options"][name])))
        elif how in ("fuzz", "option"):
            data.add(name, draw(fuzz_text))
        elif how == "repeat":
            data.add(name, value)
            data.add(name, draw(fuzz_text))
    for name, value in draw(
        st.dictionaries(st.sampled_from(["range", "page", "first", "last", "x"]), fuzz_text, max_size=2)
    ).items():
        data.add(name, value)
    return data


def submit(client, form, data):
    if form["method"] == "POST":
        return client.post(form["action"], data=data)
    return client.get(form["action"], query_string=data)


def check(response, data, where):
    assert response.status_code in DOCUMENTED, (where, response.status_code, response.get_data()[:400])
    body = response.get_data(as_text=True)
    location = response.headers.get("Location", "")
    for hidden in Forms(body).forms:
        location += " " + hidden["fields"].get("next", "")
    for personal in PERSONAL:
        assert personal.replace(" ", "") not in location.replace("%20", "").replace("+", ""), (where, location)
    for value in data.values():
        for marker in MARKERS[:2]:
            if marker in value:
                assert marker not in body, f"{where} put {marker!r} on the page unescaped"


@pytest.fixture
def console(app, cardholders):
    """A supervisor's and an operator's clients on a small history, and the forms each can see."""
    with app.app_context(), db.new_session() as session:
        ids = seed(session)
    make_operator(app, "hua", "supervisor")
    make_operator(app, "ming", "operator")
    supervisor, operator = app.test_client(), app.test_client()
    assert sign_in(supervisor, "hua").status_code == 302 and sign_in(operator, "ming").status_code == 302
    forms = crawl(supervisor) + crawl(operator)
    assert {f["action"].split("?")[0] for f in forms} >= {"/console/calls", "/console/sign-out"}
    assert any(f["action"].endswith("/move") for f in forms), "the supervisor's card page has a move form"
    return dict(supervisor=supervisor, operator=operator, forms=forms, ids=ids)


@scaled(40)
@given(data=st.data())
def test_every_console_form_answers_as_documented(app, console, data):
    form = data.draw(st.sampled_from([f for f in console["forms"] if not f["action"].endswith("/sign-out")]))
    who = data.draw(st.sampled_from(["supervisor", "operator"]))
    values = data.draw(filled(form))
    check(submit(console[who], form, values), values, form["action"])


# Every GET page with any query: filters, ranges, pages, search, ids in the path (within a column's
# range; ids beyond it are issue 11 #8, below).
PAGES = [
    "/console/",
    "/console/figures.csv",
    "/console/calls",
    "/console/calls.csv",
    "/console/cards",
    "/console/audit",
    "/console/sign-in",
]
query_names = st.sampled_from(
    ["range", "first", "last", "outcome", "language", "purpose", "caller", "reference", "page", "next", "q", "state"]
)


@scaled(40)
@given(
    page=st.one_of(
        st.sampled_from(PAGES),
        st.integers(-1, 2**31 - 1).map(lambda n: f"/console/calls/{n}"),
        st.integers(-1, 2**31 - 1).map(lambda n: f"/console/cards/{n}"),
    ),
    query=st.lists(st.tuples(query_names, fuzz_text), max_size=5),
    who=st.sampled_from(["supervisor", "operator"]),
)
def test_every_console_filter_answers_as_documented(console, page, query, who):
    values = MultiDict(query)
    check(console[who].get(page, query_string=values), values, page)


@scaled(20)
@given(name=fuzz_text, password=fuzz_text, following=fuzz_text, token=st.sampled_from(["keep", "drop", "fuzz"]))
def test_sign_in_with_anything_answers_as_documented(app, console, name, password, following, token):
    client = app.test_client()
    form = Forms(client.get("/console/sign-in").get_data(as_text=True)).forms[0]
    data = MultiDict({**form["fields"], "name": name, "password": password, "next": following})
    if token == "drop":
        data.pop("csrf_token")
    elif token == "fuzz":
        data["csrf_token"] = name
    response = client.post("/console/sign-in", data=data)
    check(response, data, "sign-in")
    assert response.status_code != 302  # nobody signs in with made-up credentials


@pytest.mark.parametrize("url", ["/console/calls/99999999999999999999", "/console/cards/99999999999999999999"])
def test_ids_beyond_any_column_are_not_found(console, url):
    assert console["supervisor"].get(url).status_code == 404
