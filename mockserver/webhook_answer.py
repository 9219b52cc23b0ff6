"""Reading a webhook endpoint's answer off its socket with httptools (llhttp, the parser
Node.js and uvicorn use): its status, the first bytes of its body, and whether the
connection must close. A tenth of ``http.client``'s CPU for reading an answer (about half
for a whole POST: ``bench/webhook_client.py``), and no parser of our own.

    status, kept, closing = read_answer(sock, keep=1000)

Every failure is an ``http.client.HTTPException``, which the sender retries as it retries
any endpoint trouble: an answer llhttp refuses (a malformed status line or header, a bad
chunk, a head or trailer past ``MAX_HEAD``) is ``MalformedAnswer``; a connection closed
before a whole answer is ``RemoteDisconnected``, or ``IncompleteRead`` when the answer had
said where its body ends. llhttp is stricter than ``http.client``: a folded header line, a
``Content-Length`` twice or beside ``Transfer-Encoding``, a header name outside ASCII are
refused (``tests/test_webhook_answer.py`` lists them).
"""

import socket
from http.client import HTTPException, IncompleteRead, RemoteDisconnected

import httptools

_CHUNK = 64 * 1024
# llhttp keeps no bound of its own on a head or a trailer (httptools gathers each header
# whole): past this many bytes without a byte of body, an answer is refused, as http.client
# refuses a line past 64 KiB. Real answers' heads take well under 16 KiB.
MAX_HEAD = 256 * 1024


class _PastTheAnswer(Exception):
    """Raised inside the parser when a message begins after the whole answer: a signal to
    stop reading, never an error of the answer."""


class MalformedAnswer(HTTPException):
    """The endpoint's answer is not HTTP/1.x that llhttp accepts."""


class _Answer:
    """The parser's callbacks: the answer after any ``1xx``, kept as it arrives."""

    __slots__ = (
        "body_bytes",
        "complete",
        "final",
        "framed",
        "headed",
        "keep",
        "keep_alive",
        "kept",
        "parser",
        "room",
        "status",
    )

    def __init__(self, keep: int):
        self.keep, self.body_bytes = keep, 0
        self.final = self.headed = False  # the rest is set as each message begins
        self.parser: httptools.HttpResponseParser | None = None

    def on_message_begin(self) -> None:
        if self.final:  # a message past the answer: it stands, the connection cannot be reused
            # Stops the parser (as an HttpParserError); ``_read`` sees the answer final and
            # returns it, and the connection is closed rather than kept.
            raise _PastTheAnswer("more after a whole answer")
        self.kept, self.room = [], self.keep  # a 1xx may have gone before: the answer is this
        self.complete = self.framed = self.headed = False

    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        if name == b"content-length" or (
            name == b"transfer-encoding" and value.rsplit(b",", 1)[-1].strip().lower() == b"chunked"
        ):
            self.framed = True  # its end is known: the connection closing first cuts it

    def on_headers_complete(self) -> None:
        self.headed = True
        # Read now: past the message, llhttp may already parse bytes that follow it.
        self.status = self.parser.get_status_code()
        self.keep_alive = self.parser.should_keep_alive()
        if self.status < 100:  # llhttp reads any three digits; http.client refuses these too
            raise MalformedAnswer(f"malformed answer: status {self.status}")

    def on_body(self, data: bytes) -> None:
        self.body_bytes += len(data)
        if self.room > 0:
            piece = data[: self.room]
            self.kept.append(piece)
            self.room -= len(piece)

    def on_message_complete(self) -> None:
        self.complete = True
        self.final = not 100 <= self.status < 200 or self.status == 101


def read_answer(sock: socket.socket, keep: int) -> tuple[int, bytes, bool]:
    """The final answer's status (past any ``1xx``), the first ``keep`` bytes of its body,
    and whether the connection must close now (the answer said so, ends with it, or more
    came after it)."""
    answer = _Answer(keep)
    parser = answer.parser = httptools.HttpResponseParser(answer)
    # Lines ended by a bare LF, as http.client takes them; nothing else is let through.
    parser.set_dangerous_leniencies(lenient_optional_cr_before_lf=True)
    try:
        ended = _read(sock, parser, answer)
    finally:
        answer.parser = None  # the two refer to each other: freed now, not by the collector
    closing = ended or not answer.keep_alive
    return answer.status, b"".join(answer.kept), closing


def _read(sock, parser, answer: _Answer) -> bool:
    """Feed the parser until the final answer is complete, or the connection ends (True)."""
    idle = body_seen = 0
    while not answer.final:
        data = sock.recv(_CHUNK)
        if not data:
            if not answer.headed or answer.complete:  # nothing, or past a 1xx, then the end
                raise RemoteDisconnected("Remote end closed connection without a whole answer")
            if answer.framed:
                raise IncompleteRead(b"".join(answer.kept))
            return True  # an answer without a length ends with the connection
        try:
            parser.feed_data(data)
        except httptools.HttpParserUpgrade:  # 101: the connection is no longer HTTP
            return True
        except httptools.HttpParserError as exc:
            if answer.final:  # garbage past a whole answer: it stands, the connection goes
                return True
            cause = exc.__context__ if isinstance(exc, httptools.HttpParserCallbackError) else None
            if isinstance(cause, HTTPException):
                raise cause from None
            raise MalformedAnswer(f"malformed answer: {exc}") from cause
        # Bytes with no body in them (a head, a trailer, chunk framing) are bounded too.
        idle = 0 if answer.body_bytes > body_seen else idle + len(data)
        body_seen = answer.body_bytes
        if idle > MAX_HEAD and not answer.final:
            raise MalformedAnswer(f"the answer runs past {MAX_HEAD} bytes without its body")
    return False
