"""The lost-card hotline: a Flask app answering Twilio's voice webhooks."""

from flask import Flask, jsonify, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import Forbidden, HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ivr.api import api_blueprint
from ivr.cli import COMMANDS
from ivr.console import init_console
from ivr.console.security import protect as protect_browser_forms
from ivr.directory.demo import load_demo_data
from ivr.flows import sms as sms_webhooks
from ivr.flows import sms_reports, voice_blueprint
from ivr.messaging.gateways import check_backend as check_sms_backend
from ivr.platform import config as settings
from ivr.platform import database_check, logs
from ivr.platform.health import init_health
from ivr.platform.metrics import UNSIGNED, init_metrics
from ivr.platform.row_ids import RowIdConverter
from ivr.softphone.web import bp as softphone_blueprint
from ivr.store import db
from ivr.store.migrate import schema_heads, upgrade
from ivr.voice.signature import signed_request
from ivr.voice.webhook import apology


def create_app(config=None):
    """Build the app: defaults, then the environment, then `config` (tests)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.load(config))
    settings.resolve(app.config, app.instance_path)
    check_sms_backend(app.config)  # a mainland provider's templates must cover every kind
    configure_logging(app)
    trust_proxies(app)
    db.init_app(app)
    prepare_database(app)
    # Before any blueprint: the routes' <int:...> ids are bound to this converter when added.
    app.url_map.converters["int"] = RowIdConverter
    app.register_blueprint(voice_blueprint())
    app.register_blueprint(api_blueprint())
    app.register_blueprint(softphone_blueprint)
    app.register_blueprint(sms_webhooks.bp)
    app.register_blueprint(sms_reports.bp)
    init_console(app)
    init_health(app)
    init_metrics(app)
    logs.init_request_ids(app)
    protect_browser_forms(app)  # after every blueprint: CSRF exempts only the machine-facing ones
    register_errorhandlers(app)
    for command in COMMANDS:
        app.cli.add_command(command)
    return app


def configure_logging(app):
    """JSON lines (or text, LOG_FORMAT) on stderr; tests keep pytest's own capture."""
    if not app.testing:
        logs.configure(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])


def trust_proxies(app):
    """Behind TRUSTED_PROXIES proxies, take the client's scheme, host and address from X-Forwarded-*.

    Twilio signs the URL it called (https://public-host/...); without this the app would check
    the signature against the proxy's http://backend URL and refuse every webhook.
    """
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        # No X-Forwarded-Prefix: the proxies here do not set it, so it would be whatever a client sent.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)


def prepare_database(app):
    """Upgrade an embedded database on start, and give a newcomer demo data to call with.

    A database that cannot be reached refuses in one line (ConfigError); demo data waits for a
    migrated schema (`flask --app app db upgrade` must work on an empty database).
    """
    url = app.config["DATABASE_URL"]
    if app.config["AUTO_MIGRATE"]:
        try:
            upgrade(url)
        except DBAPIError as exc:
            raise settings.ConfigError(database_check.unreachable(url, exc)) from None
    if app.config["IVR_DEMO_DATA"] and not database_check.problem(db.engine, url, schema_heads(url)):
        with db.new_session() as session:
            load_demo_data(session, app.config)


def register_errorhandlers(app):
    @app.errorhandler(Exception)
    def unexpected(exc):
        """A webhook always gets TwiML; anything else gets a short JSON error, never a trace."""
        db.session.rollback()
        if isinstance(exc, HTTPException):
            if request.path.startswith("/voice/") and exc.code != 403 and not signed_request():
                # Any method, any path under /voice: a request Twilio did not sign hears no TwiML.
                UNSIGNED.inc()
                exc = Forbidden()
            elif request.path.startswith("/voice/") and exc.code != 403:
                return apology()
            response = jsonify(error=exc.name, reason=exc.description)
            # Keep what the exception says beside its page, e.g. a 405's Allow.
            for name, value in exc.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value
            return response, exc.code
        app.logger.exception("unhandled error on %s", request.path)
        if request.path.startswith("/voice/"):
            return apology()
        return jsonify(error="Internal Server Error"), 500
