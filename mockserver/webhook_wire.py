"""One HTTP/1.1 exchange on a connected socket, written and read as ``http.client`` does.

``http.client`` writes a request's head and body in two sends and parses each answer's
header lines with the ``email`` package, a fresh buffered file per answer: about half of a
webhook's CPU in the sandbox. Here the head is built with the same checks (so the same
requests are refused, with the same errors), goes out with the body in one send, and the
answer is read with the same rules (status line, ``100 Continue``, header lines as the
``email`` parser splits and keeps them, body framing, when the connection closes), raising
the same exceptions with the same messages::

    sock.sendall(request_head("POST", "/hook", "example.test", headers, body) + body)
    status, kept, closing = read_answer(sock, "POST", keep=1000)
"""

import re
import socket
from functools import lru_cache
from http.client import (
    BadStatusLine,
    HTTPException,
    IncompleteRead,
    InvalidURL,
    LineTooLong,
    RemoteDisconnected,
    UnknownProtocol,
)

_MAXLINE, _MAXHEADERS = 65536, 100  # http.client's limits
_CHUNK = 64 * 1024
# http.client's checks of what it writes.
_BAD_METHOD = re.compile("[\x00-\x1f]")
_BAD_TARGET = re.compile("[\x00-\x20\x7f]")
_LEGAL_NAME = re.compile(rb"[^:\s][^:\r\n]*").fullmatch
_ILLEGAL_VALUE = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])").search
# How the email parser splits header lines, and which lines it takes for headers.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_HEADER = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])").match
# Header lines the email parser keeps as they are (a name, a value, CRLF), and the blank line:
# the usual answer, read at once.
_PLAIN_HEAD = re.compile(rb"(?:[\041-\071\073-\176]+:[^\r\n]*\r\n){0,%d}\r\n" % (_MAXHEADERS - 1))
_PLAIN_FIELD = re.compile(r"([^:\r\n]+):[ \t]*([^\r\n]*)\r\n")


@lru_cache(maxsize=1024)  # the same few origins, once per delivery
def host_header(scheme: str, host: str, port: int) -> bytes:
    """The ``Host`` line ``http.client`` writes for a connection to ``host`` and ``port``."""
    try:
        encoded = host.encode("ascii")
    except UnicodeEncodeError:
        encoded = host.encode("idna")
    if ":" in host:  # an IPv6 address
        encoded = b"[" + encoded + b"]"
    if port == (443 if scheme == "https" else 80):
        return _header_line("Host", encoded)
    return _header_line("Host", f"{encoded.decode('ascii')}:{port}")


def request_head(method: str, target: str, host_line: bytes, headers: dict, body: bytes) -> bytes:
    """The request line and header lines, ending with the blank line; ValueError,
    UnicodeError or InvalidURL (as ``http.client`` raises them) for what cannot be sent."""
    lines = [_request_line(method, target or "/"), host_line]
    for name, value in headers.items():
        lines.append(_header_line(name, value))
    if body or method not in ("GET", "HEAD"):
        lines.append(b"Content-Length: %d" % len(body))
    lines.append(b"\r\n")
    return b"\r\n".join(lines)


@lru_cache(maxsize=1024)  # the same few methods and paths, once per delivery
def _request_line(method: str, target: str) -> bytes:
    if match := _BAD_METHOD.search(method):
        raise ValueError(
            f"method can't contain control characters. {method!r} (found at least "
            f"{match.group()!r})"
        )
    if match := _BAD_TARGET.search(target):
        raise InvalidURL(
            f"URL can't contain control characters. {target!r} (found at least {match.group()!r})"
        )
    return f"{method} {target} HTTP/1.1".encode("ascii")


def _header_line(name, value) -> bytes:
    name = _header_name(name)
    if hasattr(value, "encode"):
        value = value.encode("latin-1")
    elif isinstance(value, int):
        value = str(value).encode("ascii")
    if _ILLEGAL_VALUE(value):
        raise ValueError(f"Invalid header value {value!r}")
    return name + b": " + value


