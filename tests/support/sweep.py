"""The privacy sweep's tools: every stored value, the secrets of test cardholders, where they leak."""

import re
from urllib.parse import unquote_plus

from sqlalchemy import inspect, text


def every_stored_value(session):
    values = []
    for table in inspect(session.connection()).get_table_names():
        for row in session.execute(text(f'SELECT * FROM "{table}"')):
            values.extend(str(value) for value in row)
    return "\n".join(values)


def secrets_of(holders):
    """(what, text) pairs that must never appear in clear, and the full mobiles (allowed in PHONE_COLUMNS)."""
    found = []
    for holder in holders.values():
        found += [
            ("ID number", holder["id_number"]),
            ("ID number as keyed", holder["id_number"].replace("X", "*")),
            ("ID number's first 17", holder["id_number"][:17]),
            ("card number", holder["card_number"]),
        ]
        if holder["service_password"] != "123456":  # the initial password is public knowledge
            found.append(("service password", holder["service_password"]))
    mobiles = [m for holder in holders.values() for m in (holder["mobile"], "+86" + holder["mobile"])]
    return found, mobiles


def leaks(where, blob, secrets, mobiles=()):
    blob = blob + "\n" + unquote_plus(blob.replace("+", "%2B"))  # a URL-encoded number is still a number
    out = []
    for what, value in secrets:
        pattern = rf"(?<!\d){re.escape(value)}(?!\d)" if value.isdigit() else re.escape(value)
        if re.search(pattern, blob):
            out.append(f"{what} in {where}")
    out += [f"full mobile in {where}" for mobile in mobiles if re.search(rf"(?<!\d){re.escape(mobile)}(?!\d)", blob)]
    return out


def stored_columns(session):
    """{(table, column): every value of it as text}."""
    columns = {}
    for table in inspect(session.connection()).get_table_names():
        result = session.execute(text(f'SELECT * FROM "{table}"'))
        names = list(result.keys())
        for row in result:
            for name, value in zip(names, row, strict=False):
                columns.setdefault((table, name), []).append("" if value is None else str(value))
    return {key: "\n".join(values) for key, values in columns.items()}
