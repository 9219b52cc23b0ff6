"""The production server (``mockserver.serving``, what ``mockserver serve`` runs), over raw
sockets: its own refusals are JSON like the werkzeug handler's, in the path owner's shape for
a 431; it keeps connections alive; its access log is one line per request."""

import io
import json
import re
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from flask import Flask

from mockserver import serving
from mockserver.access_log import MAX_PENDING_LINES, AccessLog
from mockserver.server import build_server
from mockserver.serving import MAX_HEADERS, MAX_LINE, THREADS, build_production_server
from tests.conftest import ISV_SID, ISV_TOKEN, basic

AUTH = f"Authorization: {basic(ISV_SID, ISV_TOKEN)['Authorization']}\r\n".encode()
LIST = b"/v1/Tollfree/Verifications"


@contextmanager
def production(app, access_log=None):
    server = build_production_server(app, "127.0.0.1", 0, access_log=access_log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.port
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@contextmanager
def werkzeug(app):
    server = build_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def port(app):
    with production(app) as port:
        yield port


def exchange(port: int, payload: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes: status, headers, body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(payload)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return parse(answer)


def parse(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split(" ")[1]), {k.lower(): v for k, v in headers.items()}, body


def get(path: bytes, *headers: bytes) -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + b"".join(headers) + b"\r\n"


CLOSE = b"Connection: close\r\n"
# Past each limit, and the same request on the werkzeug server gives the same body.
REFUSED = {
    "a 100 KB header line on a Twilio path": (
        431,
        get(LIST, AUTH, b"X-F: " + b"h" * 100_000 + b"\r\n"),
    ),
    "a 100 KB header line on a Pinnacle path": (
        431,
        get(b"/campaigns/toll-free/x", b"X-F: " + b"h" * 100_000 + b"\r\n"),
    ),
    "a 100 KB header line on the control API": (
        431,
        get(b"/_mock/clock", b"X-F: " + b"h" * 100_000 + b"\r\n"),
    ),
    "a 100 KB header line on the platform API": (
        431,
        get(b"/v1/setups/x", b"X-F: " + b"h" * 100_000 + b"\r\n"),
    ),
    "101 headers": (
        431,
        get(LIST, *(b"X-F-%d: h\r\n" % n for n in range(MAX_HEADERS + 1))),
    ),
    "a 70 KB URI": (414, get(b"/_mock/clock?q=" + b"a" * 70_000)),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_request_over_a_limit_gets_the_werkzeug_handlers_json(app, port, case):
    status, payload = REFUSED[case]
    answered, headers, body = exchange(port, payload)
    with werkzeug(app) as reference:
        expected = exchange(reference, payload)
    assert (answered, headers["content-type"], headers["connection"]) == (
        status,
        "application/json",
        "close",
    )
    assert body == expected[2]
    assert json.loads(body)


def test_a_refused_head_request_gets_headers_only_as_on_werkzeug(app, port):
    payload = b"HEAD /_mock/clock HTTP/1.1\r\nHost: x\r\nX-F: " + b"h" * 100_000 + b"\r\n\r\n"
    status, headers, body = exchange(port, payload)
    with werkzeug(app) as reference:
        expected = exchange(reference, payload)
    assert (status, body) == (431, b"") == (expected[0], expected[2])
    assert int(headers["content-length"]) > 0  # the length of the body a GET would get


def test_the_431_comes_in_the_shape_of_the_paths_owner(port):
    twilio = json.loads(exchange(port, REFUSED["a 100 KB header line on a Twilio path"][1])[2])
    assert (twilio["code"], twilio["status"], twilio["message"]) == (20001, 431, "Line too long")
    control = exchange(port, REFUSED["a 100 KB header line on the control API"][1])[2]
    assert json.loads(control)["error"]
    assert json.loads(exchange(port, REFUSED["101 headers"][1])[2])["message"] == (
        "Too many headers"
    )


def test_a_uri_over_the_limit_is_a_414(port):
    status, _, body = exchange(port, REFUSED["a 70 KB URI"][1])
    assert (status, json.loads(body)) == (
        414,
        {"error": "request-uri_too_long", "message": "Request-URI Too Long", "status": 414},
    )


@pytest.mark.parametrize(
    "payload",
    [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n", b"\x16\x03\x01\r\n\r\n"],
)
def test_a_malformed_request_line_gets_a_json_400(port, payload):
    status, headers, body = exchange(port, payload)
    assert (status, headers["content-type"]) == (400, "application/json")
    assert json.loads(body)["status"] == 400
    assert json.loads(body)["error"] == "bad_request"


def test_a_first_header_line_that_continues_nothing_gets_a_json_400(port):
    """Folded onto no header (cheroot's reader raised, a 500)."""
    status, headers, body = exchange(port, b"GET /_mock/health HTTP/1.1\r\n b\r\nHost: x\r\n\r\n")
    assert (status, headers["content-type"]) == (400, "application/json")
    assert json.loads(body)["error"] == "bad_request"


def test_a_20_kb_header_and_a_10_kb_uri_reach_the_app_as_on_werkzeug(port):
    """Under the limits (a line of 64 KiB): answered by the app, not the server."""
    status, _, body = exchange(port, get(LIST, AUTH, b"X-F: " + b"h" * 20_000 + b"\r\n", CLOSE))
    assert status == 200
    assert "verifications" in json.loads(body)
    status, _, body = exchange(port, get(b"/_mock/clock?q=" + b"a" * 10_000, CLOSE))
    assert (status, sorted(json.loads(body))) == (200, ["now", "pending"])


def test_six_50_kb_headers_reach_the_app(port):
    headers = [b"X-F-%d: " % n + b"h" * 50_000 + b"\r\n" for n in range(6)]
    assert exchange(port, get(b"/_mock/clock", *headers, CLOSE))[0] == 200


def status_on_both(app, port, payload: bytes) -> tuple[int, int]:
    with werkzeug(app) as reference:
        return exchange(port, payload)[0], exchange(reference, payload)[0]


@pytest.mark.parametrize("over", [0, 1])
def test_the_limits_are_werkzeugs_to_the_byte(app, port, over):
    """A line of 64 KiB with its CRLF passes, one byte more does not; 99 header lines pass,
    100 do not (http.client counts the blank line after them); a request line of 64 KiB
    passes, one byte more is a 414."""
    line = b"X-F: " + b"h" * (MAX_LINE - len(b"X-F: \r\n") + over) + b"\r\n"
    expected = 431 if over else 200
    assert status_on_both(app, port, get(b"/_mock/clock", line, CLOSE)) == (expected, expected)
    # With Host and Connection, 99 header lines (or 100).
    headers = [b"X-F-%d: h\r\n" % n for n in range(MAX_HEADERS - 3 + over)]
    assert status_on_both(app, port, get(b"/_mock/clock", *headers, CLOSE)) == (
        expected,
        expected,
    )
    filler = MAX_LINE - len(b"GET /_mock/clock?q= HTTP/1.1\r\n") + over
    expected = 414 if over else 200
    request_line = get(b"/_mock/clock?q=" + b"a" * filler, CLOSE)
    assert len(request_line.split(b"\r\n")[0]) + 2 == MAX_LINE + over  # 65,536 or 65,537
    assert status_on_both(app, port, request_line) == (expected, expected)


def test_headers_over_1_mib_in_all_are_refused_in_the_owners_shape(port):
    """Past waitress's own cap on the whole header (lines of 60 KB, 20 of them)."""
    headers = [b"X-F-%d: " % n + b"h" * 60_000 + b"\r\n" for n in range(20)]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(get(LIST, AUTH, *headers))
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:  # closed with our bytes unread: the answer came first
            pass
    status, _, body = parse(answer)
    assert (status, json.loads(body)["code"]) == (431, 20001)


def test_a_body_far_over_the_limit_is_a_413_in_the_owners_shape(port):
    """Refused from its Content-Length, before the body is sent."""
    payload = b"POST /v1/Tollfree/Verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n"
    status, _, body = exchange(port, payload + AUTH + b"\r\n")
    assert (status, json.loads(body)["code"]) == (413, 413)


def test_an_undecodable_authorization_header_reaches_the_app(port):
    payload = get(LIST, b"Authorization: Basic \xe9\xe9\r\n", CLOSE)
    status, _, body = exchange(port, payload)
    assert (status, json.loads(body)["code"]) == (401, 20003)


def test_connections_are_kept_alive(port):
    """Three requests on one connection, each answered without closing it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        for _ in range(3):
            sock.sendall(get(LIST, AUTH))
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(65536)
            head, _, body = answer.partition(b"\r\n\r\n")
            status, headers, _ = parse(head + b"\r\n\r\n")
            while len(body) < int(headers["content-length"]):
                body += sock.recv(65536)
            assert status == 200
            assert headers.get("connection") != "close"
            assert json.loads(body)["verifications"] == []


def test_the_access_log_is_one_line_per_request(app):
    log = io.StringIO()
    with production(app, access_log=log) as port:
        exchange(port, get(LIST + b"?PageSize=5", AUTH, CLOSE))
        exchange(port, get(b"/_mock/clock", b"X-F: " + b"h" * 100_000 + b"\r\n"))  # refused
    [line] = log.getvalue().splitlines()
    stamp, rest = line.split(" INFO mockserver.access: ")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}", stamp)  # as logging's
    assert re.fullmatch(
        r'127\.0\.0\.1 "GET /v1/Tollfree/Verifications\?PageSize=5 HTTP/1\.1" 200 \d+ [\d.]+ms',
        rest,
    )


def test_the_access_log_takes_any_byte_and_escapes_control_characters(app):
    """A method that is not UTF-8 is logged (latin-1), not a traceback and a lost line; ESC,
    CR, NUL and DEL in the request line are escaped, so they cannot drive a terminal or forge
    a line."""
    log = io.StringIO()
    with production(app, access_log=log) as port:
        exchange(port, b"G\xffT /_mock/health HTTP/1.1\r\nHost: x\r\n" + CLOSE + b"\r\n")
        exchange(port, get(b"/_mock/health?a=\x1b[31m\x00\x7f\x08", CLOSE))
    first, second = log.getvalue().splitlines()
    assert '"G\xffT /_mock/health HTTP/1.1" ' in first
    assert '"GET /_mock/health?a=\\x1b[31m\\x00\\x7f\\x08 HTTP/1.1" 200 ' in second
    assert all(ord(char) >= 0x20 and char != "\x7f" for char in first + second)


@pytest.mark.parametrize("off", [None, False])
def test_no_access_log_when_off(app, off):
    server = build_production_server(app, "127.0.0.1", 0, access_log=off)
    try:
        assert server.access_log is None
        assert server.gateway is not serving._LoggedGateway
    finally:
        server.server_close()


class Broken(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_an_access_log_whose_stream_broke_keeps_nothing_and_closes_quietly(app):
    """stderr gone (EPIPE): the log stops there, keeps no lines, and stop raises nothing."""
    log = AccessLog(Broken(), interval=0.01)
    log.start()
    log.line("first")
    deadline = time.monotonic() + 10
    while not log._dead and time.monotonic() < deadline:
        time.sleep(0.01)
    assert log._dead
    for _ in range(100):
        log.line("more")
    assert log._lines == []
    log.close()  # no BrokenPipeError
    with production(app, access_log=Broken()) as port:  # server_close raises nothing either
        assert exchange(port, get(b"/_mock/health", CLOSE))[0] == 200


def test_the_access_log_keeps_a_bounded_number_of_lines():
    log = AccessLog(io.StringIO())  # not started: nothing takes the lines
    for _ in range(MAX_PENDING_LINES + 5):
        log.line("x")
    assert (len(log._lines), log.dropped) == (MAX_PENDING_LINES, 5)
    log.flush()
    assert log.stream.getvalue().endswith(
        "mockserver.access: 5 lines dropped, the log fell behind\n"
    )


def test_a_blocked_access_log_stream_does_not_hang_stop():
    release = threading.Event()

    class Stuck(io.StringIO):
        def write(self, text):
            release.wait(30)
            return len(text)

    log = AccessLog(Stuck(), interval=0.01)
    log.start()
    log.line("stuck")
    time.sleep(0.2)  # the writer is in write
    started = time.monotonic()
    log.close(timeout=0.5)
    assert time.monotonic() - started < 5
    release.set()


def test_shutdown_returns_and_closes_the_port(app):
    with production(app) as port:
        assert exchange(port, get(b"/_mock/health", CLOSE))[0] == 200
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_stop_is_bounded_with_a_client_that_never_reads():
    """A worker blocked sending a large answer to a client that reads nothing: stop waits
    STOP_GRACE (5 s) for it, shuts its socket down and returns (cheroot's own stop joined it
    again without a timeout, until its socket timed out)."""
    big = Flask("big")
    big.get("/big")(lambda: "x" * 50_000_000)
    server = build_production_server(big, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", server.port))
        sock.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(1)  # the worker is in send, the buffers full
        started = time.monotonic()
        server.shutdown()
        thread.join(timeout=30)
        server.server_close()
        assert not thread.is_alive()
        assert time.monotonic() - started < 9  # STOP_GRACE and slack, not the socket timeout


def test_clients_sending_their_heads_slowly_do_not_hold_the_threads(app, monkeypatch):
    """As many connections as threads, each with a request head half sent: each gets a JSON
    408 at the head's deadline, and the server answers others meanwhile."""
    monkeypatch.setattr(serving, "HEADER_TIMEOUT", 1)
    with production(app) as port:
        slow = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(THREADS)]
        try:
            for sock in slow:
                sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\n")  # no blank line
            time.sleep(0.2)  # each is in a thread, waiting for its next header line
            started = time.monotonic()
            assert exchange(port, get(b"/_mock/health", CLOSE))[0] == 200
            assert time.monotonic() - started < 8  # not the socket timeout (10 s)
            for sock in slow:
                answer = b""
                while chunk := sock.recv(65536):
                    answer += chunk
                status, headers, body = parse(answer)
                assert (status, headers["content-type"]) == (408, "application/json")
                assert json.loads(body)["status"] == 408
        finally:
            for sock in slow:
                sock.close()
