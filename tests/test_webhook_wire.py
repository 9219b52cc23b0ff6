"""The webhook client's wire: requests written exactly as http.client writes them (answers:
tests/test_webhook_answer.py)."""

import http.client

import pytest

from mockserver.webhook_wire import host_header, request_head


class _Capture:
    """A socket that keeps what is sent."""

    def __init__(self):
        self.sent = b""

    def sendall(self, data):
        self.sent += data


def _written_by_http_client(origin, method, target, headers, body):
    scheme, host, port = origin
    kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = kind(host, port)
    connection.sock = _Capture()
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body or method not in ("GET", "HEAD"):
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
    except Exception as exc:
        return type(exc), str(exc)
    return connection.sock.sent


def _written_by_wire(origin, method, target, headers, body):
    try:
        return request_head(method, target, host_header(*origin), headers, body) + body
    except Exception as exc:
        return type(exc), str(exc)


HTTP = ("http", "h.test", 80)
REQUESTS = {
    "post": (HTTP, "POST", "/p?q=1", {"Content-Type": "application/json"}, b'{"a": 1}'),
    "empty post": (HTTP, "POST", "/p", {}, b""),
    "get": (HTTP, "GET", "/g", {"X-Sig": "s"}, b""),
    "get with a body": (HTTP, "GET", "/g", {}, b"b"),
    "head": (HTTP, "HEAD", "/", {}, b""),
    "no target": (HTTP, "POST", "", {}, b"x"),
    "port": (("http", "h.test", 8080), "POST", "/", {}, b"x"),
    "https": (("https", "h.test", 443), "POST", "/", {}, b"x"),
    "https, port 80": (("https", "h.test", 80), "POST", "/", {}, b"x"),
    "ipv6": (("http", "::1", 8080), "POST", "/", {}, b"x"),
    "ipv6, default port": (("http", "::1", 80), "POST", "/", {}, b"x"),
    "latin-1 value": (HTTP, "POST", "/", {"X": "caf\xe9"}, b""),
    "folded value": (HTTP, "POST", "/", {"X": "a\r\n b"}, b""),
    "number value": (HTTP, "POST", "/", {"X": 5, "Y": True}, b""),
    "value not text": (HTTP, "POST", "/", {"X": None}, b""),
    "bytes value": (HTTP, "POST", "/", {"X": b"raw"}, b""),
    "non-latin-1 value": (HTTP, "POST", "/", {"X": "秘密"}, b""),
    "line break in a value": (HTTP, "POST", "/", {"X": "a\r\nInjected: 1"}, b""),
    "carriage return in a value": (HTTP, "POST", "/", {"X": "a\rb"}, b""),
    "colon in a name": (HTTP, "POST", "/", {"Bad:Name": "v"}, b""),
    "space first in a name": (HTTP, "POST", "/", {" X": "v"}, b""),
    "empty name": (HTTP, "POST", "/", {"": "v"}, b""),
    "non-ASCII name": (HTTP, "POST", "/", {"Sé": "v"}, b""),
    "space in the target": (HTTP, "POST", "/a b", {}, b""),
    "DEL in the target": (HTTP, "POST", "/a\x7f", {}, b""),
    "non-ASCII target": (HTTP, "POST", "/café", {}, b""),
    "control character in the method": (HTTP, "PO\nST", "/", {}, b""),
    "space in the method": (HTTP, "PO ST", "/", {}, b""),
    "lower-case method": (HTTP, "post", "/", {}, b"x"),
}


@pytest.mark.parametrize("name", REQUESTS)
def test_a_request_is_written_as_http_client_writes_it(name):
    request = REQUESTS[name]
    assert _written_by_wire(*request) == _written_by_http_client(*request)
