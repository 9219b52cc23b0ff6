"""The request journal over HTTP: recording each emulated-API request, listing, clearing.

Control requests (``/_mock``) are never journaled, so a test's own setup and inspection
calls do not show up among what its code sent.
"""

import json
import math
from urllib.parse import parse_qsl

from flask import Response, current_app, jsonify, request
from marshmallow import RAISE, Schema, fields, validate
from werkzeug.exceptions import HTTPException

from mockserver.clock import format_iso_ms
from mockserver.journal import (
    LISTING_BYTES,
    MAX_BODY_BYTES,
    MAX_METHOD_CHARS,
    MAX_MIMETYPE_CHARS,
    MAX_URL_CHARS,
    cap_headers,
    clip,
    redact,
    redact_query,
    redact_query_string,
    shown_body,
)
from mockserver.provider_contract import Provider
from mockserver.runtime import Runtime, current_runtime

from .http import read_query
from .routes import bp

FORM = "application/x-www-form-urlencoded"
_ENVELOPE_BYTES = 128  # '{"requests":[' and the counts after the entries
_UNLISTED = frozenset({"mimetype", "tenant_digest", "query_truncated"})


class JournalQuery(Schema):
    """``GET /_mock/requests`` filters."""

    class Meta:
        unknown = RAISE

    method = fields.String()
    path = fields.String(data_key="path_prefix")
    provider = fields.String()
    tenant = fields.String()
    status = fields.Integer(strict=False)
    limit = fields.Integer(strict=False, validate=validate.Range(min=1))


@bp.get("/_mock/requests")
def list_requests():
    """Journaled requests, oldest first, filtered by ``JournalQuery``: the newest that fit in
    ``LISTING_BYTES``, with ``omitted`` counting the older matches left out."""
    filters = read_query(JournalQuery())
    journal = current_runtime().journal
    if "path" in filters:
        filters["path_prefix"] = filters.pop("path")
    limit = filters.pop("limit", None)
    found = journal.entries(**filters)
    rendered: list[bytes] = []
    room = LISTING_BYTES - _ENVELOPE_BYTES
    # Newest first, one entry parsed at a time, so a hostile journal costs one entry's parse.
    for entry in reversed(found[-limit:] if limit else found):
        text = _utf8_json(_parsed(entry))
        room -= len(text) + 1
        if room < 0:
            break
        rendered.append(text)
    rendered.reverse()
    tail = {"capacity": journal.capacity, "dropped": journal.dropped}
    tail["omitted"] = len(found) - len(rendered)
    body = b'{"requests":[' + b",".join(rendered) + b"]," + _utf8_json(tail)[1:] + b"\n"
    return Response(body, mimetype="application/json")


@bp.delete("/_mock/requests")
def clear_requests():
    """Forget every journaled request."""
    return jsonify(deleted=current_runtime().journal.clear())


def keep_body() -> None:
    """Read the body before a view parses it, so the journal can show it afterwards."""
    request.get_data(cache=True)


def journal_request(runtime: Runtime, provider: Provider | None, response: Response) -> None:
    """Append the current request, with its answer's status, to the journal.

    Only bounded slices of the request are kept (``mockserver.journal`` lists the bounds);
    parsing the query and body is left to the listing.
    """
    tenant = None
    if provider is not None:
        tenant = provider.tenant_of(runtime.backend(provider.name), request)
    raw = _body()
    query_string = redact_query_string(request.query_string.decode("utf-8", "replace"))
    headers, headers_truncated = cap_headers(
        redact(request.headers.items(), provider.secret_headers if provider else ())
    )
    runtime.journal.record(
        {
            "at": format_iso_ms(runtime.clock.now()),
            "method": clip(request.method, MAX_METHOD_CHARS),
            "path": clip(request.path, MAX_URL_CHARS),
            "query_string": clip(query_string, MAX_URL_CHARS),
            "query_truncated": len(query_string) > MAX_URL_CHARS,
            "headers": headers,
            "headers_truncated": headers_truncated,
            "body": raw[:MAX_BODY_BYTES],
            "body_truncated": len(raw) > MAX_BODY_BYTES,
            "mimetype": clip(request.mimetype, MAX_MIMETYPE_CHARS),
            "status": response.status_code,
            "provider": provider.name if provider else None,
            "tenant": tenant,
        },
        secret_tenant=provider is not None and provider.secret_tenants,
    )


def _body() -> bytes:
    try:
        return request.get_data(cache=True)
    except HTTPException:  # refused unread (413): nothing to show
        return b""


def _utf8_json(value) -> bytes:
    """``value`` as compact JSON in UTF-8: a character above 0x7F takes its 2 to 4 UTF-8
    bytes, not a 6-byte ``\\u00ff`` escape (12 beyond the BMP)."""
    text = current_app.json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # A lone surrogate (from a test client's path or tenant) has no UTF-8 form; its
    # backslash escape is the JSON escape ASCII output would have written.
    return text.encode("utf-8", "backslashreplace")


def _parsed(entry: dict) -> dict:
    """An entry as listed: ``query``, ``form`` and ``json`` parsed only now, off the path of
    the request that was recorded (``query`` is None when the query string was cut); the
    body as text, or as base64 when it is not UTF-8 text (``body_base64``)."""
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
    text = None if shown["body_base64"] or entry["body_truncated"] else shown["body"]
    shown["form"] = _form(text) if text is not None and entry["mimetype"] == FORM else None
    shown["json"] = _json(text) if text is not None and _is_json(entry["mimetype"]) else None
    return shown


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
