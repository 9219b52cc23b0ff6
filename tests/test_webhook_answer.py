"""A webhook endpoint's answer, read off its socket by httptools: the status, the first bytes
of the body, whether the connection must close; what llhttp refuses is endpoint trouble."""

import socket
import threading
from http.client import HTTPException, IncompleteRead, RemoteDisconnected

import pytest

from mockserver.webhook_answer import MAX_HEAD, MalformedAnswer, read_answer

# name: (answer as sent, what reading it gives: (status, kept, closing) or an error's type)
ANSWERS = {
    "length": (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", (200, b"hello", False)),
    "more than kept": (
        b"HTTP/1.1 201 Created\r\nContent-Length: 7000\r\n\r\n" + b"y" * 7000,
        (201, b"y" * 1000, False),
    ),
    "large": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + b"z" * 200000,
        (200, b"z" * 1000, False),
    ),
    "until the end": (b"HTTP/1.1 200 OK\r\nServer: t\r\n\r\nall of it", (200, b"all of it", True)),
    "chunked": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n",
        (200, b"hello world", False),
    ),
    "continue first": (
        b"HTTP/1.1 100 Continue\r\nX: 1\r\n\r\n"
        b"HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok",
        (202, b"ok", False),
    ),
    "no content with a stray body": (
        b"HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\nnope",
        (204, b"", True),
    ),
    "close": (
        b"HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok",
        (200, b"ok", True),
    ),
    "1.0": (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", (200, b"ok", True)),
    "1.0, keep-alive": (
        b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
        (200, b"ok", False),
    ),
    "bare line ends": (b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok", (200, b"ok", False)),
    "values as written": (
        b"HTTP/1.1 200 OK\r\nX-A:\t a:b \r\nCONNECTION:Close \r\ncontent-LENGTH:  2\r\n\r\nok",
        (200, b"ok", True),
    ),
    "length, cut short": (b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhel", IncompleteRead),
    "chunked, cut short": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        IncompleteRead,
    ),
    "headers cut short": (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", RemoteDisconnected),
    "early hints, then nothing": (
        b"HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n",
        RemoteDisconnected,
    ),
    "nothing": (b"", RemoteDisconnected),
    "length, twice": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-length: 5\r\n\r\nhello",
        MalformedAnswer,
    ),
    "length, not a number": (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nrest", MalformedAnswer),
    "length and chunked": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
    "chunked, bad size": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        MalformedAnswer,
    ),
    "folded": (
        b"HTTP/1.1 200 OK\r\nConnection: keep-alive,\r\n close\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
    "not a header line": (
        b"HTTP/1.1 200 OK\r\nbogus line\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
    "not http": (b"HELLO\r\n", MalformedAnswer),
    "status not a number": (b"HTTP/1.1 abc OK\r\n\r\n", MalformedAnswer),
    "status too low": (b"HTTP/1.1 099 Low\r\n\r\n", MalformedAnswer),
    "status too high": (b"HTTP/1.1 1000 High\r\n\r\n", MalformedAnswer),
    "head past its bound": (
        b"HTTP/1.1 200 OK\r\n" + b"X: " + b"a" * (MAX_HEAD + 1) + b"\r\n\r\n",
        MalformedAnswer,
    ),
}


def _fed(answer: bytes) -> socket.socket:
    """A socket that reads ``answer`` and then the end of the stream."""
    ours, theirs = socket.socketpair()

    def feed():
        with theirs:
            theirs.sendall(answer)

    threading.Thread(target=feed, daemon=True).start()
    return ours


@pytest.mark.parametrize("name", ANSWERS)
def test_an_answer_reads_as_its_framing_says_or_is_endpoint_trouble(name):
    raw, expected = ANSWERS[name]
    with _fed(raw) as sock:
        if isinstance(expected, type):
            with pytest.raises(expected):
                read_answer(sock, keep=1000)
        else:
            assert read_answer(sock, keep=1000) == expected


def test_every_refusal_is_endpoint_trouble_the_sender_retries():
    """The sender retries ``OSError`` and ``http.client.HTTPException``."""
    assert issubclass(MalformedAnswer, HTTPException)
    assert issubclass(IncompleteRead, HTTPException)
    assert issubclass(RemoteDisconnected, HTTPException)


def test_two_answers_in_a_row_on_one_connection_read_apart():
    """A kept-alive connection: the second answer is read whole after the first."""
    first = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    second = b"HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\nfail"
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(first)
        assert read_answer(ours, keep=10) == (200, b"ok", False)
        theirs.sendall(second)
        assert read_answer(ours, keep=10) == (500, b"fail", False)
