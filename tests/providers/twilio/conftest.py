"""Twilio fixtures: valid submissions, SDK clients, and records in a chosen status."""

import inspect
import re

import pytest
import requests

from mockserver.providers.twilio.models import Status
from mockserver.testing import WebhookReceiver, twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN

TOLL_FREE_PN = "PN00000000000000000000000000000001"
TOLL_FREE_PN_2 = "PN00000000000000000000000000000002"
LOCAL_PN = "PN00000000000000000000000000000003"
SUB_PN = "PN00000000000000000000000000000011"
PRIMARY_BU = "BU00000000000000000000000000000001"
SECONDARY_BU = "BU00000000000000000000000000000002"
PENDING_BU = "BU00000000000000000000000000000003"
STARTER_BU = "BU00000000000000000000000000000004"
SUB_BU = "BU00000000000000000000000000000011"
PATH = "/v1/Tollfree/Verifications"
PREFIX = "com.twilio.messaging.compliance.toll-free-verification."
ALL_TYPES = [
    PREFIX + kind
    for kind in (
        "pending-review",
        "requested",
        "request-approved",
        "request-rejected",
        "expired",
        "edit",
    )
]


def submission(**overrides) -> dict:
    """A valid variant 2.2 create form (PascalCase; lists for arrays); None drops a key."""
    form = {
        "BusinessName": "Owl, Inc.",
        "BusinessWebsite": "http://www.company.com",
        "NotificationEmail": "support@company.com",
        "UseCaseCategories": ["TWO_FACTOR_AUTHENTICATION", "MARKETING"],
        "UseCaseSummary": "Sends one-time passcodes to customers of Owl, Inc.",
        "ProductionMessageSample": "Your Owl code is 123456",
        "OptInImageUrls": ["https://example.com/optin1.jpg", "https://example.com/optin2.jpg"],
        "OptInType": "VERBAL",
        "MessageVolume": "1,000",
        "TollfreePhoneNumberSid": TOLL_FREE_PN,
        "CustomerProfileSid": SECONDARY_BU,
        "ExternalReferenceId": "abc123xyz567",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def business_profile() -> dict:
    """The variant 2.1 address and contact fields."""
    return {
        "BusinessStreetAddress": "123 Main Street",
        "BusinessStreetAddress2": "Suite 101",
        "BusinessCity": "Anytown",
        "BusinessStateProvinceRegion": "AA",
        "BusinessPostalCode": "11111",
        "BusinessCountry": "US",
        "BusinessContactFirstName": "firstname",
        "BusinessContactLastName": "lastname",
        "BusinessContactEmail": "email@company.com",
        "BusinessContactPhone": "+11231231234",
    }


@pytest.fixture
def twilio_backend(runtime):
    """The Twilio backend."""
    return runtime.backend("twilio")


@pytest.fixture
def create(client, isv_auth):
    """POST a create form as the seed account; return the response."""

    def _create(auth=None, **overrides):
        return client.post(PATH, data=submission(**overrides), headers=auth or isv_auth)

    return _create


@pytest.fixture
def verification(create):
    """Create a verification as the seed account and return its JSON."""

    def _verification(**overrides) -> dict:
        response = create(**overrides)
        assert response.status_code == 201, response.json
        return response.json

    return _verification


@pytest.fixture
def force(runtime, twilio_backend):
    """Force a verification to ``status`` now (as the control API does); return the record."""

    def _force(sid: str, status: Status, codes=(), edit_allowed=None) -> dict:
        runtime.engine.force(
            sid,
            status=status.value,
            codes=tuple(codes),
            edit_allowed=edit_allowed,
            at=runtime.clock.now(),
        )
        record = twilio_backend.fetch_verification(ISV_SID, sid)
        return record

    return _force


@pytest.fixture
def in_status(verification, force, twilio_backend):
    """A verification moved to ``status`` (rejections take ``codes``)."""

    def _in_status(status: Status, codes=(), edit_allowed=None, **overrides) -> dict:
        sid = verification(**overrides)["sid"]
        if status != Status.PENDING_REVIEW:
            force(sid, status, codes, edit_allowed)
        return twilio_backend.fetch_verification(ISV_SID, sid)

    return _in_status


@pytest.fixture
def sdk(live_url):
    """The official twilio client of the seed account, pointed at the live sandbox."""
    from twilio.rest import Client

    return Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(live_url))


@pytest.fixture
def sdk_for(live_url):
    """An official twilio client for any credentials."""
    from twilio.rest import Client

    def _client(username: str, password: str, **kwargs):
        return Client(username, password, http_client=twilio_http_client(live_url), **kwargs)

    return _client


@pytest.fixture
def receiver():
    with WebhookReceiver() as hooks:
        yield hooks


@pytest.fixture
def subscribe(sdk, receiver):
    """Subscribe a webhook sink of ``client`` (default: the seed account) to event types,
    at the schema versions ``versions`` names (by type; the rest omit ``schema_version``)."""

    def _subscribe(types=ALL_TYPES, client=None, batch=True, path="/events", versions=None):
        client = client or sdk
        sink = client.events.v1.sinks.create(
            description="TFV",
            sink_type="webhook",
            sink_configuration={
                "destination": receiver.url + path,
                "method": "POST",
                "batch_events": batch,
            },
        )
        client.events.v1.subscriptions.create(
            description="TFV",
            sink_sid=sink.sid,
            types=[
                {"type": t, **({"schema_version": versions[t]} if t in (versions or {}) else {})}
                for t in types
            ],
        )
        return sink

    return _subscribe


@pytest.fixture
def advance(live_url):
    def _advance(**amount) -> dict:
        response = requests.post(f"{live_url}/_mock/clock/advance", json=amount, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    return _advance


@pytest.fixture
def twilio_records(client, isv_auth, verification) -> dict[str, str]:
    """One record of each kind a Twilio route names in its path, by kind."""
    sink = client.post(
        "/v1/Sinks",
        data={
            "Description": "bad input",
            "SinkType": "webhook",
            "SinkConfiguration": '{"destination": "https://example.com/events", '
            '"method": "POST", "batch_events": false}',
        },
        headers=isv_auth,
    ).get_json()["sid"]
    subscription = client.post(
        "/v1/Subscriptions",
        data={
            "Description": "bad input",
            "SinkSid": sink,
            "Types": f'{{"type": "{ALL_TYPES[0]}"}}',
        },
        headers=isv_auth,
    ).get_json()["sid"]
    return {
        "account": ISV_SID,
        "verification": verification()["sid"],
        "sink": sink,
        "subscription": subscription,
        "event_type": ALL_TYPES[0],
        "number": TOLL_FREE_PN,
    }


def read_by_sdk() -> list[str]:
    """The fields the SDK's instance reads from a verification, in its (the spec's) order."""
    from twilio.rest.messaging.v1 import tollfree_verification as sdk

    source = inspect.getsource(sdk.TollfreeVerificationInstance.__init__)
    return re.findall(r'payload\.get\(\s*"([a-z0-9_]+)"', source)
