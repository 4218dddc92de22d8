"""Entry point: `python app.py` runs the hotline on its embedded defaults (web + scheduler)."""

import os

from ivr import create_app

app = create_app()

if __name__ == "__main__":
    from scheduler import build_scheduler

    # The reloader would start a second process with a second scheduler: keep it off.
    build_scheduler(app).start()
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")),
            use_reloader=False)
