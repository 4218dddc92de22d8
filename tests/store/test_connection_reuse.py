"""PostgreSQL connections keep what they prepared: the webhooks' statements are parsed once per connection."""

from sqlalchemy import select, text

from ivr.store import Cardholder, db


def prepared_statements(session):
    return session.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()


def warm(app):
    """Run one statement often enough on the (most recently used) pooled connection to have it prepared."""
    for _ in range(8):
        with db.reading() as session:
            session.execute(select(Cardholder.id).where(Cardholder.id == 1)).all()


def test_a_read_only_session_keeps_the_connections_prepared_statements(pg_app):
    # psycopg prepares a statement on its sixth run on a connection, and forgets them all when the
    # connection rolls back: a read session ended by ROLLBACK (one per password check) kept every
    # pooled connection parsing the webhooks' statements afresh.
    with pg_app.app_context():
        warm(pg_app)
        with db.reading() as session:
            kept = prepared_statements(session)
    assert any("FROM cardholders" in statement for statement in kept), kept


def test_the_load_balancers_readiness_probe_keeps_them_too(pg_app):
    # /readyz is asked every few seconds on every host, and gets the connection used last.
    with pg_app.app_context():
        warm(pg_app)
        assert pg_app.test_client().get("/readyz").status_code == 200
        with db.reading() as session:
            kept = prepared_statements(session)
    assert any("FROM cardholders" in statement for statement in kept), kept
