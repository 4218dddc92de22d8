"""A local HTTP stand-in of a provider's API: a threaded server on a free port, started and stopped
with `with`. Subclasses give `handler()` (a BaseHTTPRequestHandler class) and what they record."""

import threading
from http.server import ThreadingHTTPServer


class LocalServer:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def handler(self):
        raise NotImplementedError

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
