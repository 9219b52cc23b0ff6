"""Hostile input on every Twilio route gets Twilio's own 4xx body, never a 500 or HTML."""

import base64

import pytest

from tests.bad_input import (
    Route,
    hostile_requests,
    http_problems,
    over_http,
    problems,
    provider_routes,
    send,
)
from tests.conftest import ISV_SID, ISV_TOKEN, basic

from .conftest import LOCAL_PN, submission

PAGING = ("PageSize", "Page")
SUBMISSION = {key: value for key, value in submission().items()}
SUBMISSION_STRINGS = ("BusinessName", "UseCaseSummary", "UseCaseCategories", "OptInImageUrls")
SINK = {"Description": "d", "SinkType": "webhook", "SinkConfiguration": "{}"}
SUBSCRIPTION = {"Description": "d", "SinkSid": "{sink}", "Types": "{}"}  # "{sink}": its id
ACCOUNT = {"account_sid": "{account}"}
NUMBER = {"account_sid": "{account}", "sid": "{number}"}
KIND = {"account_sid": "{account}", "kind": "TollFree"}
SUBSCRIBED = {"sid": "{subscription}", "event_type": "{event_type}"}
SCHEMA = {"schema_id": "TollFree.VerificationRequestRejected"}
INCOMING = {"FriendlyName": "n", "PhoneNumber": "+18005550199", "AreaCode": "800"}
INCOMING_QUERY = ("PhoneNumber", "FriendlyName", "Beta", "PageToken")
MESSAGE = {"account_sid": "{account}", "sid": "{message}"}
SEND = {
    "To": "+14155550123",
    "From": "+14155550100",
    "Body": "hi",
    "StatusCallback": "https://e.x/s",
}
MEDIA_OF = {"account_sid": "{account}", "message_sid": "{message}"}
MESSAGE_QUERY = ("To", "From", "DateSent", "DateSent<", "DateSent>", "PageToken")
SERVICE = {"sid": "{service}"}
SERVICE_FORM = {"FriendlyName": "n", "InboundRequestUrl": "https://e.x/in", "Usecase": "poll"}
SERVICE_STRINGS = (*SERVICE_FORM, "InboundMethod", "ScanMessageContent", "StickySender")
POOL = {"service_sid": "{service}"}
POOL_NUMBER = {"service_sid": "{service}", "sid": "{pool_number}"}

