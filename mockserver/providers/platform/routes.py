"""The platform's HTTP surface (this project's routes; the vendor's paths are unpublished).

The order of checks is FastAPI's (an ``HTTPBearer`` dependency): routing (404, 405; HEAD and
OPTIONS are 405 like any undeclared method), then reading the body (malformed JSON is a lone
``json_invalid`` 422, undecodable bytes 400), then ``Authorization: Bearer <api key>`` (401),
then the UUID path parameters and the body's fields together (422).
"""

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import MethodNotAllowed

from mockserver.openapi import documented, kind_schema
from mockserver.runtime import current_runtime

from .backend import PlatformBackend
from .errors import NotAuthenticated, PlatformError, RequestValidationError, render
from .events import public_view
from .models import VERIFICATION
from .schemas import (
    SUBMISSION_EXAMPLE,
    BodyError,
    InvalidJson,
    TollfreeVerificationRequest,
    read_body,
    validate_submission,
    validate_uuid,
)
from .tenants import bearer_key

PREFIX = "/v1/setups"
NUMBER_PATH = f"{PREFIX}/<setup_id>/phone-numbers/<phone_number_id>"
VERIFICATION_PATH = f"{NUMBER_PATH}/tollfree-verification"

bp = Blueprint("platform", __name__)
_VERIFICATION = kind_schema(VERIFICATION)


def _submission(_runtime) -> dict:
    """The submit body's JSON schema, as pydantic writes it for the model that validates it
    (references in the OpenAPI document's form)."""
    return TollfreeVerificationRequest.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )


bp.register_error_handler(Exception, render)


def backend() -> PlatformBackend:
    """The platform backend of the running sandbox."""
    return current_runtime().backend("platform")


@bp.before_request
def refuse_head() -> None:
    """HEAD is 405, as on FastAPI's routes (werkzeug would answer it for every GET route)."""
    if request.method == "HEAD":
        raise MethodNotAllowed()


def authenticate() -> str:
    """The caller's bearer key (401 when it is missing, not Bearer, or owns no setup)."""
    key = bearer_key(request.headers.get("Authorization"))
    if key is None:
        raise NotAuthenticated()
    return backend().authenticate(key)


def _path_ids(setup_id: str, phone_number_id: str) -> tuple[str, str, list[dict]]:
    """Both ids in canonical form, and the errors of those that are not UUIDs."""
    setup_id, setup_errors = validate_uuid("setup_id", setup_id)
    phone_number_id, number_errors = validate_uuid("phone_number_id", phone_number_id)
    return setup_id, phone_number_id, setup_errors + number_errors


def _raise_if(errors: list[dict]) -> None:
    if errors:
        raise RequestValidationError(errors)


@bp.post(VERIFICATION_PATH, provide_automatic_options=False)
@documented(
    body=_submission,
    answers={201: _VERIFICATION},
    errors=(400, 401, 404, 409, 413, 422),
    example=SUBMISSION_EXAMPLE,
)
def submit_verification(setup_id: str, phone_number_id: str):
    """Create or resubmit the number's toll-free verification (201, ``pending-review``)."""
    try:
        payload, body_errors = read_body(request.get_data(cache=True), request.content_type)
    except BodyError as exc:
        raise PlatformError(exc.detail) from None
    except InvalidJson as exc:
        raise RequestValidationError(exc.errors) from None
    api_key = authenticate()
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    values = {}
    if not body_errors:
        values, body_errors = validate_submission(payload)
    _raise_if(errors + body_errors)
    record = backend().submit_verification(api_key, setup_id, phone_number_id, values)
    return jsonify(public_view(record)), 201


@bp.get(VERIFICATION_PATH, provide_automatic_options=False)
@documented(answers={200: _VERIFICATION}, errors=(401, 404, 422))
def fetch_verification(setup_id: str, phone_number_id: str):
    """The number's verification (200; 404 when it has none)."""
    api_key = authenticate()
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    _raise_if(errors)
    record = backend().fetch_verification(api_key, setup_id, phone_number_id)
    return jsonify(public_view(record))


@bp.delete(NUMBER_PATH, provide_automatic_options=False)
@documented(answers={204: None}, errors=(401, 404, 409, 422))
def delete_phone_number(setup_id: str, phone_number_id: str):
    """Delete the number and its verification (204; 409 while it is in review)."""
    api_key = authenticate()
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    _raise_if(errors)
    backend().delete_phone_number(api_key, setup_id, phone_number_id)
    return Response(status=204)
