"""Migrations bring any earlier schema to the models', on SQLite and PostgreSQL; files are in chain order."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from ivr.store import Base
from ivr.store.db import make_engine
from ivr.store.migrate import MIGRATIONS, alembic_config, upgrade
from ivr.store.migrations.legacy_ids import RENAMED


def chain():
    """Revision ids from the first to the head."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


STARTS = [None, *chain()[:-1]]  # empty, then each revision before the head


def differences(url):
    engine = make_engine(url)
    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    return found


def test_migration_files_are_named_in_chain_order():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    names = [os.path.basename(script.get_revision(rev).path) for rev in chain()]
    assert names == sorted(names)
    assert [name[:4] for name in names] == [f"{n:04d}" for n in range(1, len(names) + 1)]
    assert [rev[:4] for rev in chain()] == [name[:4] for name in names]  # the ids tell the same order
    assert set(names) == {n for n in os.listdir(os.path.join(MIGRATIONS, "versions")) if n.endswith(".py")}


@pytest.mark.parametrize("start", STARTS, ids=lambda rev: rev or "empty")
def test_sqlite_upgrades_from_each_revision_to_the_models(tmp_path, start):
    url = f"sqlite:///{tmp_path}/m.sqlite3"
    if start:
        upgrade(url, start)
    upgrade(url)
    assert differences(url) == []


@pytest.mark.parametrize("start", STARTS, ids=lambda rev: rev or "empty")
def test_postgresql_upgrades_from_each_revision_to_the_models(start, fresh_schema):
    url = fresh_schema("w13_migrations", migrate=False)
    if start:
        upgrade(url, start)
    upgrade(url)
    assert differences(url) == []


def stamped_with_old_id(url, old):
    """A database migrated to `old`'s revision and stamped with its id from before the renaming."""
    upgrade(url, RENAMED[old])
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :old"), {"old": old})
    engine.dispose()


def version(url):
    engine = make_engine(url)
    with engine.connect() as connection:
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return found


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_sqlite_stamped_with_an_old_revision_id_still_upgrades(tmp_path, old):
    url = f"sqlite:///{tmp_path}/m.sqlite3"
    stamped_with_old_id(url, old)
    upgrade(url)
    assert version(url) == chain()[-1]
    assert differences(url) == []


@pytest.mark.parametrize("old", ["0060_console", "0008_w11a_token_outlet"])
def test_postgresql_stamped_with_an_old_revision_id_still_upgrades(old, fresh_schema):
    url = fresh_schema("w13_migrations", migrate=False)
    stamped_with_old_id(url, old)
    upgrade(url)
    assert version(url) == chain()[-1]
    assert differences(url) == []
