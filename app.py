"""Entry point: `python app.py` runs the hotline on its embedded defaults (web + scheduler).

Under gunicorn (`gunicorn app:app`) this module is imported, not run, so no worker starts a
scheduler: run `flask --app app scheduler` as one process of its own beside them.
"""

import os

from ivr import create_app

app = create_app()

if __name__ == "__main__":
    if app.config.get("RUN_SCHEDULER") is not False:
        from scheduler import build_scheduler

        # The reloader would start a second process with a second scheduler: keep it off.
        build_scheduler(app).start()
    from ivr.console.front import start_banner

    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "5000"))
    print(start_banner(app, host, port), flush=True)
    app.run(host=host, port=port, use_reloader=False)
