"""How the request journal lists an entry: bodies shown as text or base64, the query, form
and JSON bodies parsed, the secret-named values of JSON and form bodies (the request's and
the response's) redacted; all of it only when listed, off the path of the request that was
recorded."""

import json
import math
from urllib.parse import parse_qsl

from flask import current_app

from mockserver.journal import shown_body
from mockserver.redaction import redact_json_text, redact_query, redact_query_string

FORM = "application/x-www-form-urlencoded"
_UNLISTED = frozenset({"mimetype", "tenant_digest", "query_truncated", "response"})


def utf8_json(value) -> bytes:
    """``value`` as compact JSON in UTF-8: a character above 0x7F takes its 2 to 4 UTF-8
    bytes, not a 6-byte ``\\u00ff`` escape (12 beyond the BMP)."""
    text = current_app.json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # A lone surrogate (from a test client's path or tenant) has no UTF-8 form; its
    # backslash escape is the JSON escape ASCII output would have written.
    return text.encode("utf-8", "backslashreplace")


def shown_entry(entry: dict) -> dict:
    """An entry as listed: ``query``, ``form`` and ``json`` parsed (``query`` is None when
    the query string was cut); the body as text, or as base64 when it is not UTF-8 text
    (``body_base64``); and the ``response`` the sandbox gave (``shown_response``)."""
    shown = {}
    for key, value in entry.items():
        if key in _UNLISTED:
            continue
        shown[key] = value
        if key == "query_string":
            whole = not entry["query_truncated"]
            shown["query"] = redact_query(_form(value)) if whole else None
        elif key == "body":
            shown["body"], shown["body_base64"] = shown_body(
                value, truncated=entry["body_truncated"]
            )
    mimetype = entry["mimetype"]
    if not shown["body_base64"]:
        shown["body"] = _redacted(shown["body"], mimetype)
    text = None if shown["body_base64"] or entry["body_truncated"] else shown["body"]
    shown["form"] = _form(text) if text is not None and mimetype == FORM else None
    shown["json"] = _json(text) if text is not None and _is_json(mimetype) else None
    shown["response"] = shown_response(entry.get("response"))
    return shown


def shown_response(response: dict | None) -> dict | None:
    """A response as listed: its mimetype, its body as text (a JSON body with the values of
    secret-named members redacted: ``redact_json_text``) or as base64, and ``json`` parsed
    from that text when it is JSON and whole."""
    if response is None:
        return None
    truncated = response["body_truncated"]
    text, as_base64 = shown_body(response["body"], truncated=truncated)
    is_json = _is_json(response["mimetype"])
    if not as_base64:
        text = _redacted(text, response["mimetype"])
    return {
        "mimetype": response["mimetype"],
        "body": text,
        "body_base64": as_base64,
        "body_truncated": truncated,
        "json": _json(text) if is_json and not (as_base64 or truncated) else None,
    }


def _redacted(text: str, mimetype: str) -> str:
    """A body's text with its secret-named values redacted: a JSON body's members
    (``redact_json_text``), a form's parameters (``redact_query_string``)."""
    if _is_json(mimetype):
        return redact_json_text(text)
    return redact_query_string(text) if mimetype == FORM else text


def _form(body: str) -> dict:
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        values.setdefault(key, []).append(value)
    return _flatten(values)


def _is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def _json(body: str):
    if not body:
        return None
    try:
        return json.loads(body, parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, RecursionError):
        return None  # NaN or Infinity would make the whole listing invalid JSON


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):  # 1e999 would be written back as Infinity
        raise ValueError(f"{text} is out of range")
    return value


def _flatten(values: dict[str, list[str]]) -> dict[str, str | list[str]]:
    """One value as itself, repeated keys as a list."""
    return {key: items[0] if len(items) == 1 else items for key, items in values.items()}