ROUTES = {
    "twilio.create_verification": Route(body="form", base=SUBMISSION, strings=SUBMISSION_STRINGS),
    "twilio.list_verifications": Route(
        query=("Status", "TollfreePhoneNumberSid", "IncludeSubAccounts", "PageToken"),
        numeric_query=PAGING,
    ),
    "twilio.fetch_verification": Route(path={"sid": "{verification}"}),
    "twilio.update_verification": Route(
        path={"sid": "{verification}"},
        body="form",
        base={"BusinessName": "n"},
        strings=("BusinessName", "EditReason"),
    ),
    "twilio.delete_verification": Route(path={"sid": "{verification}"}),
    "twilio.create_sink": Route(
        body="form",
        base=SINK,
        strings=("Description", "SinkType"),
        json_fields=("SinkConfiguration",),
    ),
    "twilio.list_sinks": Route(query=("InUse", "Status", "PageToken"), numeric_query=PAGING),
    "twilio.fetch_sink": Route(path={"sid": "{sink}"}),
    "twilio.update_sink": Route(
        path={"sid": "{sink}"}, body="form", base={"Description": "d"}, strings=("Description",)
    ),
    "twilio.delete_sink": Route(path={"sid": "{sink}"}),
    "twilio.test_sink": Route(path={"sid": "{sink}"}),
    "twilio.validate_sink": Route(
        path={"sid": "{sink}"}, body="form", base={"TestId": "t"}, strings=("TestId",)
    ),
    "twilio.create_subscription": Route(
        body="form",
        base=SUBSCRIPTION,
        strings=("Description", "SinkSid"),
        json_fields=("Types",),
    ),
    "twilio.list_subscriptions": Route(query=("SinkSid", "PageToken"), numeric_query=PAGING),
    "twilio.fetch_subscription": Route(path={"sid": "{subscription}"}),
    "twilio.update_subscription": Route(
        path={"sid": "{subscription}"},
        body="form",
        base={"Description": "d"},
        strings=("Description", "SinkSid"),
    ),
    "twilio.delete_subscription": Route(path={"sid": "{subscription}"}),
    "twilio.create_subscribed_event": Route(
        path={"sid": "{subscription}"},
        body="form",
        base={"Type": "{event_type}", "SchemaVersion": "1"},
        strings=("Type",),
        numbers=("SchemaVersion",),
    ),
    "twilio.list_subscribed_events": Route(
        path={"sid": "{subscription}"}, query=("PageToken",), numeric_query=PAGING
    ),
    "twilio.fetch_subscribed_event": Route(path=SUBSCRIBED),
    "twilio.update_subscribed_event": Route(
        path=SUBSCRIBED, body="form", base={"SchemaVersion": "1"}, numbers=("SchemaVersion",)
    ),
    "twilio.delete_subscribed_event": Route(path=SUBSCRIBED),
    "twilio.list_event_types": Route(query=("SchemaId", "PageToken"), numeric_query=PAGING),
    "twilio.fetch_event_type": Route(path={"event_type": "{event_type}"}),
    "twilio.fetch_schema": Route(path=SCHEMA),
    "twilio.list_schema_versions": Route(path=SCHEMA, query=("PageToken",), numeric_query=PAGING),
    "twilio.fetch_schema_version": Route(path={**SCHEMA, "version": "4"}),
    "twilio.create_incoming_number": Route(
        path=ACCOUNT, body="form", base=INCOMING, strings=tuple(INCOMING), numbers=("AreaCode",)
    ),
    "twilio.create_incoming_number_of_kind": Route(
        path=KIND, body="form", base=INCOMING, strings=tuple(INCOMING), numbers=("AreaCode",)
    ),
    "twilio.list_incoming_numbers": Route(path=ACCOUNT, query=INCOMING_QUERY, numeric_query=PAGING),
    "twilio.list_incoming_numbers_of_kind": Route(
        path=KIND, query=INCOMING_QUERY, numeric_query=PAGING
    ),
    "twilio.fetch_incoming_number": Route(path=NUMBER),
    "twilio.update_incoming_number": Route(
        path=NUMBER,
        body="form",
        base={"FriendlyName": "n", "VoiceUrl": "https://example.com/voice"},
        strings=("FriendlyName", "VoiceUrl", "VoiceMethod", "VoiceCallerIdLookup"),
    ),
    "twilio.release_incoming_number": Route(path=NUMBER),
    "twilio.search_available_numbers": Route(
        path={**KIND, "country": "US"},
        query=("AreaCode", "Contains"),
        numeric_query=("PageSize", "AreaCode"),
    ),
    "twilio.send_message": Route(
        path=ACCOUNT,
        body="form",
        base=SEND,
        strings=(*SEND, "MediaUrl", "MessagingServiceSid", "SendAt"),
        numbers=("ValidityPeriod",),
    ),
    "twilio.list_messages": Route(path=ACCOUNT, query=MESSAGE_QUERY, numeric_query=PAGING),
    "twilio.fetch_message": Route(path=MESSAGE),
    "twilio.update_message": Route(
        path=MESSAGE, body="form", base={"Body": ""}, strings=("Body", "Status")
    ),
    "twilio.delete_message": Route(path=MESSAGE),
    "twilio.list_media": Route(
        path=MEDIA_OF,
        query=("DateCreated", "DateCreated<", "DateCreated>", "PageToken"),
        numeric_query=PAGING,
    ),
    "twilio.fetch_media": Route(path={**MEDIA_OF, "sid": "{media}"}),
    "twilio.delete_media": Route(path={**MEDIA_OF, "sid": "{media}"}),
    "twilio.create_service": Route(
        body="form", base=SERVICE_FORM, strings=SERVICE_STRINGS, numbers=("ValidityPeriod",)
    ),
    "twilio.list_services": Route(query=("PageToken",), numeric_query=PAGING),
    "twilio.fetch_service": Route(path=SERVICE),
    "twilio.update_service": Route(
        path=SERVICE,
        body="form",
        base=SERVICE_FORM,
        strings=SERVICE_STRINGS,
        numbers=("ValidityPeriod",),
    ),
    "twilio.delete_service": Route(path=SERVICE),
    "twilio.add_service_phone_number": Route(
        path=POOL, body="form", base={"PhoneNumberSid": "{number}"}, strings=("PhoneNumberSid",)
    ),
    "twilio.list_service_phone_numbers": Route(
        path=POOL, query=("PageToken",), numeric_query=PAGING
    ),
    "twilio.fetch_service_phone_number": Route(path=POOL_NUMBER),
    "twilio.delete_service_phone_number": Route(path=POOL_NUMBER),
}


