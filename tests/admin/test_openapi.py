"""``GET /_mock/openapi.json``: the OpenAPI 3.1 document of every provider's routes and the
control API's, built from the routes the app serves and the schemas that validate them."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from mockserver.admin.openapi_document import documented_paths, openapi_path
from mockserver.runtime import provider_for_path
from tests.conftest import CONTROL_TOKEN, ISV_SID

DOCUMENT = "/_mock/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch"}


def operations(document: dict):
    """Every (path, method, operation) of the document (a path's ``parameters`` are not)."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def operations_matching(document: dict, pattern) -> dict[tuple[str, str], dict]:
    """The document's operations whose path ``pattern`` (a compiled regex) matches, by
    (path, method)."""
    return {
        (path, method): operation
        for path, method, operation in operations(document)
        if pattern.match(path)
    }


def fill(text: str, made: dict[str, str]) -> str:
    """``text`` with each ``{name}`` of ``made`` replaced by its value."""
    for name, value in made.items():
        text = text.replace("{" + name + "}", value)
    return text


def filled_form(form: dict | None, made: dict[str, str]) -> dict:
    """A case's form with ``fill`` applied to each value (each item of a list)."""
    return {
        key: [fill(each, made) for each in value] if isinstance(value, list) else fill(value, made)
        for key, value in (form or {}).items()
    }


def status_gaps(operations: dict[tuple[str, str], dict], cases) -> tuple[set, set]:
    """For answer tests over ``operations`` ((path, method) → operation) by ``cases`` of
    (status, method, path, …), plus a 401 for every operation and a 413 for every one with
    a body (tested apart): the (path, method, status) declared but never reached, and those
    reached but not declared."""
    declared = {
        (path, method, int(status))
        for (path, method), operation in operations.items()
        for status in operation["responses"]
    }
    reached = {(path, method, status) for status, method, path, *_ in cases}
    reached |= {(path, method, 401) for path, method in operations}
    reached |= {
        (path, method, 413)
        for (path, method), operation in operations.items()
        if "requestBody" in operation
    }
    return declared - reached, reached - declared


def success_urls(operations: dict[tuple[str, str], dict], cases) -> dict[tuple[str, str], str]:
    """Each operation's URL, (path, method) → the URL of its first success among ``cases``."""
    urls: dict[tuple[str, str], str] = {}
    for status, method, path, url, *_ in cases:
        if status < 300 and (path, method) in operations:
            urls.setdefault((path, method), url)
    return urls


def assert_guarded(client, document: dict, operations: dict, urls: dict, headers: dict, big: int):
    """Each of ``operations``, at its success URL (``urls``): without credentials a described
    401, and with ``headers`` but a body past ``big`` bytes (one with a body) a described 413."""
    for (path, method), url in urls.items():
        assert_described(client.open(url, method=method.upper()), document, path, method, 401)
        if "requestBody" in operations[(path, method)]:
            sent = client.open(url, method=method.upper(), data={"X": "x" * big}, headers=headers)
            assert_described(sent, document, path, method, 413)


def assert_described(answer, document: dict, path: str, method: str, status: int) -> None:
    """``answer`` has ``status`` and is as the document describes it (a 204: no body)."""
    assert answer.status_code == status, (method, path, answer.get_data(as_text=True))
    if status == 204:
        assert answer.data == b""
        assert "content" not in document["paths"][path][method]["responses"]["204"]
        return
    answer_schema(document, path, method, status).validate(answer.get_json())


def resolve(schema: dict, document: dict) -> dict:
    """A schema of the document with its top ``$ref`` followed."""
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def answer_schema(document: dict, path: str, method: str, status: int) -> Draft202012Validator:
    """A validator of one answer's JSON body as the document describes it."""
    described = document["paths"][path][method]["responses"][str(status)]
    schema = described["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["controlToken"]["scheme"] == "bearer"


def served(rules) -> set[tuple[str, str]]:
    """(OpenAPI path, method) of each rule's methods."""
    return {
        (openapi_path(rule)[0], method.lower())
        for rule in rules
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_control_and_declared_provider_route_is_in_the_document(app, document):
    """A route added without a declaration fails here (the dashboard's pages are not API)."""
    described = {(path, method) for path, method, _ in operations(document)}
    assert served(documented_paths(app)) == described
    assert not any(path.startswith("/_mock/ui") for path, _ in described)


def test_only_the_dashboards_pages_are_left_out(app, runtime):
    """Every provider's emulated routes are described; what is left out is for people (the
    dashboard's pages, its static files, the root's redirect to it)."""
    described = {id(rule) for rule in documented_paths(app)}
    left_out = [rule for rule in app.url_map.iter_rules() if id(rule) not in described]
    assert [rule.rule for rule in left_out if provider_for_path(runtime, rule.rule)] == []
    assert all(
        rule.rule.startswith(("/_mock/ui", "/static/")) or rule.rule == "/" for rule in left_out
    )
    assert all(provider.api_security is not None for provider in runtime.providers)


def test_request_schemas_are_the_ones_that_validate_the_requests(document):
    advance = document["paths"]["/_mock/clock/advance"]["post"]["requestBody"]
    assert advance["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Advance"
    }
    assert set(document["components"]["schemas"]["Advance"]["properties"]) == {
        "seconds",
        "minutes",
        "hours",
        "days",
    }
    reset = document["components"]["schemas"]["TenantReset"]["properties"]
    assert {"random_seed", "account_sid", "api_key"} <= set(reset)  # the providers' tenants
    journal = document["paths"]["/_mock/requests"]["get"]["parameters"]
    assert {p["name"] for p in journal} >= {"method", "path_prefix", "tenant", "limit"}


def test_a_renamed_route_is_marked_deprecated_and_its_successor_is_not(document):
    assert document["paths"]["/_mock/accounts"]["post"]["deprecated"] is True
    assert "deprecated" not in document["paths"]["/_mock/twilio/accounts"]["post"]


def test_every_route_but_the_health_check_names_the_control_token(document):
    """And answers 401 without it, but the reference page, which sends a person to the
    token prompt (303)."""
    for path, _, operation in operations(document):
        if not path.startswith("/_mock"):
            continue
        public = path == "/_mock/health"
        refused = "303" if path == "/_mock/docs" else "401"
        assert (refused not in operation["responses"]) is public, path
        assert operation["security"] == ([{}] if public else [{}, {"controlToken": []}])


def test_the_reference_page_renders_every_operation_of_the_document(client, document):
    page = client.get("/_mock/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    for path, method, operation in operations(document):
        assert f'id="{operation["operationId"]}"' in text, (method, path)
    assert 'id="schema-ControlError"' in text and "<script" not in text
    assert "<code>pending-review</code>" in text  # CommonMark code spans, escaped first


def test_the_reference_page_names_a_nullable_pydantic_field_by_its_type(client):
    text = client.get("/_mock/docs").get_data(as_text=True)
    schema = text.split('id="schema-TollfreeVerificationRequest"', 1)[1].split("</table>", 1)[0]
    assert "string or null" in schema and ">any<" not in schema


def test_the_reference_page_shows_each_request_example_and_each_choice_of_an_answer(client):
    text = client.get("/_mock/docs").get_data(as_text=True)
    send = text.split('id="twilio_send_message"', 1)[1].split("</details>", 1)[0]
    assert '<pre class="example"><code>{\n  &#34;From&#34;: &#34;+14155550100&#34;' in send
    sms = text.split('id="pinnacle_send_sms"', 1)[1].split("</details>", 1)[0]
    assert (
        'one of <a href="#schema-PinnacleSentSmsAnswer">PinnacleSentSmsAnswer</a>, '
        '<a href="#schema-PinnacleScheduledSendAnswer">PinnacleScheduledSendAnswer</a>'
    ) in sms


def test_with_a_token_the_reference_page_asks_for_it_like_the_dashboard(token_client):
    answer = token_client.get("/_mock/docs")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/_mock/ui/login?next=%2F_mock%2Fdocs"
    login = token_client.post(answer.headers["Location"], data={"token": CONTROL_TOKEN})
    assert (login.status_code, login.headers["Location"]) == (303, "/_mock/docs")
    assert token_client.get("/_mock/docs").status_code == 200  # the cookie it left


def test_each_error_answer_is_the_control_apis_error_shape(client, document):
    wrong = client.post("/_mock/clock/advance", json={"seconds": -1})
    assert wrong.status_code == 400
    answer_schema(document, "/_mock/clock/advance", "post", 400).validate(wrong.get_json())
    missing = client.get("/_mock/records/HH0")
    assert missing.status_code == 404
    answer_schema(document, "/_mock/records/{record_id}", "get", 404).validate(missing.get_json())


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "described"),
    [
        ("get", "/_mock/health", None, 200, "/_mock/health"),
        ("get", "/_mock/clock", None, 200, "/_mock/clock"),
        ("post", "/_mock/clock/advance", {"hours": 1}, 200, "/_mock/clock/advance"),
        ("get", "/_mock/kinds", None, 200, "/_mock/kinds"),
        ("get", "/_mock/records", None, 200, "/_mock/records"),
        ("get", "/_mock/scenarios", None, 200, "/_mock/scenarios"),
        ("get", "/_mock/requests", None, 200, "/_mock/requests"),
        ("get", "/_mock/webhooks", None, 200, "/_mock/webhooks"),
        ("post", "/_mock/twilio/accounts", {}, 201, "/_mock/twilio/accounts"),
        ("get", f"/_mock/twilio/phone-numbers?account_sid={ISV_SID}", None, 200, None),
        ("get", "/_mock/twilio/messages", None, 200, "/_mock/twilio/messages"),
        ("get", "/_mock/pinnacle/api-keys", None, 200, "/_mock/pinnacle/api-keys"),
        ("get", "/_mock/pinnacle/webhooks", None, 200, "/_mock/pinnacle/webhooks"),
        ("get", "/_mock/platform/setups", None, 200, "/_mock/platform/setups"),
        ("post", "/_mock/reset", {"account_sid": ISV_SID}, 200, "/_mock/reset"),
        ("post", "/_mock/reset", {}, 200, "/_mock/reset"),
        ("get", DOCUMENT, None, 200, DOCUMENT),
    ],
)
def test_real_answers_match_the_document(client, document, method, path, body, status, described):
    answer = client.open(path, method=method.upper(), json=body)
    assert answer.status_code == status, answer.get_json()
    described = described or path.split("?", 1)[0]
    answer_schema(document, described, method, status).validate(answer.get_json())


def test_records_made_through_the_control_api_match_the_document(client, document):
    """Created answers shaped by the record kinds' declarations (an account, a number, a
    setup, a binding, a transition)."""
    cases = [
        ("/_mock/twilio/api-keys", {"account_sid": ISV_SID}, 201),
        ("/_mock/twilio/phone-numbers", {"account_sid": ISV_SID, "phone_number": "+18885550199"}),
        ("/_mock/twilio/customer-profiles", {"account_sid": ISV_SID}, 201),
        ("/_mock/platform/setups", {"api_key": "k_openapi"}, 201),
        ("/_mock/pinnacle/api-keys", {"api_key": "pk_openapi"}, 201),
        ("/_mock/pinnacle/webhooks", {"url": "http://127.0.0.1:9/hook"}, 201),
        ("/_mock/scenarios/bind", {"phone_number": "+18885550199", "scenario": None}, 200),
    ]
    for path, body, *status in cases:
        answer = client.post(path, json=body)
        expected = status[0] if status else 201
        assert answer.status_code == expected, (path, answer.get_json())
        answer_schema(document, path, "post", expected).validate(answer.get_json())


def test_the_platform_api_is_described_with_its_bearer_key_and_error_body(document):
    verification = "/v1/setups/{setup_id}/phone-numbers/{phone_number_id}/tollfree-verification"
    submit = document["paths"][verification]["post"]
    assert submit["security"] == [{"platformBearer": []}]
    assert document["components"]["securitySchemes"]["platformBearer"]["scheme"] == "bearer"
    assert submit["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlatformError"
    }
    assert submit["requestBody"]["required"] is True
    assert submit["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TollfreeVerificationRequest"
    }
    body = document["components"]["schemas"]["TollfreeVerificationRequest"]
    assert "business_name" in body["properties"] and "business_name" in body["required"]


def test_platform_answers_match_the_document(client, document):
    """The submit, fetch and delete of the platform's tests, and their errors."""
    from tests.providers.platform.conftest import (
        SETUP,
        TOLL_FREE,
        bearer,
        number_url,
        submission,
        verification_url,
    )

    number = "/v1/setups/{setup_id}/phone-numbers/{phone_number_id}"
    verification = number + "/tollfree-verification"
    cases = [
        ("post", verification_url(""), submission(), bearer(), 201, verification),
        ("get", verification_url(""), None, bearer(), 200, verification),
        ("post", verification_url(""), submission(), bearer(), 409, verification),
        ("get", verification_url(""), None, {}, 401, verification),
        ("get", verification_url("", setup="nope"), None, bearer(), 422, verification),
        ("post", verification_url(""), {"business_name": 5}, bearer(), 422, verification),
        ("get", verification_url("", number=SETUP), None, bearer(), 404, verification),
    ]
    for method, path, body, headers, status, described in cases:
        answer = client.open(path, method=method.upper(), json=body, headers=headers)
        assert answer.status_code == status, (method, path, answer.get_json())
        answer_schema(document, described, method, status).validate(answer.get_json())
    deleted = client.delete(number_url("", number=TOLL_FREE), headers=bearer())
    assert (deleted.status_code, deleted.data) == (204, b"")
    assert "content" not in document["paths"][number]["delete"]["responses"]["204"]


def test_every_control_body_may_be_too_large_and_every_write_may_find_the_store_refusing(
    document,
):
    """413 past max_body_bytes, 503 when the store's disk refuses a write."""
    for path, method, operation in operations(document):
        if not path.startswith("/_mock"):
            continue
        answers = operation["responses"]
        assert ("413" in answers) == ("requestBody" in operation), (method, path)
        if method in ("post", "delete") and path != "/_mock/docs":
            assert "503" in answers, (method, path)


def test_a_body_is_required_exactly_when_its_schema_requires_a_member(document):
    """Worked out from the schema, never declared by hand."""
    for path, method, operation in operations(document):
        body = operation.get("requestBody")
        if body is None:
            continue
        (content,) = body["content"].values()
        schema = content["schema"]
        schema = resolve(schema, document)
        assert body["required"] is bool(schema.get("required")), (method, path)
    assert document["paths"]["/v1/Services"]["post"]["requestBody"]["required"] is True
    assert document["paths"]["/_mock/clock/advance"]["post"]["requestBody"]["required"] is False