@lru_cache(maxsize=1024)  # the same few names, at every delivery
def _header_name(name) -> bytes:
    if hasattr(name, "encode"):
        name = name.encode("ascii")
    if not _LEGAL_NAME(name):
        raise ValueError(f"Invalid header name {name!r}")
    return name


class _Reader:
    """A socket read as ``http.client``'s buffered file reads it (lines, exact sizes)."""

    __slots__ = ("_at", "_data", "_sock")

    def __init__(self, sock: socket.socket):
        self._sock, self._data, self._at = sock, b"", 0

    def _fill(self) -> bool:
        chunk = self._sock.recv(_CHUNK)
        if chunk:
            self._data, self._at = self._data[self._at :] + chunk, 0
        return bool(chunk)

    def line(self) -> bytes:
        """The next line, its end included: at most ``_MAXLINE + 1`` bytes, fewer without
        an end only when the stream ends."""
        while True:
            end = self._data.find(b"\n", self._at, self._at + _MAXLINE + 1)
            if end >= 0:
                return self._take(end + 1 - self._at)
            if len(self._data) - self._at > _MAXLINE or not self._fill():
                return self._take(_MAXLINE + 1)

    def read(self, size: int) -> bytes:
        """``size`` bytes, fewer only when the stream ends."""
        while len(self._data) - self._at < size and self._fill():
            pass
        return self._take(size)

    def plain_fields(self) -> dict[str, str] | None:
        """The header lines read at once when the buffer holds them all as plain lines, by
        lower-case name (values lowered too: only their case-blind meaning is read), the
        first of each name as ``_fields`` keeps it; None: read them line by line."""
        head = _PLAIN_HEAD.match(self._data, self._at)
        if head is None or head.end() - self._at > _MAXLINE:
            return None
        self._at = head.end()
        return dict(reversed(_PLAIN_FIELD.findall(head.group().decode("iso-8859-1").lower())))

    def _take(self, size: int) -> bytes:
        piece = self._data[self._at : self._at + size]
        self._at += len(piece)
        return piece


def read_answer(sock: socket.socket, method: str, keep: int) -> tuple[int, bytes, bool]:
    """The status, the first ``keep`` bytes of the body, and whether the connection must
    close now (the answer said so or ends with it)."""
    reader = _Reader(sock)
    while True:
        version, status = _status_line(reader)
        if status != 100:
            break
        _header_lines(reader)
    if version in ("HTTP/1.0", "HTTP/0.9"):
        modern = False
    elif version.startswith("HTTP/1."):
        modern = True
    else:
        raise UnknownProtocol(version)
    fields = reader.plain_fields()
    if fields is None:
        fields = _fields(b"".join(_header_lines(reader)).decode("iso-8859-1"))
    coding = fields.get("transfer-encoding")
    chunked = bool(coding) and coding.lower() == "chunked"
    closing = _closes(modern, fields)
    length = None
    if (declared := fields.get("content-length")) and not chunked:
        try:
            length = int(declared)
        except ValueError:
            length = None
        else:
            length = None if length < 0 else length
    if status in (204, 304) or 100 <= status < 200 or method == "HEAD":
        length = 0
    closing = closing or (not chunked and length is None)
    if method == "HEAD":
        return status, b"", closing
    if chunked:
        return status, _chunked(reader, keep), closing
    return status, _until_end(reader, keep, length), closing


def _status_line(reader: _Reader) -> tuple[str, int]:
    line = str(reader.line(), "iso-8859-1")
    if len(line) > _MAXLINE:
        raise LineTooLong("status line")
    if not line:
        raise RemoteDisconnected("Remote end closed connection without response")
    try:
        version, status, _reason = line.split(None, 2)
    except ValueError:
        try:
            version, status = line.split(None, 1)
        except ValueError:
            version = ""
    if not version.startswith("HTTP/"):
        raise BadStatusLine(line)
    try:
        code = int(status)
    except ValueError:
        raise BadStatusLine(line) from None
    if code < 100 or code > 999:
        raise BadStatusLine(line)
    return version, code


