"""The webhook client's wire: requests written and answers read exactly as http.client does."""

import http.client
import socket
import threading

import pytest

from mockserver.webhook_wire import host_header, read_answer, request_head

ANSWERS = {
    "length": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "length, more than kept": b"HTTP/1.1 201 Created\r\nContent-Length: 7000\r\n\r\n" + b"y" * 7000,
    "length, cut short": b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhel",
    "length, twice": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-length: 5\r\n\r\nhello",
    "length, negative": b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nrest",
    "length, not a number": b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nrest",
    "large": b"HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + b"z" * 200000,
    "until the end": b"HTTP/1.1 200 OK\r\nServer: t\r\n\r\nall of it",
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n",
    "chunked, large": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
    + b"11170\r\n"
    + b"c" * 0x11170
    + b"\r\n1\r\nd\r\n0\r\n\r\n",
    "chunked, bad size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "chunked, cut short": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
    "chunked, no last chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n",
    "chunked, size line too long": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"1" * 70000,
    "not only chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "continue first": b"HTTP/1.1 100 Continue\r\nX: 1\r\n\r\nHTTP/1.1 202 Accepted\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "early hints": b"HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n",
    "no content": b"HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\nnope",
    "not modified, chunked": b"HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"2\r\nok\r\n0\r\n\r\n",
    "close": b"HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok",
    "1.0": b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "1.0, keep-alive": b"HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok",
    "1.0, connection keep-alive": b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "1.0, proxy keep-alive": b"HTTP/1.0 200 OK\r\nProxy-Connection: Keep-Alive\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "0.9": b"HTTP/0.9 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "1.2": b"HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "2.0": b"HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "no reason": b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",
    "bare line ends": b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
    "folded": b"HTTP/1.1 200 OK\r\nConnection: keep-alive,\r\n close\r\n"
    b"Content-Length: 2\r\n\r\nok",
    "folded first": b"HTTP/1.1 200 OK\r\n Connection: close\r\nContent-Length: 2\r\n\r\nok",
    "not a header line": b"HTTP/1.1 200 OK\r\nbogus line\r\nContent-Length: 2\r\n\r\nok",
    "no name": b"HTTP/1.1 200 OK\r\n: x\r\nContent-Length: 2\r\n\r\nok",
    "envelope lines": b"HTTP/1.1 200 OK\r\nFrom x\r\nContent-Length: 2\r\nFrom y\r\n"
    b"Connection: close\r\nFrom z\r\n\r\nok",
    "carriage return inside": b"HTTP/1.1 200 OK\r\nX: a\rContent-Length: 2\r\n\r\nok",
    "too many headers": b"HTTP/1.1 200 OK\r\n" + b"X: 1\r\n" * 101 + b"\r\n",
    "99 headers": b"HTTP/1.1 200 OK\r\n" + b"X: 1\r\n" * 98 + b"Content-Length: 2\r\n\r\nok",
    "100 headers": b"HTTP/1.1 200 OK\r\n" + b"X: 1\r\n" * 99 + b"Content-Length: 2\r\n\r\nok",
    "values as written": b"HTTP/1.1 200 OK\r\nX-A:\t a:b \r\nCONNECTION:Close \r\n"
    b"content-LENGTH:  2\r\n\r\nok",
    "no headers": b"HTTP/1.1 200 OK\r\n\r\nall of it",
    "headers cut short": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",
    "header line too long": b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
    "status line too long": b"HTTP/1.1 200 " + b"a" * 70000,
    "nothing": b"",
    "not http": b"HELLO\r\n",
    "one word": b"HTTP/1.1\r\n\r\n",
    "status not a number": b"HTTP/1.1 abc OK\r\n\r\n",
    "status too low": b"HTTP/1.1 099 Low\r\n\r\n",
    "status too high": b"HTTP/1.1 1000 High\r\n\r\n",
    "latin-1": b"HTTP/1.1 200 \xe9t\xe9\r\nX-\xe9: \xff\r\nContent-Length: 2\r\n\r\nok",
}


def _fed(answer: bytes) -> socket.socket:
    """A socket that reads ``answer`` and then the end of the stream."""
    ours, theirs = socket.socketpair()

    def feed():
        with theirs:
            theirs.sendall(answer)

    threading.Thread(target=feed, daemon=True).start()
    return ours


def _as_http_client(answer: bytes, method: str, keep: int):
    sock = _fed(answer)
    try:
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        kept = b""
        while chunk := response.read(64 * 1024):
            if len(kept) < keep:
                kept = (kept + chunk)[:keep]
        return response.status, kept, response.will_close
    except Exception as exc:
        return type(exc), str(exc)
    finally:
        sock.close()


def _as_wire(answer: bytes, method: str, keep: int):
    sock = _fed(answer)
    try:
        return read_answer(sock, method, keep)
    except Exception as exc:
        return type(exc), str(exc)
    finally:
        sock.close()


@pytest.mark.parametrize("name", ANSWERS)
@pytest.mark.parametrize(("method", "keep"), [("POST", 1000), ("GET", 3), ("HEAD", 1000)])
def test_an_answer_reads_as_http_client_reads_it(name, method, keep):
    answer = ANSWERS[name]
    assert _as_wire(answer, method, keep) == _as_http_client(answer, method, keep)


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
