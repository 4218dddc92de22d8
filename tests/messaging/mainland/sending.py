"""What the mainland SMS tests share: queue a message, read it back, push a report, edit the templates file."""

from ivr.messaging import notify
from ivr.store import OutgoingMessage, db
from tests.messaging.mainland.conftest import FACTS, MOBILE, REPORT_TOKEN


def queue(app, clock, *, to=MOBILE, language="zh", subject="report:1", kind="preloss_confirmation", facts=FACTS):
    with app.app_context(), db.new_session() as session:
        row, _ = notify.notify(
            session,
            kind,
            to=to,
            facts=facts,
            language=language,
            subject=subject,
            due_at=clock.now,
            config=app.config,
        )
        return row.id


def stored(app, message_id):
    with app.app_context(), db.new_session() as session:
        return session.get(OutgoingMessage, message_id)


def push(client, provider, payload, token=REPORT_TOKEN):
    return client.post(f"/sms/{provider}/report/{token}", json=payload)


def with_entries(templates_file, key, *lines, top=""):
    """The registered templates file with lines added under one Chinese template (and at the top)."""
    registered_text = templates_file.read_text(encoding="utf-8")
    header = f'[templates."{key}".zh]\n'
    assert header in registered_text
    changed = registered_text.replace(header, header + "".join(f"{line}\n" for line in lines))
    templates_file.write_text(top + changed, encoding="utf-8")
