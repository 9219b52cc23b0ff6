"""Wire format of the submission body and path parameters, validated the FastAPI way.

The platform's 422s look like FastAPI's (platform-setups.md §9), so the body is a pydantic
model and errors are pydantic's own ``{"type", "loc", "msg", "input", "ctx"?}`` objects with
``loc`` starting at ``"body"`` or ``"path"``. Unknown fields are ignored, FastAPI's default.
Strings are echoed back exactly as submitted (URLs are checked, never normalised).
"""

import json
import math
from typing import Annotated, Any, Literal
from uuid import UUID

from iso3166 import countries_by_alpha2
from pydantic import AfterValidator, EmailStr, HttpUrl, TypeAdapter, ValidationError, create_model
from pydantic import Field as PydanticField
from pydantic_core import PydanticCustomError

from mockserver.record_kinds import Field, Format, MaxLength, OneOf

from .models import VERIFICATION

# A submission the seed's setup takes (the OpenAPI document's example; tests start from it).
SUBMISSION_EXAMPLE = {
    "business_name": "Owl, Inc.",
    "business_website": "https://www.owl.example",
    "use_case_categories": ["2FA", "Conversational / Alerts"],
    "use_case_summary": "One-time passcodes for Owl customers.",
    "production_message_sample": "Your Owl code is 123456",
    "opt_in_image_urls": ["https://www.owl.example/optin.png"],
    "opt_in_type": "WEB_FORM",
    "message_volume": "1,000",
    "business_street_address": "123 Main Street",
    "business_city": "Anytown",
    "business_state_province_region": "CA",
    "business_postal_code": "94105",
    "business_country": "US",
    "business_contact_first_name": "Ada",
    "business_contact_last_name": "Owl",
    "business_contact_email": "ada@owl.example",
    "business_contact_phone": "+14155551234",
}
_HTTP_URL = TypeAdapter(HttpUrl)
_UUID = TypeAdapter(UUID)
E164_PATTERN = r"^\+[1-9]\d{1,14}$"


def _url(value: str) -> str:
    _HTTP_URL.validate_python(value)
    return value


def _country(value: str) -> str:
    if value not in countries_by_alpha2:
        raise PydanticCustomError("country_alpha2", "Invalid country alpha2 code")
    return value


def _declared(declared: Field) -> tuple[Any, Any]:
    """A declared field as a pydantic field ``(type, default)``; a required list needs an
    item (the vendor's table gives each list one to ten)."""
    if declared.type == "list":
        sized = {"min_length": 1} if declared.required else {}
        item = _typed(str, declared.item_checks)
        annotation = _typed(list[item], declared.checks, **sized)  # type: ignore[valid-type]
    else:
        annotation = _typed(str, declared.checks)
    return (annotation, ...) if declared.required else (annotation | None, None)


def _typed(base: Any, checks: tuple, **constraints: Any) -> Any:
    """``base`` with the checks, as pydantic words their errors: a choice is a ``Literal``,
    an email ``EmailStr``, a length or phone pattern a constraint, a URL or country a
    validator."""
    validators = []
    for check in checks:
        if isinstance(check, MaxLength):
            constraints["max_length"] = check.limit
        elif isinstance(check, OneOf):
            base = Literal[check.choices]
        elif isinstance(check, Format) and check.name == "email":
            base = EmailStr
        elif isinstance(check, Format) and check.name == "phone":
            constraints["pattern"] = E164_PATTERN
        elif isinstance(check, Format) and check.name in _VALIDATORS:
            validators.append(AfterValidator(_VALIDATORS[check.name]))
        else:
            raise TypeError(f"no FastAPI wording for {check!r}")
    metadata = [PydanticField(**constraints)] if constraints else []
    metadata += validators
    return Annotated[(base, *metadata)] if metadata else base


_VALIDATORS = {"url": _url, "country": _country}

TollfreeVerificationRequest = create_model(
    "TollfreeVerificationRequest",
    __doc__="The submit body (the vendor's field table, ``docs/reference/platform-setups.md``).",
    **{f.name: _declared(f) for f in VERIFICATION.create_fields()},  # type: ignore[call-overload]
)


class BodyError(Exception):
    """The body cannot be parsed at all (FastAPI answers 400 for these)."""

    detail = "There was an error parsing the body"


class InvalidJson(Exception):
    """The body is malformed JSON: FastAPI's lone ``json_invalid`` error, raised while it
    reads the body, before it looks at credentials or path parameters."""

    def __init__(self, errors: list[dict]):
        super().__init__("JSON decode error")
        self.errors = errors


def read_body(data: bytes, content_type: str | None) -> tuple[Any, list[dict]]:
    """Parse a request body as FastAPI does: ``(payload, errors)``.

    No body is a ``missing`` error; a non-JSON content type hands the raw text to the model
    (which refuses it). Malformed JSON raises ``InvalidJson`` (``json_invalid`` at its
    character position); undecodable bytes, NaN, numbers past a float's range (``1e400``,
    which no JSON answer could echo back) and absurd nesting raise ``BodyError``.
    """
    if not data:
        return None, [_error("missing", ["body"], "Field required", None)]
    mimetype = (content_type or "").split(";")[0].strip().lower()
    is_json = not mimetype or (
        mimetype.startswith("application/")
        and (mimetype == "application/json" or mimetype.endswith("+json"))
    )
    if not is_json:
        return data.decode("utf-8", "replace"), []
    try:
        return json.loads(data, parse_constant=_no_constants, parse_float=_finite), []
    except json.JSONDecodeError as exc:
        error = _error("json_invalid", ["body", exc.pos], "JSON decode error", {})
        error["ctx"] = {"error": exc.msg}
        raise InvalidJson([error]) from None
    except (ValueError, RecursionError):
        raise BodyError() from None


def validate_submission(payload: Any) -> tuple[dict, list[dict]]:
    """Validate a parsed body: ``(values, errors)`` with errors located under ``body``."""
    try:
        model = TollfreeVerificationRequest.model_validate(payload, from_attributes=True)
    except ValidationError as exc:
        return {}, _located("body", exc)
    return model.model_dump(), []


def validate_uuid(name: str, value: str) -> tuple[str, list[dict]]:
    """A UUID path parameter in canonical form (braces, ``urn:uuid:``, capitals and missing
    hyphens are accepted, as pydantic does), or ``value`` with its errors."""
    try:
        return str(_UUID.validate_python(value)), []
    except ValidationError as exc:
        return value, _located("path", exc, name)


def _located(where: str, exc: ValidationError, *names: str) -> list[dict]:
    return [
        {
            **error,
            "loc": [where, *names, *error["loc"]],
            **({"ctx": _plain(error["ctx"])} if "ctx" in error else {}),
        }
        for error in exc.errors(include_url=False)
    ]


def _plain(ctx: dict) -> dict:
    """FastAPI's jsonable_encoder turns an exception in ``ctx`` into ``{}``."""
    return {key: {} if isinstance(value, Exception) else value for key, value in ctx.items()}


def _error(kind: str, loc: list, msg: str, value: Any) -> dict:
    return {"type": kind, "loc": loc, "msg": msg, "input": value}


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")
