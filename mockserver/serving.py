"""The server of ``mockserver serve`` and the Docker image: cheroot, set up for the sandbox.

cheroot keeps connections alive and runs requests on a fixed pool of threads; each thread
reads and answers a request on its own connection, and one thread watches the idle
keep-alive connections (docs/serving.md says why cheroot rather than waitress, and why these
numbers). On top of it:

- errors the server answers itself (a malformed request line, a request line over 64 KiB:
  414, a header line over 64 KiB or 100 header lines: 431, all headers over 1 MiB: 431, a
  body far over the limit: 413) are JSON, as ``mockserver.server`` gives them on werkzeug;
  a 431 or 413 in the error shape of the provider that owns the path;
- the per-line and header-count limits are werkzeug's (http.server's) to the byte, so a
  request werkzeug accepts, this one accepts too;
- an optional access log: one preformatted line per request, gathered and written to a
  stream (stderr under ``mockserver serve``) five times a second.
"""

import contextlib
import errno
import threading
import time
from typing import TextIO
from urllib.parse import unquote, urlsplit

from cheroot.errors import MaxSizeExceeded
from cheroot.server import CRLF, HeaderReader, HTTPConnection, HTTPRequest
from cheroot.wsgi import Gateway_10
from cheroot.wsgi import Server as _WSGIServer
from flask import Flask

from mockserver.access_log import AccessLog, printable
from mockserver.live import LEND_WORKER, STREAM_PATH
from mockserver.server import json_error_body, status_phrase
from mockserver.serving_pool import STOP_GRACE, Pool

# Threads running requests. A thread waiting on a slow client (a request sent slowly, an
# answer read slowly) holds no GIL, so more threads cost little; 4 and 10 measured alike
# (docs/serving.md), and 10 leave room beside a few slow clients.
THREADS = 10
# Connections kept open between requests. Past it an answer says "Connection: close", so a
# client opening more reconnects instead of holding a connection no thread serves.
CONNECTION_LIMIT = 100
# Connections the kernel queues before accept (cheroot's own default is 5).
BACKLOG = 1024
# The socket timeout: seconds a single read or send may wait (a client sending a body or
# reading an answer that stalls), and an idle keep-alive connection stays open.
TIMEOUT = 10
# Seconds a client has, from the start of its request line, to send the whole head (request
# line and headers): a client sending a header line every few seconds cannot hold a thread.
# Checked before each header line is read; past it, a JSON 408 and the connection closes.
HEADER_TIMEOUT = 10
# http.server's limits, which werkzeug keeps: a line of 64 KiB with its CRLF, and fewer than
# 100 header lines (http.client counts the blank line that ends them).
MAX_LINE = 65536
MAX_HEADERS = 100
# All of the request line and headers together; six lines of 50 KiB pass on werkzeug
# (tests/bad_input.over_http), so the cap is well above that.
MAX_HEADER_BYTES = 1 << 20
# A body up to this much over Settings.max_body_bytes reaches the app, which refuses it in
# its provider's shape and journals it; a longer one the server refuses before reading it.
BODY_SLACK = 1 << 20


class _TooLarge(Exception):
    """A header line too long, or too many of them: a 431 (not a ValueError, which cheroot
    answers with a 400)."""


class _LineLimit:
    """The request's input as the header reader sees it: lines counted and measured, read
    within the head's deadline."""

    def __init__(self, rfile, request):
        self.rfile, self.request, self.lines = rfile, request, 0

    def __getattr__(self, name):
        return getattr(self.rfile, name)

    def readline(self) -> bytes:
        self.request.within_deadline()
        line = self.rfile.readline()
        self.lines += 1
        if len(line) > MAX_LINE:
            raise _TooLarge("Line too long")
        if self.lines > MAX_HEADERS:
            raise _TooLarge("Too many headers")
        return line


# werkzeug keeps the last of these when repeated, and joins the others with ",".
_LAST_WINS = frozenset({b"Content-Type", b"Content-Length"})
_CONTENT_KEYS = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})


