"""A softphone: ring the hotline from a terminal or a browser, with no Twilio account or phone."""

from ivr.softphone.engine import SoftCall
from ivr.softphone.line import HotlineError, Line
from ivr.softphone.twiml import TwimlError, parse

__all__ = ["HotlineError", "Line", "SoftCall", "TwimlError", "parse"]
