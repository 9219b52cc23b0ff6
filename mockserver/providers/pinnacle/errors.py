"""Pinnacle's error bodies, as the rcs SDK parses them.

    PinnacleError              ``{"error": message}`` with ``status``
     ├── InvalidApiKey         401 "Invalid API key." (the only documented message)
     ├── BadRequest            400; with ``properties`` it also carries a Zod-style
     │                         ``{"description", "errors": {"errors", "properties"}}`` body
     ├── Forbidden             403
     ├── ResourceNotFound      404 (only routes that declare 404 raise it)
     ├── MethodNotAllowed      405 (no SDK call can produce it)
     ├── PayloadTooLarge       413
     └── ServerError           500

The SDK builds its typed exception from the status code and requires ``"error": str`` in
401/402/403/500/501 bodies, so every body has one.
"""

import logging

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from mockserver import errors as core
from mockserver.validation import flatten_errors

log = logging.getLogger(__name__)

_ISSUES = {"type": "array", "items": {"type": "string"}}
# Its JSON schema, for the OpenAPI document: a message, and on a 400 naming fields the Zod
# issues (``BadRequest.body``).
ERROR_BODY = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "errors": {
            "type": "object",
            "properties": {
                "errors": _ISSUES,
                "properties": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {"errors": _ISSUES},
                        "required": ["errors"],
                    },
                },
            },
            "required": ["errors", "properties"],
        },
    },
    "required": ["error"],
}


class PinnacleError(Exception):
    """Base for errors rendered as Pinnacle's ``{"error": …}`` body."""

    status = 500
    message = "Internal server error."

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)

    def body(self) -> dict:
        """The JSON body."""
        return {"error": self.message}


class InvalidApiKey(PinnacleError):
    status, message = 401, "Invalid API key."


class BadRequest(PinnacleError):
    """400; ``properties`` maps each bad field (dotted path) to its reasons, ``description``
    says what they are fields of (the body unless told)."""

    status, message = 400, "Invalid request body."

    def __init__(
        self,
        message: str | None = None,
        properties: dict[str, str] | None = None,
        description: str = "Invalid request body",
    ):
        super().__init__(message)
        self.properties = dict(properties or {})
        self.description = description

    def body(self) -> dict:
        """``{"error"}``, plus the Zod-formatted issues when fields are named."""
        if not self.properties:
            return {"error": self.message}
        return {
            "error": self.message,
            "description": self.description,
            "errors": {
                "errors": [],
                "properties": {
                    field: {"errors": [reason]} for field, reason in self.properties.items()
                },
            },
        }


class Forbidden(PinnacleError):
    status, message = 403, "Forbidden."


class ResourceNotFound(PinnacleError):
    status, message = 404, "Not found."


class MethodNotAllowed(PinnacleError):
    status, message = 405, "Method not allowed."


class PayloadTooLarge(PinnacleError):
    status, message = 413, "Request body too large."


class ServerError(PinnacleError):
    status = 500


def invalid_fields(
    messages: dict | list | str, message: str = "Invalid request body."
) -> BadRequest:
    """A 400 naming every field marshmallow rejected (``optIn.url``), described by ``message``."""
    properties = flatten_errors(messages)
    summary = "; ".join(f"{field}: {reason}" for field, reason in properties.items())
    return BadRequest(f"{message} {summary}".strip(), properties, message.removesuffix("."))


FROM_CORE: dict[type[core.MockError], type[PinnacleError]] = {
    core.Unauthorized: InvalidApiKey,
    core.NotFound: ResourceNotFound,
    core.Conflict: BadRequest,
    core.InvalidAction: BadRequest,
    core.ValidationFailed: BadRequest,
}


def to_pinnacle_error(exc: BaseException) -> PinnacleError:
    """The Pinnacle error an exception is shown as (unknown ones as a logged 500)."""
    if isinstance(exc, PinnacleError):
        return exc
    if isinstance(exc, core.ValidationFailed) and exc.fields:
        return BadRequest(exc.message, exc.fields)
    for core_class, pinnacle_class in FROM_CORE.items():
        if isinstance(exc, core_class):
            return pinnacle_class(exc.message)
    if isinstance(exc, HTTPException):
        return _from_http(exc)
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=exc)
    return ServerError()


def render(exc: BaseException) -> Response:
    """Render an exception as Pinnacle's JSON error body with the matching status."""
    error = to_pinnacle_error(exc)
    response = jsonify(error.body())
    response.status_code = error.status
    return response


def _from_http(exc: HTTPException) -> PinnacleError:
    if exc.code == 404:
        return ResourceNotFound(f"No route {request.method} {request.path}.")
    if exc.code == 405:
        return MethodNotAllowed()
    if exc.code == 413:
        return PayloadTooLarge()
    if exc.code is not None and exc.code < 500:
        return BadRequest(exc.description or "Bad request.")
    return ServerError()
