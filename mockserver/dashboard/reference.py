"""``GET /_mock/docs``: the sandbox's OpenAPI document rendered for people, on the server
from the same document ``GET /_mock/openapi.json`` serves (no script, works offline)."""

import json
import re

from flask import Response, render_template
from markupsafe import Markup, escape

from mockserver.admin.openapi_document import served_document
from mockserver.openapi import documented

from .login import REFERENCE_PATH

PATH = REFERENCE_PATH
METHODS = ("get", "post", "put", "patch", "delete")
_CODE = re.compile(r"`([^`]+)`")


@documented(answers={200: "text/html", 303: None})
def api_reference() -> Response:
    """The API reference: every operation, its parameters, body (with its example) and answers."""
    document = served_document()
    groups: dict[str, list[dict]] = {}
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                operation = item[method]
                parameters = shared + operation.get("parameters", [])
                entry = {"method": method.upper(), "path": path, "parameters": parameters}
                groups.setdefault(operation["tags"][0], []).append({**operation, **entry})
    page = render_template(
        "dashboard/reference.html",
        document=document,
        groups=sorted(groups.items()),
        schemas=sorted(document["components"]["schemas"].items()),
        schema_name=schema_name,
        type_of=type_of,
        code_spans=code_spans,
        example_text=example_text,
    )
    return Response(page, mimetype="text/html")


def code_spans(text: str) -> Markup:
    """CommonMark's `code` spans of a summary as ``<code>``, everything escaped first."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(text))))


def example_text(example: object) -> str:
    """A request example as indented JSON (the template escapes it)."""
    return json.dumps(example, indent=2, ensure_ascii=False)


def schema_name(schema: dict) -> str | None:
    """The component a ``$ref`` names, or None for an inline schema."""
    reference = schema.get("$ref", "")
    return reference.rsplit("/", 1)[-1] if reference else None


def type_of(schema: dict) -> str:
    """A property's type as a person reads it: ``string``, ``integer or null``, ``array of
    Delivery``, ``one of a, b`` (values, or schemas)."""
    if "$ref" in schema:
        return schema_name(schema) or "object"
    choices = schema.get("anyOf") or schema.get("oneOf")
    if choices:  # pydantic's nullable fields are an anyOf with null
        named = [type_of(choice) for choice in choices if choice.get("type") != "null"]
        shown = named[0] if len(named) == 1 else "one of " + ", ".join(named)
        nullable = len(named) < len(choices)
        return shown + (" or null" if nullable else "")
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    kind = schema.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    named = []
    for each in kinds:
        if each == "array":
            named.append("array of " + type_of(schema.get("items", {})))
        else:
            named.append(each)
    return " or ".join(named)
