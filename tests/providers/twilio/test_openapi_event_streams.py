"""Event Streams' real answers keep to the OpenAPI document (``GET /_mock/openapi.json``): each
route's success and every error status the document declares for it, as the sandbox answers
them."""

import json
import re

import pytest

from mockserver.providers.twilio.events import EVENT_SCHEMAS
from tests.admin.test_openapi import (
    assert_described,
    assert_guarded,
    fill,
    filled_form,
    operations_matching,
    status_gaps,
    success_urls,
)

from .conftest import ALL_TYPES

OURS = re.compile(r"^/v1/(Sinks|Subscriptions|Types|Schemas)")
TYPE, OTHER_TYPE = ALL_TYPES[0], ALL_TYPES[1]
SCHEMA = EVENT_SCHEMAS[TYPE].id
NO_SINK, NO_SUBSCRIPTION = "DG" + "0" * 32, "DF" + "0" * 32
CONFIG = {"destination": "https://example.com/events", "method": "POST", "batch_events": False}
SINK_FORM = {
    "Description": "openapi",
    "SinkType": "webhook",
    "SinkConfiguration": json.dumps(CONFIG),
}

SINKS, SINK = "/v1/Sinks", "/v1/Sinks/{sid}"
SUBSCRIPTIONS, SUBSCRIPTION = "/v1/Subscriptions", "/v1/Subscriptions/{sid}"
SUBSCRIBED = "/v1/Subscriptions/{sid}/SubscribedEvents"
SUBSCRIBED_ONE = SUBSCRIBED + "/{event_type}"
TYPES, ONE_TYPE = "/v1/Types", "/v1/Types/{event_type}"
ONE_SCHEMA = "/v1/Schemas/{schema_id}"
VERSIONS = ONE_SCHEMA + "/Versions"
ONE_VERSION = VERSIONS + "/{version}"

# (status, method, path as the document names it, URL, form): in the URL, {sink} and
# {subscription} are the test's own, subscribed to TYPE.
CASES = [
    (201, "post", SINKS, "/v1/Sinks", SINK_FORM),
    (400, "post", SINKS, "/v1/Sinks", {"Description": "no type"}),
    (200, "get", SINKS, "/v1/Sinks?InUse=true", None),
    (400, "get", SINKS, "/v1/Sinks?PageSize=0", None),
    (200, "get", SINK, "/v1/Sinks/{sink}", None),
    (404, "get", SINK, f"/v1/Sinks/{NO_SINK}", None),
    (200, "post", SINK, "/v1/Sinks/{sink}", {"Description": "renamed"}),
    (400, "post", SINK, "/v1/Sinks/{sink}", {}),
    (404, "post", SINK, f"/v1/Sinks/{NO_SINK}", {"Description": "renamed"}),
    (204, "delete", SINK, "/v1/Sinks/{sink}", None),
    (404, "delete", SINK, f"/v1/Sinks/{NO_SINK}", None),
    (201, "post", SINK + "/Test", "/v1/Sinks/{sink}/Test", None),
    (404, "post", SINK + "/Test", f"/v1/Sinks/{NO_SINK}/Test", None),
    (201, "post", SINK + "/Validate", "/v1/Sinks/{sink}/Validate", {"TestId": "x" * 34}),
    (400, "post", SINK + "/Validate", "/v1/Sinks/{sink}/Validate", {}),
    (404, "post", SINK + "/Validate", f"/v1/Sinks/{NO_SINK}/Validate", {"TestId": "x"}),
    (
        201,
        "post",
        SUBSCRIPTIONS,
        "/v1/Subscriptions",
        {"Description": "d", "SinkSid": "{sink}", "Types": json.dumps({"type": TYPE})},
    ),
    (
        400,
        "post",
        SUBSCRIPTIONS,
        "/v1/Subscriptions",
        {"Description": "d", "SinkSid": NO_SINK, "Types": json.dumps({"type": TYPE})},
    ),
    (200, "get", SUBSCRIPTIONS, "/v1/Subscriptions?SinkSid={sink}", None),
    (400, "get", SUBSCRIPTIONS, "/v1/Subscriptions?Page=-1", None),
    (200, "get", SUBSCRIPTION, "/v1/Subscriptions/{subscription}", None),
    (404, "get", SUBSCRIPTION, f"/v1/Subscriptions/{NO_SUBSCRIPTION}", None),
    (200, "post", SUBSCRIPTION, "/v1/Subscriptions/{subscription}", {"Description": "new"}),
    (400, "post", SUBSCRIPTION, "/v1/Subscriptions/{subscription}", {"Description": ""}),
    (404, "post", SUBSCRIPTION, f"/v1/Subscriptions/{NO_SUBSCRIPTION}", {"Description": "x"}),
    (204, "delete", SUBSCRIPTION, "/v1/Subscriptions/{subscription}", None),
    (404, "delete", SUBSCRIPTION, f"/v1/Subscriptions/{NO_SUBSCRIPTION}", None),
    (
        201,
        "post",
        SUBSCRIBED,
        "/v1/Subscriptions/{subscription}/SubscribedEvents",
        {"Type": OTHER_TYPE, "SchemaVersion": "1"},
    ),
    (400, "post", SUBSCRIBED, "/v1/Subscriptions/{subscription}/SubscribedEvents", {}),
    (
        404,
        "post",
        SUBSCRIBED,
        f"/v1/Subscriptions/{NO_SUBSCRIPTION}/SubscribedEvents",
        {"Type": OTHER_TYPE},
    ),
    (200, "get", SUBSCRIBED, "/v1/Subscriptions/{subscription}/SubscribedEvents", None),
    (400, "get", SUBSCRIBED, "/v1/Subscriptions/{subscription}/SubscribedEvents?PageSize=x", None),
    (404, "get", SUBSCRIBED, f"/v1/Subscriptions/{NO_SUBSCRIPTION}/SubscribedEvents", None),
    (
        200,
        "get",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{TYPE}",
        None,
    ),
    (
        404,
        "get",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{OTHER_TYPE}",
        None,
    ),
    (
        200,
        "post",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{TYPE}",
        {"SchemaVersion": "1"},
    ),
    (
        400,
        "post",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{TYPE}",
        {"SchemaVersion": "-1"},
    ),
    (
        404,
        "post",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{OTHER_TYPE}",
        {"SchemaVersion": "1"},
    ),
    (
        204,
        "delete",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{TYPE}",
        None,
    ),
    (
        404,
        "delete",
        SUBSCRIBED_ONE,
        f"/v1/Subscriptions/{{subscription}}/SubscribedEvents/{OTHER_TYPE}",
        None,
    ),
    (200, "get", TYPES, f"/v1/Types?SchemaId={SCHEMA}", None),
    (400, "get", TYPES, "/v1/Types?PageSize=1001", None),
    (200, "get", ONE_TYPE, f"/v1/Types/{TYPE}", None),
    (404, "get", ONE_TYPE, "/v1/Types/com.twilio.no-such-type", None),
    (200, "get", ONE_SCHEMA, f"/v1/Schemas/{SCHEMA}", None),
    (404, "get", ONE_SCHEMA, "/v1/Schemas/NoSuch.Schema", None),
    (200, "get", VERSIONS, f"/v1/Schemas/{SCHEMA}/Versions", None),
    (400, "get", VERSIONS, f"/v1/Schemas/{SCHEMA}/Versions?PageToken=nope", None),
    (404, "get", VERSIONS, "/v1/Schemas/NoSuch.Schema/Versions", None),
    (200, "get", ONE_VERSION, f"/v1/Schemas/{SCHEMA}/Versions/1", None),
    (404, "get", ONE_VERSION, f"/v1/Schemas/{SCHEMA}/Versions/99", None),
]


