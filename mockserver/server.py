"""Serving the app: in the foreground for the CLI, or in a thread for tests."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus

from flask import Flask, request
from werkzeug.exceptions import RequestHeaderFieldsTooLarge
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class _JsonErrorHandler(WSGIRequestHandler):
    """Errors raised before the app sees a request (bad request line, URI too long) as JSON;
    headers too large (431) in the error shape of whoever owns the path."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """Answer with a small JSON body instead of http.server's HTML page."""
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"
        body = (
            self._owners_body(code, message or phrase)
            or json.dumps(
                {
                    "error": phrase.lower().replace(" ", "_"),
                    "message": message or phrase,
                    "status": code,
                }
            ).encode()
        )
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def _owners_body(self, code: int, message: str) -> bytes | None:
        """The body the path's provider (or the control API) gives this error, if known.

        Only for 431: the request line was just parsed, so ``self.path`` is this request's
        (for a 414 or a bad request line it may still be the previous request's).
        """
        app = getattr(self.server, "app", None)
        if code != 431 or not isinstance(app, Flask) or "mockserver" not in app.extensions:
            return None
        from mockserver.admin.http import render_control_error
        from mockserver.app import is_control, provider_for_path

        error = RequestHeaderFieldsTooLarge(message)
        try:
            with app.test_request_context(self.path, method=self.command or "GET"):
                provider = provider_for_path(app.extensions["mockserver"], request.path)
                if provider is not None:
                    return provider.render_error(error).get_data()
                return render_control_error(error).get_data() if is_control(request.path) else None
        except Exception:  # a path the request context refuses: the generic body will do
            return None


class _QuietHandler(_JsonErrorHandler):
    def log_request(self, *args, **kwargs) -> None:
        """Tests and benchmarks do not want a line per request."""

    def log_error(self, *args, **kwargs) -> None:
        """Nor a line per malformed request."""


def build_server(app: Flask, host: str, port: int, *, quiet: bool = False) -> BaseWSGIServer:
    """A threaded HTTP/1.1 server for ``app`` (port 0 picks a free port)."""
    handler = _QuietHandler if quiet else _JsonErrorHandler
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
