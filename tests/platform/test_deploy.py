"""deploy/ stays true: the environment template names every setting and only real ones."""

import re
from pathlib import Path

from ivr.platform.config import load
from ivr.platform.settings import DEFAULTS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def template_keys():
    text = (DEPLOY / "hotline.env.example").read_text()
    return re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.M)


def test_the_environment_template_names_every_setting_once():
    keys = template_keys()
    assert sorted(keys) == sorted(DEFAULTS)


def test_the_templates_production_values_are_accepted_as_written():
    text = (DEPLOY / "hotline.env.example").read_text()
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, flags=re.M))
    config = load(values)
    assert config["IVR_ENV"] == "production" and config["TRUSTED_PROXIES"] == 1


def test_the_units_run_what_the_readme_says():
    web = (DEPLOY / "hotline-web.service").read_text()
    scheduler = (DEPLOY / "hotline-scheduler.service").read_text()
    assert "gunicorn -c /opt/hotline/gunicorn.conf.py app:app" in web and "scheduler" not in web.split("ExecStart=")[1]
    assert "flask --app app scheduler" in scheduler
    assert "EnvironmentFile=/etc/hotline/hotline.env" in web and "EnvironmentFile=/etc/hotline/hotline.env" in scheduler
