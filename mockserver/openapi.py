"""What each route takes and answers, declared beside its view, for the OpenAPI document.

    @bp.post("/_mock/clock/advance")
    @documented(body=AdvanceSchema, answers={200: AdvanceAnswer}, errors=(400,))
    def advance():
        \"\"\"Move the clock forward; answer once everything due by then has happened.\"\"\"

The document (``GET /_mock/openapi.json``, ``mockserver.admin.openapi_document``) is built
from the routes the app really serves and these declarations: the same marshmallow schemas
that validate a request describe it, the view's docstring is its summary, and a route without
a declaration is missing from the document, which ``tests/admin/test_openapi.py`` reports.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema, fields

from mockserver.document_fields import ABSENT
from mockserver.record_kinds import Field, RecordKind

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
EVENT_STREAM = "text/event-stream"
# A schema class or instance; or a function of the runtime giving one, for a schema the
# configured providers shape (the reset's tenant fields).
SchemaLike = type[Schema] | Schema | Callable[[Any], type[Schema] | Schema]
# What an answer's body is: a schema (JSON), a tuple of schemas (exactly one of them), a
# media type's name (a body the document describes by its type only), or None (no body).
Body = SchemaLike | tuple[SchemaLike, ...] | str | None


@dataclass(frozen=True)
class Operation:
    """One route's declaration: its bodies, its query, its answers and its errors."""

    summary: str
    description: str
    body: SchemaLike | None = None
    body_type: str = JSON
    query: SchemaLike | None = None
    answers: Mapping[int, Body] = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    example: Mapping[str, Any] | None = None


def documented(
    *,
    answers: Mapping[int, Body],
    body: SchemaLike | None = None,
    form: SchemaLike | None = None,
    query: SchemaLike | None = None,
    errors: tuple[int, ...] = (),
    example: Mapping[str, Any] | None = None,
) -> Callable:
    """Declare a view's request and answers (``form`` for a form body, ``body`` for JSON, and
    ``example``, a body it takes, against the seed's records where it names any); its
    docstring's first paragraph is the summary, the rest the description."""
    if body is not None and form is not None:
        raise ValueError("a request has one body: give body or form")
    if example is not None and body is None and form is None:
        raise ValueError("an example is a request body: declare the body too")

    def attach(view: Callable) -> Callable:
        # Docstrings are reStructuredText, OpenAPI's texts CommonMark: ``code`` is `code`.
        text = (inspect.getdoc(view) or view.__name__).replace("``", "`")
        summary, _, description = text.partition("\n\n")
        view.operation = Operation(
            summary=" ".join(summary.split()),
            description=description.strip(),
            body=form if form is not None else body,
            body_type=FORM if form is not None else JSON,
            query=query,
            answers=dict(answers),
            errors=tuple(sorted(errors)),
            example=example,
        )
        return view

    return attach


def operation_of(view: Callable) -> Operation | None:
    """A view's declaration, or None when it has none."""
    return getattr(view, "operation", None)


_KIND_SCHEMAS: dict[tuple, type[Schema]] = {}
_FIELDS: dict[str, Callable[[], fields.Field]] = {
    "string": fields.String,
    "datetime": fields.String,
    "integer": fields.Integer,
    "number": fields.Float,
    "boolean": fields.Boolean,
    "object": lambda **options: fields.Dict(keys=fields.String(), **options),
}


def kind_schema(kind: RecordKind, names: tuple[str, ...] | None = None) -> type[Schema]:
    """The schema of a record of ``kind`` as responses show it (every declared field, maybe
    null), or of only the stored fields ``names``, keyed by those names."""
    key = (kind.key, names)
    if key not in _KIND_SCHEMAS:
        _KIND_SCHEMAS[key] = _kind_schema(kind, names)
    return _KIND_SCHEMAS[key]


def _kind_schema(kind: RecordKind, names: tuple[str, ...] | None) -> type[Schema]:
    if names is None:
        shown = {f.output_name: _field(f) for f in kind.shown()}
        name = kind.name.title().replace("_", "")
    else:
        by_name = {f.name: f for f in kind.fields}
        shown = {each: _field(by_name[each]) for each in names}
        name = kind.name.title().replace("_", "") + "Summary"
    return Schema.from_dict(shown, name=f"{kind.provider.title()}{name}")


def _field(declared: Field) -> fields.Field:
    # Present in every answer (the renderers write each shown field), maybe null; but one
    # whose default is ABSENT stays out of a record, and so of its answers, until set.
    options = {
        "required": declared.default is not ABSENT,
        "allow_none": True,
        "metadata": {"description": declared.doc},
    }
    if not declared.doc:
        options.pop("metadata")
    if declared.type == "list":
        item = _FIELDS.get(declared.item or "string", fields.String)()
        return fields.List(item, **options)
    return _FIELDS[declared.shown_as or declared.type](**options)
