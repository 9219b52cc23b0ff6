"""A webhook endpoint's answer, read off its socket by httptools: the status, the first bytes
of the body, whether the connection must close; what llhttp refuses is endpoint trouble."""

import gc
import socket
import threading
from http.client import HTTPException, IncompleteRead, RemoteDisconnected

import httptools
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
    "chunked, large": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"1000\r\n" + b"c" * 4096 + b"\r\n" for _ in range(50))
        + b"0\r\n\r\n",
        (200, b"c" * 1000, False),
    ),
    "many 1xx first": (
        b"HTTP/1.1 102 Processing\r\n\r\n" * 200
        + b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        (200, b"ok", False),
    ),
    # An HTTP/1 framing with an odd version: read, and the connection not kept.
    "version 2.0": (b"HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok", (200, b"ok", True)),
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
    "more after a whole answer": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 500 X\r\n",
        (200, b"ok", True),
    ),
    "a coding but not chunked, to the end": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc",
        (200, b"abc", True),
    ),
    "switching protocols": (b"HTTP/1.1 101 Switching\r\nUpgrade: x\r\n\r\nraw", (101, b"", True)),
    "not modified": (b"HTTP/1.1 304 Not Modified\r\n\r\n", (304, b"", False)),
    "trailer past its bound": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX: "
        + b"a" * (MAX_HEAD + 70_000),
        MalformedAnswer,
    ),
    # Stricter than http.client, which reads these: a webhook endpoint's answer rarely has them.
    "refused: a folded line": (
        b"HTTP/1.1 200 OK\r\nX: a,\r\n b\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
    "refused: the same length twice": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
    "refused: a name outside ASCII": (
        b"HTTP/1.1 200 OK\r\nX-\xe9: 1\r\nContent-Length: 2\r\n\r\nok",
        MalformedAnswer,
    ),
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


class _Trickle:
    """A socket that hands over what it holds one byte a read."""

    def __init__(self, data: bytes):
        self._data = data

    def recv(self, size: int) -> bytes:
        piece, self._data = self._data[:1], self._data[1:]
        return piece


# Bytes past a whole answer are seen only when they come in its last read (else they wait
# on the socket, and a kept connection that reads as ready is dropped before its next use).
PAST_THE_ANSWER = ("no content with a stray body", "more after a whole answer")


@pytest.mark.parametrize("name", [n for n in ANSWERS if "bound" not in n])
def test_an_answer_read_a_byte_at_a_time_reads_the_same(name):
    raw, expected = ANSWERS[name]
    if name in PAST_THE_ANSWER:
        expected = (*expected[:2], False)
    if isinstance(expected, type):
        with pytest.raises(expected):
            read_answer(_Trickle(raw), keep=1000)
    else:
        assert read_answer(_Trickle(raw), keep=1000) == expected


def test_the_installed_httptools_has_the_leniency_the_reader_sets():
    """0.6.3 brought it: before, every answer would fail for good."""
    assert hasattr(httptools.HttpResponseParser, "set_dangerous_leniencies")


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


def test_reading_answers_leaves_no_garbage_for_the_cycle_collector():
    """The parser and its callbacks refer to each other: left so, every webhook would add a
    cycle, and the collector's passes over the sandbox's whole heap would come more often."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    gc.collect()
    gc.disable()
    try:
        for _ in range(50):
            with _fed(answer) as sock:
                read_answer(sock, keep=10)
        assert gc.collect() == 0
    finally:
        gc.enable()
