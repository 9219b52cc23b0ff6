"""What the app and the request journal see of a request, and how the server refuses or
stops, are the same on ``serve``'s server (cheroot) as on werkzeug's (``serve_in_thread``)."""

import contextlib
import json
import socket

import pytest

from mockserver.serving import build_production_server
from tests.test_serving import AUTH, LIST, exchange, parse, production, werkzeug

# Raw requests whose headers cheroot alone would read differently.
ODD_HEADERS = (
    b"POST /v1/Tollfree/Verifications HTTP/1.1\r\nHost: x\r\n" + AUTH
    + b"X-A: 1\r\nAccept: a\r\nContent-Type: text/plain\r\nX-A: 2\r\nAccept: b\r\n"
    + b"X-Folded: one\r\n two\r\nx-lower_und: spoof\r\nX-Trail: t \r\nContent-Length: 2\r\n"
    + b"Connection: close\r\n\r\n{}"
)  # fmt: skip


def answer_to_unread(port: int, payload: bytes) -> tuple[int, dict[str, str], bytes]:
    """``exchange`` for a request answered before it is all read: the server may close
    with bytes unread, so sending may fail and the close may be a reset."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(payload)
        answer = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                answer += chunk
    return parse(answer)


def newest_entry(port: int) -> dict:
    request = b"GET /_mock/requests HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    _, _, body = exchange(port, request)
    return json.loads(body)["requests"][0]


def seen_on(server, app, payload: bytes) -> tuple[int, dict]:
    with server(app) as port:
        status, _, _ = exchange(port, payload)
        return status, newest_entry(port)


def test_repeated_folded_and_underscored_headers_reach_the_journal_as_on_werkzeug(app):
    status, entry = seen_on(production, app, ODD_HEADERS)
    expected_status, expected = seen_on(werkzeug, app, ODD_HEADERS)
    assert status == expected_status
    assert list(entry["headers"].items()) == list(expected["headers"].items())
    assert entry["headers"]["X-A"] == "1,2" and entry["headers"]["X-Folded"] == "one two"
    assert entry["headers"]["X-Trail"] == "t "
    assert not any("_" in name.lower() for name in entry["headers"])


ENCODED_SLASHES = [b"/v1/Tollfree/Verifications/HH%2F1", b"/campaigns/toll-free/x%2fy"]


@pytest.mark.parametrize("path", ENCODED_SLASHES)
def test_an_encoded_slash_reaches_the_app_decoded_as_on_werkzeug(app, path):
    payload = b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + AUTH + b"Connection: close\r\n\r\n"
    status, entry = seen_on(production, app, payload)
    expected_status, expected = seen_on(werkzeug, app, payload)
    assert (status, entry["path"]) == (expected_status, expected["path"])
    assert "%" not in entry["path"] and entry["path"].count("/") == path.count(b"/") + 1


def test_a_request_without_a_host_header_gets_urls_on_the_bound_address(app):
    """HTTP/1.0 without Host: the list's URLs name 127.0.0.1, not the Server header's name."""
    payload = b"GET " + LIST + b" HTTP/1.0\r\n" + AUTH + b"\r\n"
    with production(app) as port:
        status, _, body = exchange(port, payload)
    assert status == 200
    url = json.loads(body)["meta"]["url"]
    assert url.startswith(f"http://127.0.0.1:{port}/v1/Tollfree/Verifications?")


@pytest.mark.parametrize(
    "path",
    [b"/_mock/reset", b"/nobody/owns/this", LIST, b"/campaigns/toll-free", b"/%2562rands"],
)
def test_a_body_far_over_the_limit_gets_the_apps_own_413_body(app, path):
    """Refused by the server before it is read, or by the app within the slack: one body."""
    head = b"POST " + path + b" HTTP/1.1\r\nHost: x\r\n" + AUTH + b"Connection: close\r\n"
    limit = app.config["MAX_CONTENT_LENGTH"]
    with production(app) as port:
        # Within the slack: the app refuses it from its Content-Length, before any body.
        by_the_app = answer_to_unread(port, head + b"Content-Length: %d\r\n\r\n" % (limit + 10))
        by_the_server = answer_to_unread(port, head + b"Content-Length: 90000000\r\n\r\n")
    assert by_the_app[0] == by_the_server[0] == 413
    assert by_the_server[2] == by_the_app[2]


def test_a_connection_loop_that_dies_stops_the_server_and_raises(app):
    """Not a quiet return, which ``serve`` would report as a clean stop (status 0)."""
    server = build_production_server(app, "127.0.0.1", 0)

    def broken() -> None:
        raise RuntimeError("selector broke")

    server.serve = broken
    with pytest.raises(RuntimeError, match="selector broke"):
        server.serve_forever()
