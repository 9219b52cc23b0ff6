"""Scheduled messages (``ScheduleType=fixed`` + ``SendAt`` through a Messaging Service) with
the twilio SDK: nothing happens before ``SendAt``, the message goes at ``SendAt`` on the
virtual clock, a cancel stops it, and the scheduling errors (docs/messaging.md "Scheduled messages";
docs/reference/twilio-messaging.md §9)."""

from datetime import UTC, datetime, timedelta

import pytest
from twilio.base.exceptions import TwilioRestException

from tests.conftest import ISV_TOKEN

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    LOCAL_PN,
    MESSAGES,
    TOLL_FREE_PN,
    TOLL_FREE_PN_2,
    UK_HANDSET,
    status_callbacks,
)
from .restarts import advance_on, run

START = datetime(2025, 1, 1, tzinfo=UTC)  # T0, the frozen clock's time
SEND_AT = START + timedelta(hours=1)


def statuses(receiver) -> list[str]:
    return [params["MessageStatus"] for params in status_callbacks(receiver)]


def schedule(sdk, service_sid: str, send_at=SEND_AT, to=HANDSET, **kw):
    """Schedule a message through the service (default: to HANDSET, one hour ahead)."""
    return sdk.messages.create(
        messaging_service_sid=service_sid,
        to=to,
        body="Your appointment is tomorrow",
        schedule_type="fixed",
        send_at=send_at,
        **kw,
    )


def refused(sdk, **form) -> tuple[int, int, str]:
    """Status, code and message of the error ``messages.create(**form)`` raises."""
    with pytest.raises(TwilioRestException) as raised:
        sdk.messages.create(to=HANDSET, body="later", **form)
    message = raised.value.msg.removeprefix("Unable to create record: ")
    return raised.value.status, raised.value.code, message


def test_a_fixed_schedule_through_a_service_answers_scheduled(sdk, pooled_service, status_url):
    service = pooled_service(LOCAL_PN)
    message = schedule(sdk, service.sid, status_callback=status_url)
    assert message.status == "scheduled"
    assert message.messaging_service_sid == service.sid
    assert (message.from_, message.date_sent) == (None, None)


def test_nothing_happens_before_send_at(pooled_service, sdk, advance, receiver, status_url):
    service = pooled_service(LOCAL_PN)
    sid = schedule(sdk, service.sid, status_callback=status_url).sid
    advance(minutes=30)
    assert sdk.messages(sid).fetch().status == "scheduled"
    advance(minutes=29, seconds=59)
    assert sdk.messages(sid).fetch().status == "scheduled"
    assert receiver.received == []


def test_at_send_at_it_is_queued_sent_and_delivered_with_callbacks(
    pooled_service, sdk, advance, receiver, status_url
):
    service = pooled_service(LOCAL_PN)
    sid = schedule(sdk, service.sid, status_callback=status_url).sid
    advance(minutes=60, seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.from_) == ("delivered", LOCAL_NUMBER)
    assert message.date_sent >= SEND_AT
    assert message.num_segments == "1"
    assert statuses(receiver) == ["queued", "sent", "delivered"]
    assert {params["MessageSid"] for params in status_callbacks(receiver)} == {sid}
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_canceling_before_send_at_cancels_with_a_callback_and_it_never_goes(
    pooled_service, sdk, advance, receiver, status_url
):
    service = pooled_service(LOCAL_PN)
    sid = schedule(sdk, service.sid, status_callback=status_url).sid
    advance(minutes=10)
    canceled = sdk.messages(sid).update(status="canceled")
    assert canceled.status == "canceled"
    advance(hours=2)
    assert sdk.messages(sid).fetch().status == "canceled"
    assert statuses(receiver) == ["canceled"]
    assert status_callbacks(receiver)[0]["MessageSid"] == sid
    assert sdk.messages(sid).delete() is True  # a canceled message is finished


def test_canceling_after_it_left_scheduled_is_30409(pooled_service, sdk, advance, status_url):
    service = pooled_service(LOCAL_PN)
    sid = schedule(sdk, service.sid, status_callback=status_url).sid
    advance(minutes=60)  # SendAt: queued
    for _ in range(2):  # queued, then delivered: too late both times
        with pytest.raises(TwilioRestException) as raised:
            sdk.messages(sid).update(status="canceled")
        assert (raised.value.status, raised.value.code) == (400, 30409)
        assert raised.value.msg.endswith("This message cannot be canceled")
        advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


@pytest.mark.parametrize("change", ["pool-changed", "number-released"])
def test_at_send_at_the_service_sends_from_its_pools_first_number_then(
    sdk, pooled_service, advance, change
):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    sid = schedule(sdk, service.sid, to=UK_HANDSET).sid  # abroad: no toll-free gate
    if change == "pool-changed":
        sdk.messaging.v1.services(service.sid).phone_numbers(LOCAL_PN).delete()
    else:
        sdk.incoming_phone_numbers(LOCAL_PN).delete()
    advance(hours=1, seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.from_) == ("delivered", "+18885550101")


def test_the_toll_free_gate_is_read_at_send_at(sdk, pooled_service, advance, approve_toll_free):
    service = pooled_service(TOLL_FREE_PN)
    blocked = schedule(sdk, service.sid).sid
    approved = schedule(sdk, service.sid, send_at=SEND_AT + timedelta(hours=1)).sid
    advance(hours=1, seconds=10)
    approve_toll_free(TOLL_FREE_PN)  # after the first SendAt, before the second
    advance(hours=1, seconds=10)
    first, second = sdk.messages(blocked).fetch(), sdk.messages(approved).fetch()
    assert (first.status, first.error_code) == ("undelivered", 30032)
    assert (second.status, second.error_code) == ("delivered", None)


