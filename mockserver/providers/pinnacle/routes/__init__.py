"""Pinnacle's HTTP surface at its real paths: JSON → schema → backend → JSON, always 200.

Every route authenticates with the ``PINNACLE-API-KEY`` header first.
"""

import json

from flask import Blueprint, g, jsonify, request

from mockserver.runtime import current_runtime

from ..backend import PinnacleBackend
from ..errors import BadRequest, render
from ..tenants import API_KEY_HEADER

bp = Blueprint("pinnacle", __name__)
bp.register_error_handler(Exception, render)


def backend() -> PinnacleBackend:
    """The Pinnacle backend of the running sandbox."""
    return current_runtime().backend("pinnacle")


def tenant() -> str:
    """The API key the request acts for."""
    return g.pinnacle_tenant


def body() -> object:
    """The JSON body; an empty body (the SDK sends one for all-optional calls) is ``{}``.

    The Content-Type is not checked: submit routes send none at all.
    """
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python parses
        raise BadRequest("The request body is not valid JSON.") from None


def ok(payload: object):
    """A 200 JSON response."""
    return jsonify(payload)


@bp.before_request
def authenticate() -> None:
    """Resolve the API key header to its tenant."""
    g.pinnacle_tenant = backend().authenticate(request.headers.get(API_KEY_HEADER))


# Imported last, for their side effect: each module registers its routes on ``bp``.
from . import brands, campaigns, messages, phone_numbers, unsupported  # noqa: E402,F401
