"""Twilio's HTTP surface at its real paths: request → schema → backend → JSON.

Every route authenticates with HTTP Basic (``AC…:token`` or ``SK…:secret``) first.
"""

from flask import Blueprint, g, request

from mockserver.runtime import current_runtime

from ..backend import TwilioBackend
from ..errors import AuthenticationFailed, render

bp = Blueprint("twilio", __name__)
bp.register_error_handler(Exception, render)


def backend() -> TwilioBackend:
    """The Twilio backend of the running sandbox."""
    return current_runtime().backend("twilio")


def origin() -> str:
    """Scheme, host and port the client used (paging URLs must lead back here)."""
    return current_runtime().settings.public_url or request.host_url.rstrip("/")


def form() -> dict[str, list[str]]:
    """The form body with repeated keys kept as lists."""
    return request.form.to_dict(flat=False)


def query() -> dict[str, list[str]]:
    """The query string with repeated keys kept as lists."""
    return request.args.to_dict(flat=False)


@bp.before_request
def authenticate() -> None:
    """Resolve the Basic-auth credentials to the account the request acts for."""
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        raise AuthenticationFailed()
    g.account_sid = backend().accounts.authenticate(
        credentials.username or "", credentials.password or ""
    )


from . import phone_numbers, verifications  # noqa: E402,F401  (registers the routes)
