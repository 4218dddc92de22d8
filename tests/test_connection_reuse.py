"""PostgreSQL connections keep what they prepared: the webhooks' statements are parsed once per connection."""

from sqlalchemy import select, text

from ivr.store import Cardholder, db


def prepared_statements(session):
    return session.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()


def test_a_read_only_session_keeps_the_connections_prepared_statements(pg_app):
    # psycopg prepares a statement on its sixth run on a connection, and forgets them all when the
    # connection rolls back: a read session ended by ROLLBACK (one per password check) kept every
    # pooled connection parsing the webhooks' statements afresh.
    with pg_app.app_context():
        for _ in range(8):
            with db.reading() as session:
                session.execute(select(Cardholder.id).where(Cardholder.id == 1)).all()
        with db.reading() as session:
            kept = prepared_statements(session)
    assert any("FROM cardholders" in statement for statement in kept), kept