@pytest.fixture
def made(client, isv_auth) -> dict[str, str]:
    """A sink of the seed account and a subscription of it to TYPE, by name."""
    sink = client.post(SINKS, data=SINK_FORM, headers=isv_auth)
    assert sink.status_code == 201, sink.get_json()
    types = json.dumps({"type": TYPE})
    form = {"Description": "openapi", "SinkSid": sink.get_json()["sid"], "Types": types}
    subscription = client.post(SUBSCRIPTIONS, data=form, headers=isv_auth)
    assert subscription.status_code == 201, subscription.get_json()
    return {"sink": sink.get_json()["sid"], "subscription": subscription.get_json()["sid"]}


def ours(document: dict) -> dict[tuple[str, str], dict]:
    """The operations these cases cover, by (path, method)."""
    return operations_matching(document, OURS)


def test_event_streams_has_its_22_operations_in_the_document(document):
    assert len(ours(document)) == 22
    assert {path for path, _ in ours(document)} == {
        SINKS,
        SINK,
        SINK + "/Test",
        SINK + "/Validate",
        SUBSCRIPTIONS,
        SUBSCRIPTION,
        SUBSCRIBED,
        SUBSCRIBED_ONE,
        TYPES,
        ONE_TYPE,
        ONE_SCHEMA,
        VERSIONS,
        ONE_VERSION,
    }


def test_the_cases_here_reach_every_answer_the_document_declares(document):
    """Each declared status of each operation is one of CASES, or the 401 and 413 below."""
    assert status_gaps(ours(document), CASES) == (set(), set())


@pytest.mark.parametrize(
    ("status", "method", "described", "url", "form"),
    CASES,
    ids=[f"{method} {url.split('?')[0]} {status}" for status, method, _, url, _ in CASES],
)
def test_each_answer_validates_against_the_document(
    client, isv_auth, document, made, status, method, described, url, form
):
    """Success and error bodies alike, as the sandbox really answers them."""
    data = filled_form(form, made)
    answer = client.open(fill(url, made), method=method.upper(), data=data, headers=isv_auth)
    assert_described(answer, document, described, method, status)


def test_every_operation_answers_the_described_401_and_413(
    client, isv_auth, document, made, settings
):
    """Without credentials a 401; a form past the limit a 413 (before it is read)."""
    ops = ours(document)
    urls = {key: fill(url, made) for key, url in success_urls(ops, CASES).items()}
    assert_guarded(client, document, ops, urls, isv_auth, settings.max_body_bytes + 1)
