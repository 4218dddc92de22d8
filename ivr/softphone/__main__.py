"""`python -m ivr.softphone`: the terminal softphone without the flask command."""

from .cli import call

if __name__ == "__main__":
    call.main(prog_name="python -m ivr.softphone")
