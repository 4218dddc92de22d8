"""The bulk half of the cardholder import: stage checked rows, then merge them with set-based SQL.

Rows are hashed (HMAC: microseconds) and written to a temporary table in batches (COPY on
PostgreSQL, executemany on SQLite); duplicates, card numbers held by someone else, updates and
inserts are then a handful of statements over the whole file. Memory stays flat whatever the
file's size, and everything happens in the caller's one transaction: all of the file or none.
"""

from contextlib import contextmanager

from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    text,
)

from ivr.identity import idnumbers, passwords
from ivr.identity.verification import INITIAL_PASSWORD
from ivr.store.base import UTCDateTime
from ivr.store.deadlines import patience

BATCH = 5000
# The webhooks' limits (DB_STATEMENT_TIMEOUT_MS, DB_ANSWER_TIMEOUT: seconds) would cut a city's
# merge short; one statement of the import may take this long. A frozen server is still noticed.
STATEMENT_LIMIT_S = 3600
MERGING = "merging into the database"
SQLITE_CACHE_KIB = 32 * 1024  # the page cache an import may use on SQLite (the default is 2 MiB)
staging = Table(
    "import_rows",
    MetaData(),
    Column("line", Integer, primary_key=True),
    Column("id_hash", String(64)),
    Column("id_masked", String(18)),
    Column("area_code", String(6)),
    Column("name", String(100)),
    Column("mobile", String(20)),
    Column("password_hash", String(200)),
    Column("password_is_initial", Boolean),
    Column("language", String(2)),
    Column("born_in", Integer),
    Column("number_hash", String(64)),
    Column("number_last4", String(4)),
    Column("reason", String(100)),
    prefixes=["TEMPORARY"],
)
COLUMNS = [c.name for c in staging.columns if c.name != "reason"]

# Each statement works on the whole staged file; `reason` marks a row that will not be loaded.
# Window functions: one sort of the file per rule, where a subquery per line cost a lookup each.
REJECT_REPEATED_ID = """
UPDATE import_rows SET reason = 'same id_number as line ' || CAST(r.first_line AS VARCHAR(12))
FROM (SELECT line, MIN(line) OVER (PARTITION BY id_hash) AS first_line FROM import_rows) AS r
WHERE r.line = import_rows.line AND r.line > r.first_line"""
# A card number an earlier line (refused or not) gave to someone else: the earlier lines' lowest and
# highest ID hash are both this line's own, or there was another holder.
REJECT_CARD_GIVEN_EARLIER = """
UPDATE import_rows SET reason = 'card_number belongs to another cardholder'
FROM (SELECT line, id_hash, MIN(id_hash) OVER earlier AS low, MAX(id_hash) OVER earlier AS high FROM import_rows
      WINDOW earlier AS (PARTITION BY number_hash ORDER BY line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
     ) AS r
WHERE r.line = import_rows.line AND import_rows.reason IS NULL AND (r.low <> r.id_hash OR r.high <> r.id_hash)"""
REJECT_OTHERS_CARD = """
UPDATE import_rows SET reason = 'card_number belongs to another cardholder'
WHERE reason IS NULL AND EXISTS (
    SELECT 1 FROM cards JOIN cardholders ON cardholders.id = cards.cardholder_id
    WHERE cards.number_hash = import_rows.number_hash AND cardholders.id_hash <> import_rows.id_hash)"""
UPDATE_HOLDERS = """
UPDATE cardholders SET name = s.name, mobile = s.mobile, language = s.language, born_in = s.born_in,
    password_hash = s.password_hash, password_is_initial = s.password_is_initial, updated_at = :now
FROM import_rows AS s WHERE s.id_hash = cardholders.id_hash AND s.reason IS NULL"""
INSERT_HOLDERS = """
INSERT INTO cardholders (id_hash, id_masked, area_code, name, mobile, password_hash, password_is_initial,
                         language, born_in, created_at, updated_at)
SELECT id_hash, id_masked, area_code, name, mobile, password_hash, password_is_initial, language, born_in, :now, :now
FROM import_rows AS s WHERE s.reason IS NULL
AND NOT EXISTS (SELECT 1 FROM cardholders WHERE cardholders.id_hash = s.id_hash) ORDER BY s.line"""
INSERT_CARDS = """
INSERT INTO cards (cardholder_id, number_hash, number_last4, state, state_changed_at, created_at)
SELECT cardholders.id, s.number_hash, s.number_last4, 'active', :now, :now
FROM import_rows AS s JOIN cardholders ON cardholders.id_hash = s.id_hash
WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM cards WHERE cards.number_hash = s.number_hash)
ORDER BY s.line"""