class _HeaderReader(HeaderReader):
    """Headers as werkzeug's server reads them, so the app and the journal see the same: a
    name with ``_`` is dropped, a repeated header is joined with ``,`` (Content-Type and
    Content-Length: the last one), a continuation line is appended to its header, and one
    that continues no header is a 400 (cheroot keeps only the last of a repeated header, or
    joins a few with ``", "``, and keeps a continuation line in place of its header)."""

    def __call__(self, rfile, hdict=None):
        hdict = {} if hdict is None else hdict
        name = None
        while (line := rfile.readline()) != CRLF:
            if not line.endswith(CRLF):
                raise ValueError("Illegal end of headers.")
            if line[:1] in (b" ", b"\t"):
                if name is None:
                    raise ValueError("Illegal continuation line.")
                if name in hdict:  # not a dropped header's
                    hdict[name] += line[:-2]
                continue
            key, colon, value = line.partition(b":")
            if not colon:
                raise ValueError("Illegal header line.")
            name = self._transform_key(key)
            if b"_" in name:  # (cheroot's DropUnderscoreHeaderReader looks for a str in bytes)
                continue
            value = value[:-2].lstrip(b" \t")  # trailing blanks kept, as werkzeug keeps them
            if name in hdict and name not in _LAST_WINS:
                value = hdict[name] + b"," + value
            hdict[name] = value
        return hdict


