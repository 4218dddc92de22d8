"""The app on a fresh database (SQLite copied from a migrated template, or a PostgreSQL schema), its
clients, a fake clock, the known cardholders loaded, and what the app wrote (SMS file)."""

import io
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from ivr import create_app
from ivr.calendar import clock as ivr_clock
from ivr.directory.cardholder_csv import import_csv
from ivr.store import db
from ivr.store.migrate import upgrade
from tests.support.app import FakeClock, holders_csv
from tests.support.known import HOLDERS, JAMBONZ_SECRET, START, TOKEN


@pytest.fixture
def fault_profile(request):
    return request.config.getoption("--fault-profile")


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
        "VOICE_ENGINE": "twilio,jambonz",
        "JAMBONZ_WEBHOOK_SECRET": JAMBONZ_SECRET,
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


@pytest.fixture
def pg_url(fresh_schema):
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
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=60)
    server.server_close()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_app(request, app_config, clock, fresh_schema):
    """The app on an empty SQLite database, then on an empty PostgreSQL schema of this run's own (skipped,
    saying why, without TEST_DATABASE_URL): for what must hold on both."""
    config = dict(app_config)
    if request.param == "postgresql":
        config["DATABASE_URL"] = fresh_schema("empty_app")
    app = create_app(config)
    yield app
    db.engine.dispose()


@pytest.fixture
def race_app(empty_app):
    """`empty_app` with the known cardholders: races on SQLite's one write lock and PostgreSQL's row locks."""
    with empty_app.app_context(), db.new_session() as session:
        assert not import_csv(session, io.StringIO(holders_csv(*HOLDERS)), empty_app.config).rejected
    return empty_app
