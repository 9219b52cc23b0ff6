"""Hiding credentials from what the sandbox shows of a request: headers, query parameters,
form and JSON bodies whose names say they hold a secret (``SECRET_MARKERS``).

    redact([("Authorization", "Basic …")])          # {"Authorization": "[redacted]"}
    redact_query_string("api_key=k&page=2")          # "api_key=[redacted]&page=2"
    redact_json_text('{"auth_token": "t", "n": 1}')  # '{"auth_token": "[redacted]", "n": 1}'
"""

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import unquote_plus

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# Credentials hide under many names; a header or query parameter whose name contains one of
# these (case-insensitive, "_" read as "-") is redacted even when no provider declared it.
SECRET_MARKERS = ("api-key", "apikey", "secret", "password", "signature", "token")
# A JSON string (or the start of one that the body's bound cut, maybe right after a
# backslash: without ``\\?`` such a tail matches nowhere and each of its quotes starts a scan
# to the end), or a bracket. Unrolled, so each string is read once.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)
_SCALAR = re.compile(r"[^,\]}\s]*")
_COLON = re.compile(r"\s*:\s*")
# What any secret name holds, or an escape that could hide one: text without either has no
# secret-named member, and is listed without a scan.
_MAYBE_SECRET = re.compile(r"api[-_]?key|secret|password|signature|token|\\u", re.IGNORECASE)
_REDACTED_STRING = '"' + REDACTED + '"'


def is_secret_name(name: str) -> bool:
    """Whether a header or parameter name contains one of ``SECRET_MARKERS``."""
    lowered = name.lower().replace("_", "-")
    return any(marker in lowered for marker in SECRET_MARKERS)


def redact(headers: Iterable[tuple[str, str]], also: Iterable[str] = ()) -> dict[str, str]:
    """Headers as a dict, with credentials replaced by ``[redacted]``.

    Redacted: ``Authorization``, ``Proxy-Authorization``, ``Cookie``, every name in ``also``
    (case-insensitive) and every name containing one of ``SECRET_MARKERS``.
    """
    secret = SECRET_HEADERS | {name.lower() for name in also}
    shown = {}
    for name, value in headers:
        hidden = name.lower() in secret or is_secret_name(name)
        shown[name] = REDACTED if hidden else value
    return shown


def redact_query(query: Mapping[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Parsed query parameters with the values of secret-named ones (``api_key``, ``token``,
    ``client_secret``, …) replaced by ``[redacted]`` (a list stays a list)."""
    return {
        name: ([REDACTED] * len(value) if isinstance(value, list) else REDACTED)
        if is_secret_name(name)
        else value
        for name, value in query.items()
    }


def redact_query_string(query_string: str) -> str:
    """The raw query string with the values of secret-named parameters replaced by
    ``[redacted]``; every other byte is kept as sent."""
    pieces = []
    for piece in query_string.split("&"):
        name, separator, _value = piece.partition("=")
        hidden = separator and is_secret_name(unquote_plus(name))
        pieces.append(f"{name}={REDACTED}" if hidden else piece)
    return "&".join(pieces)


def redact_json_text(text: str) -> str:
    """JSON text, perhaps cut short, with the value of every member whose name is
    secret-named (``is_secret_name``: ``auth_token``, ``api_key``, ``signing_secret``, …)
    replaced by ``"[redacted]"``, at any depth; every other character is kept as written.

    It reads the text as JSON strings and brackets: a string followed by ``:`` is a member's
    name, and what follows the colon its value: a string, an array or object to its closing
    bracket, or a number or literal (``null`` is kept: it holds nothing). A value cut short
    by the body's bound is redacted to the end.
    """
    if not _MAYBE_SECRET.search(text):
        return text
    pieces, kept_to = [], 0
    tokens = _TOKENS.finditer(text)
    for token in tokens:
        if token.start() < kept_to:  # inside a value just redacted (a scalar's tail)
            continue
        colon = token.group()[0] == '"' and _COLON.match(text, token.end())
        if not colon or not is_secret_name(_member_name(token.group())):
            continue
        start = colon.end()
        first = text[start : start + 1]
        if first == '"':
            end = next(tokens).end()  # the value's own string token starts right here
        elif first in ("[", "{"):
            end = _container_end(tokens, len(text))
        else:
            end = _SCALAR.match(text, start).end()
            if text[start:end] in ("", "null"):
                continue
        pieces += (text[kept_to:start], _REDACTED_STRING)
        kept_to = end
    return "".join(pieces) + text[kept_to:] if pieces else text


def _container_end(tokens, length: int) -> int:
    """Where the array or object whose opening bracket ``tokens`` gives next ends (strings
    skipped whole), or ``length`` when the text was cut inside it."""
    depth = 0
    for token in tokens:
        mark = token.group()[0]
        if mark in "[{":
            depth += 1
        elif mark in "]}":
            depth -= 1
            if depth == 0:
                return token.end()
    return length


def _member_name(token: str) -> str:
    """A JSON string token's text (its escapes read when it is whole)."""
    if "\\" in token and len(token) > 1 and token.endswith('"'):
        try:
            return json.loads(token)
        except ValueError:
            pass
    return token.strip('"')
