"""Browser-facing protections: CSRF on every form (Flask-WTF), and the console's security headers."""

from flask import request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# Posted to by machines, never by a signed-in browser's forms: Twilio's webhooks (signed by
# Twilio), the card API (bearer tokens, no cookies) and the softphone's JSON calls (JSON only,
# which no other site's form can send without a CORS preflight that this app never grants).
EXEMPT_BLUEPRINTS = ("voice", "sms", "sms_reports", "api", "softphone")

# Nothing inline, nothing from elsewhere, never inside another site's frame.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Same-origin keeps call and card URLs from leaking to other sites, and still gives
    # Flask-WTF the Referer its HTTPS check needs.
    "Referrer-Policy": "same-origin",
}


def protect(app):
    """CSRF for the whole app but the machine-facing blueprints; call after every blueprint is registered."""
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a token lives as long as its session (8 h)
    csrf.init_app(app)
    for name, blueprint in app.blueprints.items():
        if name.split(".")[0] in EXEMPT_BLUEPRINTS:
            csrf.exempt(blueprint)
    app.after_request(add_console_headers)


def add_console_headers(response):
    """Every console answer, pages and errors alike, carries the headers."""
    if request.path == "/console" or request.path.startswith("/console/"):
        for header, value in HEADERS.items():
            response.headers.setdefault(header, value)
    return response
