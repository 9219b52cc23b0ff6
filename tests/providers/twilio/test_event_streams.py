"""Event Streams' REST API (sinks, subscriptions, subscribed events, types) through the SDK."""

import json

import pytest
from twilio.base.exceptions import TwilioRestException

from mockserver.providers.twilio.message_events import MESSAGE_TYPES
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN, basic

from .conftest import ALL_TYPES, PREFIX

CONFIG = {"destination": "http://127.0.0.1:9/hook", "method": "POST", "batch_events": False}


@pytest.fixture
def sink(sdk):
    return sdk.events.v1.sinks.create(
        description="TFV events", sink_configuration=CONFIG, sink_type="webhook"
    )


def test_a_sink_is_active_at_once_and_echoes_its_configuration(sink, sdk):
    assert sink.sid.startswith("DG") and len(sink.sid) == 34
    assert sink.status == "active"
    assert sink.sink_configuration == CONFIG
    assert sink.links["sink_test"].endswith(f"/v1/Sinks/{sink.sid}/Test")
    assert sdk.events.v1.sinks(sink.sid).fetch().description == "TFV events"


def test_sinks_list_update_validate_test_and_delete(sink, sdk):
    assert [s.sid for s in sdk.events.v1.sinks.list(in_use=False)] == [sink.sid]
    assert sdk.events.v1.sinks(sink.sid).update(description="renamed").description == "renamed"
    assert sdk.events.v1.sinks(sink.sid).sink_validate.create(test_id="x" * 34).result == "valid"
    assert sdk.events.v1.sinks(sink.sid).sink_test.create().result == "submitted"
    assert sdk.events.v1.sinks(sink.sid).delete() is True
    assert sdk.events.v1.sinks.list() == []


def test_subscriptions_carry_types_as_json_strings(sink, sdk):
    subscription = sdk.events.v1.subscriptions.create(
        description="all TFV",
        sink_sid=sink.sid,
        types=[
            {"type": PREFIX + "request-approved"},
            {"type": PREFIX + "request-rejected", "schema_version": 4},
        ],
    )
    assert subscription.sid.startswith("DF")
    assert subscription.sink_sid == sink.sid
    types = {
        t.type: t.schema_version
        for t in sdk.events.v1.subscriptions(subscription.sid).subscribed_events.list()
    }
    assert types == {PREFIX + "request-approved": 1, PREFIX + "request-rejected": 4}
    assert [s.sid for s in sdk.events.v1.sinks.list(in_use=True)] == [sink.sid]
    assert [s.sid for s in sdk.events.v1.subscriptions.list(sink_sid=sink.sid)] == [
        subscription.sid
    ]


def test_subscribed_events_can_be_added_changed_and_removed(sink, sdk):
    subscription = sdk.events.v1.subscriptions.create(
        description="s", sink_sid=sink.sid, types=[{"type": PREFIX + "requested"}]
    )
    events = sdk.events.v1.subscriptions(subscription.sid).subscribed_events
    added = events.create(type=PREFIX + "expired", schema_version=2)
    assert (added.type, added.schema_version) == (PREFIX + "expired", 2)
    assert events(PREFIX + "expired").update(schema_version=1).schema_version == 1
    assert events(PREFIX + "expired").fetch().subscription_sid == subscription.sid
    assert events(PREFIX + "expired").delete() is True
    assert [t.type for t in events.list()] == [PREFIX + "requested"]
    updated = sdk.events.v1.subscriptions(subscription.sid).update(description="renamed")
    assert updated.description == "renamed"
    assert sdk.events.v1.subscriptions(subscription.sid).delete() is True


def test_deleting_a_sink_deletes_its_subscriptions(sink, sdk):
    sdk.events.v1.subscriptions.create(
        description="s", sink_sid=sink.sid, types=[{"type": PREFIX + "requested"}]
    )
    sdk.events.v1.sinks(sink.sid).delete()
    assert sdk.events.v1.subscriptions.list() == []


def test_event_types_list_the_toll_free_verification_and_messaging_events(sdk):
    types = {t.type for t in sdk.events.v1.event_types.list()}
    assert {t for t in types if t.startswith(PREFIX)} == set(ALL_TYPES)
    assert types - set(ALL_TYPES) == set(MESSAGE_TYPES)
    assert sdk.events.v1.event_types(PREFIX + "expired").fetch().schema_id == (
        "TollFree.VerificationExpired"
    )


@pytest.mark.parametrize(
    ("form", "code", "message"),
    [
        (
            {"SinkConfiguration": json.dumps(CONFIG), "SinkType": "webhook"},
            20001,
            "Missing required parameter Description in the post body",
        ),
        (
            {"Description": "d", "SinkConfiguration": "{not json", "SinkType": "webhook"},
            20001,
            "SinkConfiguration must be a JSON object",
        ),
        (
            {"Description": "d", "SinkConfiguration": "{}", "SinkType": "webhook"},
            20001,
            "SinkConfiguration.destination must be an http(s) URL",
        ),
        (
            {"Description": "d", "SinkConfiguration": json.dumps(CONFIG), "SinkType": "pigeon"},
            20001,
            "SinkType must be one of kinesis, webhook, segment, email",
        ),
    ],
)
def test_bad_sinks_are_400(client, isv_auth, form, code, message):
    response = client.post("/v1/Sinks", data=form, headers=isv_auth)
    assert response.status_code == 400
    assert (response.get_json()["code"], response.get_json()["message"]) == (code, message)


def test_a_subscription_needs_a_sink_of_the_same_account(sink, sdk_for):
    other = sdk_for(SUB_SID, SUB_TOKEN)
    with pytest.raises(TwilioRestException) as caught:
        other.events.v1.subscriptions.create(
            description="s", sink_sid=sink.sid, types=[{"type": PREFIX + "requested"}]
        )
    assert caught.value.status == 400
    with pytest.raises(TwilioRestException) as missing:
        other.events.v1.sinks(sink.sid).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)


def test_subscription_types_must_name_a_type(client, isv_auth, sink):
    response = client.post(
        "/v1/Subscriptions",
        data={"Description": "s", "SinkSid": sink.sid, "Types": ['{"schema_version": 1}']},
        headers=isv_auth,
    )
    assert response.status_code == 400
    assert "Types entries need a 'type'" in response.get_json()["message"]


def test_event_streams_need_credentials(client):
    assert client.get("/v1/Sinks").status_code == 401
    assert client.get("/v1/Sinks", headers=basic(ISV_SID, "nope")).status_code == 401


def test_a_subscription_update_ignores_a_sink_sid_and_keeps_its_sink(client, isv_auth, sink, sdk):
    """twilio-oai's update takes Description only; SinkSid, even empty, changes nothing."""
    subscription = sdk.events.v1.subscriptions.create(
        description="s", sink_sid=sink.sid, types=[{"type": PREFIX + "requested"}]
    )
    for sink_sid in ("", "DG" + "0" * 32):
        response = client.post(
            f"/v1/Subscriptions/{subscription.sid}",
            data={"Description": "renamed", "SinkSid": sink_sid},
            headers=isv_auth,
        )
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["sink_sid"] == sink.sid
