"""The dashboard's pages: overview, records, a record, webhooks, requests, messages.

Every page takes ``?tenant=`` (an account SID, API key or setup id): it then shows that
tenant only, and its links keep the filter, so a demo shows one customer and nothing of the
others.
"""

import contextlib
import json
import re
from urllib.parse import parse_qsl, urlencode

from flask import Response, render_template, request
from werkzeug.exceptions import HTTPException

from mockserver.admin.http import mock_error_status
from mockserver.admin.journal_view import shown_entry
from mockserver.errors import MockError
from mockserver.journal import fingerprint
from mockserver.live import KINDS, STREAM_PATH
from mockserver.runtime import current_runtime

from . import bp, pages

MAX_FILTER = 256
# A body past this is cut on the Requests page: 200 entries of two bodies stay a page.
SHOWN_BODY_CHARS = 8192
# A request that may change records: ``request:write`` keeps, of the request events, those
# that stored something (their ``wrote``); creating or editing a record publishes no other.
WRITES = "request:write"
_RECORD_EVENTS = ("transition", "message", WRITES)  # what changes a row of records or messages
# Tenants that are no secret: account SIDs and setup ids (UUIDs).
_PUBLIC_TENANT = re.compile(r"AC[0-9a-f]{32}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def page(template: str, live: tuple[str, ...] = (), **context) -> Response:
    """A rendered page (the app's default answer type is JSON) that refreshes itself on the
    ``live`` kinds of event it shows (none: it stays as rendered)."""
    unknown = {kind.partition(":")[0] for kind in live} - set(KINDS)
    if unknown:  # the stream would refuse the page's subscription: a silent dead page
        raise ValueError(f"no such event kind: {sorted(unknown)}")
    tenant = arg("tenant")
    return Response(
        render_template(
            f"dashboard/{template}",
            tenant=tenant,
            shown_tenant=_shown(tenant),
            live=live,
            triggers=", ".join(map(_trigger, live)),
            stream=_stream_url(tenant, live),
            error=arg("error"),
            **context,
        ),
        mimetype="text/html",
    )


def arg(name: str) -> str | None:
    """A query parameter, stripped and bounded; None when empty."""
    value = (request.args.get(name) or "").strip()[:MAX_FILTER]
    return value or None


@bp.get("/")
def overview():
    """The clock, record counts, deliveries and the scheduler."""
    view = pages.overview(current_runtime(), arg("tenant"))
    return page("overview.html", ("transition", "delivery", "message", "clock", WRITES), view=view)


@bp.get("/records")
def records():
    """Records of every provider and kind, filterable."""
    runtime = current_runtime()
    filters = _filters()
    rows = pages.records(runtime, filters)
    kinds = _listed_kinds()
    return page("records.html", _RECORD_EVENTS, rows=rows, filters=filters, kinds=kinds)


@bp.get("/records/<record_id>")
def record(record_id: str):
    """One record: fields, plan, timeline, actions."""
    view = pages.record(current_runtime(), record_id, arg("tenant"))
    return page("record.html", ("transition", "delivery", WRITES), view=view)


@bp.get("/webhooks")
def webhooks():
    """The delivery log with attempts and signed payloads."""
    state = arg("state")
    found = pages.webhooks(current_runtime(), arg("tenant"), state)
    return page("webhooks.html", ("delivery",), deliveries=found, state=state)


@bp.get("/requests")
def requests_page():
    """The request journal, newest first."""
    text = arg("q")
    kept, matched = pages.requests_of(current_runtime(), arg("tenant"), text)
    entries = [shown_entry(k.entry()) for k in kept]
    return page("requests.html", ("request",), entries=entries, matched=matched, q=text)


@bp.get("/messages")
def messages():
    """Messages of both providers."""
    filters = _filters()
    rows = pages.messages(current_runtime(), filters)
    kinds = [listed for listed in _listed_kinds() if listed[1] == "message"]
    return page("messages.html", _RECORD_EVENTS, rows=rows, filters=filters, kinds=kinds)


def _listed_kinds() -> list[tuple[str, str]]:
    """(provider, kind) of every listed kind: what the records filters offer."""
    return sorted({(p.name, k) for p in current_runtime().providers for k in p.listed_kinds})


@bp.before_request
def same_origin_only():
    """Refuse a button pressed on another site's page (cross-site request forgery): a
    browser says where a form came from (``Sec-Fetch-Site``, ``Origin``)."""
    if request.method in ("GET", "HEAD"):
        return None
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if site in (None, "same-origin", "none") and origin in (None, request.host_url.rstrip("/")):
        return None
    response = page("error.html", message="This form was sent from another site.", status=403)
    response.status_code = 403
    return response


@bp.errorhandler(MockError)
@bp.errorhandler(HTTPException)
def failed(exc):
    """A readable error page (never a traceback), in the dashboard's frame."""
    status = (exc.code or 500) if isinstance(exc, HTTPException) else mock_error_status(exc)[0]
    message = getattr(exc, "message", None) or getattr(exc, "description", None) or str(exc)
    response = page("error.html", message=message, status=status)
    response.status_code = status
    return response


@bp.app_template_filter("pretty")
def pretty(body: str) -> str:
    """A webhook body for reading: JSON indented, a form one parameter a line."""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        pass
    pairs = parse_qsl(body or "", keep_blank_values=True)
    return "\n".join(f"{k}={v}" for k, v in pairs) if pairs and "=" in body else body


@bp.app_template_filter("readable")
def readable(entry: dict) -> str:
    """A journaled body for reading, by what the listing parsed of it: JSON indented, a form
    one parameter a line, anything else as sent; cut to ``SHOWN_BODY_CHARS``."""
    text = entry["body"]
    if entry.get("json") is not None:
        # Parsed by C, it may be too deep for the writer's Python recursion: shown as sent.
        with contextlib.suppress(RecursionError):
            text = json.dumps(entry["json"], indent=2, ensure_ascii=False)
    elif entry.get("form"):
        text = "\n".join(
            f"{name}={value}"
            for name, values in entry["form"].items()
            for value in (values if isinstance(values, list) else [values])
        )
    if len(text) > SHOWN_BODY_CHARS:
        more = len(text) - SHOWN_BODY_CHARS
        text = f"{text[:SHOWN_BODY_CHARS]}\n…({more} more characters: GET /_mock/requests has them)"
    return text


def _filters() -> pages.Filters:
    return pages.Filters(
        tenant=arg("tenant"),
        provider=arg("provider"),
        kind=arg("kind"),
        status=arg("status"),
        text=arg("q"),
    )


def _shown(tenant: str | None) -> str | None:
    """The tenant as the page names it: an account SID or a setup id as it is, anything
    else (an API key, a credential) by its fingerprint, as the journal shows keys."""
    if tenant is None or _PUBLIC_TENANT.fullmatch(tenant):
        return tenant
    return fingerprint(tenant)


def _stream_url(tenant: str | None, live: tuple[str, ...]) -> str:
    """The event stream the page listens to: only the kinds it shows (the Requests page every
    request, a records page only writes), one tenant's when it shows one."""
    kinds = dict.fromkeys(kind.partition(":")[0] for kind in live)
    query = {"kind": ",".join(kinds), **({"tenant": tenant} if tenant else {})}
    return f"{STREAM_PATH}?{urlencode(query)}"


def _trigger(kind: str) -> str:
    """The htmx trigger of a ``live`` kind: its events while no one is typing, and of request
    events only those that stored something for ``request:write``."""
    name, _, only = kind.partition(":")
    wrote = " && mockserverWrote(event)" if only == "write" else ""
    return f"sse:{name}[mockserverMayRefresh(){wrote}]"
