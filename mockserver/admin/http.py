"""Request parsing and error rendering shared by every ``/_mock`` route.

Control errors look like ``{"error": "not_found", "message": "…", "fields": {…}}``.
"""

import hmac
import logging
from collections.abc import Callable

from flask import Blueprint, Response, jsonify, request, url_for
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

from mockserver import errors as core
from mockserver.validation import flatten_errors, lone_surrogate_paths

log = logging.getLogger(__name__)


class Busy(core.MockError):
    """The sandbox cannot take more of this now (one stream too many): retry later."""


_STATUS = {
    core.ValidationFailed: (400, "bad_request"),
    core.Unauthorized: (401, "unauthorized"),
    core.NotFound: (404, "not_found"),
    core.Conflict: (409, "conflict"),
    core.InvalidAction: (409, "invalid_transition"),
    Busy: (503, "busy"),
}
_HTTP_KINDS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    431: "headers_too_large",
}


# The dashboard keeps the control token in this cookie (HttpOnly, SameSite=Strict) once a
# person typed it, so its pages and its EventSource need no header.
TOKEN_COOKIE = "mockserver_control_token"


def has_control_token(expected: str) -> bool:
    """Whether the request carries the token: ``Authorization: Bearer``, or the cookie for
    the dashboard and for reads (the stream): a cookie a browser sends by itself never
    authorises a write of the JSON control API, which a page of another port could forge
    (SameSite does not tell ports apart)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        readable = request.method in ("GET", "HEAD") or request.path.startswith("/_mock/ui/")
        given = request.cookies.get(TOKEN_COOKIE, "") if readable else ""
    return token_matches(given, expected)


def token_matches(given: str, expected: str) -> bool:
    """Whether ``given`` (surrounding spaces aside) is the control token, in constant time."""
    return bool(given) and hmac.compare_digest(
        given.strip().encode("utf-8", "surrogateescape"), expected.encode()
    )


def check_control_token(expected: str) -> Response | None:
    """401 unless the request carries ``Authorization: Bearer <expected>`` (or the
    dashboard's cookie holding it)."""
    if has_control_token(expected):
        return None
    response = render_control_error(
        core.Unauthorized(
            "the control API needs 'Authorization: Bearer <token>' with the token the "
            "server was started with (--control-token, MOCKSERVER_CONTROL_TOKEN)"
        )
    )
    response.headers["WWW-Authenticate"] = 'Bearer realm="mockserver control API"'
    return response


# A deprecated alias's endpoint -> the endpoint of the route that replaced it.
RENAMED: dict[str, str] = {}


def renamed_from(bp: Blueprint, method: str, old_rule: str) -> Callable:
    """Keep a route's old path answering for one more release, as a deprecated alias.

    Put it above the view's own route decorator::

        @renamed_from(bp, "POST", "/_mock/accounts")
        @bp.post("/_mock/twilio/accounts")
        def create_account(): ...

    The old path runs the same view; every answer there, errors included, carries
    ``Deprecation: true`` (RFC 9745's header, in its draft's boolean form) and
    ``Link: <new path>; rel="successor-version"`` (RFC 5829's relation). docs/control-api.md lists
    the aliases under "Renamed control routes".
    """

    def register(view: Callable) -> Callable:
        alias = f"deprecated_{view.__name__}"
        bp.add_url_rule(old_rule, alias, view, methods=[method])
        RENAMED[f"{bp.name}.{alias}"] = f"{bp.name}.{view.__name__}"
        if _mark_deprecated not in bp.after_request_funcs.get(None, []):
            bp.after_request(_mark_deprecated)
        return view

    return register


def _mark_deprecated(response: Response) -> Response:
    successor = RENAMED.get(request.endpoint or "")
    if successor is not None:
        response.headers["Deprecation"] = "true"
        new_path = url_for(successor, **(request.view_args or {}))
        response.headers["Link"] = f'<{new_path}>; rel="successor-version"'
    return response


def read_json(schema: Schema) -> dict:
    """Validate the JSON body (an empty body counts as ``{}``) against ``schema``."""
    if request.get_data(cache=True).strip():
        try:
            payload = request.get_json(force=True, silent=True)
        except RecursionError:  # absurdly deep nesting
            payload = None
        if not isinstance(payload, dict):
            raise core.ValidationFailed("the request body must be a JSON object")
        unencodable = lone_surrogate_paths(payload)
        if unencodable:
            raise core.ValidationFailed(
                "the request body holds text that is not valid Unicode",
                {min(unencodable): "Not valid Unicode text (a lone surrogate such as \\ud800)."},
            )
    else:
        payload = {}
    return _load(schema, payload, "invalid request body")


def read_query(schema: Schema) -> dict:
    """Validate the query string (the first value of each name) against ``schema``."""
    return _load(schema, request.args.to_dict(), "invalid query string")


def _load(schema: Schema, payload: dict, problem: str) -> dict:
    try:
        return schema.load(payload)
    except ValidationError as exc:
        raise core.ValidationFailed(problem, flatten_errors(exc.messages)) from None


def created(body: dict) -> tuple[Response, int]:
    """A 201 JSON answer."""
    return jsonify(body), 201


def mock_error_status(exc: core.MockError) -> tuple[int, str]:
    """The status and error kind the control API answers a ``MockError`` with."""
    return next(
        (value for cls, value in _STATUS.items() if isinstance(exc, cls)), (400, "bad_request")
    )


def render_control_error(exc: BaseException) -> Response:
    """Render any exception raised under ``/_mock`` as the control API's JSON error."""
    body: dict = {}
    if isinstance(exc, core.MockError):
        status, kind = mock_error_status(exc)
        body = {"error": kind, "message": exc.message}
        if isinstance(exc, core.ValidationFailed) and exc.fields:
            body["fields"] = exc.fields
    elif isinstance(exc, HTTPException) and exc.code and exc.code < 500:
        status = exc.code
        body = {"error": _HTTP_KINDS.get(status, "bad_request"), "message": exc.description}
    elif isinstance(exc, OSError):  # the store's disk, not the request: try again later
        log.error("storage error on %s %s: %s", request.method, request.path, exc)
        status = 503
        body = {"error": "store_unavailable", "message": f"the store cannot write: {exc}"}
    else:
        log.exception("unexpected error on %s %s", request.method, request.path, exc_info=exc)
        status, body = 500, {"error": "internal_error", "message": "unexpected server error"}
    response = jsonify(body)
    response.status_code = status
    return response
