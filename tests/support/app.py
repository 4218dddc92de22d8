"""The app on a fresh database (SQLite copied from a migrated template, or a PostgreSQL schema), its
clients, a fake clock, the known cardholders loaded, and what the app wrote (SMS file)."""

import json

from tests.support.known import HOLDERS

COLUMNS = ["id_number", "name", "mobile", "card_number", "service_password", "language"]


def holders_csv(*names):
    """An import file of some of the known cardholders: `holders_csv("zhang", ...)`."""
    lines = [",".join(COLUMNS)] + [",".join(HOLDERS[n][c] for c in COLUMNS) for n in names]
    return "\n".join(lines) + "\n"


def read_sms(path):
    """The SMS the file gateway wrote to `path`, as dicts (none if no file)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, delta):
        self.now += delta
