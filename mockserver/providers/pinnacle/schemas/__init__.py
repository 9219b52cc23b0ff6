"""Pinnacle's wire formats: camelCase JSON in and out (with the API's own snake_case
exceptions), loaded into the snake_case records the backend keeps.

Unknown keys are dropped (``EXCLUDE``), as Zod's default object parsing strips them; wrong
types, bad enum values and over-long strings are a 400 naming each field.
"""

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from mockserver.nanp import E164 as E164_PATTERN
from mockserver.record_kinds import Check, Field, Format, MaxLength, OneOf
from mockserver.validation import lone_surrogate_paths

from ..errors import BadRequest, invalid_fields
from ..paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page

LONE_SURROGATE = "Invalid string: a lone surrogate is not Unicode text."
E164 = validate.Regexp(E164_PATTERN, error="Must be an E.164 phone number.")
# Record ids as a client names them; a malformed one gets marshmallow's own wording.
ID_PATTERNS = {"brand_id": r"^b_\S+\Z", "campaign_id": r"^tf_\S+\Z"}


class CamelSchema(Schema):
    """Base of every request schema."""

    class Meta:
        unknown = EXCLUDE


class StrictBoolean(fields.Boolean):
    """JSON ``true``/``false`` only (no ``"yes"``, ``1`` or ``"true"``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError("Expected boolean.")
        return value


class WholeNumber(fields.Integer):
    """A JSON number without a fraction: ``20`` and ``20.0`` alike, as JavaScript (and so Zod's
    ``.int()``) reads both; never a boolean, a string or ``1.5``."""

    def _validated(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


def json_field(
    declared: Field,
    *,
    nested: type[Schema] | None = None,
    data_key: str | None = None,
    min_length: int | None = None,
    **options,
) -> fields.Field:
    """The JSON field of a declared field: its wire name, type and checks, in Pinnacle's wording."""
    # Pinnacle's Zod errors read as marshmallow's own; an optional field takes null; a minimum
    # length joins the declared maximum in one check, whose error names both bounds.
    options = {"required": declared.required, "allow_none": not declared.required, **options}
    wire = data_key or declared.output_name or _camel(declared.name)
    if wire != declared.name:
        options["data_key"] = wire
    if declared.type == "list":
        items = _text(declared.item_checks, None)
        return fields.List(items, validate=_validators(declared.checks, min_length), **options)
    if declared.type == "object":
        return fields.Nested(nested, validate=_validators(declared.checks, None), **options)
    if declared.type == "boolean":
        return StrictBoolean(validate=_validators(declared.checks, None), **options)
    return _text(declared.checks, min_length, **options)


def declared_fields(declared: Iterable[Field], **nested: type[Schema]) -> dict[str, fields.Field]:
    """``json_field`` of each declared field, by name; ``nested`` gives object fields' schemas."""
    return {f.name: json_field(f, nested=nested.get(f.name)) for f in declared}


def _text(checks: tuple[Check, ...], min_length: int | None, **options) -> fields.Field:
    """A string field; a URL one is marshmallow's ``Url`` ("Not a valid URL." for any bad value)."""
    if Format("url") in checks:
        rest = tuple(check for check in checks if check != Format("url"))
        return fields.Url(schemes={"http", "https"}, validate=_validators(rest, None), **options)
    return fields.String(validate=_validators(checks, min_length), **options)


def _validators(checks: tuple[Check, ...], min_length: int | None) -> list[validate.Validator]:
    return [_validator(check, min_length) for check in checks]


def _validator(check: Check, min_length: int | None) -> validate.Validator:
    if isinstance(check, MaxLength):
        return validate.Length(min=min_length, max=check.limit)
    if isinstance(check, OneOf):
        return validate.OneOf(check.choices)
    if isinstance(check, Format) and check.name == "phone":
        return E164
    if isinstance(check, Format) and check.name in ID_PATTERNS:
        return validate.Regexp(ID_PATTERNS[check.name])
    raise TypeError(f"no Pinnacle wording for {check!r}")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def shown(
    declared: Iterable[Field], record: Mapping, computed: Mapping[str, Callable[[Mapping], object]]
) -> dict:
    """The declared fields by output name, in order: ``computed`` ones from their functions."""
    # Any other comes straight from the record: one that lacks it is damaged (KeyError), and
    # list routes leave it out.
    return {
        f.output_name: computed[f.name](record) if f.name in computed else record[f.name]
        for f in declared
    }


def load(
    schema: Schema | type[Schema], body: object, message: str = "Invalid request body."
) -> dict:
    """Validate a request body (or a query: ``message`` says which); a 400 naming every bad
    field otherwise (a lone surrogate anywhere in it, which no text can carry, included).
    A schema class is loaded through one instance of it, made once (an instance costs 20-50
    us to build, and loading never changes it)."""
    if isinstance(schema, type):
        schema = _instance_of(schema)
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    broken = lone_surrogate_paths(body)
    if broken:
        raise invalid_fields(dict.fromkeys(broken, LONE_SURROGATE), message)
    try:
        return schema.load(body)
    except ValidationError as exc:
        raise invalid_fields(exc.messages, message) from None


@cache
def _instance_of(schema: type[Schema]) -> Schema:
    return schema()


def page_fields() -> dict:
    """``pageIndex`` and ``pageSize`` as every list route takes them."""
    return {
        "page_index": WholeNumber(
            data_key="pageIndex",
            allow_none=True,
            load_default=0,
            validate=validate.Range(min=0),
        ),
        "page_size": WholeNumber(
            data_key="pageSize",
            allow_none=True,
            load_default=DEFAULT_PAGE_SIZE,
            validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        ),
    }


def page_body(found: Page) -> dict:
    """A list route's ``{"data", "hasMore", "count"}`` (the page's items already rendered)."""
    return {"data": found.items, "hasMore": found.has_more, "count": found.count}
