"""`flask --app app passwords ...`: how service passwords are stored, and moving them to the current key."""

import csv
import sys
from collections import Counter

import click
from flask import current_app
from flask.cli import AppGroup

from ivr.cli.progress_bar import progress_bar
from ivr.directory import holders
from ivr.identity import idnumbers, passwords
from ivr.store import db

passwords_cli = AppGroup("passwords", help="Service passwords: status, upgrade, new keys.")


@passwords_cli.command("status")
def status():
    """How many service passwords are stored under each scheme and key version."""
    keyring = current_app.config["PASSWORD_KEYRING"]
    counts = Counter()
    with db.reading() as session:
        for stored in holders.stored_password_hashes(session):
            counts[passwords.describe(stored)] += 1
    current = f"{passwords.SCHEME} v{keyring.current}"
    for scheme, n in sorted(counts.items()):
        click.echo(f"{scheme:24} {n:>10}" + ("  (current)" if scheme == current else "  (upgrade pending)"))
    if not counts:
        click.echo("no cardholders")


@passwords_cli.command("new-key")
def new_key():
    """Print a new random key for PASSWORD_PEPPER (put it first, with the next version number)."""
    click.echo(passwords.generate_pepper())


@passwords_cli.command("upgrade")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@click.option(
    "--trust-file",
    is_flag=True,
    help="Take the file's passwords without checking them against the stored hash "
    "(fast for old scrypt hashes; only with a fresh export of the registry).",
)
def upgrade(csv_file, trust_file):
    """Rewrite service passwords not stored under the current key, from the registry's CSV.

    Only the registry holds the PINs in clear, so a stored hash can move to a new key only with
    them (or at the cardholder's next right answer on the phone). Columns: id_number, service_password.
    """
    config = current_app.config
    keyring, key = config["PASSWORD_KEYRING"], config["ID_HASH_KEY"]
    done = skipped = 0
    mismatched = []
    reader = csv.DictReader(csv_file)
    with db.new_session() as session, progress_bar("upgrading passwords") as bar:
        for raw in reader:
            bar.advance()
            number = idnumbers.from_keypad(raw.get("id_number", ""))
            pin = (raw.get("service_password") or "").strip()
            holder = holders.password_of(session, idnumbers.id_hash(key, number))
            if holder is None or passwords.is_current(keyring, holder.password_hash):
                skipped += 1
                continue
            if not trust_file and not passwords.check_pin(keyring, holder.password_hash, pin).ok:
                mismatched.append(reader.line_num)
                continue
            holders.store_password_hash(session, holder.id, passwords.hash_pin(keyring, pin))
            done += 1
    for line in mismatched:
        click.echo(f"line {line}: the file's password does not match the stored one; left as it is", err=True)
    click.echo(f"{done} upgraded, {skipped} already current or unknown, {len(mismatched)} not matching")
    if mismatched:
        sys.exit(1)
