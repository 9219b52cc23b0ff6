"""Platform errors, rendered FastAPI-style (platform-setups.md §9, a project choice).

    PlatformError                 {"detail": "<message>"} with its status (base: 400)
     ├── NotAuthenticated         401  Not authenticated   (no bearer token)
     ├── InvalidApiKey            401  Invalid API key
     ├── NotFound                 404
     ├── VerificationConflict     409  Verification exists and is not in rejected state
     ├── DeletionBlocked          409  the number's verification is in review
     ├── NotTollFree              422  Phone number is not US or CA toll-free
     └── RequestValidationError   422  {"detail": [{"type", "loc", "msg", "input", "ctx"?}]}

Routing errors and werkzeug's own (bad body, too large) use Starlette's texts: ``Not Found``,
``Method Not Allowed`` (its ``Allow`` names the path's declared methods: FastAPI serves no
automatic HEAD or OPTIONS); anything unexpected is a logged 500 ``Internal Server Error``.
"""

import logging

from flask import Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from mockserver import errors as core

log = logging.getLogger(__name__)


# Its JSON schema, for the OpenAPI document: a message, or pydantic's list of field errors.
ERROR_BODY = {
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string"},
                            "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                            "msg": {"type": "string"},
                            "input": {},
                            "ctx": {"type": "object"},
                        },
                        "required": ["type", "loc", "msg"],
                    },
                },
            ]
        }
    },
    "required": ["detail"],
}


class PlatformError(Exception):
    """Base for errors rendered as ``{"detail": …}``."""

    status: int = 400
    detail: str | list = "Bad Request"

    def __init__(self, detail: str | list | None = None):
        if detail is not None:
            self.detail = detail
        super().__init__(str(self.detail))


class NotAuthenticated(PlatformError):
    """No ``Authorization: Bearer`` credentials (FastAPI's HTTPBearer answer)."""

    status, detail = 401, "Not authenticated"


class InvalidApiKey(PlatformError):
    """A bearer key no setup belongs to."""

    status, detail = 401, "Invalid API key"


class NotFound(PlatformError):
    """An unknown (or foreign) setup, phone number or verification, or route."""

    status, detail = 404, "Not Found"


class VerificationConflict(PlatformError):
    """A POST while the number's verification is not rejected."""

    status, detail = 409, "Verification exists and is not in rejected state"


class DeletionBlocked(PlatformError):
    """A DELETE while the number's verification is in review."""

    status = 409
    detail = "Phone number has a toll-free verification in review; wait for the review to complete"


class NotTollFree(PlatformError):
    """The number is not a US or CA toll-free number."""

    status, detail = 422, "Phone number is not US or CA toll-free"


class RequestValidationError(PlatformError):
    """Path or body validation failed; ``detail`` lists pydantic-style error objects."""

    status = 422


class ServerError(PlatformError):
    """Anything unexpected."""

    status, detail = 500, "Internal Server Error"


FROM_CORE: dict[type[core.MockError], type[PlatformError]] = {
    core.Unauthorized: InvalidApiKey,
    core.NotFound: NotFound,
    core.Conflict: VerificationConflict,
    core.InvalidAction: VerificationConflict,
    core.ValidationFailed: RequestValidationError,
}
_HTTP_DETAILS = {404: "Not Found", 405: "Method Not Allowed", 413: "Request Entity Too Large"}


def to_platform_error(exc: BaseException) -> PlatformError:
    """Map any exception raised while serving a platform route to a ``PlatformError``."""
    if isinstance(exc, PlatformError):
        return exc
    for core_class, platform_class in FROM_CORE.items():
        if isinstance(exc, core_class):
            return platform_class(exc.message)
    if isinstance(exc, HTTPException) and exc.code is not None and exc.code < 500:
        error = PlatformError(_HTTP_DETAILS.get(exc.code, exc.description or "Bad Request"))
        error.status = exc.code
        return error
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=exc)
    return ServerError()


def render(exc: BaseException) -> Response:
    """Render an exception as ``{"detail": …}`` with the matching status and headers."""
    error = to_platform_error(exc)
    response = jsonify(detail=error.detail)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if error.status == 405:
        response.headers["Allow"] = ", ".join(declared_methods(request.path))
    return response


def declared_methods(path: str) -> list[str]:
    """The methods the routes of ``path`` declare (werkzeug adds HEAD to every GET rule).
    Asked of the URL map, not the exception: the platform's own 405 for a HEAD on a GET
    route (FastAPI serves no HEAD) carries no methods."""
    adapter = current_app.url_map.bind("localhost")
    return sorted(set(adapter.allowed_methods(path)) - {"HEAD", "OPTIONS"})
