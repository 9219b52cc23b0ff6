"""Serving the app: in the foreground for the CLI, or in a thread for tests."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        """Tests and benchmarks do not want a line per request."""


def build_server(app: Flask, host: str, port: int, *, quiet: bool = False) -> BaseWSGIServer:
    """A threaded HTTP/1.1 server for ``app`` (port 0 picks a free port)."""
    handler = _QuietHandler if quiet else WSGIRequestHandler
    return make_server(host, port, app, threaded=True, request_handler=handler)


@contextmanager
def serve_in_thread(app: Flask, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run ``app`` on a background thread and yield its base URL (``http://host:port``)."""
    server = build_server(app, host, port, quiet=True)
    # A short poll interval makes shutdown() return quickly when a test ends.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="mockserver", daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
