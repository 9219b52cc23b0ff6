"""Twilio's HTTP surface at its real paths: request → schema → backend → JSON.

Every route authenticates with HTTP Basic (``AC…:token`` or ``SK…:secret``) first.
"""

from functools import lru_cache
from urllib.parse import parse_qsl

from flask import Blueprint, g, request
from werkzeug.sansio.utils import get_current_url

from mockserver.runtime import current_runtime

from ..backend import TwilioBackend
from ..errors import AuthenticationFailed, ResourceNotFound, render
from ..schemas import load_form

bp = Blueprint("twilio", __name__)
bp.register_error_handler(Exception, render)


def backend() -> TwilioBackend:
    """The Twilio backend of the running sandbox."""
    return current_runtime().backend("twilio")


def origin() -> str:
    """Scheme, host and port the client used (paging URLs must lead back here)."""
    public = current_runtime().settings.public_url
    if public:
        return public
    current = request._get_current_object()  # one context lookup for both
    return _host_url(current.scheme, current.host)


@lru_cache(maxsize=256)  # ``request.host_url``, which costs 6% of a create, for the few hosts
def _host_url(scheme: str, host: str) -> str:
    return get_current_url(scheme, host).rstrip("/")


def path_account(account_sid: str) -> str:
    """The account a 2010 path names: the credentials reach their own account and its
    subaccounts; any other is hidden (404)."""
    if account_sid not in backend().account_family(g.account_sid):
        raise ResourceNotFound(request.path)
    return account_sid


def form() -> dict[str, list[str]]:
    """The form body with repeated keys kept as lists.

    werkzeug drops a whole urlencoded body over one undecodable byte; parse it ourselves so
    one bad value does not make every parameter look missing.
    """
    if request.mimetype != "application/x-www-form-urlencoded":
        return request.form.to_dict(flat=False)
    body = request.get_data(cache=True).decode("utf-8", "replace")
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(body, keep_blank_values=True, errors="replace"):
        values.setdefault(key, []).append(value)
    return values


def query() -> dict[str, list[str]]:
    """The query string with repeated keys kept as lists."""
    return request.args.to_dict(flat=False)


# Loaded queries by schema and query string: a poll repeats the same few strings, and the
# load is a pure function of them (refusals and long strings are not kept; a full table
# starts again empty).
_loaded_queries: dict[tuple, dict] = {}
_MAX_LOADED_QUERIES = 256
_LONGEST_KEPT_QUERY = 512


def load_query(schema) -> dict:
    """``load_form(schema, query())``, loaded once per query string (a shallow copy: the
    values are shared, and only read)."""
    key = (schema, request.query_string)
    params = _loaded_queries.get(key)
    if params is None:
        params = load_form(schema, query())
        if len(request.query_string) <= _LONGEST_KEPT_QUERY:
            if len(_loaded_queries) >= _MAX_LOADED_QUERIES:
                _loaded_queries.clear()
            _loaded_queries[key] = params
    return dict(params)


@bp.before_request
def authenticate() -> None:
    """Resolve the Basic-auth credentials to the account the request acts for."""
    try:
        credentials = request.authorization
    except ValueError:  # undecodable header bytes
        credentials = None
    if credentials is None or credentials.type != "basic":
        raise AuthenticationFailed()
    g.account_sid = backend().authenticate(credentials.username or "", credentials.password or "")


from . import (  # noqa: E402,F401  (registers routes)
    event_streams,
    messages,
    phone_numbers,
    services,
    verifications,
)
