"""Messaging events reach subscribed Event Streams sinks as signed CloudEvents, next to the
status callback (docs/reference/twilio-event-streams-schemas.md, "Messaging events")."""

import re

from twilio.request_validator import RequestValidator

from tests.conftest import ISV_SID, ISV_TOKEN, SUB_SID, SUB_TOKEN

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    SUB_NUMBER,
    TOLL_FREE_NUMBER,
    UK_HANDSET,
    status_callbacks,
)
from .test_event_versions import events_at

OUTBOUND = "com.twilio.messaging.message."
INBOUND = "com.twilio.messaging.inbound-message.received"
SENT, DELIVERED, UNDELIVERED = OUTBOUND + "sent", OUTBOUND + "delivered", OUTBOUND + "undelivered"
STATUS_SCHEMA = "https://events-schemas.twilio.com/Messaging.MessageStatus/8"
ENVELOPE = {"specversion", "type", "source", "id", "dataschema", "datacontenttype", "time", "data"}
EVENT_ID = re.compile(r"\AEZ[0-9a-f]{32}\Z")
BODY = "Your Owl code is 123456"


def sink_requests(receiver) -> list[dict]:
    return [r for r in receiver.received if r["path"].split("?")[0] == "/events"]


def test_a_sink_gets_exactly_the_sent_and_delivered_cloudevents_it_subscribed_to(
    send, advance, receiver, subscribe, status_url
):
    subscribe(types=[SENT, DELIVERED])
    sid = send(from_=LOCAL_NUMBER).sid
    advance(seconds=10)
    sent, delivered = events_at(receiver, "/events")
    assert [sent["type"], delivered["type"]] == [SENT, DELIVERED]
    assert set(sent) == set(delivered) == ENVELOPE
    assert (sent["specversion"], sent["datacontenttype"]) == ("1.0", "application/json")
    assert sent["dataschema"] == delivered["dataschema"] == STATUS_SCHEMA
    assert sent["source"] == f"/2010-04-01/Accounts/{ISV_SID}/Messages/{sid}.json"
    assert EVENT_ID.match(sent["id"]) and EVENT_ID.match(delivered["id"])
    assert sent["id"] != delivered["id"]
    assert (sent["time"], delivered["time"]) == (
        "2025-01-01T00:00:02.000Z",
        "2025-01-01T00:00:04.000Z",
    )
    assert delivered["data"] == {
        "messageSid": sid,
        "timestamp": "2025-01-01T00:00:04.000Z",
        "accountSid": ISV_SID,
        "eventName": DELIVERED,
        "apiVersion": "2010-04-01",
        "from": LOCAL_NUMBER,
        "to": HANDSET,
        "messageStatus": "DELIVERED",
        "body": BODY,
        "statusCallBackUrl": status_url,
        "tags": {},
        "rawDlrDoneDate": "2501010000",
        "numberOfSegments": 1,
        "dateUpdated": "2025-01-01T00:00:04.000Z",
    }
    assert sent["data"]["messageStatus"] == "SENT"
    assert "rawDlrDoneDate" not in sent["data"] and "errorCode" not in sent["data"]


def test_message_cloudevents_are_signed_like_every_event_streams_delivery(
    send, advance, receiver, subscribe
):
    subscribe(types=[SENT, DELIVERED])
    send()
    advance(seconds=10)
    requests = sink_requests(receiver)
    assert len(requests) == 2
    for request in requests:
        assert request["headers"]["Content-Type"] == "application/json"
        assert "bodySHA256=" in request["url"]
        signature = request["headers"]["X-Twilio-Signature"]
        assert RequestValidator(ISV_TOKEN).validate(request["url"], request["body"], signature)
        assert not RequestValidator(SUB_TOKEN).validate(request["url"], request["body"], signature)


