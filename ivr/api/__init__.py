"""The card API under /api/v1/: outlets and the card factory move cards with bearer tokens."""

from ivr.api.views import bp


def api_blueprint():
    return bp
