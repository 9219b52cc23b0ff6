"""A subscription's ``schema_version``: its default, its checks, and what its sink receives."""

import json

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver, twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, T0

from .conftest import ALL_TYPES, PREFIX
from .test_webhook_flows import submit

REJECTED = PREFIX + "request-rejected"
LATEST = {
    PREFIX + "pending-review": 1,
    PREFIX + "requested": 1,
    PREFIX + "request-approved": 1,
    REJECTED: 4,
    PREFIX + "expired": 2,
    PREFIX + "edit": 2,
}
SCHEMA_HOST = "https://events-schemas.twilio.com"
ADDED_IN_V4 = {"phonenumber", "errorcodes"}


def events_at(receiver, path: str) -> list[dict]:
    """The events one sink (told apart by its destination path) received."""
    found = []
    for request in receiver.received:
        if request["path"].split("?")[0] == path:
            body = json.loads(request["body"])
            found.extend(body if isinstance(body, list) else [body])
    return found


def subscribed_versions(sdk) -> dict[str, int]:
    [subscription] = sdk.events.v1.subscriptions.list()
    return {
        entry.type: entry.schema_version
        for entry in sdk.events.v1.subscriptions(subscription.sid).subscribed_events.list()
    }


def test_types_subscribed_without_a_version_report_their_latest(sdk, subscribe):
    subscribe()
    assert subscribed_versions(sdk) == LATEST


def test_schema_version_zero_means_the_latest_too(sdk, subscribe):
    subscribe(types=[PREFIX + "requested"])
    [subscription] = sdk.events.v1.subscriptions.list()
    events = sdk.events.v1.subscriptions(subscription.sid).subscribed_events
    assert events.create(type=REJECTED, schema_version=0).schema_version == 4
    assert events(REJECTED).update(schema_version=2).schema_version == 2
    assert events(REJECTED).update(schema_version=0).schema_version == 4


def test_a_version_of_a_type_the_sandbox_never_emits_is_kept_as_given(sdk, subscribe):
    subscribe(types=["com.twilio.voice.insights.call-summary.complete"])
    assert subscribed_versions(sdk) == {"com.twilio.voice.insights.call-summary.complete": 1}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda sdk, sink, sub: sdk.events.v1.subscriptions.create(
                description="d", sink_sid=sink, types=[{"type": REJECTED, "schema_version": 5}]
            ),
            f"Types schema_version 5 is not a version of {REJECTED}; its versions are 1, 2, 3, 4",
        ),
        (
            lambda sdk, sink, sub: sdk.events.v1.subscriptions(sub).subscribed_events.create(
                type=PREFIX + "requested", schema_version=2
            ),
            f"SchemaVersion 2 is not a version of {PREFIX}requested; its versions are 1",
        ),
        (
            lambda sdk, sink, sub: (
                sdk.events.v1.subscriptions(sub)
                .subscribed_events(PREFIX + "expired")
                .update(schema_version=3)
            ),
            f"SchemaVersion 3 is not a version of {PREFIX}expired; its versions are 1, 2",
        ),
    ],
    ids=["subscription", "subscribed event", "update"],
)
def test_a_version_the_sandbox_does_not_emit_is_twilios_400(sdk, subscribe, call, message):
    sink = subscribe(types=[PREFIX + "expired"])
    [subscription] = sdk.events.v1.subscriptions.list()
    with pytest.raises(TwilioRestException) as caught:
        call(sdk, sink.sid, subscription.sid)
    assert (caught.value.status, caught.value.code) == (400, 20001)
    assert caught.value.msg.endswith(f": {message}")  # the SDK puts "Unable to …: " first
    assert subscribed_versions(sdk) == {PREFIX + "expired": 2}


def test_each_sink_receives_the_version_its_subscription_asked_for(
    sdk, subscribe, receiver, advance
):
    subscribe(types=[REJECTED], path="/old", versions={REJECTED: 1})
    subscribe(types=[REJECTED], path="/latest")
    submit(sdk, business_name="Owl [reject:30473,30476]")
    advance(minutes=11)
    [old] = events_at(receiver, "/old")
    [latest] = events_at(receiver, "/latest")
    assert old["dataschema"] == f"{SCHEMA_HOST}/TollFree.VerificationRequestRejected/1"
    assert latest["dataschema"] == f"{SCHEMA_HOST}/TollFree.VerificationRequestRejected/4"
    assert set(latest["data"]) - set(old["data"]) == ADDED_IN_V4
    assert {key: latest["data"][key] for key in old["data"]} == old["data"]
    assert {k: v for k, v in old.items() if k not in ("data", "dataschema")} == {
        k: v for k, v in latest.items() if k not in ("data", "dataschema")
    }
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_edit_and_expired_at_version_1_carry_the_same_fields_as_version_2(
    sdk, subscribe, receiver, advance
):
    kinds = [PREFIX + "expired"]
    subscribe(types=kinds, path="/v1", versions={PREFIX + "expired": 1})
    subscribe(types=kinds, path="/v2")
    submit(sdk, business_name="Sandbox Reject Then Expire")
    advance(days=8)
    [first] = events_at(receiver, "/v1")
    [second] = events_at(receiver, "/v2")
    assert first["dataschema"].endswith("/TollFree.VerificationExpired/1")
    assert second["dataschema"].endswith("/TollFree.VerificationExpired/2")
    assert first["data"] == second["data"]


def test_one_sink_subscribed_at_two_versions_gets_each_version_once(
    sdk, subscribe, receiver, advance
):
    sink = subscribe(types=[REJECTED], versions={REJECTED: 3})
    for version in (4, 3):
        sdk.events.v1.subscriptions.create(
            description="again",
            sink_sid=sink.sid,
            types=[{"type": REJECTED, "schema_version": version}],
        )
    submit(sdk, business_name="Owl [reject:30473]")
    advance(minutes=11)
    schemas = sorted(event["dataschema"][-1] for event in receiver.events())
    assert schemas == ["3", "4"]


def test_the_global_webhook_url_gets_the_latest_whatever_sinks_subscribed():
    with WebhookReceiver() as hooks:
        settings = Settings(store=":memory:", options={"twilio_webhook_url": (hooks.url + "/all",)})
        app = create_app(settings, clock=ManualClock(T0))
        with serve_in_thread(app) as url:
            client = Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url))
            sink = client.events.v1.sinks.create(
                description="old",
                sink_type="webhook",
                sink_configuration={"destination": hooks.url + "/old", "method": "POST"},
            )
            client.events.v1.subscriptions.create(
                description="old",
                sink_sid=sink.sid,
                types=[{"type": t, "schema_version": 1} for t in ALL_TYPES],
            )
            submit(client, business_name="Owl [reject:30473]")
            requests.post(f"{url}/_mock/clock/advance", json={"minutes": 11}, timeout=30)
        app.extensions["mockserver"].close()
        everything = events_at(hooks, "/all")
        assert [event["dataschema"].rsplit("/", 1)[1] for event in everything] == ["1", "1", "4"]
        assert [event["dataschema"][-1] for event in events_at(hooks, "/old")] == ["1"] * 3