def _header_lines(reader: _Reader) -> list[bytes]:
    lines = []
    while True:
        line = reader.line()
        if len(line) > _MAXLINE:
            raise LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAXHEADERS:
            raise HTTPException(f"got more than {_MAXHEADERS} headers")
        if line in (b"\r\n", b"\n", b""):
            return lines


def _fields(block: str) -> dict[str, str]:
    """The first value of each header (by lower-case name), as the email parser keeps it:
    lines up to the first that is no header line, continuations joined, ``From `` lines
    and lines without a name left out."""
    fields: dict[str, str] = {}
    current: list[str] = []
    for line in _LINES.findall(block):
        if not _HEADER(line):
            break
        if line[0] in " \t":
            if current:
                current.append(line)
            continue
        _keep_first(fields, current)
        current = [] if line.startswith("From ") or line[0] == ":" else [line]
    _keep_first(fields, current)
    return fields


def _keep_first(fields: dict[str, str], lines: list[str]) -> None:
    if lines:
        name, value = lines[0].split(":", 1)
        value = value.lstrip(" \t") + "".join(lines[1:])
        fields.setdefault(name.lower(), value.rstrip("\r\n"))


def _closes(modern: bool, fields: dict[str, str]) -> bool:
    connection = fields.get("connection")
    if modern:
        return bool(connection) and "close" in connection.lower()
    if fields.get("keep-alive"):
        return False
    if connection and "keep-alive" in connection.lower():
        return False
    proxy = fields.get("proxy-connection")
    return not (proxy and "keep-alive" in proxy.lower())


def _until_end(reader: _Reader, keep: int, length: int | None) -> bytes:
    """A body of ``length`` bytes (None: up to the end of the stream; fewer if it ends
    first, as ``http.client`` reads it), in steps of ``_CHUNK`` bytes."""
    kept = b""
    while length != 0 and (chunk := reader.read(_CHUNK if length is None else min(_CHUNK, length))):
        if length is not None:
            length -= len(chunk)
        if len(kept) < keep:
            kept = (kept + chunk)[:keep]
    return kept


def _chunked(reader: _Reader, keep: int) -> bytes:
    """A chunked body read in ``http.client``'s steps of ``_CHUNK`` bytes (an
    ``IncompleteRead`` names what the failing step had read)."""
    kept, left = b"", None  # None: before the first chunk or after the last
    while True:
        got, wanted = [], _CHUNK
        try:
            while True:
                if not left:
                    if left is not None:
                        _exactly(reader, 2)  # the chunk's closing line end
                    left = _chunk_size(reader)
                    if left == 0:
                        _skip_trailer(reader)
                        left = None
                        break
                if wanted <= left:
                    got.append(_exactly(reader, wanted))
                    left -= wanted
                    break
                got.append(_exactly(reader, left))
                wanted -= left
                left = 0
        except IncompleteRead as exc:
            raise IncompleteRead(b"".join(got)) from exc
        step = b"".join(got)
        if len(kept) < keep:
            kept = (kept + step)[:keep]
        if left is None or not step:
            return kept


def _chunk_size(reader: _Reader) -> int:
    line = reader.line()
    if len(line) > _MAXLINE:
        raise LineTooLong("chunk size")
    semicolon = line.find(b";")
    try:
        return int(line[:semicolon] if semicolon >= 0 else line, 16)
    except ValueError:
        raise IncompleteRead(b"") from None


def _exactly(reader: _Reader, size: int) -> bytes:
    data = reader.read(size)
    if len(data) < size:
        raise IncompleteRead(data, size - len(data))
    return data


def _skip_trailer(reader: _Reader) -> None:
    while True:
        line = reader.line()
        if len(line) > _MAXLINE:
            raise LineTooLong("trailer line")
        if line in (b"\r\n", b"\n", b""):
            return
