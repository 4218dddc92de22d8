"""A throwaway PostgreSQL cluster for fault injection: its own data directory, a free port, and
the power to freeze (SIGSTOP), thaw, stop and start it. The machine's own server is never touched."""

import tempfile

import pytest

from tests.support.pgcluster import Cluster


@pytest.fixture(scope="module")
def pg_cluster():
    """A throwaway cluster for a module's fault tests, removed (and its directory) at the end."""
    cluster = Cluster(tempfile.mkdtemp(prefix="ivr-fault-pg-"))
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.remove()
