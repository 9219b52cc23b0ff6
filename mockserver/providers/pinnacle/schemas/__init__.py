"""Pinnacle's wire formats: camelCase JSON in and out (with the API's own snake_case
exceptions), loaded into the snake_case records the backend keeps.

Unknown keys are dropped (``EXCLUDE``), as Zod's default object parsing strips them; wrong
types, bad enum values and over-long strings are a 400 naming each field.
"""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from mockserver.validation import lone_surrogate_paths

from ..errors import BadRequest, invalid_fields
from ..paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page

LONE_SURROGATE = "Invalid string: a lone surrogate is not Unicode text."


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


def load(schema: Schema, body: object) -> dict:
    """Validate a request body; a 400 naming every bad field otherwise (a lone surrogate
    anywhere in it, which no text can carry, included)."""
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    broken = lone_surrogate_paths(body)
    if broken:
        raise invalid_fields(dict.fromkeys(broken, LONE_SURROGATE))
    try:
        return schema.load(body)
    except ValidationError as exc:
        raise invalid_fields(exc.messages) from None


def page_fields() -> dict:
    """``pageIndex`` and ``pageSize`` as every list route takes them."""
    return {
        "page_index": fields.Integer(
            data_key="pageIndex",
            strict=True,
            allow_none=True,
            load_default=0,
            validate=validate.Range(min=0),
        ),
        "page_size": fields.Integer(
            data_key="pageSize",
            strict=True,
            allow_none=True,
            load_default=DEFAULT_PAGE_SIZE,
            validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        ),
    }


def page_body(found: Page) -> dict:
    """A list route's ``{"data", "hasMore", "count"}`` (the page's items already rendered)."""
    return {"data": found.items, "hasMore": found.has_more, "count": found.count}
