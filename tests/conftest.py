"""Fixtures: an app on a fresh database, a signed-call driver, a fake clock, known cardholders."""

import io
import json
import shutil
from datetime import UTC, datetime

import pytest

from ivr import clock as ivr_clock
from ivr import create_app
from ivr.cardholders import import_csv
from ivr.store import db
from ivr.store.migrate import upgrade

from .fuzzing import load_profile
from .pg import fresh_schema
from .phone import Phone

TOKEN = "test-auth-token"
# 10:00 on Wednesday 25 November 2026 in Beijing.
START = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)

HOLDERS = {
    "zhang": dict(
        id_number="11010519491231002X",
        name="张伟",
        mobile="13800138000",
        card_number="A10000001",
        service_password="246810",
        language="zh",
    ),
    "li": dict(
        id_number="110101198001010053",
        name="Li Na",
        mobile="13912345678",
        card_number="A10000002",
        service_password="135790",
        language="en",
    ),
    "wang": dict(
        id_number="440304199001011233",
        name="王芳",
        mobile="13700137000",
        card_number="A10000003",
        service_password="123456",
        language="zh",
    ),
}
# A valid ID number nobody holds.
STRANGER_ID = "110105198506150014"


def pytest_addoption(parser):
    parser.addoption(
        "--fault-profile",
        choices=("short", "long"),
        default="short",
        help="fault injection (tests/test_fault_*.py): short for CI, long for a thorough run",
    )
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="run the hypothesis fuzz suites long (thousands of examples) instead of the bounded profile",
    )


def pytest_configure(config):
    load_profile(long=config.getoption("--fuzz-long"))


@pytest.fixture
def fault_profile(request):
    return request.config.getoption("--fault-profile")


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, delta):
        self.now += delta


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    """A migrated empty SQLite database, copied for each test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "hotline.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def clock():
    fake = FakeClock(START)
    ivr_clock.set_source(fake)
    yield fake
    ivr_clock.set_source(None)


@pytest.fixture
def sms_file(tmp_path):
    return tmp_path / "sms.jsonl"


@pytest.fixture
def app_config(tmp_path, template_db, sms_file):
    path = tmp_path / "hotline.sqlite3"
    shutil.copy(template_db, path)
    return {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{path}",
        "AUTO_MIGRATE": False,
        "IVR_DEMO_DATA": False,
        "SECRET_KEY": "test-secret",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "SMS_BACKEND": "file",
        "SMS_FILE": str(sms_file),
        # Cheap hashing keeps the suite fast; production uses scrypt for operators.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "PASSWORD_PEPPER": "2:test-pepper-two-" + "k" * 32 + ",1:test-pepper-one-" + "k" * 32,
    }


@pytest.fixture
def app(app_config, clock):
    app = create_app(app_config)
    yield app
    db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def phone(client):
    return Phone(client, TOKEN)


def holders_csv(*names):
    columns = ["id_number", "name", "mobile", "card_number", "service_password", "language"]
    lines = [",".join(columns)] + [",".join(HOLDERS[n][c] for c in columns) for n in names]
    return "\n".join(lines) + "\n"


@pytest.fixture
def cardholders(app):
    """The three cardholders of HOLDERS, loaded as a deployment loads them."""
    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
    assert not result.rejected
    return HOLDERS


@pytest.fixture
def session(app):
    with app.app_context(), db.new_session() as session:
        yield session


def read_sms(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def pg_url():
    """A freshly migrated PostgreSQL schema from TEST_DATABASE_URL, or a skip saying why."""
    return fresh_schema("core_tests")


@pytest.fixture
def pg_app(app_config, pg_url, clock):
    app = create_app({**app_config, "DATABASE_URL": pg_url})
    with app.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
    yield app
    db.engine.dispose()


@pytest.fixture
def live_server(app):
    """The app served over HTTP on a free loopback port, in a thread, for browsers and HTTP clients."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()
