"""Hostile inputs for every route of a provider, and what an answer to one must look like.

Each provider's ``test_bad_input.py`` describes its routes in a table of ``Route``s (which
path parameters, body fields and query parameters a route takes); ``hostile_requests`` turns
one ``Route`` into requests, ``problems`` says what is wrong with their answers, and
``routes_of`` lists the app's routes so a route missing from a table fails the suite.
"""

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlencode

import requests
from flask import Flask
from werkzeug.routing import BuildError
from werkzeug.test import TestResponse

DEPTH = 100_000
DEEP_JSON = "[" * DEPTH + "]" * DEPTH
DEEP_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH
# A lone surrogate: as a JSON escape, and as the bytes UTF-8 would give it (invalid UTF-8).
SURROGATE = "\ud800"
SURROGATE_BYTES = "%ED%A0%80"
HUGE_NUMBERS = ("1e400", "-1", str(2**64), "-1e400")
BIG_HEADER = "h" * 100_000
_NUMBER = "__number__"
_DEEP = "__deep__"
_SURROGATE = "__surrogate__"


@dataclass(frozen=True)
class Route:
    """What one route takes: path parameters, a JSON or form body, query parameters.

    ``path`` values may name a record the test created (``"{sink}"``); ``base`` is a body the
    route would accept (or nearly), into which one bad value at a time is put; field names
    may be dotted for nested JSON (``contact.email``).
    """

    path: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # "json", "form" or None
    base: dict = field(default_factory=dict)
    strings: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    json_fields: tuple[str, ...] = ()
    query: tuple[str, ...] = ()
    numeric_query: tuple[str, ...] = ()
    # Sent with every hostile request (a stream's ``timeout``, so that each one ends).
    base_query: str = ""


@dataclass(frozen=True)
class Hostile:
    """One request to send: a label for failure messages and ``client.open`` arguments."""

    label: str
    path: str
    query_string: str = ""
    data: bytes | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def routes_of(app: Flask, owns: Callable[[str], bool]) -> dict[str, tuple[str, str]]:
    """``{endpoint: (method, rule)}`` of every route whose rule ``owns`` accepts."""
    found = {}
    for rule in app.url_map.iter_rules():
        if owns(rule.rule):
            [method] = sorted(rule.methods - {"HEAD", "OPTIONS"})
            found[rule.endpoint] = (method, rule.rule)
    return found


def build_path(app: Flask, endpoint: str, values: dict[str, str]) -> str:
    """The route's path with ``values`` filled in (they are quoted as path segments)."""
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(endpoint, values, append_unknown=False)


def hostile_requests(app: Flask, endpoint: str, route: Route, records: dict) -> Iterator[Hostile]:
    """Every hostile request for one route, given the ids of ``records`` the test made."""
    for hostile in _hostile_requests(app, endpoint, route, records):
        if route.base_query:
            query = "&".join(filter(None, (route.base_query, hostile.query_string)))
            hostile = replace(hostile, query_string=query)
        yield hostile


def _hostile_requests(app: Flask, endpoint: str, route: Route, records: dict):
    values = {name: _resolve(value, records) for name, value in route.path.items()}
    path = build_path(app, endpoint, values)
    route = replace(route, base={name: _resolve(v, records) for name, v in route.base.items()})
    yield Hostile(
        "100 KB header",
        path,
        data=_encode(route, route.base),
        **_typed(route),
        headers={"X-Filler": BIG_HEADER},
    )
    yield Hostile("deep JSON body", path, data=DEEP_JSON.encode(), content_type="application/json")
    yield Hostile(
        "deep JSON object body", path, data=DEEP_OBJECT.encode(), content_type="application/json"
    )
    yield Hostile(
        "lone surrogates in a JSON body",
        path,
        data=json.dumps({SURROGATE: SURROGATE, "text": SURROGATE}).encode(),
        content_type="application/json",
    )
    yield Hostile("invalid UTF-8 in a query value", path, query_string="x=" + SURROGATE_BYTES)
    for name in route.path:
        try:
            broken = build_path(app, endpoint, {**values, name: "\ufffd"})
        except (BuildError, ValueError):  # a converter that takes fixed words (TollFree, Local)
            continue
        yield Hostile(
            f"invalid UTF-8 in path parameter {name}",
            broken.replace(quote("\ufffd", safe=""), SURROGATE_BYTES),
        )
    for name in (*route.query, *route.numeric_query):
        yield Hostile(f"empty query value {name}", path, query_string=f"{name}=")
        yield Hostile(
            f"invalid UTF-8 in query value {name}",
            path,
            query_string=f"{name}={SURROGATE_BYTES}",
        )
    for name in route.numeric_query:
        for number in HUGE_NUMBERS:
            yield Hostile(f"{name}={number}", path, query_string=urlencode({name: number}))
    for name in route.strings:
        yield Hostile(
            f"lone surrogate in {name}",
            path,
            data=_encode(route, _with(route.base, name, _SURROGATE)),
            **_typed(route),
        )
    for name in route.numbers:
        for number in HUGE_NUMBERS:
            yield Hostile(
                f"{name}={number}",
                path,
                data=_encode(route, _with(route.base, name, _NUMBER)).replace(
                    _quoted(route, _NUMBER), number.encode()
                ),
                **_typed(route),
            )
    for name in route.json_fields:
        for label, deep in (("deep JSON", DEEP_JSON), ("deep JSON object", DEEP_OBJECT)):
            yield Hostile(
                f"{label} in {name}",
                path,
                data=_encode(route, _with(route.base, name, _DEEP)).replace(
                    _quoted(route, _DEEP), _quoted(route, deep, raw=True)
                ),
                **_typed(route),
            )


