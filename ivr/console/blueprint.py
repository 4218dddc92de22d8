"""The console's Blueprint, and the two things every page asks of it: the time and the signed-in operator."""

from flask import Blueprint, g

from ivr.calendar import clock

bp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
OPEN_ENDPOINTS = {"console.sign_in", "console.static", "console.choose_language"}


def now():
    """The time, read through ivr.calendar.clock so tests can set it."""
    return clock.now()


def operator():
    """The signed-in operator (views run only after guard() let the request in)."""
    return g.operator
