"""The front door at `/`: what this server is, with links to the console and (in development)
the softphone, in the visitor's chosen language (Mandarin first)."""

from flask import Blueprint, current_app, render_template

from ivr.console.i18n import console_language
from ivr.prompts import hotline_name

bp = Blueprint("front", __name__, template_folder="templates")


def softphone_open(config):
    """The softphone is for development; in production it is behind a supervisor's sign-in."""
    return config["IVR_ENV"] != "production"


@bp.get("/")
def front_door():
    config = current_app.config
    language = console_language()
    return render_template(
        "console/front.html",
        hotline=hotline_name(language, config),
        number=config["HOTLINE_NUMBER"],
        softphone=softphone_open(config),
    )


def start_banner(app, host, port):
    """The lines `python app.py` prints when it starts: where to go."""
    base = f"http://{host}:{port}"
    lines = [f"Hotline running at {base}/", f"  console:   {base}/console/"]
    if softphone_open(app.config):
        lines.append(f"  softphone: {base}/softphone")
    return "\n".join(lines)
