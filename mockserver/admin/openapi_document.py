"""``GET /_mock/openapi.json``: the sandbox's OpenAPI 3.1 document, built from the routes the
app serves and their declarations (``mockserver.openapi``) with apispec's marshmallow plugin,
so it cannot drift from the schemas that validate the requests.

It describes every ``/_mock`` route but the dashboard's pages (HTML for people, not an API),
and the emulated routes of each provider that declares its API's security and error body
(``Provider.api_security``, ``api_error``); ``tests/admin/test_openapi.py`` fails on a route
it leaves out and names the providers still to come.
"""

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, current_app, jsonify
from marshmallow import Schema
from werkzeug.routing import Rule

from mockserver import __version__
from mockserver.openapi import JSON, Operation, documented, operation_of
from mockserver.runtime import current_runtime, provider_for_path

from .answers import ControlErrorAnswer, OpenApiAnswer
from .http import RENAMED
from .routes import bp

CONTROL_PREFIX, DASHBOARD_PREFIX = "/_mock", "/_mock/ui"
# Where a JSON schema's references point (pydantic's ``model_json_schema(ref_template=…)``).
REF_TEMPLATE = "#/components/schemas/{model}"
ERROR = {"$ref": "#/components/schemas/ControlError"}
TOKEN_SCHEME = "controlToken"
_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    303: "A control token is set and the request did not carry it: the way to its prompt",
    204: "No content",
    400: "The request is malformed or a value is invalid; `fields` names each one",
    401: "A control token is set and the request did not carry it",
    404: "No such record, delivery or tenant",
    409: "The request conflicts with the record's state",
    413: "The body is too large",
    503: "The sandbox cannot take this now (a stream too many, or the store cannot write)",
}
# What each error a provider answers means, in words that fit every provider (its error
# body says the rest); the success statuses read as the control API's.
_PROVIDER_REASONS = {
    400: "The request is malformed",
    401: "The credentials are missing or wrong",
    403: "Forbidden: the account may not do this (a feature not enabled, a sender not verified)",
    404: "No such resource (or not this tenant's)",
    409: "The request conflicts with the resource's state",
    413: "The body is too large",
    422: "A value is well formed but cannot be used (the error body says which)",
}
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
_CACHE_KEY = "mockserver.openapi"


@bp.get("/_mock/openapi.json")
@documented(answers={200: OpenApiAnswer})
def openapi_document():
    """This OpenAPI 3.1 document: every emulated API's route and the control API's, each
    with its request and its answers."""
    return jsonify(served_document())


def served_document() -> dict:
    """The current app's document, built once (its routes are fixed once it serves)."""
    app = current_app._get_current_object()
    document = app.extensions.get(_CACHE_KEY)
    if document is None:
        document = app.extensions[_CACHE_KEY] = build(app, current_runtime())
    return document


def documented_paths(app: Flask) -> list[Rule]:
    """The rules the document describes: the control API's (not the dashboard's pages) and
    those of every provider that declares its API (``Provider.api_security``)."""
    runtime = app.extensions["mockserver"]
    return [rule for rule in app.url_map.iter_rules() if _described(rule, runtime)]


def _described(rule: Rule, runtime) -> bool:
    if rule.rule.startswith(CONTROL_PREFIX):
        return not rule.rule.startswith(DASHBOARD_PREFIX)
    owner = provider_for_path(runtime, rule.rule)
    return owner is not None and owner.api_security is not None


def build(app: Flask, runtime) -> dict:
    """The document of ``app``'s routes, the providers' and the control API's (a route without
    a declaration is left out)."""
    spec = APISpec(
        title="mockserver",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin(schema_name_resolver=_namer())],
        info={
            "description": "The emulated providers' APIs at their real paths, and the control "
            "API under /_mock that steers the sandbox: its clock, records, scenarios, webhooks."
        },
    )
    spec.components.security_scheme(
        TOKEN_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "description": "Needed only when serve runs with --control-token.",
        },
    )
    spec.components.schema("ControlError", schema=ControlErrorAnswer)
    for provider in runtime.providers:
        if provider.api_security is not None:
            scheme, described = provider.api_security
            spec.components.security_scheme(scheme, described)
            spec.components.schema(_error_name(provider), provider.api_error)
    paths: dict[str, tuple[list, dict]] = {}
    for rule in sorted(documented_paths(app), key=lambda rule: rule.rule):
        declared = operation_of(app.view_functions[rule.endpoint])
        if declared is None:
            continue
        path, parameters = openapi_path(rule)
        _, operations = paths.setdefault(path, (parameters, {}))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operations[method.lower()] = _operation(declared, rule, runtime, spec)
    for path, (parameters, operations) in paths.items():
        spec.path(path=path, operations=operations, parameters=parameters)
    return spec.to_dict()


def _error_name(provider) -> str:
    return f"{provider.name.title()}Error"


