"""The platform's HTTP surface (this project's routes; the vendor's paths are unpublished).

Every route authenticates with ``Authorization: Bearer <api key>`` first, then checks the
UUID path parameters and the JSON body together, as FastAPI does.
"""

from flask import Blueprint, Response, g, jsonify, request

from mockserver.runtime import current_runtime

from .backend import PlatformBackend
from .errors import NotAuthenticated, PlatformError, RequestValidationError, render
from .events import public_view
from .schemas import BodyError, read_body, validate_submission, validate_uuid

PREFIX = "/v1/setups"
NUMBER_PATH = f"{PREFIX}/<setup_id>/phone-numbers/<phone_number_id>"
VERIFICATION_PATH = f"{NUMBER_PATH}/tollfree-verification"

bp = Blueprint("platform", __name__)
bp.register_error_handler(Exception, render)


def backend() -> PlatformBackend:
    """The platform backend of the running sandbox."""
    return current_runtime().backend("platform")


@bp.before_request
def authenticate() -> None:
    """Resolve the bearer key (401 when it is missing or no setup belongs to it)."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if not scheme or not key.strip():
        raise NotAuthenticated()
    if scheme.lower() != "bearer":
        raise NotAuthenticated("Invalid authentication credentials")
    g.api_key = backend().setups.authenticate(key.strip())


def _path_ids(setup_id: str, phone_number_id: str) -> tuple[str, str, list[dict]]:
    """Both ids in canonical form, and the errors of those that are not UUIDs."""
    setup_id, setup_errors = validate_uuid("setup_id", setup_id)
    phone_number_id, number_errors = validate_uuid("phone_number_id", phone_number_id)
    return setup_id, phone_number_id, setup_errors + number_errors


def _raise_if(errors: list[dict]) -> None:
    if errors:
        raise RequestValidationError(errors)


@bp.post(VERIFICATION_PATH)
def submit_verification(setup_id: str, phone_number_id: str):
    """Create or resubmit the number's toll-free verification (201, ``pending-review``)."""
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    try:
        payload, body_errors = read_body(request.get_data(cache=True), request.content_type)
    except BodyError as exc:
        raise PlatformError(exc.detail) from None
    values = {}
    if not body_errors:
        values, body_errors = validate_submission(payload)
    _raise_if(errors + body_errors)
    record = backend().submit_verification(g.api_key, setup_id, phone_number_id, values)
    return jsonify(public_view(record)), 201


@bp.get(VERIFICATION_PATH)
def fetch_verification(setup_id: str, phone_number_id: str):
    """The number's verification (200; 404 when it has none)."""
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    _raise_if(errors)
    record = backend().fetch_verification(g.api_key, setup_id, phone_number_id)
    return jsonify(public_view(record))


@bp.delete(NUMBER_PATH)
def delete_phone_number(setup_id: str, phone_number_id: str):
    """Delete the number and its verification (204; 409 while it is in review)."""
    setup_id, phone_number_id, errors = _path_ids(setup_id, phone_number_id)
    _raise_if(errors)
    backend().delete_phone_number(g.api_key, setup_id, phone_number_id)
    return Response(status=204)
