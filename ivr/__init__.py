"""The lost-card hotline: a Flask app answering Twilio's voice webhooks."""

import logging

from flask import Flask, jsonify, request
from sqlalchemy import text

from . import config as settings
from .api import api_blueprint
from .cli import COMMANDS
from .console import init_console
from .console.security import protect as protect_browser_forms
from .flows import voice_blueprint
from .flows.webhook import apology
from .softphone.web import bp as softphone_blueprint
from .sms import webhooks as sms_webhooks
from .store import db
from .store.migrate import upgrade


def create_app(config=None):
    """Build the app: defaults, then the environment, then `config` (tests)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(settings.from_environment())
    app.config.from_mapping(config or {})
    settings.resolve(app.config, app.instance_path)
    configure_logging(app)
    db.init_app(app)
    prepare_database(app)
    app.register_blueprint(voice_blueprint())
    app.register_blueprint(api_blueprint())
    app.register_blueprint(softphone_blueprint)
    app.register_blueprint(sms_webhooks.bp)
    init_console(app)
    register_health(app)
    protect_browser_forms(app)  # after every blueprint: CSRF exempts only the machine-facing ones
    register_errorhandlers(app)
    for command in COMMANDS:
        app.cli.add_command(command)
    return app


def configure_logging(app):
    if not app.testing and not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
        # A line every few seconds for each scheduler tick drowns what matters.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


def prepare_database(app):
    """Upgrade an embedded database on start, and give a newcomer demo data to call with."""
    if app.config["AUTO_MIGRATE"]:
        upgrade(app.config["DATABASE_URL"])
    if app.config["IVR_DEMO_DATA"]:
        from .demo import load_demo_data

        with db.new_session() as session:
            load_demo_data(session, app.config)


def register_health(app):
    @app.get("/healthz")
    def healthz():
        """200 once the database answers; 503 with the reason otherwise."""
        try:
            db.session.execute(text("SELECT 1"))
        except Exception as exc:
            return jsonify(status="unavailable", database=type(exc).__name__), 503
        return jsonify(status="ok", database="ok")


def register_errorhandlers(app):
    @app.errorhandler(Exception)
    def unexpected(exc):
        """A webhook always gets TwiML; anything else gets a short JSON error, never a trace."""
        from werkzeug.exceptions import HTTPException

        db.session.rollback()
        if isinstance(exc, HTTPException):
            if request.path.startswith("/voice/") and exc.code not in (403,):
                return apology()
            return jsonify(error=exc.name, reason=exc.description), exc.code
        app.logger.exception("unhandled error on %s", request.path)
        if request.path.startswith("/voice/"):
            return apology()
        return jsonify(error="Internal Server Error"), 500

