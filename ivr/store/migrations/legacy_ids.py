"""Revision ids before 2026-12: they did not tell the files' order (0080 came before w12b, then 0008).

A database stamped with one of these is moved to the id its migration has now, before Alembic reads
it, so every existing database still upgrades.
"""

from sqlalchemy import inspect, text

RENAMED = {
    "0050_lifecycle": "0002_lifecycle",
    "0070_softphone": "0003_softphone",
    "0040_reminders": "0004_reminders",
    "0060_console": "0005_console",
    "0070_outlet_terminal": "0006_outlet_terminal",
    "w12a_sessions": "0007_console_sessions",
    "0080_w14_queue": "0008_queue",
    "w12b_language_audit": "0009_language_audit",
    "0008_w11a_token_outlet": "0010_token_outlet",
}


def translate(connection):
    """Rewrite an old revision id in alembic_version to its new one; nothing else is touched."""
    if not inspect(connection).has_table("alembic_version"):
        return
    for old, new in RENAMED.items():
        connection.execute(
            text("UPDATE alembic_version SET version_num = :new WHERE version_num = :old"), {"new": new, "old": old}
        )
