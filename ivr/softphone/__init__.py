"""A softphone: ring the hotline from a terminal or a browser, with no Twilio account or phone."""

from .engine import SoftCall
from .line import HotlineError, Line
from .twiml import TwimlError, parse

__all__ = ["HotlineError", "Line", "SoftCall", "TwimlError", "parse"]
