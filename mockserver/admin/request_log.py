"""The request journal over HTTP: recording each emulated-API request, listing, clearing.

Control requests (``/_mock``) are never journaled, so a test's own setup and inspection
calls do not show up among what its code sent.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from flask import Request, Response, jsonify
from marshmallow import RAISE, Schema, fields, validate
from werkzeug.datastructures import EnvironHeaders
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_options_header

from mockserver.clock import format_iso_ms
from mockserver.journal import (
    LISTING_BYTES,
    MAX_BODY_BYTES,
    MAX_HEADER_CHARS,
    MAX_HEADERS,
    MAX_METHOD_CHARS,
    MAX_MIMETYPE_CHARS,
    MAX_TENANT_CHARS,
    MAX_URL_CHARS,
    cap_headers,
    clip,
    fingerprint,
    tenant_digest,
)
from mockserver.openapi import documented
from mockserver.provider_contract import Provider
from mockserver.redaction import redact, redact_query_string
from mockserver.runtime import Runtime, current_runtime

from .answers import DeletedAnswer, RequestsAnswer
from .http import read_query
from .journal_view import shown_entry, utf8_json
from .routes import bp

_ENVELOPE_BYTES = 128  # '{"requests":[' and the counts after the entries
_SEQUENCES = (list, tuple)
_COMMITS_BEFORE = "mockserver.commits_before"  # the WSGI environ key keep_for_journal sets
# The WSGI environ keys of headers sent without the HTTP_ prefix.
_CONTENT_KEYS = ("CONTENT_TYPE", "CONTENT_LENGTH")


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
@documented(query=JournalQuery, answers={200: RequestsAnswer}, errors=(400,))
def list_requests():
    """Journaled requests, oldest first, filtered by ``JournalQuery``: the newest that fit in
    ``LISTING_BYTES``, with ``omitted`` counting the older matches left out."""
    filters = read_query(JournalQuery())
    journal = current_runtime().journal
    if "path" in filters:
        filters["path_prefix"] = filters.pop("path")
    limit = filters.pop("limit", None)
    found = journal.select(**filters)
    rendered: list[bytes] = []
    room = LISTING_BYTES - _ENVELOPE_BYTES
    # Newest first, one entry parsed at a time, so a hostile journal costs one entry's parse.
    for kept in reversed(found[-limit:] if limit else found):
        text = utf8_json(shown_entry(kept.entry()))
        room -= len(text) + 1
        if room < 0:
            break
        rendered.append(text)
    rendered.reverse()
    tail = {"capacity": journal.capacity, "dropped": journal.dropped}
    tail["omitted"] = len(found) - len(rendered)
    body = b'{"requests":[' + b",".join(rendered) + b"]," + utf8_json(tail)[1:] + b"\n"
    return Response(body, mimetype="application/json")


@bp.delete("/_mock/requests")
@documented(answers={200: DeletedAnswer})
def clear_requests():
    """Forget every journaled request."""
    return jsonify(deleted=current_runtime().journal.clear())


def keep_for_journal(runtime: Runtime, current: Request) -> None:
    """Before the view: read the body before it parses it, so the journal can show it
    afterwards, and while someone watches note the store's commits (``journal_request``
    tells watchers whether the request wrote)."""
    if _may_have_body(current.environ):
        current.get_data(cache=True)
    if runtime.live.watching:
        current.environ[_COMMITS_BEFORE] = runtime.store.commits


def journal_request(
    runtime: Runtime, provider: Provider | None, current: Request, response: Response
) -> None:
    """Append ``current``, the request being answered, with its answer's status and body, to
    the journal.

    Only raw, bounded pieces are kept (``JournaledRequest``); redacting,
    parsing and formatting them is left to the listing.
    """
    tenant, name, secret_headers, secret_tenant = None, None, (), False
    if provider is not None:
        tenant = provider.tenant_of(runtime.backend(provider.name), current)
        name, secret_headers = provider.name, provider.secret_headers
        secret_tenant = provider.secret_tenants
    at = runtime.clock.now()
    kept = JournaledRequest(
        at=at,
        method=current.method,
        path=current.path,
        query_string=current.query_string,
        environ=current.environ,
        body=_body(current),
        status=response.status_code,
        response_body=_response_body(current, response),
        response_type=response.content_type,
        provider=name,
        secret_headers=secret_headers,
        tenant=tenant,
        secret_tenant=secret_tenant,
    )
    runtime.journal.add(kept)
    if runtime.live.watching:  # the entry's fields are worked out only for a watcher
        runtime.announce.publish(
            "request",
            name,
            {
                "id": kept.id,
                "method": kept.method,
                "path": kept.path,
                "status": kept.status,
                "at": format_iso_ms(at),
                # Whether it stored anything (a transaction of another request or of the
                # scheduler committing meanwhile counts too: a page refreshes once more).
                "wrote": current.environ.get(_COMMITS_BEFORE, -1) != runtime.store.commits,
            },
            tenant,
        )


def _may_have_body(environ) -> bool:
    """False for a request without a body: a ``Content-Length`` of 0 or none and no
    ``Transfer-Encoding`` (RFC 9112 6.3: such a request's body is empty). werkzeug's server
    always sets ``CONTENT_LENGTH`` (empty when none was sent); waitress sets it only when a
    body was sent, dechunked bodies included."""
    return environ.get("CONTENT_LENGTH", "") not in ("", "0") or "HTTP_TRANSFER_ENCODING" in environ


def _body(current: Request) -> bytes:
    if not _may_have_body(current.environ):
        return b""
    try:
        return current.get_data(cache=True)
    except HTTPException:  # refused unread (413): nothing to show
        return b""


def _response_body(current: Request, response: Response) -> bytes:
    """The body the client received: none for HEAD, 1xx, 204 and 304, nor for a streamed
    response (the emulated APIs answer none: reading one here would consume it)."""
    chunks = response.response
    status = response.status_code
    # werkzeug sends no body for these (RFC 9110 6.4.1), whatever the response holds.
    if current.method == "HEAD" or status < 200 or status in (204, 304):
        return b""
    if not isinstance(chunks, _SEQUENCES):
        return b""
    if len(chunks) == 1 and type(chunks[0]) is bytes:  # what Flask's JSON responses hold
        return chunks[0]
    return response.get_data()


class JournaledRequest:
    """One request as the request path leaves it: raw pieces, each bounded, and redacted,
    parsed and formatted only when read (``entry``).

    Kept as sent: the time, the query string's bytes (up to ``MAX_URL_CHARS`` of them), the
    header items of the WSGI environ (while they add up to ``MAX_HEADER_CHARS`` in at most
    ``MAX_HEADERS`` items) and the tenant (up to ``MAX_TENANT_CHARS``). Past those bounds a
    piece is redacted, cut and formatted at once, as ``entry`` would, and only the result is
    kept, so a hostile request still costs at most ``ENTRY_BYTES``. Secrets (credential
    headers, secret-named query parameters, a secret tenant's name) may be held raw in this
    process's memory, but every view of an entry (``entry``, the journal's filters) redacts
    them as before.
    """

    __slots__ = (
        "_also",
        "_at",
        "_body",
        "_body_truncated",
        "_digest",
        "_headers",
        "_headers_truncated",
        "_mimetype",
        "_query",
        "_query_truncated",
        "_response",
        "_response_truncated",
        "_response_type",
        "_secret_tenant",
        "_tenant",
        "id",
        "method",
        "path",
        "provider",
        "status",
    )

    def __init__(
        self,
        *,
        at: datetime,
        method: str,
        path: str,
        query_string: bytes,
        environ: Mapping[str, Any],
        body: bytes,
        status: int,
        provider: str | None,
        secret_headers: tuple[str, ...] = (),
        tenant: str | None = None,
        secret_tenant: bool = False,
        response_body: bytes = b"",
        response_type: str | None = None,
    ):
        self.id = 0  # numbered by the journal
        self._at = at
        self.method = clip(method, MAX_METHOD_CHARS)
        self.path = clip(path, MAX_URL_CHARS)
        self.status = status
        self.provider = provider
        self._also = secret_headers
        self._secret_tenant = secret_tenant
        self._body_truncated = len(body) > MAX_BODY_BYTES
        self._body = body[:MAX_BODY_BYTES] if self._body_truncated else body
        self._response_truncated = len(response_body) > MAX_BODY_BYTES
        self._response = (
            response_body[:MAX_BODY_BYTES] if self._response_truncated else response_body
        )
        # The sandbox's own Content-Type, short; cut so it is bounded like all that is kept
        # (its media type comes first).
        self._response_type = None if response_type is None else response_type[:MAX_MIMETYPE_CHARS]
        if len(query_string) <= MAX_URL_CHARS:
            self._query, self._query_truncated = query_string, None  # redacted when read
        else:
            self._query, self._query_truncated = _shown_query(query_string)
        # The environ's header items in its order, as werkzeug's EnvironHeaders reads them.
        headers = {
            key: value
            for key, value in environ.items()
            if key[:5] == "HTTP_" or key in _CONTENT_KEYS
        }
        if (
            len(headers) <= MAX_HEADERS
            and sum(map(len, headers)) + sum(map(len, headers.values())) <= MAX_HEADER_CHARS
        ):
            self._headers, self._headers_truncated, self._mimetype = headers, None, None
        else:
            self._headers, self._headers_truncated, self._mimetype = _shown_headers(
                headers, secret_headers
            )
        if tenant is None or len(tenant) <= MAX_TENANT_CHARS:
            self._tenant, self._digest = tenant, None  # as named: fingerprinted when read
        else:
            self._tenant = fingerprint(tenant) if secret_tenant else clip(tenant, MAX_TENANT_CHARS)
            self._digest = tenant_digest(tenant)

    def is_tenant(self, name: str, digest: bytes) -> bool:
        """Whether the request acted for tenant ``name`` (whose ``tenant_digest`` is
        ``digest``)."""
        return self._tenant == name if self._digest is None else self._digest == digest

    def entry(self) -> dict:
        """The entry as the journal shows it: headers and query string redacted and cut,
        the tenant as its fingerprint when secret (and its digest), the time formatted."""
        if self._query_truncated is None:
            query_string, query_truncated = _shown_query(self._query)
        else:
            query_string, query_truncated = self._query, self._query_truncated
        if self._headers_truncated is None:
            headers, headers_truncated, mimetype = _shown_headers(self._headers, self._also)
        else:
            headers, headers_truncated = self._headers, self._headers_truncated
            mimetype = self._mimetype
        tenant, digest = self._tenant, self._digest
        if tenant is not None and digest is None:
            digest = tenant_digest(tenant)
            tenant = fingerprint(tenant) if self._secret_tenant else tenant
        entry = {
            "id": self.id,
            "at": format_iso_ms(self._at),
            "method": self.method,
            "path": self.path,
            "query_string": query_string,
            "query_truncated": query_truncated,
            "headers": headers,
            "headers_truncated": headers_truncated,
            "body": self._body,
            "body_truncated": self._body_truncated,
            "mimetype": mimetype,
            "status": self.status,
            "provider": self.provider,
            "tenant": tenant,
            "response": {
                "body": self._response,
                "body_truncated": self._response_truncated,
                "mimetype": _mimetype(self._response_type or ""),
            },
        }
        if digest is not None:
            entry["tenant_digest"] = digest
        return entry


def _shown_query(raw: bytes) -> tuple[str, bool]:
    """A raw query string as listed: decoded, secret values redacted, cut to
    ``MAX_URL_CHARS``; and whether it was cut."""
    shown = redact_query_string(raw.decode("utf-8", "replace"))
    return clip(shown, MAX_URL_CHARS), len(shown) > MAX_URL_CHARS


def _shown_headers(
    environ_headers: Mapping[str, str], also: Iterable[str]
) -> tuple[dict[str, str], bool, str]:
    """WSGI environ header items as listed: named as werkzeug names them, redacted and capped
    (``cap_headers``); whether any was cut; and the request's mimetype."""
    headers = EnvironHeaders(environ_headers)
    shown, truncated = cap_headers(redact(headers.items(), also))
    return shown, truncated, _mimetype(headers.get("Content-Type", ""))


def _mimetype(content_type: str) -> str:
    """A Content-Type's media type, lower-cased and cut to ``MAX_MIMETYPE_CHARS``."""
    return clip(parse_options_header(content_type)[0].lower(), MAX_MIMETYPE_CHARS)