def test_a_schedule_without_a_service_is_35118(sdk):
    form = {"from_": LOCAL_NUMBER, "schedule_type": "fixed", "send_at": SEND_AT}
    assert refused(sdk, **form) == (
        400,
        35118,
        "MessagingServiceSid is required to schedule a message",
    )


def test_a_schedule_type_other_than_fixed_is_35126(raw, pooled_service):
    service = pooled_service(LOCAL_PN)
    form = {
        "To": HANDSET,
        "Body": "later",
        "MessagingServiceSid": service.sid,
        "ScheduleType": "recurring",
        "SendAt": "2025-01-01T01:00:00Z",
    }
    response = raw("POST", f"{MESSAGES}.json", data=form)
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["message"]) == (
        35126,
        "The ScheduleType value provided is not supported for this channel",
    )


def test_fixed_without_send_at_is_35111(sdk, pooled_service):
    service = pooled_service(LOCAL_PN)
    form = {"messaging_service_sid": service.sid, "schedule_type": "fixed"}
    assert refused(sdk, **form) == (400, 35111, "SendAt timestamp is missing")


@pytest.mark.parametrize(
    "send_at",
    [
        START + timedelta(minutes=1),
        START + timedelta(seconds=299),
        START - timedelta(minutes=10),
        START + timedelta(days=35, seconds=1),
        START + timedelta(days=36),
        "tomorrow",
    ],
    ids=["1-minute", "299-seconds", "past", "35-days-1s", "36-days", "malformed"],
)
def test_send_at_outside_5_minutes_to_35_days_ahead_is_35114(sdk, pooled_service, send_at):
    service = pooled_service(LOCAL_PN)
    form = {"messaging_service_sid": service.sid, "schedule_type": "fixed", "send_at": send_at}
    assert refused(sdk, **form) == (400, 35114, "Scheduling does not support this timestamp")


@pytest.mark.parametrize(
    "ahead",
    [timedelta(minutes=5), timedelta(minutes=5, seconds=10), timedelta(days=35)],
    ids=["5-minutes", "5-minutes-10s", "35-days"],
)
def test_send_at_from_5_minutes_to_35_days_ahead_is_scheduled(
    pooled_service, sdk, ahead, status_url
):
    service = pooled_service(LOCAL_PN)
    assert (
        schedule(sdk, service.sid, status_callback=status_url, send_at=START + ahead).status
        == "scheduled"
    )


def test_a_message_scheduled_35_days_ahead_goes_then(pooled_service, sdk, advance, status_url):
    service = pooled_service(LOCAL_PN)
    sid = schedule(
        sdk, service.sid, status_callback=status_url, send_at=START + timedelta(days=35)
    ).sid
    advance(days=34, hours=23)
    assert sdk.messages(sid).fetch().status == "scheduled"
    advance(hours=1, seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_send_at_without_schedule_type_sends_at_once(sdk, pooled_service, advance):
    service = pooled_service(LOCAL_PN)
    message = sdk.messages.create(
        messaging_service_sid=service.sid, to=HANDSET, body="now", send_at=SEND_AT
    )
    assert message.status == "accepted"
    advance(seconds=10)
    assert sdk.messages(message.sid).fetch().status == "delivered"


def test_send_at_without_schedule_type_or_service_sends_at_once(sdk, advance):
    message = sdk.messages.create(from_=LOCAL_NUMBER, to=HANDSET, body="now", send_at=SEND_AT)
    assert message.status == "queued"
    advance(seconds=10)
    assert sdk.messages(message.sid).fetch().status == "delivered"


def test_scheduled_messages_are_listed_with_the_others(pooled_service, sdk, status_url):
    service = pooled_service(LOCAL_PN)
    sid = schedule(sdk, service.sid, status_callback=status_url).sid
    assert [(m.sid, m.status) for m in sdk.messages.list()] == [(sid, "scheduled")]


# -- restarts ---------------------------------------------------------------------------


def test_a_scheduled_message_survives_a_restart_and_goes_at_send_at(tmp_path, receiver):
    store, callback, sent = str(tmp_path / "scheduled.json"), receiver.url + "/status", {}

    def before(client, url):
        service = client.messaging.v1.services.create(friendly_name="later")
        client.messaging.v1.services(service.sid).phone_numbers.create(phone_number_sid=LOCAL_PN)
        sent["sid"] = client.messages.create(
            messaging_service_sid=service.sid,
            to=HANDSET,
            body="later",
            schedule_type="fixed",
            send_at=SEND_AT,
            status_callback=callback,
        ).sid
        advance_on(url, minutes=30)
        assert client.messages(sent["sid"]).fetch().status == "scheduled"

    def after(client, url):
        assert client.messages(sent["sid"]).fetch().status == "scheduled"
        advance_on(url, minutes=29)
        assert client.messages(sent["sid"]).fetch().status == "scheduled"
        advance_on(url, minutes=1, seconds=10)
        message = client.messages(sent["sid"]).fetch()
        assert (message.status, message.from_) == ("delivered", LOCAL_NUMBER)

    run(store, before)
    run(store, after)
    assert statuses(receiver) == ["queued", "sent", "delivered"]
