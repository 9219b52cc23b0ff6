"""werkzeug's server for tests and benchmarks (``serve_in_thread``), and the JSON bodies of
the errors an HTTP server answers itself, for it and for ``serve``'s (``mockserver.serving``)."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge, RequestHeaderFieldsTooLarge
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


def json_error_body(app: Flask | None, code: int, message: str, method: str, path: str) -> bytes:
    """The JSON body of an error the HTTP server answers before the app sees the request.

    A 413 is the app's own answer to a body too large for that path (the one it gives a body
    within the server's slack); a 431 on a path a provider (or the control API) owns comes in
    that owner's error shape; anything else, or a path the server could not read, as
    ``{"error": "<phrase>", "message": …, "status": …}``.
    """
    owned = _apps_body(app, code, message, method, path) if code in (413, 431) else None
    if owned is not None:
        return owned
    phrase = status_phrase(code)
    generic = {"error": phrase.lower().replace(" ", "_"), "message": message or phrase}
    return json.dumps({**generic, "status": code}).encode()


def status_phrase(code: int) -> str:
    """The reason phrase of a status code ("Error" for one HTTP does not name)."""
    return HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"


def _apps_body(app: Flask | None, code: int, message: str, method: str, path: str):
    """The body the app's own error handling gives this error on ``path``, if it applies."""
    if not isinstance(app, Flask) or "mockserver" not in app.extensions or not path:
        return None
    from mockserver.app import is_control
    from mockserver.runtime import provider_for_path

    # The 413 with the app's words (the server's sentence is cheroot's, not the app's).
    error = RequestEntityTooLarge() if code == 413 else RequestHeaderFieldsTooLarge(message)
    try:
        with app.test_request_context(path, method=method or "GET"):
            owner = provider_for_path(app.extensions["mockserver"], request.path)
            if code == 431 and owner is None and not is_control(request.path):
                return None  # werkzeug's handler: the generic body
            return app.make_response(app.handle_user_exception(error)).get_data()
    except Exception:  # a path the request context refuses: the generic body will do
        return None


class _JsonErrorHandler(WSGIRequestHandler):
    """Errors raised before the app sees a request (bad request line, URI too long) as JSON;
    headers too large (431) in the error shape of whoever owns the path. Quiet: tests and
    benchmarks want no line per request or per malformed request."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """Answer with a small JSON body instead of http.server's HTML page."""
        # Only for 431 is ``self.path`` this request's: the request line was just parsed (for
        # a 414 or a bad request line it may still be the previous request's).
        path = self.path if code == 431 else ""
        app = getattr(self.server, "app", None)
        body = json_error_body(app, code, message or "", self.command or "GET", path)
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def log_request(self, *args, **kwargs) -> None:
        """No line per request."""

    def log_error(self, *args, **kwargs) -> None:
        """No line per malformed request."""


def build_server(app: Flask, host: str, port: int) -> BaseWSGIServer:
    """A threaded, quiet HTTP/1.1 server for ``app`` (port 0 picks a free port)."""
    return make_server(host, port, app, threaded=True, request_handler=_JsonErrorHandler)


@contextmanager
def serve_in_thread(app: Flask, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run ``app`` on a background thread and yield its base URL (``http://host:port``)."""
    server = build_server(app, host, port)
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
