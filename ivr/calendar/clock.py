"""The one place the hotline reads the time, so tests can move it without sleeping."""

from datetime import UTC, datetime


def _system_now():
    return datetime.now(UTC)


_source = _system_now


def now():
    """The current time, timezone-aware UTC."""
    return _source()


def set_source(source):
    """Use `source()` for the time from now on (None: the system clock). For tests and tools."""
    global _source
    _source = source or _system_now