def _operation(declared: Operation, rule: Rule, runtime, spec: APISpec) -> dict:
    """One method of one route, in OpenAPI's words."""
    operation = {
        "operationId": rule.endpoint.replace(".", "_"),
        "summary": declared.summary,
        "tags": [_tag(rule.endpoint)],
        "responses": {},
    }
    if declared.description:
        operation["description"] = declared.description
    if declared.query is not None:
        query = _schema(declared.query, runtime, spec)
        operation["parameters"] = [{"in": "query", "schema": query}]
    if declared.body is not None:
        content = {declared.body_type: {"schema": _schema(declared.body, runtime, spec)}}
        if declared.example is not None:
            content[declared.body_type]["example"] = dict(declared.example)
        required = _has_required(declared.body, runtime)
        operation["requestBody"] = {"required": required, "content": content}
    for status, body in declared.answers.items():
        operation["responses"][str(status)] = _answer(status, body, runtime, spec)
    provider = provider_for_path(runtime, rule.rule)
    public = rule.rule == "/_mock/health"
    # A page for people answers a missing token with the way to the prompt (its 303), not 401.
    prompts = 303 in declared.answers
    errors = set(declared.errors) | ({401} if not (public or prompts) else set())
    if declared.body is not None:
        errors.add(413)  # past max_body_bytes, before the view reads it (in the owner's shape)
    if any(_narrowed(parameter) for parameter in openapi_path(rule)[1]):
        errors.add(404)  # a path value its converter refuses reaches no route
    if provider is None and rule.methods & {"POST", "DELETE"} and not public:
        errors.add(503)  # the store's disk refused the write: nothing changed
    error = ERROR if provider is None else {"$ref": f"#/components/schemas/{_error_name(provider)}"}
    for status in sorted(errors):
        reason = (_REASONS if provider is None else _PROVIDER_REASONS)[status]
        content = {JSON: {"schema": error}}
        operation["responses"][str(status)] = {"description": reason, "content": content}
    if provider is not None:
        operation["security"] = [{provider.api_security[0]: []}]
    else:
        operation["security"] = [{}] if public else [{}, {TOKEN_SCHEME: []}]
    if rule.endpoint in RENAMED:
        operation["deprecated"] = True
    return operation


def _narrowed(parameter: dict) -> bool:
    """Whether the router takes only some values of a path parameter (an enum, an integer)."""
    return "enum" in parameter["schema"] or parameter["schema"]["type"] == "integer"


def _has_required(declared, runtime) -> bool:
    """Whether a body schema requires a member: then the body itself is required."""
    if not isinstance(declared, type | Schema):
        declared = declared(runtime)
    if isinstance(declared, dict):  # a JSON schema (pydantic's)
        return bool(declared.get("required"))
    schema = declared() if isinstance(declared, type) else declared
    return any(field.required for field in schema.load_fields.values())


def _tag(endpoint: str) -> str:
    """A route's group: ``sandbox`` for the core's, else its provider's (``twilio``…)."""
    blueprint, dot, _ = endpoint.partition(".")
    return "sandbox" if blueprint == "mock_admin" or not dot else blueprint.removesuffix("_control")


def _answer(status: int, body, runtime, spec: APISpec) -> dict:
    answer = {"description": _REASONS[status]}
    if isinstance(body, str):  # a media type: text/event-stream, text/html
        answer["content"] = {body: {"schema": {"type": "string"}}}
    elif body is not None:
        answer["content"] = {JSON: {"schema": _schema(body, runtime, spec)}}
    return answer


def _schema(declared, runtime, spec: APISpec):
    """A schema class or instance as declared, or what a factory of one gives: a marshmallow
    schema, or a JSON schema, which becomes a component named by its ``title`` (its
    ``$defs`` too: pydantic's, written with ``ref_template=REF_TEMPLATE``); a tuple of them
    is ``oneOf`` (the plugin names each a component)."""
    if isinstance(declared, tuple):
        return {"oneOf": [_schema(each, runtime, spec) for each in declared]}
    if not isinstance(declared, type | Schema):
        declared = declared(runtime)
    if not isinstance(declared, dict):
        return declared
    declared = dict(declared)
    named = {**declared.pop("$defs", {}), declared["title"]: declared}
    for name, definition in named.items():
        if name not in spec.components.schemas:
            spec.components.schema(name, definition)
    return {"$ref": REF_TEMPLATE.format(model=declared["title"])}


def openapi_path(rule: Rule) -> tuple[str, list[dict]]:
    """The rule's path in OpenAPI's ``{name}`` form, and its path parameters."""
    parameters = []

    def rename(match: re.Match) -> str:
        schema: dict = {"type": "string"}
        if match["converter"] == "any":
            schema["enum"] = [value.strip().strip("\"'") for value in match["args"].split(",")]
        elif match["converter"] == "int":
            schema = {"type": "integer"}
        parameters.append({"in": "path", "name": match["name"], "required": True, "schema": schema})
        return "{" + match["name"] + "}"

    return _PARAMETER.sub(rename, rule.rule), parameters


def _namer():
    """Component names: a schema class's name without ``Schema``, a provider's prefixed with
    the provider's (``PinnacleNumberAnswer``), so a name never depends on which route came
    first; a clash left after that (two modules of one provider) fails the build."""
    taken: dict[str, type] = {}

    def name(schema) -> str:
        cls = schema if isinstance(schema, type) else type(schema)
        base = cls.__name__.removesuffix("Schema")
        # ``Schema.from_dict`` classes live in marshmallow's module: their bases tell whose.
        modules = [each.__module__.split(".") for each in cls.__mro__]
        parts = next((each for each in modules if "providers" in each), [])
        if parts:
            owner = parts[parts.index("providers") + 1].title()
            base = base if base.startswith(owner) else owner + base
        if taken.setdefault(base, cls) is not cls:
            raise ValueError(f"two schemas are named {base}: {taken[base]} and {cls}")
        return base

    return name
