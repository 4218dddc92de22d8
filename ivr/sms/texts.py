"""Composing SMS bodies that name the nearest outlet yet stay within two segments."""

from sqlalchemy import select

from ..outlet_hours import written
from ..prompts import text
from ..store import Outlet
from . import segments

MAX_SEGMENTS = 2


def nearest_outlet(session, area_code):
    """The outlet serving the longest prefix of the cardholder's area code, or None."""
    outlets = session.scalars(select(Outlet)).all()
    serving = [o for o in outlets if area_code and area_code.startswith(o.area_code)]
    return max(serving, key=lambda o: (len(o.area_code), -o.id), default=None)


def first_fitting(keys, language, values):
    """The first of `keys` whose text fits in MAX_SEGMENTS; the last one whatever its length."""
    for key in keys[:-1]:
        body = text(key, language, **values)
        if segments.count(body) <= MAX_SEGMENTS:
            return body
    return text(keys[-1], language, **values)


def outlet_facts(outlet, language):
    if outlet is None:
        return {}
    return {"outlet": outlet.name, "hours": written(outlet.hours, language), "address": outlet.address}


def with_outlet(session, keys, fallback, language, values, area_code):
    """The text naming the nearest outlet when there is one and it fits, else `fallback`."""
    outlet = nearest_outlet(session, area_code)
    if outlet is None:
        return text(fallback, language, **values)
    return first_fitting(list(keys) + [fallback], language, {**values, **outlet_facts(outlet, language)})
