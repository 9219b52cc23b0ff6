"""``load_form`` loads through a schema narrowed to the fields a form names: the same values,
the same first error, and a bounded cache of narrowed schemas."""

import copy
import random

import pytest
from marshmallow import Schema, ValidationError, fields

from mockserver.providers.twilio import schemas
from mockserver.providers.twilio.errors import InvalidParameter, InvalidValue, TwilioError
from mockserver.providers.twilio.routes import (
    event_streams,
    messages,
    phone_numbers,
    services,
    verifications,
)
from mockserver.providers.twilio.schemas import PascalCaseSchema, first_error, load_form
from mockserver.providers.twilio.schemas.document import VERIFICATION_EXAMPLE
from mockserver.providers.twilio.schemas.verifications import (
    CreateVerificationSchema,
    ListVerificationsQuery,
    UpdateVerificationSchema,
)


def as_form(values: dict) -> dict[str, list[str]]:
    """A parsed form body: every value a list, as ``routes.form()`` gives it."""
    return {key: value if isinstance(value, list) else [value] for key, value in values.items()}


def whole_schema_outcome(schema, form: dict, invalid=InvalidValue):
    """What loading through the whole, unnarrowed schema gives: the values or the error."""
    try:
        return schema.load(form)
    except ValidationError as exc:
        error = first_error(schema, exc.messages, invalid)
        return type(error), error.message


def narrowed_outcome(schema, form: dict, invalid=InvalidValue):
    try:
        return load_form(schema, form, invalid)
    except TwilioError as error:
        return type(error), error.message


ROUTE_SCHEMAS = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": value
    for module in (verifications, messages, services, event_streams, phone_numbers)
    for name, value in vars(module).items()
    if isinstance(value, Schema)
}
VALUES = [
    "",
    "x",
    "1",
    "0",
    "-1",
    "true",
    "FALSE",
    "abc@d.ef",
    "+18885551234",
    "US",
    "GET",
    "https://a.example/x",
    '{"type":"com.twilio.x"}',
    "[]",
    "2024-01-01",
    "VERBAL",
]


def random_form(rng: random.Random, schema) -> dict:
    """Some of the schema's fields (none, one or two values each, often invalid), sometimes
    on top of the verification example, sometimes with an unknown key."""
    keys = sorted(field.data_key for field in schema.load_fields.values())
    form = {
        key: [rng.choice(VALUES) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
        for key in keys
        if rng.random() < 0.35
    }
    if rng.random() < 0.3:
        form["Unknown"] = ["1"]
    if rng.random() < 0.5:
        example = as_form({k: v for k, v in VERIFICATION_EXAMPLE.items() if k in keys})
        form = {**example, **form}
    return form


@pytest.mark.parametrize("name", ROUTE_SCHEMAS)
def test_every_route_schema_loads_narrowed_as_whole(name):
    """For each schema a Twilio route loads a form or query through, 60 random forms give
    the same values, or the same first error, narrowed as whole."""
    schema, rng = ROUTE_SCHEMAS[name], random.Random(name)
    for _ in range(30):
        form = random_form(rng, schema)
        for invalid in (InvalidValue, InvalidParameter):
            assert narrowed_outcome(schema, form, invalid) == whole_schema_outcome(
                schema, form, invalid
            ), form


def test_route_schemas_are_found():
    """The walk above sees the create, the list queries and the other forms."""
    assert len(ROUTE_SCHEMAS) > 20
    assert "verifications._create_schema" in ROUTE_SCHEMAS


def without(*keys: str) -> dict:
    return {k: v for k, v in VERIFICATION_EXAMPLE.items() if k not in keys}


FORMS = {
    "whole example": VERIFICATION_EXAMPLE,
    "no profile: address required": without("CustomerProfileSid"),
    "missing required": without("BusinessName", "OptInType"),
    "empty required": {**VERIFICATION_EXAMPLE, "BusinessName": ""},
    "bad value after a missing one": {**without("BusinessName"), "NotificationEmail": "x"},
    "unknown keys": {**VERIFICATION_EXAMPLE, "Surprise": "1", "businessname": "lower"},
    "repeated scalar": {**VERIFICATION_EXAMPLE, "OptInType": ["VERBAL", "WEB_FORM"]},
    "nothing": {},
}


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("schema_class", [CreateVerificationSchema, UpdateVerificationSchema])
def test_narrowed_load_matches_the_whole_schema(name, schema_class):
    """Values, error class and message are what the whole schema gives, for every form."""
    schema, form = schema_class(), as_form(copy.deepcopy(FORMS[name]))
    assert narrowed_outcome(schema, form) == whole_schema_outcome(schema, form)


def test_list_query_loads_as_before():
    """A query schema loads through the same path."""
    schema = ListVerificationsQuery()
    form = as_form({"Status": "TWILIO_APPROVED", "PageSize": "5"})
    assert narrowed_outcome(schema, form) == whole_schema_outcome(schema, form)
    assert narrowed_outcome(schema, form) == {"status": "TWILIO_APPROVED", "page_size": 5}


def test_a_schema_with_load_defaults_stays_whole():
    """A field that loads a default when absent would vanish from a narrowed schema."""

    class Defaulted(PascalCaseSchema):
        name = fields.String()
        tags = fields.List(fields.String(), load_default=list)

    schema = Defaulted()
    assert schema.narrowed({"Name": ["x"]}) is schema
    assert load_form(schema, {"Name": ["x"]}) == {"name": "x", "tags": []}


def test_a_field_without_a_wire_name_is_kept_when_sent():
    """A field named by its attribute alone (no ``data_key``) stays in the narrowed schema."""

    class Plain(Schema):
        a = fields.String()
        b = fields.String(required=True)

    schema = Plain()
    assert load_form(schema, {"a": "x", "b": "y"}) == {"a": "x", "b": "y"}
    assert load_form(schema, {"b": "y"}) == {"b": "y"}


def test_narrowed_schemas_are_shared_and_bounded():
    """One narrowed schema per set of declared keys; unknown keys make no new ones; past
    the bound a new set loads whole instead of evicting."""
    schema = CreateVerificationSchema()
    form = as_form(VERIFICATION_EXAMPLE)
    first = schema.narrowed(form)
    assert schema.narrowed({**form, "Noise": ["1"]}) is first
    assert len(first.load_fields) == len(form) < len(schema.load_fields)
    assert first.narrowed(form) is first  # a narrowed schema is not narrowed again
    optional = sorted(f.data_key for f in schema.load_fields.values() if not f.required)
    for n in range(schemas.MAX_NARROWED + 5):  # that many distinct sets of optional keys
        schema.narrowed({**form, **{k: ["x"] for bit, k in enumerate(optional) if n >> bit & 1}})
    assert len(schema._narrowings) == schemas.MAX_NARROWED
    # Full: a new set loads through the whole schema, and nothing is evicted.
    assert schema.narrowed({**form, **{k: ["x"] for k in optional}}) is schema
    assert schema.narrowed({**form, "Noise": ["1"]}) is first
