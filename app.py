"""Entry point. `python app.py` serves the hotline with gunicorn plus the one scheduler (ivr/cli/serve.py).

`flask --app app ...` and `gunicorn -c gunicorn.conf.py app:app` import this module: `app` is
built here then, and no scheduler starts (run `flask --app app scheduler` once, beside them).
"""

import sys

if __name__ == "__main__":
    import os
    import tempfile

    # Before anything imports prometheus_client (importing ivr does): the workers and the scheduler
    # of this server then write their counters where /metrics adds them up, in memory where there
    # is a place for it (gunicorn.conf.py says why).
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        in_memory = "/dev/shm" if os.path.isdir("/dev/shm") else None
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="hotline-metrics-", dir=in_memory)
    from ivr.cli.serve import main

    sys.exit(main())

from ivr import create_app  # noqa: E402
from ivr.platform.config import ConfigError  # noqa: E402

try:
    app = create_app()
except ConfigError as refused:  # `flask --app app ...` and gunicorn: the one-line reason, not a traceback
    sys.exit(str(refused))
