"""A webhook request's head, written as ``http.client`` writes it, for one send.

``http.client`` writes a request's head and body in two sends. Here the head is built with
its checks (so the same requests are refused, with the same errors) and goes out with the
body in one send; ``mockserver.webhook_answer`` reads the answer::

    sock.sendall(request_head("POST", "/hook", host_line, headers, body) + body)
"""

import re
from functools import lru_cache
from http.client import InvalidURL

# http.client's checks of what it writes.
_BAD_METHOD = re.compile("[\x00-\x1f]")
_BAD_TARGET = re.compile("[\x00-\x20\x7f]")
_LEGAL_NAME = re.compile(rb"[^:\s][^:\r\n]*").fullmatch
_ILLEGAL_VALUE = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])").search


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