def staging_rows(config):
    """A function from a checked Row to its staged values: keyed hashes and masks, never the ID
    number, card number or PIN. The keys are read and the HMACs keyed once per import."""
    hash_id, hash_card = idnumbers.hashers(config["ID_HASH_KEY"])
    keyring = config["PASSWORD_KEYRING"]
    mask, area_of, hash_pin = idnumbers.mask, idnumbers.area_of, passwords.hash_pin

    def born_in(number):  # the row is checked: its birth date is real
        return idnumbers.birth_date(number).year

    def staged(row):
        number, card = row.id_number, row.card_number
        return (
            row.line,
            hash_id(number),
            mask(number),
            area_of(number),
            row.name,
            row.mobile,
            hash_pin(keyring, row.password),
            row.password == INITIAL_PASSWORD,
            row.language,
            born_in(number),
            hash_card(card),
            card[-4:],
        )

    return staged


def batches(rows, config, size=None):
    """Lists of staged rows, `size` (default BATCH) at a time: memory holds one batch, not the file."""
    size = size or BATCH
    staged = staging_rows(config)
    batch = []
    for row in rows:
        batch.append(staged(row))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_batch(connection, batch):
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY import_rows ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for values in batch:
                copy.write_row(values)
        return
    marks = ", ".join("?" * len(COLUMNS))
    cursor = connection.connection.driver_connection.cursor()
    cursor.executemany(f"INSERT INTO import_rows ({', '.join(COLUMNS)}) VALUES ({marks})", batch)


@contextmanager
def bulk_settings(connection):
    """The import's own settings while it runs; the webhooks' ones again afterwards.

    SQLite: a bigger page cache, bounded (SQLITE_CACHE_KIB), for the unique indexes a million new
    rows go into at random places (1 M rows: the merge's inserts 29 s -> 13 s here).
    PostgreSQL: the server's statement_timeout is raised for this transaction only
    (`set_config(..., true)` is SET LOCAL), and so is our side's bound on a silent server, for
    this connection only (ivr/store/deadlines.patience): a merge answers nothing until done.
    """
    if connection.dialect.name == "sqlite":
        webhooks = connection.exec_driver_sql("PRAGMA main.cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA main.cache_size = -{SQLITE_CACHE_KIB}")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA main.cache_size = {int(webhooks)}")
        return
    if connection.dialect.name != "postgresql":
        yield
        return
    set_limit = text("SELECT set_config('statement_timeout', :limit, true)")
    webhooks = connection.scalar(text("SELECT current_setting('statement_timeout')"))
    connection.execute(set_limit, {"limit": f"{STATEMENT_LIMIT_S}s"})
    with patience(connection.connection.driver_connection, STATEMENT_LIMIT_S + 60):
        yield
    connection.execute(set_limit, {"limit": webhooks})


def load(session, rows, config, *, now, progress=None):
    """Stage `rows`, then merge them; returns (inserted, updated, [(line, reason)])."""
    connection = session.connection()
    with bulk_settings(connection):
        staging.drop(connection, checkfirst=True)
        staging.create(connection)
        for batch in batches(rows, config):
            write_batch(connection, batch)
            if progress:
                progress(len(batch))
        if progress:
            progress(0, description=MERGING)  # a million rows' merge takes a while: say so
        refused = merge(connection, now)
        staging.drop(connection)
    return refused


def merge(connection, now):
    """Refuse repeated ID numbers and others' cards, then update and insert; (inserted, updated, refused)."""
    if connection.dialect.name == "postgresql":
        # A temporary table has no statistics until asked: without them a million rows look like a few.
        connection.execute(text("ANALYZE import_rows"))
    for statement in (REJECT_REPEATED_ID, REJECT_CARD_GIVEN_EARLIER, REJECT_OTHERS_CARD):
        connection.execute(text(statement))
    at = {"now": now}
    typed = [bindparam("now", type_=UTCDateTime())]
    updated = connection.execute(text(UPDATE_HOLDERS).bindparams(*typed), at).rowcount
    inserted = connection.execute(text(INSERT_HOLDERS).bindparams(*typed), at).rowcount
    connection.execute(text(INSERT_CARDS).bindparams(*typed), at)
    refused = connection.execute(text("SELECT line, reason FROM import_rows WHERE reason IS NOT NULL")).all()
    return inserted, updated, [tuple(r) for r in refused]