@pytest.fixture
def twilio_records(twilio_records, client, isv_auth) -> dict[str, str]:
    """The conftest's records, a message for the Messages routes and a Messaging Service
    with a number in its pool."""
    path = f"/2010-04-01/Accounts/{ISV_SID}/Messages"
    form = {**SEND, "MediaUrl": "https://example.com/a.png"}
    sent = client.post(f"{path}.json", data=form, headers=isv_auth).get_json()["sid"]
    media = client.get(f"{path}/{sent}/Media.json", headers=isv_auth).get_json()["media_list"]
    service = client.post("/v1/Services", data={"FriendlyName": "s"}, headers=isv_auth)
    service_sid = service.get_json()["sid"]
    client.post(
        f"/v1/Services/{service_sid}/PhoneNumbers",
        data={"PhoneNumberSid": LOCAL_PN},
        headers=isv_auth,
    )
    return {
        **twilio_records,
        "message": sent,
        "media": media[0]["sid"],
        "service": service_sid,
        "pool_number": LOCAL_PN,
    }


def is_twilio_error(body: dict) -> bool:
    """Twilio's ``{"code", "message", "more_info", "status"}`` envelope (a 401 adds
    ``detail``)."""
    keys = {"code", "message", "more_info", "status"}
    if body.get("status") == 401:
        keys.add("detail")
    return set(body) == keys and isinstance(body["code"], int)


def test_the_table_covers_every_twilio_route(app, runtime):
    """A new route fails here until the table says what it takes."""
    assert set(provider_routes(app, runtime, "twilio")) == set(ROUTES)


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_hostile_input_on_every_twilio_route_gets_a_twilio_4xx(
    app, client, runtime, isv_auth, twilio_records, endpoint
):
    method, _rule = provider_routes(app, runtime, "twilio")[endpoint]
    found = []
    for hostile in hostile_requests(app, endpoint, ROUTES[endpoint], twilio_records):
        response = send(client, method, hostile, isv_auth)
        found += problems(response, hostile, is_twilio_error)
    assert found == []


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/v1/Sinks", {**SINK, "SinkConfiguration": "[" * 100_000}),
        ("/v1/Subscriptions", {**SUBSCRIPTION, "Types": "[" * 100_000}),
        ("/v1/Subscriptions", {**SUBSCRIPTION, "Types": '{"a":' * 50_000}),
    ],
)
def test_json_fields_nested_past_what_python_parses_are_twilio_400s(client, isv_auth, path, form):
    response = client.post(path, data=form, headers=isv_auth)
    assert response.status_code == 400
    assert response.get_json()["code"] == 20001
    assert response.get_json()["message"].endswith("must be a JSON object")


@pytest.mark.parametrize("name", ["PageSize", "Page", "PageToken", "Status"])
def test_an_empty_query_value_is_a_400_naming_the_parameter(client, isv_auth, name):
    response = client.get(f"/v1/Tollfree/Verifications?{name}=", headers=isv_auth)
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        f"The {name} parameter is invalid. It must not be empty."
    )


def test_a_stored_token_with_a_lone_surrogate_fails_authentication_with_20003(
    client, twilio_backend
):
    sid = "AC" + "d" * 32
    twilio_backend.accounts.create_account(sid=sid, auth_token="tok\ud800")
    response = client.get("/v1/Tollfree/Verifications", headers=basic(sid, "tok"))
    assert (response.status_code, response.get_json()["code"]) == (401, 20003)


def test_a_basic_auth_token_with_a_lone_surrogate_is_401_20003(client):
    raw = f"{ISV_SID}:\ud800".encode("utf-8", "surrogatepass")
    headers = {"Authorization": "Basic " + base64.b64encode(raw).decode()}
    response = client.get("/v1/Tollfree/Verifications", headers=headers)
    assert (response.status_code, response.get_json()["code"]) == (401, 20003)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/_mock/twilio/accounts", '{"auth_token": "\\ud800"}', "auth_token"),
        (
            "/_mock/twilio/api-keys",
            f'{{"account_sid": "{ISV_SID}", "secret": "\\udfff"}}',
            "secret",
        ),
    ],
)
def test_the_control_api_refuses_a_token_or_secret_with_a_lone_surrogate(client, path, body, field):
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == [field]


def test_oversize_headers_over_real_http_get_twilio_json(live_url):
    """The server refuses one 100 KB header line (431) in Twilio's shape; 300 KB in six
    lines reach the app."""
    found, statuses = [], []
    for hostile, response in over_http(live_url, "GET", "/v1/Sinks", basic(ISV_SID, ISV_TOKEN)):
        found += http_problems(hostile, response, is_twilio_error)
        statuses.append(response.status_code)
    assert found == []
    assert statuses == [431, 200, 431]
