"""`python -m ivr.softphone`: the terminal softphone without the flask command."""

from flask.cli import ScriptInfo

from ivr import create_app
from ivr.cli.softphone import call

if __name__ == "__main__":
    call.main(prog_name="python -m ivr.softphone", obj=ScriptInfo(create_app=create_app))
