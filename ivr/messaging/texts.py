"""Composing SMS bodies that name the nearest outlet yet stay within two segments."""

from sqlalchemy import String, bindparam, func, select

from ivr.calendar.outlet_hours import written
from ivr.directory import outlets
from ivr.messaging import segments
from ivr.prompts import text
from ivr.store import Outlet

MAX_SEGMENTS = 2


# Built once (ivr/calls.BY_SID says why).
NEAREST_OUTLET = (
    select(Outlet)
    .where(func.substr(bindparam("area_code", type_=String), 1, func.length(Outlet.area_code)) == Outlet.area_code)
    .order_by(func.length(Outlet.area_code).desc(), Outlet.id)
    .limit(1)
)


def nearest_outlet(session, area_code):
    """The outlet serving the longest prefix of the cardholder's area code, or None.

    Asked of the database, so a city's hundreds of outlets are not loaded for every report.
    """
    if not area_code:
        return None
    return session.scalar(NEAREST_OUTLET, {"area_code": area_code})


def first_fitting(keys, language, values):
    """The first of `keys` whose text fits in MAX_SEGMENTS; the last one whatever its length."""
    for key in keys[:-1]:
        if segments.count(text(key, language, **values)) <= MAX_SEGMENTS:
            return key
    return keys[-1]


def outlet_facts(outlet, language):
    if outlet is None:
        return {}
    name, address, _ = outlets.named_for(outlet, language)
    return {"outlet": name, "hours": written(outlet.hours, language), "address": address}


def choose(outlet, keys, fallback, language, values):
    """The key of the text naming `outlet` when there is one and it fits, else `fallback`; with its values."""
    if outlet is None:
        return fallback, values
    values = {**values, **outlet_facts(outlet, language)}
    return first_fitting(list(keys) + [fallback], language, values), values


def naming(outlet, keys, fallback, language, values):
    """The text naming `outlet` when there is one and it fits, else `fallback`."""
    key, filled = choose(outlet, keys, fallback, language, values)
    return text(key, language, **filled)
