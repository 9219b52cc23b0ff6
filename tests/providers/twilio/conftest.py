"""Twilio fixtures: valid submissions, SDK clients, and records in a chosen status."""

import copy
import inspect
import re

import pytest
import requests

from mockserver.providers.twilio.models import Status
from mockserver.providers.twilio.schemas.document import VERIFICATION_EXAMPLE
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
    form = copy.deepcopy(VERIFICATION_EXAMPLE)
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


# -- Programmable Messaging (test_messages*.py) ------------------------------------------

TOLL_FREE_NUMBER = "+18005550100"  # TOLL_FREE_PN, no verification in the seed
LOCAL_NUMBER = "+14155550100"  # LOCAL_PN
SUB_NUMBER = "+18445550100"  # the subaccount's (SUB_PN)
HANDSET = "+14155550123"  # a US mobile nobody owns
UK_HANDSET = "+447700900123"
MESSAGES = f"/2010-04-01/Accounts/{ISV_SID}/Messages"
# twilio-oai's Message properties (docs/reference/twilio-messaging.md §1).
MESSAGE_FIELDS = (
    "body",
    "num_segments",
    "direction",
    "from",
    "to",
    "date_updated",
    "price",
    "error_message",
    "uri",
    "account_sid",
    "num_media",
    "status",
    "messaging_service_sid",
    "sid",
    "date_sent",
    "date_created",
    "error_code",
    "price_unit",
    "api_version",
    "subresource_uris",
)


@pytest.fixture
def status_url(receiver) -> str:
    """A ``StatusCallback`` that the receiver records."""
    return receiver.url + "/status"


@pytest.fixture
def send(sdk, status_url):
    """Send a message with the SDK (default: the local number to a US handset, status
    callbacks to the receiver); ``client`` sends as another account."""

    def _send(to=HANDSET, from_=LOCAL_NUMBER, body="Your Owl code is 123456", client=None, **kw):
        kw.setdefault("status_callback", status_url)
        return (client or sdk).messages.create(to=to, from_=from_, body=body, **kw)

    return _send


@pytest.fixture
def raw(live_url):
    """A plain HTTP call to the live sandbox (Basic auth as the seed account unless ``auth``
    says otherwise); ``path`` is relative to the server."""
    session = requests.Session()
    session.trust_env = False

    def _raw(method: str, path: str, auth=(ISV_SID, ISV_TOKEN), **kwargs) -> requests.Response:
        return session.request(method, live_url + path, auth=auth, timeout=30, **kwargs)

    yield _raw
    session.close()


@pytest.fixture
def approve_toll_free(verification, force):
    """Give a toll-free number (default: TOLL_FREE_PN) an approved verification now."""

    def _approve(number_sid: str = TOLL_FREE_PN) -> dict:
        return force(verification(TollfreePhoneNumberSid=number_sid)["sid"], Status.TWILIO_APPROVED)

    return _approve


def status_callbacks(receiver) -> list[dict[str, str]]:
    """The form parameters of every request the receiver got, in arrival order."""
    from urllib.parse import parse_qsl

    return [
        dict(parse_qsl(request["body"], keep_blank_values=True)) for request in receiver.received
    ]


# -- Services, scheduling, media, inbound (test_service_sends.py, test_scheduled_messages.py,
#    test_message_media.py, test_inbound_messages.py) -----------------------------------


@pytest.fixture
def pooled_service(sdk):
    """Create a Messaging Service of the seed account whose pool holds these numbers (``PN``
    SIDs, in this order); keyword arguments go to the service's create."""

    def _service(*number_sids: str, **settings):
        service = sdk.messaging.v1.services.create(friendly_name="Owl alerts", **settings)
        for sid in number_sids:
            sdk.messaging.v1.services(service.sid).phone_numbers.create(phone_number_sid=sid)
        return service

    return _service


@pytest.fixture
def text_in(live_url):
    """A handset texts a number (``POST /_mock/twilio/inbound-messages``); returns the
    response. Keyword arguments are added to the JSON body."""
    session = requests.Session()
    session.trust_env = False

    def _text_in(body: str = "hello", to: str = LOCAL_NUMBER, from_: str = HANDSET, **extra):
        payload = {"from": from_, "to": to, "body": body, **extra}
        url = f"{live_url}/_mock/twilio/inbound-messages"
        return session.post(url, json=payload, timeout=30)

    yield _text_in
    session.close()


class SmsEndpoint:
    """A number's ``SmsUrl``: records each request (method, url, form, headers) and answers
    ``answer`` as ``content_type`` (an empty TwiML ``<Response/>`` by default)."""

    def __init__(self):
        from flask import Flask, Response, request

        self.received: list[dict] = []
        self.answer, self.content_type = "<Response/>", "text/xml"
        self.app = Flask("sms_endpoint")

        @self.app.route("/sms", methods=["GET", "POST"])
        def sms():
            self.received.append(
                {
                    "method": request.method,
                    "url": request.url,
                    "form": request.form.to_dict(),
                    "args": request.args.to_dict(),
                    "headers": dict(request.headers),
                }
            )
            return Response(self.answer, content_type=self.content_type)


@pytest.fixture
def sms_endpoint():
    """A local ``SmsUrl`` answering TwiML (``.url``, ``.answer``, ``.received``)."""
    from mockserver.server import serve_in_thread

    endpoint = SmsEndpoint()
    with serve_in_thread(endpoint.app) as url:
        endpoint.url = url + "/sms"
        yield endpoint
