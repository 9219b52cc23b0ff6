"""Twilio wire formats: PascalCase form fields in, snake_case JSON out.

Field names as they appear on the wire live only here. ``load_form`` turns a marshmallow
``ValidationError`` into the Twilio error the real API gives for the first bad field.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from iso3166 import countries_by_alpha2
from marshmallow import EXCLUDE, Schema, ValidationError, fields, missing, pre_load, validate

from mockserver.nanp import E164
from mockserver.record_kinds import Field, Format, MaxLength, OneOf

from ..errors import InvalidParameter, MissingParameter, TwilioError
from ..models import pascal_case

REQUIRED = "__required__"
EMPTY = "__empty__"
EMAIL = re.compile(r"^\S+@\S+\.\S+\Z")
ALPHANUMERIC = re.compile(r"^[A-Za-z0-9]+\Z")


def invalid(name: str, detail: str | None = None) -> str:
    """Twilio's message for a bad value: ``The messageVolume parameter is invalid.``"""
    message = f"The {name} parameter is invalid."
    return f"{message} {detail}" if detail else message


def too_long(name: str, limit: int) -> validate.Length:
    """A length limit reported in the onboarding guide's words."""
    return validate.Length(
        max=limit, error=invalid(name, f"It must be at most {limit} characters.")
    )


def one_of(name: str, choices: tuple[str, ...]) -> validate.OneOf:
    """An enum check reported in the onboarding guide's words."""
    return validate.OneOf(choices, error=invalid(name, f"Allowed values: {', '.join(choices)}."))


EMAIL_ADDRESS = validate.Regexp(EMAIL, error="Email address is invalid.")
PHONE_NUMBER = validate.Regexp(E164, error="Phone number is invalid.")


