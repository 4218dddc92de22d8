"""What the benchmarks share: an app on a given database, made-up cardholders, a report call's keys."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from stdnum.cn import ric  # noqa: E402

from ivr import create_app  # noqa: E402
from ivr.softphone.line import Line  # noqa: E402
from ivr.softphone.transports import FlaskTransport, app_line_settings  # noqa: E402
from ivr.store.migrate import upgrade  # noqa: E402

TOKEN = "bench-auth-token"
PEPPER = "1:bench-pepper-" + "p" * 40
# The README's report call in Mandarin (the default language): menu 1, ID number, right, password, mobile, confirm,
# silence after the reference, then 1 (satisfied) to the rating question, and the hotline says goodbye.
REPORT_KEYS = ["1", "11010519491231002*#", "1", "246810#", "8000", "1", "", "1"]
AREAS = ("110101", "110102", "110105", "110106", "120101")


def bench_config(url, **extra):
    return {
        "DATABASE_URL": url,
        "AUTO_MIGRATE": False,
        "IVR_DEMO_DATA": True,
        "SMS_BACKEND": "console",
        "TESTING": True,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PASSWORD_PEPPER": PEPPER,
        "SMS_QUIET_HOURS": "",
        "SECRET_KEY": "bench-secret",
        **extra,
    }


def fresh_pg_schema(url, schema):
    """`url` scoped to a new empty schema of its own, so a run never touches other tables."""
    from sqlalchemy import text

    from ivr.store.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def bench_app(url, **extra):
    """A migrated database at `url` (a fresh schema on PostgreSQL, unless it names one) and its app."""
    if url.startswith("postgresql") and "search_path" not in url:
        url = fresh_pg_schema(url, "bench_w15")
    upgrade(url)
    return create_app(bench_config(url, **extra))


def demo_line(app):
    url, token = app_line_settings(app)
    return Line(transport=FlaskTransport(app), url=url, token=token)


def id_number(n):
    """The n-th made-up resident ID number: valid checksum, born 1950-1999, one of a few areas."""
    area = AREAS[n % len(AREAS)]
    born = f"{1950 + n % 50}{1 + n // 50 % 12:02d}{1 + n // 600 % 28:02d}"
    body = f"{area}{born}{n // 16800 % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function wants a placeholder check digit


def holder_row(n, password="246810"):
    """One line of an import file for the n-th made-up cardholder (mobile and card from n)."""
    return (id_number(n), f"Bench {n}", f"139{n:08d}", f"B{n:09d}", password, "zh")


def holder_keys(n):
    """The keys a caller presses to file a report for the n-th made-up cardholder."""
    number = id_number(n)
    return ["1", number.replace("X", "*") + "#", "1", "246810#", f"{n:08d}"[-4:], "1", "", "1"]