def test_the_status_callback_still_arrives_beside_the_sink(send, advance, receiver, subscribe):
    subscribe(types=[SENT, DELIVERED])
    sid = send().sid
    advance(seconds=10)
    callbacks = [r for r in receiver.received if r["path"] == "/status"]
    assert [r["headers"]["Content-Type"] for r in callbacks] == [
        "application/x-www-form-urlencoded; charset=utf-8"
    ] * 2
    forms = [form for form in status_callbacks(receiver) if "MessageSid" in form]
    assert [(form["MessageSid"], form["MessageStatus"]) for form in forms] == [
        (sid, "sent"),
        (sid, "delivered"),
    ]


def test_an_undelivered_event_carries_its_error_code(send, advance, receiver, subscribe):
    subscribe(types=[UNDELIVERED])
    sid = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    [event] = events_at(receiver, "/events")
    assert event["type"] == UNDELIVERED
    assert event["data"]["messageSid"] == sid
    assert event["data"]["messageStatus"] == "UNDELIVERED"
    assert event["data"]["errorCode"] == 30032
    assert event["data"]["rawDlrDoneDate"] == "2501010000"


def test_a_sink_not_subscribed_to_message_events_gets_none(send, advance, receiver, subscribe):
    subscribe(types=[OUTBOUND + "failed", "com.twilio.voice.insights.call-summary.complete"])
    send()
    advance(seconds=10)
    assert sink_requests(receiver) == []
    assert len(status_callbacks(receiver)) == 2


def test_a_subaccounts_message_reaches_the_parents_sink_signed_for_the_parent(
    send, advance, receiver, subscribe, sdk_for
):
    subscribe(types=[SENT])
    sid = send(from_=SUB_NUMBER, to=UK_HANDSET, client=sdk_for(SUB_SID, SUB_TOKEN)).sid
    advance(seconds=10)
    [event] = events_at(receiver, "/events")
    assert (event["data"]["messageSid"], event["data"]["accountSid"]) == (sid, SUB_SID)
    assert event["source"] == f"/2010-04-01/Accounts/{SUB_SID}/Messages/{sid}.json"
    [request] = sink_requests(receiver)
    signature = request["headers"]["X-Twilio-Signature"]
    assert RequestValidator(ISV_TOKEN).validate(request["url"], request["body"], signature)


def test_a_subaccounts_own_sink_does_not_see_the_parents_messages(
    send, advance, receiver, subscribe, sdk_for
):
    subscribe(types=[SENT], client=sdk_for(SUB_SID, SUB_TOKEN))
    send()
    advance(seconds=10)
    assert sink_requests(receiver) == []


def test_an_inbound_message_reaches_a_subscribed_sink_and_no_status_callback(
    text_in, advance, receiver, subscribe
):
    subscribe(types=[INBOUND, SENT, DELIVERED])
    answer = text_in("hi", from_="+14155557777", to=LOCAL_NUMBER)
    assert answer.status_code == 201, answer.text
    advance(seconds=1)
    [event] = events_at(receiver, "/events")
    sid = answer.json()["message"]["sid"]
    assert event["type"] == INBOUND
    assert event["dataschema"] == "https://events-schemas.twilio.com/Messaging.InboundMessageV1/6"
    assert event["source"] == f"/2010-04-01/Accounts/{ISV_SID}/Messages/{sid}.json"
    assert EVENT_ID.match(event["id"])
    assert event["data"] == {
        "messageSid": sid,
        "timestamp": "2025-01-01T00:00:00.000Z",
        "accountSid": ISV_SID,
        "eventName": INBOUND,
        "from": "+14155557777",
        "to": LOCAL_NUMBER,
        "numMedia": 0,
        "numSegments": 1,
        "body": "hi",
        "toCountry": "US",
        "toState": "",
        "toCity": "",
        "toZip": "",
        "fromCountry": "US",
        "fromState": "",
        "fromCity": "",
        "fromZip": "",
        "recipients": [],
    }
    assert [r["path"].split("?")[0] for r in receiver.received] == ["/events"]
    assert receiver.valid_twilio_signatures(ISV_TOKEN)