class Url(validate.Validator):
    """An absolute http(s) URL without spaces."""

    def __init__(self, name: str):
        self.error = invalid(name, "It must be an absolute http or https URL.")

    def __call__(self, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
            raise ValidationError(self.error)
        return value


class Country(validate.Validator):
    """An ISO 3166-1 alpha-2 country code."""

    def __init__(self, error: str):
        self.error = error

    def __call__(self, value: str) -> str:
        if len(value) != 2 or value.upper() not in countries_by_alpha2:
            raise ValidationError(self.error)
        return value


class FormBoolean(fields.Boolean):  # a Boolean, so the OpenAPI document says boolean
    """``true`` / ``false`` in any case, as ``serialize.boolean_to_string`` sends them."""

    def __init__(self, name: str, **kwargs):
        super().__init__(**kwargs)
        self._error = invalid(name, "It must be true or false.")

    def _deserialize(self, value, attr, data, **kwargs):
        lowered = str(value).strip().lower()
        if lowered not in ("true", "false"):
            raise ValidationError(self._error)
        return lowered == "true"


class JsonObject(fields.Field):
    """A form field carrying a JSON object (``SinkConfiguration``, each ``Types`` entry)."""

    def __init__(self, name: str, **kwargs):
        super().__init__(**kwargs)
        self._name = name

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            parsed = json.loads(value)
        except (TypeError, ValueError, RecursionError):  # RecursionError: absurdly deep
            raise ValidationError(f"{self._name} must be a JSON object") from None
        if not isinstance(parsed, dict):
            raise ValidationError(f"{self._name} must be a JSON object")
        return parsed


def camel_case(name: str) -> str:
    """``business_name`` → ``businessName`` (how Twilio's messages name a parameter)."""
    pascal = pascal_case(name)
    return pascal[:1].lower() + pascal[1:]


@dataclass(frozen=True)
class Wording:
    """How one of Twilio's APIs (messaging v1, Events v1, 2010) treats a form parameter.

    ``empty_is_absent``: an empty value counts as not given (else it is invalid, "It must not
    be empty."); ``one_of``: a ``OneOf``'s message from ``{param}`` and ``{choices}`` (None:
    ``invalid``'s words).
    """

    empty_is_absent: bool = True
    one_of: str | None = None


MESSAGING = Wording()
EVENTS = Wording(empty_is_absent=False, one_of="{param} must be one of {choices}")
API_2010 = Wording(empty_is_absent=False)


def form_field(declared: Field, *, creating: bool, wording: Wording = MESSAGING) -> fields.Field:
    """The form field for a declared record field, its checks worded as Twilio words them.
    Only a create enforces ``required``."""
    required = declared.required and creating
    options = {"required": required, "allow_none": wording.empty_is_absent and not required}
    label = camel_case(declared.name)
    if declared.type == "boolean":
        return FormBoolean(label, **options)
    if declared.type == "object":
        return JsonObject(pascal_case(declared.name), **options)
    checks = [_validator(check, declared.name, wording) for check in declared.checks]
    if declared.type == "list":
        items = [_validator(check, declared.name, wording) for check in declared.item_checks]
        return fields.List(fields.String(validate=items), validate=checks, **options)
    return fields.String(validate=checks, **options)


def _validator(check, field_name: str, wording: Wording) -> validate.Validator:
    name = check.label or camel_case(field_name)
    if isinstance(check, MaxLength):
        return too_long(name, check.limit)
    if isinstance(check, OneOf):
        if wording.one_of:
            choices = ", ".join(check.choices)
            message = wording.one_of.format(param=pascal_case(field_name), choices=choices)
            return validate.OneOf(check.choices, error=message)
        if check.list_allowed:
            return one_of(name, check.choices)
        return validate.OneOf(check.choices, error=invalid(name))
    if isinstance(check, Format):
        return _format(check, name)
    raise TypeError(f"no Twilio wording for {check!r}")


def _format(check: Format, name: str) -> validate.Validator:
    if check.name == "url":
        return Url(name)
    if check.name == "email":
        return EMAIL_ADDRESS
    if check.name == "phone":
        return PHONE_NUMBER
    if check.name == "country":
        return Country(check.message or invalid(name))
    if check.name == "alphanumeric":
        return validate.Regexp(ALPHANUMERIC, error=invalid(name, check.message))
    if check.name == "http_method":
        return validate.OneOf(
            ("GET", "POST", "get", "post"), error="The HTTP method must be GET or POST"
        )
    raise TypeError(f"no Twilio check for format {check.name!r}")


MAX_PAGE = 10_000_000


def paging_fields() -> dict[str, fields.Field]:
    """``PageSize`` (1-1000), ``Page`` and ``PageToken``, shared by every list."""
    return {
        "page_size": fields.Integer(
            validate=validate.Range(1, 1000, error="PageSize must be between 1 and 1000"),
            error_messages={"invalid": "PageSize must be an integer"},
        ),
        "page": fields.Integer(
            validate=validate.Range(0, MAX_PAGE, error=f"Page must be between 0 and {MAX_PAGE}"),
            error_messages={"invalid": "Page must be an integer"},
        ),
        "page_token": fields.String(),
    }


MAX_NARROWED = 256  # narrowed schemas one PascalCaseSchema keeps


class PascalCaseSchema(Schema):
    """Twilio form fields (``BusinessName``) ↔ snake_case attributes (``business_name``).

    The input is ``request.form.to_dict(flat=False)``: every value a list, because arrays
    arrive as repeated keys. Scalars keep their first value; empty values count as absent.
    """

    class Meta:
        unknown = EXCLUDE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What ``narrowed`` needs: the wire names this schema loads (None: it loads whole,
        # being narrowed already, partial, or loading a default for an absent field, which
        # would vanish from a narrowed one), and the narrowed schemas made so far.
        narrowable = self.only is None and not self.partial and not self.many
        defaults = any(f.load_default is not missing for f in self.load_fields.values())
        keys = frozenset(field.data_key for field in self.load_fields.values())
        self._wire_keys = keys if narrowable and not defaults else None
        self._narrowings: dict[frozenset, PascalCaseSchema] = {}

    def narrowed(self, form: Mapping) -> "PascalCaseSchema":
        """This schema limited to its required fields and those ``form`` names, in
        declaration order: the same load, errors and their order, but marshmallow walks every
        field a schema declares, and a verification create names a third of its 37 (15 % of
        a create). One per set of names, for the first ``MAX_NARROWED`` sets (clients send the
        same few); past them a form loads whole, as building one costs more than a load.
        ``tests/providers/twilio/test_form_loading.py`` loads every route's schema both ways."""
        if self._wire_keys is None:
            return self
        keys = self._wire_keys.intersection(form)
        found = self._narrowings.get(keys)
        if found is None:
            if len(self._narrowings) >= MAX_NARROWED:
                return self
            names = [
                name
                for name, field in self.load_fields.items()
                if field.required or field.data_key in keys
            ]
            found = self._narrowings[keys] = type(self)(only=names, unknown=self.unknown)
        return found

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        """Give every field its PascalCase wire name."""
        field_obj.data_key = field_obj.data_key or pascal_case(field_name)
        field_obj.error_messages["required"] = REQUIRED
        field_obj.error_messages["null"] = EMPTY  # an empty value, which counts as None

    @pre_load
    def collapse_repeated_keys(self, data: Mapping, **kwargs) -> dict:
        """Keep lists for array fields, the first value for scalars; drop empty values."""
        result = {}
        for field in self.load_fields.values():
            raw = data.get(field.data_key)
            if raw is None:
                continue
            values = [value for value in (raw if isinstance(raw, list) else [raw]) if value != ""]
            if isinstance(field, fields.List):
                value = values or None
            else:
                value = values[0] if values else None
            if value is None and field.required:
                continue
            result[field.data_key] = value
        return result


def load_form(schema: Schema, form: Mapping, invalid: type[TwilioError] = InvalidParameter) -> dict:
    """Validate a form or query string, raising the Twilio error for the first bad field.

    A missing required field is 20001 everywhere; an invalid value is ``invalid`` (20001, or
    ``InvalidValue``'s code 400 for the toll-free verification service).
    """
    if isinstance(schema, PascalCaseSchema):
        schema = schema.narrowed(form)
    try:
        return schema.load(form)
    except ValidationError as exc:
        raise first_error(schema, exc.messages, invalid) from None


def first_error(schema: Schema, messages: dict, invalid: type[TwilioError]) -> TwilioError:
    """The Twilio error for the first failing field, in declaration order."""
    keys = [field.data_key for field in schema.load_fields.values()] + ["_schema"]
    for key in keys:
        if key in messages:
            message = _first_message(messages[key])
            if message == REQUIRED:
                return MissingParameter(key)
            if message == EMPTY:
                return invalid(f"The {key} parameter is invalid. It must not be empty.")
            return invalid(message)
    return invalid(_first_message(messages))


def _first_message(messages) -> str:
    if isinstance(messages, str):
        return messages
    if isinstance(messages, dict):
        return _first_message(next(iter(messages.values())))
    return _first_message(messages[0])
