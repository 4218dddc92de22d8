"""A switchboard for the browser softphone: queued calls are the stored calls themselves.

Each browser tab's call lives in `softphone_calls` between requests, so an operator-line call in
one tab finds the caller waiting in another by reading the stored states (one owner's calls only),
and saves the caller's state back with the same version check a key press uses.
"""

import json

from ivr.softphone.queues import Switchboard
from ivr.store.softphone import open_calls


class StoredSwitchboard(Switchboard):
    """Queues read from the stored calls of one owner; calls touched here are saved by the caller."""

    def __init__(self, database, load_call, owner):
        super().__init__()
        self.database, self.load_call, self.owner = database, load_call, owner
        self.touched = {}  # row id -> (SoftCall, version) of other calls this action changed

    def _rows(self):
        with self.database.new_session() as session:
            return [(row.id, json.loads(row.state), row.version) for row in open_calls(session, self.owner)]

    def _waiting(self, name):
        found = []
        for row_id, state, version in self._rows():
            queue = state.get("queue")
            if queue and queue["name"] == name and not queue["bridged_to"] and state["sid"] not in self.calls:
                found.append((queue["joined"], row_id, state, version))
        for call in self.calls.values():  # calls of this request, newer than what is stored
            queue = call.state.get("queue")
            if queue and queue["name"] == name and not queue["bridged_to"]:
                found.append((queue["joined"], None, call.state, None))
        return sorted(found, key=lambda item: item[0])

    def join(self, name, call):
        self.calls[call.state["sid"]] = call

    def remove(self, name, sid):
        """Leaving is a change of the call's own state (saved with it): nothing else to do."""

    def position(self, name, sid):
        waiting = [state["sid"] for _, _, state, _ in self._waiting(name)]
        return (waiting.index(sid) + 1 if sid in waiting else 0), len(waiting)

    def take(self, name, sid=None):
        for _, row_id, state, version in self._waiting(name):
            if sid is not None and state["sid"] != sid:
                continue  # jambonz's dequeue names the caller it takes
            if row_id is None:
                return self.calls[state["sid"]]
            return self._adopt(row_id, state, version)
        return None

    def get(self, sid):
        if sid in self.calls:
            return self.calls[sid]
        for row_id, state, version in self._rows():
            if state["sid"] == sid:
                return self._adopt(row_id, state, version)
        return None

    def _adopt(self, row_id, state, version):
        call = self.load_call(state, self)
        self.calls[state["sid"]] = call
        self.touched[row_id] = (call, version)
        return call
