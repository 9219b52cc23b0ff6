"""Reading a webhook endpoint's answer off its socket with httptools (llhttp, the parser
Node.js and uvicorn use): its status, the first bytes of its body, and whether the
connection must close. A tenth of ``http.client``'s CPU per answer, and no parser of our own.

    status, kept, closing = read_answer(sock, keep=1000)

An answer llhttp refuses (a malformed status line or header, a bad chunk) raises
``MalformedAnswer``, an ``http.client.HTTPException``, so the sender retries it as it
retries any endpoint trouble; a connection closed before any answer raises
``RemoteDisconnected`` as ``http.client`` does.
"""

import socket
from http.client import HTTPException, IncompleteRead, RemoteDisconnected

import httptools

_CHUNK = 64 * 1024
# llhttp keeps no bound of its own on a status line or headers (httptools gathers each
# header whole): an endpoint's head past this is refused, as http.client refuses a line past
# 64 KiB. Real answers' heads take well under 16 KiB.
MAX_HEAD = 256 * 1024


class MalformedAnswer(HTTPException):
    """The endpoint's answer is not HTTP/1.x that llhttp accepts."""


class _Answer:
    """The parser's callbacks: the answer after any ``1xx``, kept as it arrives."""

    __slots__ = (
        "complete",
        "final",
        "framed",
        "head",
        "headed",
        "keep",
        "keep_alive",
        "kept",
        "parser",
        "room",
        "trailing",
    )

    def __init__(self, keep: int):
        self.keep, self.kept, self.room = keep, [], keep
        self.complete = self.final = self.framed = self.headed = False
        self.keep_alive = self.trailing = False
        self.head = 0
        self.parser: httptools.HttpResponseParser | None = None

    def on_message_begin(self) -> None:
        if self.final:  # bytes past the answer: it stands, the connection cannot be reused
            self.trailing = True
            return
        self.kept, self.room = [], self.keep  # a 1xx went before: the answer starts here
        self.complete = self.framed = self.headed = False

    def on_header(self, name: bytes, value: bytes) -> None:
        self.head += len(name) + len(value)
        if self.head > MAX_HEAD:
            raise MalformedAnswer(f"the answer's head runs past {MAX_HEAD} bytes")
        if not self.final and name.lower() in (b"content-length", b"transfer-encoding"):
            self.framed = True  # its end is known: the connection closing first cuts it

    def on_headers_complete(self) -> None:
        if self.final:
            return
        self.headed = True
        # Read now: once the message completes, llhttp has reset for the next one.
        self.keep_alive = self.parser.should_keep_alive()

    def on_body(self, data: bytes) -> None:
        if self.room > 0 and not self.final:
            piece = data[: self.room]
            self.kept.append(piece)
            self.room -= len(piece)

    def on_message_complete(self) -> None:
        if not self.final:
            status = self.parser.get_status_code()
            self.complete, self.final = True, not 100 <= status < 200 or status == 101


def read_answer(sock: socket.socket, keep: int) -> tuple[int, bytes, bool]:
    """The final answer's status (past any ``1xx``), the first ``keep`` bytes of its body,
    and whether the connection must close now (the answer said so, ends with it, or more
    came after it)."""
    answer = _Answer(keep)
    parser = answer.parser = httptools.HttpResponseParser(answer)
    # Lines ended by a bare LF, as http.client takes them; nothing else is let through.
    parser.set_dangerous_leniencies(lenient_optional_cr_before_lf=True)
    ended = _read(sock, parser, answer)
    status = parser.get_status_code()
    if status < 100:  # llhttp reads any three digits; http.client refuses these too
        raise MalformedAnswer(f"malformed answer: status {status}")
    closing = ended or answer.trailing or not answer.keep_alive
    return status, b"".join(answer.kept), closing


def _read(sock, parser, answer: _Answer) -> bool:
    """Feed the parser until the final answer is complete, or the connection ends (True)."""
    received = 0
    while not answer.final:
        if received > MAX_HEAD and not answer.headed:
            raise MalformedAnswer(f"the answer's head runs past {MAX_HEAD} bytes")
        data = sock.recv(_CHUNK)
        if not data:
            if not received or not answer.headed or answer.complete:  # past a 1xx too
                raise RemoteDisconnected("Remote end closed connection without a whole answer")
            if answer.framed:
                raise IncompleteRead(b"".join(answer.kept))
            return True  # an answer without a length ends with the connection
        received += len(data)
        try:
            parser.feed_data(data)
        except httptools.HttpParserUpgrade:  # 101: the connection is no longer HTTP
            return True
        except httptools.HttpParserCallbackError as exc:
            raise exc.__context__ or MalformedAnswer(str(exc)) from None
        except httptools.HttpParserError as exc:
            if answer.final:  # garbage past a whole answer: it stands
                return True
            raise MalformedAnswer(f"malformed answer: {exc}") from None
    return False
