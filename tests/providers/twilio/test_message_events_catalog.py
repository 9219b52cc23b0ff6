"""Messaging event types in the Event Streams catalog, their schema versions, and who gets
them besides subscribed sinks: the global webhook URLs, never for a status Event Streams has
no type for (docs/reference/twilio-event-streams-schemas.md, "Messaging events")."""

from datetime import UTC, datetime

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.providers.twilio import routing
from mockserver.providers.twilio.callbacks import status_event
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver, twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, T0

from .conftest import HANDSET, LOCAL_NUMBER
from .test_event_versions import events_at, subscribed_versions

OUTBOUND = "com.twilio.messaging.message."
INBOUND = "com.twilio.messaging.inbound-message.received"
SENT, DELIVERED = OUTBOUND + "sent", OUTBOUND + "delivered"
STATUSES = ("queued", "sent", "delivered", "undelivered", "failed", "read")
V3_FIELDS = {
    "messageSid",
    "timestamp",
    "accountSid",
    "eventName",
    "apiVersion",
    "from",
    "to",
    "messageStatus",
    "body",
    "statusCallBackUrl",
}


def test_the_catalog_lists_every_messaging_type_with_its_schema(sdk):
    types = {t.type: t for t in sdk.events.v1.event_types.list()}
    for status in STATUSES:
        entry = types[OUTBOUND + status]
        assert entry.schema_id == "Messaging.MessageStatus"
        assert entry.description == f"Outbound Message {status.title()}"
        assert entry.documentation_url.endswith("/event-types/messaging/outbound-message")
    inbound = sdk.events.v1.event_types(INBOUND).fetch()
    assert (inbound.schema_id, inbound.status) == ("Messaging.InboundMessageV1", "available")


def test_the_messaging_schemas_serve_their_versions(sdk):
    status = sdk.events.v1.schemas("Messaging.MessageStatus").fetch()
    assert status.latest_version == 8
    versions = status.versions.list()
    assert [v.schema_version for v in versions] == list(range(1, 9))
    assert versions[5].date_created == datetime(2024, 11, 21, tzinfo=UTC)
    inbound = sdk.events.v1.schemas("Messaging.InboundMessageV1").versions(6).fetch()
    assert inbound.raw == "https://events-schemas.twilio.com/Messaging.InboundMessageV1/6"


def test_a_subscription_to_a_message_type_is_accepted_at_its_latest_version(sdk, subscribe):
    subscribe(types=[DELIVERED, INBOUND])
    assert subscribed_versions(sdk) == {DELIVERED: 8, INBOUND: 6}


def test_a_message_type_refuses_a_version_it_does_not_have(sdk, subscribe):
    sink = subscribe(types=[SENT])
    with pytest.raises(TwilioRestException) as caught:
        sdk.events.v1.subscriptions.create(
            description="too new",
            sink_sid=sink.sid,
            types=[{"type": DELIVERED, "schema_version": 9}],
        )
    assert (caught.value.status, caught.value.code) == (400, 20001)


def test_a_sink_subscribed_at_version_3_gets_version_3s_fields(send, advance, receiver, subscribe):
    subscribe(types=[DELIVERED], versions={DELIVERED: 3})
    send()
    advance(seconds=10)
    [event] = events_at(receiver, "/events")
    assert event["dataschema"] == "https://events-schemas.twilio.com/Messaging.MessageStatus/3"
    assert set(event["data"]) == V3_FIELDS


def test_an_older_inbound_version_drops_the_fields_added_later(
    text_in, advance, receiver, subscribe
):
    subscribe(types=[INBOUND], versions={INBOUND: 1})
    text_in("hi", from_="+14155557777")
    advance(seconds=1)
    [event] = events_at(receiver, "/events")
    assert event["dataschema"].endswith("/Messaging.InboundMessageV1/1")
    assert "recipients" not in event["data"] and event["data"]["body"] == "hi"


def test_the_global_webhook_url_gets_message_and_inbound_events_at_the_latest():
    with WebhookReceiver() as hooks:
        settings = Settings(store=":memory:", options={"twilio_webhook_url": (hooks.url + "/all",)})
        app = create_app(settings, clock=ManualClock(T0))
        with serve_in_thread(app) as url:
            client = Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url))
            client.messages.create(to=HANDSET, from_=LOCAL_NUMBER, body="Your code is 1")
            requests.post(f"{url}/_mock/clock/advance", json={"seconds": 10}, timeout=30)
            text = {"from": "+14155557777", "to": LOCAL_NUMBER, "body": "hi"}
            requests.post(f"{url}/_mock/twilio/inbound-messages", json=text, timeout=30)
            requests.post(f"{url}/_mock/clock/advance", json={"seconds": 1}, timeout=30)
        app.extensions["mockserver"].close()
        everything = events_at(hooks, "/all")
        assert [event["type"] for event in everything] == [SENT, DELIVERED, INBOUND]
        assert [event["dataschema"][-1] for event in everything] == ["8", "8", "6"]
        assert hooks.valid_twilio_signatures(ISV_TOKEN)


def test_a_canceled_message_reaches_its_status_callback_only(twilio_backend, subscribe):
    """Event Streams has no ``canceled`` type, so a subscription naming it gets nothing."""
    sink = subscribe(types=[OUTBOUND + "canceled", SENT])
    record = {
        "sid": "SM" + "0" * 32,
        "account_sid": ISV_SID,
        "api_version": "2010-04-01",
        "from": LOCAL_NUMBER,
        "to": HANDSET,
        "status": "canceled",
        "status_callback": "https://hooks.example/status",
        "body": "later",
        "num_segments": 1,
    }
    route = {
        "accounts": twilio_backend.accounts,
        "streams": twilio_backend.streams,
        "webhook_urls": ("https://hooks.example/all",),
    }
    at = datetime(2025, 1, 1, tzinfo=UTC)
    token = "4d5a1d6e-8a0c-4e8e-9f1b-2c3d4e5f6a7b"
    canceled = routing.route(status_event(record, at, idempotency_token=token), **route)
    assert [r.destination for r in canceled] == ["https://hooks.example/status"]
    sent = routing.route(
        status_event({**record, "status": "sent"}, at, idempotency_token=token), **route
    )
    assert [r.destination for r in sent] == [
        "https://hooks.example/status",
        sink.sink_configuration["destination"],
        "https://hooks.example/all",
    ]
    assert RequestValidator(ISV_TOKEN).validate(
        sent[2].url, sent[2].body, sent[2].headers["X-Twilio-Signature"]
    )


def test_the_sdk_lists_the_types_of_one_schema(sdk):
    """``event_types.list(schema_id=…)`` sends ``SchemaId``: only that schema's types."""
    listed = sdk.events.v1.event_types.list(schema_id="Messaging.InboundMessageV1")
    assert [t.type for t in listed] == ["com.twilio.messaging.inbound-message.received"]