class _Request(HTTPRequest):
    """cheroot's request with werkzeug's limits, header reading and JSON refusals."""

    header_reader = _HeaderReader()
    method = b""
    path = b""
    _deadline = 0.0
    _timeout: float | None = None

    def read_request_line(self) -> bool:
        self._deadline = time.monotonic() + HEADER_TIMEOUT
        self._timeout = self.server.timeout
        if not super().read_request_line():
            return False
        if len(self.method) + len(self.uri) + len(self.request_protocol) + 4 > MAX_LINE:
            self.simple_response("414 Request-URI Too Long")
            return False
        return True

    def read_request_headers(self) -> bool:
        lines = self.rfile = _LineLimit(self.rfile, self)
        try:
            return super().read_request_headers()
        except _TooLarge as exc:
            self.simple_response("431 Request Header Fields Too Large", str(exc))
        except MaxSizeExceeded:  # over MAX_HEADER_BYTES in all: cheroot would say 413
            self.simple_response("431 Request Header Fields Too Large")
        finally:
            if self.rfile is lines:  # no body: cheroot left it
                self.rfile = lines.rfile
            if self._timeout != self.server.timeout:  # shortened for the head: back for the rest
                with contextlib.suppress(OSError):
                    self.conn.socket.settimeout(self.server.timeout)
        return False

    def within_deadline(self) -> None:
        """Before a header line: past the head's deadline, time out (cheroot answers 408 and
        closes); close to it, make the socket's timeout end there too. Not one system call
        more for a head sent at once: the timeout only changes once less than a second than
        it is left."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        if self._timeout is None or left < self._timeout - 1:
            self._timeout = left
            self.conn.socket.settimeout(left)

    def simple_response(self, status, msg="") -> None:
        """Answer with a small JSON body instead of cheroot's plain text, and close."""
        status = str(status)
        code = int(status[:3])
        phrase = status_phrase(code)
        # The target as sent (cheroot's ``path`` is decoded already, and the owner's lookup
        # decodes it again).
        path = urlsplit(self.uri.decode("latin-1")).path if code in (413, 431) else ""
        method = self.method.decode("latin-1") or "GET"
        message = (msg.decode("latin-1") if isinstance(msg, bytes) else msg) or phrase
        if code == 414:  # werkzeug's words, not cheroot's sentence
            message = phrase
        body = json_error_body(self.server.wsgi_app, code, message, method, path)
        self.close_connection = True
        head = (
            f"{self.server.protocol} {code} {phrase}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        if self.method == b"HEAD":  # the headers only, as werkzeug's handler answers a HEAD
            body = b""
        with contextlib.suppress(OSError):  # the client is gone
            self.conn.wfile.write(head.encode("latin-1") + body)


class _Connection(HTTPConnection):
    RequestHandlerClass = _Request


class _Gateway(Gateway_10):
    """cheroot's WSGI environ, made werkzeug's where the app can tell: ``SERVER_NAME`` is the
    bound host (cheroot gives the name of its ``Server`` header, which a request without a
    Host header would show in its URLs), ``PATH_INFO`` is decoded whole (cheroot leaves
    ``%2F`` encoded), and the headers keep the order they came in."""

    def respond(self) -> None:
        """Answer the request. A live stream holds its worker for as long as it is open: once
        the app has accepted one (it calls ``environ[LEND_WORKER]``), a worker is added to the
        pool, and removed when the stream ends, so streams never take the API's threads."""
        if self.env.get("PATH_INFO") != STREAM_PATH:
            super().respond()
            return
        pool, lent = self.req.server.requests, []

        def lend() -> None:
            pool.lend()
            lent.append(True)

        self.env[LEND_WORKER] = lend
        try:
            super().respond()
        finally:
            if lent:
                pool.give_back()

    def get_environ(self) -> dict:
        env = super().get_environ()
        req = self.req
        env["SERVER_NAME"] = str(req.server.bind_addr[0])
        env["PATH_INFO"] = _path_info(req.uri.decode("latin-1"))
        for key in [key for key in env if key[:5] == "HTTP_" or key in _CONTENT_KEYS]:
            del env[key]
        for name, value in req.inheaders.items():
            key = name.decode("latin-1").upper().replace("-", "_")
            env[key if key in _CONTENT_KEYS else f"HTTP_{key}"] = value.decode("latin-1")
        return env


def _path_info(target: str) -> str:
    """``PATH_INFO`` of a request target (an origin-form path: cheroot refuses the others),
    as werkzeug's server writes it."""
    return unquote(urlsplit(target).path).encode().decode("latin-1")


class _LoggedGateway(_Gateway):
    """A request to the app, and its access-log line once answered."""

    def respond(self) -> None:
        started = time.monotonic()
        try:
            super().respond()
        finally:
            req = self.req
            length = next(
                (value for key, value in req.outheaders if key.lower() == b"content-length"),
                b"-",
            )
            req.server.access_log.line(
                f'{self.env["REMOTE_ADDR"]} "{printable(req.method)} {printable(req.uri)} '
                f'{printable(req.request_protocol)}" '
                f"{printable((req.status or b'-')[:3])} {printable(length)} "
                f"{(time.monotonic() - started) * 1000:.1f}ms"
            )


class ProductionServer(_WSGIServer):
    """cheroot's WSGI server with mockserver's limits, JSON errors and access log."""

    ConnectionClass = _Connection
    access_log: AccessLog | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests.__class__ = Pool  # the same pool, with daemon workers and a bounded stop
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        """The port it listens on (the one the OS picked for port 0)."""
        return self.bind_addr[1]

    def serve_forever(self) -> None:
        """Serve until ``shutdown()`` or KeyboardInterrupt (SIGINT, or SIGTERM as the CLI maps
        it), then stop: stop accepting, answer the requests in hand (5 s at most), close every
        socket, write the access log's last lines.

        cheroot's connection loop runs on a thread of its own, not on the thread that called:
        a KeyboardInterrupt raised by a signal handler in the middle of its queue's
        ``notify`` lost the wakeup of a worker, and ``stop`` then waited for that worker
        forever (1 stop in 4 under load). If that loop dies of an exception, the server stops
        and the exception is raised here."""
        failed: list[BaseException] = []

        def serve() -> None:
            try:
                self.serve()
            except BaseException as exc:  # raised again below: a dead loop is not a clean stop
                failed.append(exc)

        connections = threading.Thread(target=serve, name="mockserver-connections")
        connections.daemon = True
        connections.start()
        try:
            while connections.is_alive() and not self._stopping.wait(0.25):
                pass
        finally:
            self.server_close()
            connections.join(timeout=1)
        if failed:
            raise failed[0]

    def shutdown(self) -> None:
        """Make ``serve_forever`` (on another thread) stop and return."""
        self._stopping.set()

    def server_close(self) -> None:
        """Stop serving and close (once ``serve_forever`` returned, there is nothing left)."""
        self.stop()  # returns at once when already stopped
        if self.access_log is not None:
            with contextlib.suppress(OSError, ValueError):
                self.access_log.close()


def build_production_server(
    app: Flask,
    host: str,
    port: int,
    *,
    access_log: TextIO | None = None,
    max_body_bytes: int = 1 << 20,
    threads: int = THREADS,
) -> ProductionServer:
    """A keep-alive, thread-pooled server for ``app`` bound to ``host:port`` (port 0 picks a
    free port), its threads started, not yet serving: call ``serve_forever``. ``access_log``:
    where to write a line per request (None: nowhere). Raises OSError when it cannot bind
    (errno EADDRINUSE when the port is in use)."""
    server = ProductionServer(
        (host, port),
        app,
        numthreads=threads,
        server_name="mockserver",
        request_queue_size=BACKLOG,
        timeout=TIMEOUT,
        shutdown_timeout=STOP_GRACE,
    )
    server.keep_alive_conn_limit = CONNECTION_LIMIT
    server.max_request_header_size = MAX_HEADER_BYTES
    server.max_request_body_size = max_body_bytes + BODY_SLACK
    server.version = "mockserver"
    server.gateway = _Gateway
    if access_log:  # a stream (None or False: no access log)
        server.access_log = AccessLog(access_log)
        server.gateway = _LoggedGateway
    try:
        server.prepare()  # binds, listens and starts the threads
    except OSError as exc:  # cheroot's own, without the errno of the bind that failed
        if "already in use" in str(exc):
            raise OSError(errno.EADDRINUSE, f"{host}:{port} is in use") from exc
        raise
    if server.access_log is not None:
        server.access_log.start()
    return server
