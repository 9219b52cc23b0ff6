"""Twilio errors, rendered as Twilio's ``{"code", "message", "more_info", "status"}`` body.

Never emit both ``type`` and ``title``: twilio-python ≥ 9.10 would then raise
``TwilioServiceException``, which is not a ``TwilioRestException``::

    TwilioError                      400 / 20001 (base)
     ├── MissingParameter            400 / 20001  Missing required parameter X in the post body
     ├── InvalidParameter            400 / 20001  a query or 2010-API parameter is malformed
     ├── InvalidValue                400 / 400    TFV field validation and business rules
     ├── PhoneNumberError            400 / 214xx  2010 IncomingPhoneNumbers rules
     ├── MessageError                400 / 2xxxx  Messages rules (21211, 21606, 21610…)
     ├── AuthenticationFailed        401 / 20003  Authenticate
     ├── ResourceNotFound            404 / 20404  The requested resource /… was not found
     ├── MethodNotAllowed            405 / 20004  Method not allowed
     ├── VerificationConflict        409 / 409    another verification exists or is in progress
     ├── PayloadTooLarge             413 / 413
     ├── Unprocessable               422 / 422    phone number and customer profile rules
     └── ServerError                 500 / 20500  (logged with its traceback)
"""

import logging

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from mockserver import errors as core

log = logging.getLogger(__name__)


class TwilioError(Exception):
    """Base for errors rendered in Twilio's envelope."""

    status: int = 400
    code: int = 20001
    message: str = "Bad request"

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)

    @property
    def more_info(self) -> str:
        """The documentation link Twilio puts in every error body."""
        return f"https://www.twilio.com/docs/errors/{self.code}"


class MissingParameter(TwilioError):
    """A spec-required parameter is absent."""

    def __init__(self, name: str):
        super().__init__(f"Missing required parameter {name} in the post body")


class InvalidParameter(TwilioError):
    """A query parameter or 2010-API parameter is malformed."""


class InvalidValue(TwilioError):
    """A TFV field or edit rule failed; Twilio answers these with code 400."""

    code = 400


class PhoneNumberError(TwilioError):
    """An IncomingPhoneNumbers rule failed (214xx codes)."""

    def __init__(self, code: int, message: str):
        self.code = code
        super().__init__(message)


class MessageError(TwilioError):
    """A message cannot be sent, changed or deleted (Twilio's 2xxxx/3xxxx codes)."""

    def __init__(self, code: int, message: str, status: int = 400):
        self.code, self.status = code, status
        super().__init__(message)


class AuthenticationFailed(TwilioError):
    """Missing or wrong credentials."""

    status, code, message = 401, 20003, "Authenticate"


class ResourceNotFound(TwilioError):
    """An unknown SID, a foreign record or an unknown route."""

    status, code = 404, 20404

    def __init__(self, path: str):
        super().__init__(f"The requested resource {path} was not found")


class MethodNotAllowed(TwilioError):
    """The route exists but not for this method."""

    status, code, message = 405, 20004, "Method not allowed"


class VerificationConflict(TwilioError):
    """The number already has a verification that is not rejected."""

    status, code = 409, 409
    message = (
        "Toll-free verification cannot be submitted when another verification exists or is "
        "in progress."
    )


class PayloadTooLarge(TwilioError):
    """The request body is over the configured limit."""

    status, code, message = 413, 413, "Request entity too large"


class Unprocessable(TwilioError):
    """A referenced phone number or customer profile is unusable."""

    status, code = 422, 422


class ServerError(TwilioError):
    """Anything unexpected."""

    status, code, message = 500, 20500, "General/Server Error."


# Core errors carry no path; ResourceNotFound takes it from the request instead.
FROM_CORE: dict[type[core.MockError], type[TwilioError]] = {
    core.Unauthorized: AuthenticationFailed,
    core.NotFound: ResourceNotFound,
    core.Conflict: VerificationConflict,
    core.InvalidAction: InvalidValue,
    core.ValidationFailed: InvalidValue,
}


def resource_path(path: str) -> str:
    """The path Twilio names in a 404: version-relative for v1 APIs, whole for 2010."""
    return path[3:] if path.startswith("/v1/") else path


def to_twilio_error(exc: BaseException) -> TwilioError:
    """Map any exception raised while serving a Twilio route to a ``TwilioError``."""
    if isinstance(exc, TwilioError):
        return exc
    if isinstance(exc, core.NotFound):
        return ResourceNotFound(resource_path(request.path))
    for core_class, twilio_class in FROM_CORE.items():
        if isinstance(exc, core_class):
            return twilio_class(exc.message)
    if isinstance(exc, HTTPException):
        return _from_http(exc)
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=exc)
    return ServerError()


# What ``render`` writes for every error (the document's error body); ``detail`` only on a
# 401, as Twilio's read.
ERROR_BODY = {
    "type": "object",
    "required": ["code", "message", "more_info", "status"],
    "properties": {
        "code": {"type": "integer", "description": "Twilio's error code (20404, 21211…)"},
        "message": {"type": "string"},
        "more_info": {"type": "string", "description": "Twilio's page about the code"},
        "status": {"type": "integer", "description": "the HTTP status again"},
        "detail": {"type": "string", "description": "on a 401 only"},
    },
}


def render(exc: BaseException) -> Response:
    """Render an exception as Twilio's JSON error body with the matching status."""
    error = to_twilio_error(exc)
    body = {
        "code": error.code,
        "message": error.message,
        "more_info": error.more_info,
        "status": error.status,
    }
    if error.status == 401:  # as Twilio's own 401s read (docs/reference/twilio-messaging.md §4)
        body["detail"] = "Your AccountSid or AuthToken was incorrect."
    response = jsonify(body)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
    return response


def _from_http(exc: HTTPException) -> TwilioError:
    if exc.code == 404:
        return ResourceNotFound(resource_path(request.path))
    if exc.code == 405:
        return MethodNotAllowed()
    if exc.code == 413:
        return PayloadTooLarge()
    if exc.code is not None and exc.code < 500:
        error = InvalidParameter(exc.description or "Bad request")
        error.status = exc.code
        return error
    return ServerError()