def problems(response: TestResponse, hostile: Hostile, shape: Callable[[dict], bool]) -> list[str]:
    """What is wrong with an answer to a hostile request (nothing when it is fine)."""
    status, label = response.status_code, hostile.label
    text = response.get_data(as_text=True)
    if status >= 500:
        return [f"{label}: {status} {text[:200]}"]
    if "html" in (response.content_type or "") or text.lstrip().startswith("<"):
        return [f"{label}: HTML answer {status} {text[:200]}"]
    if status < 400 and (not text or text.startswith("retry: ")):
        return []  # nothing, or an event stream that ended (tests/admin/test_stream.py)
    try:
        body = json.loads(text, parse_constant=_not_json)
    except ValueError:
        return [f"{label}: {status} is not JSON: {text[:200]}"]
    if status < 400:
        return []
    if not isinstance(body, dict) or not shape(body):
        return [f"{label}: {status} body not in the provider's shape: {text[:200]}"]
    named = label.removeprefix("empty query value ")
    if named != label and named not in text:
        return [f"{label}: the {status} does not name {named}: {text[:200]}"]
    return []


def over_http(base_url: str, method: str, path: str, auth: dict[str, str]) -> list[Hostile]:
    """Oversize headers sent over real HTTP, where the server itself limits them: one
    100 KB line (refused with a 431 before the app runs) and six 50 KB lines (let through)."""
    cases = [
        ("one 100 KB header over HTTP", {"X-Filler": BIG_HEADER}),
        ("six 50 KB headers over HTTP", {f"X-Filler-{n}": "h" * 50_000 for n in range(6)}),
        ("101 headers over HTTP", {f"X-Filler-{n}": "h" for n in range(101)}),
    ]
    answers = []
    with requests.Session() as session:
        for label, headers in cases:
            response = session.request(
                method, base_url + path, headers={**auth, **headers}, timeout=30
            )
            answers.append((Hostile(label, path), response))
    return answers


def http_problems(
    hostile: Hostile, response: requests.Response, shape: Callable[[dict], bool]
) -> list[str]:
    """``problems`` for an answer over real HTTP."""
    return problems(_AsTestResponse(response), hostile, shape)


class _AsTestResponse:
    """The little of a test response ``problems`` reads, from a requests response."""

    def __init__(self, response: requests.Response):
        self.status_code = response.status_code
        self.content_type = response.headers.get("Content-Type")
        self._text = response.text

    def get_data(self, as_text: bool = False) -> str:
        return self._text


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")  # Python writes it, no JSON parser reads it


def send(client, method: str, hostile: Hostile, auth: dict[str, str]) -> TestResponse:
    """Send one hostile request with the provider's credentials."""
    headers = {**auth, **hostile.headers}
    if hostile.content_type is not None:
        headers["Content-Type"] = hostile.content_type
    return client.open(
        hostile.path,
        method=method,
        query_string=hostile.query_string,
        data=hostile.data,
        headers=headers,
    )


def _resolve(value, records: dict):
    """``"{sink}"`` is the id of the record the test made under ``sink``; anything else is
    itself."""
    if isinstance(value, str) and value[:1] == "{" and value[1:-1] in records:
        return records[value[1:-1]]
    return value


def _typed(route: Route) -> dict:
    if route.body == "json":
        return {"content_type": "application/json"}
    if route.body == "form":
        return {"content_type": "application/x-www-form-urlencoded"}
    return {}


def _with(base: dict, dotted: str, value) -> dict:
    body = copy.deepcopy(base)
    *parents, last = dotted.split(".")
    target = body
    for name in parents:
        target = target.setdefault(name, {})
    target[last] = value
    return body


def _encode(route: Route, body: dict) -> bytes | None:
    if route.body == "json":
        return json.dumps(body).replace(f'"{_SURROGATE}"', '"\\ud800"').encode()
    if route.body == "form":
        pairs = [
            (name, item)
            for name, value in body.items()
            for item in (value if isinstance(value, list) else [value])
        ]
        return urlencode(pairs).replace(_SURROGATE, SURROGATE_BYTES).encode()
    return None


def _quoted(route: Route, value: str, raw: bool = False) -> bytes:
    """How ``value`` appears in an encoded body (``raw``: as the text to put there)."""
    if route.body == "json":
        return value.encode() if raw else f'"{value}"'.encode()
    return quote(value, safe="").encode() if raw else value.encode()


def provider_routes(app: Flask, runtime, provider: str) -> dict[str, tuple[str, str]]:
    """``routes_of`` for the routes whose path the named provider owns."""
    from mockserver.runtime import provider_for_path

    def owned(rule: str) -> bool:
        owner = provider_for_path(runtime, rule)
        return owner is not None and owner.name == provider

    return routes_of(app, owned)
