"""The OpenAPI document's view of Pinnacle's answers: marshmallow fields built from the same
declared ``Field`` tuples that shape the bodies (``shown``), under their camelCase wire names;
and shapes, for the literal bodies: one dict of fields that is both an answer's schema
(``answer``) and what its renderer writes (``written``), so neither has a member the other
lacks.
"""

from collections.abc import Callable, Iterable, Mapping

from marshmallow import Schema, fields, validate

from mockserver.listing import ShapeError
from mockserver.record_kinds import Field, OneOf

_PLAIN: dict[str, Callable[..., fields.Field]] = {
    "string": fields.String,
    "datetime": fields.String,
    "integer": fields.Integer,
    "number": fields.Float,
    "boolean": fields.Boolean,
}


def wire_name(declared: Field) -> str:
    """A field's name in Pinnacle's JSON (a field responses hide but a route shows: its own)."""
    if declared.output_name:
        return declared.output_name
    head, *rest = declared.name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def answer_field(
    declared: Field,
    *,
    nested: type[Schema] | None = None,
    required: bool = True,
    nullable: bool = False,
) -> fields.Field:
    """One declared field as an answer shows it: its type (``nested`` for an object, or the
    items of a list), its choices, its doc."""
    options: dict = {"required": required, "allow_none": nullable}
    if declared.doc:
        options["metadata"] = {"description": declared.doc}
    choices = [validate.OneOf(c.choices) for c in declared.checks if isinstance(c, OneOf)]
    if declared.type == "list":
        if nested is not None:
            item = fields.Nested(nested)
        elif declared.item == "object":
            item = fields.Dict(keys=fields.String())
        else:
            item = _PLAIN[declared.item or "string"]()
        return fields.List(item, **options)
    if nested is not None:
        return fields.Nested(nested, **options)
    if declared.type == "object":
        return fields.Dict(keys=fields.String(), **options)
    return _PLAIN[declared.type](validate=choices, **options)


def answer_fields(
    declared: Iterable[Field],
    *,
    nested: Mapping[str, type[Schema]] | None = None,
    nullable: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> dict[str, fields.Field]:
    """``answer_field`` of each declared field, keyed by its wire name; every one is present
    and not null but those named in ``optional`` (left out until set) and ``nullable``."""
    nested, nullable, optional = dict(nested or {}), set(nullable), set(optional)
    return {
        wire_name(f): answer_field(
            f,
            nested=nested.get(f.name),
            required=f.name not in optional,
            nullable=f.name in nullable,
        )
        for f in declared
    }


def one_of_these(*choices: str, **options) -> fields.String:
    """A required string, one of ``choices``."""
    return fields.String(required=True, validate=validate.OneOf(choices), **options)


# -- shapes: one dict of fields is both an answer's schema and what its renderer writes ----


def always(kind: Callable[..., fields.Field] = fields.String, **options) -> fields.Field:
    """A member every answer of its shape carries (pass ``allow_none=True`` when it may be
    null)."""
    return kind(required=True, **options)


def nested(answer: type[Schema], **options) -> fields.Nested:
    """A member that is an object of ``answer``'s shape, always there."""
    return fields.Nested(answer, required=True, **options)


def strings(**options) -> fields.List:
    """A member that is a list of strings, always there."""
    return fields.List(fields.String(), required=True, **options)


class ShapedAnswer(Schema):
    """The base of every answer built from a shape (the document names it as Pinnacle's)."""


def answer(name: str, shape: Mapping[str, fields.Field], doc: str) -> type[Schema]:
    """The answer schema ``name``: the very fields of ``shape``, which its renderer writes."""
    schema = ShapedAnswer.from_dict(dict(shape), name=name)
    schema.__doc__ = doc
    return schema


def written(shape: Mapping[str, fields.Field], values: Mapping) -> dict:
    """``values`` under ``shape``'s wire names, in its order.

    Renderers name the values they write, so an unknown one is a bug (``ShapeError``); the
    values come from stored records, so a required one missing, or null where the shape has
    no null, is damage (a KeyError or ValueError, for which a list leaves the record out: the
    SDK would refuse the whole list over it)."""
    members, names = _plan(shape)
    if not names.issuperset(values):
        raise ShapeError(f"not in the answer's shape: {sorted(set(values) - names)}")
    body = {}
    for name, wire, required, nullable in members:
        if required or name in values:
            value = values[name]
            if value is None and not nullable:
                raise ValueError(f"null {name!r}")
            body[wire] = value
    return body


_plans: dict[int, tuple] = {}
_MAX_PLANS = 512


def _plan(shape: Mapping[str, fields.Field]) -> tuple[tuple, frozenset]:
    """``shape``'s members as (name, wire name, required, nullable), and its names: worked
    out once per shape (shapes are module constants; the entry keeps its shape alive, so its
    id stays its own)."""
    found = _plans.get(id(shape))
    if found is None or found[0] is not shape:
        members = tuple(
            (name, field.data_key or name, field.required, field.allow_none)
            for name, field in shape.items()
        )
        if len(_plans) >= _MAX_PLANS:  # only were shapes made per call
            _plans.clear()
        found = _plans[id(shape)] = (shape, members, frozenset(shape))
    return found[1], found[2]


# One finding of a validate route, as ``rules.problem`` makes it (an example only when known).
PROBLEM = {"field": always(), "description": always(), "example": fields.String()}
ProblemAnswer = answer("ProblemAnswer", PROBLEM, "One finding of a validate route.")


def validation_shape(valid_key: str) -> dict[str, fields.Field]:
    """A validate route's answer: its findings, and whether there are none (``valid_key``:
    the wire name the route's model gives that flag)."""
    return {
        "errors": always(fields.List, cls_or_instance=fields.Nested(ProblemAnswer)),
        "is_valid": always(fields.Boolean, data_key=valid_key),
    }


def validation_answer(shape: Mapping[str, fields.Field], problems: list[dict]) -> dict:
    """A ``validation_shape`` answer of ``problems`` (what submission would refuse)."""
    found = [written(PROBLEM, problem) for problem in problems]
    return written(shape, {"errors": found, "is_valid": not found})
