"""Sending through a Messaging Service with the twilio SDK: ``accepted`` without a sender,
the pool's first number chosen, the service's status callback, and the service errors
(docs/messaging.md "Through a Messaging Service"; docs/reference/twilio-messaging.md §4, §6, §8)."""

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from tests.conftest import ISV_SID, ISV_TOKEN, SUB_SID, SUB_TOKEN

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    LOCAL_PN,
    SUB_PN,
    TOLL_FREE_NUMBER,
    TOLL_FREE_PN,
    TOLL_FREE_PN_2,
    status_callbacks,
)

SECOND_TOLL_FREE = "+18885550101"  # TOLL_FREE_PN_2


def refused(**form) -> tuple[int, int, str]:
    """Status, code and Twilio's message of the error ``messages.create(**form)`` raises."""
    with pytest.raises(TwilioRestException) as raised:
        form.pop("sdk").messages.create(**form)
    message = raised.value.msg.removeprefix("Unable to create record: ")
    return raised.value.status, raised.value.code, message


def statuses(receiver) -> list[str]:
    return [params["MessageStatus"] for params in status_callbacks(receiver)]


def test_a_service_send_answers_accepted_without_sender_or_segments(sdk, pooled_service):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    message = sdk.messages.create(messaging_service_sid=service.sid, to=HANDSET, body="hi")
    assert message.status == "accepted"
    assert message.from_ is None
    assert message.num_segments == "0"
    assert message.messaging_service_sid == service.sid
    assert message.sid.startswith("SM")


def test_a_service_send_is_delivered_from_the_pools_first_number_with_segments_counted(
    sdk, pooled_service, advance
):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    body = "a" * 161  # two GSM-7 segments
    sid = sdk.messages.create(messaging_service_sid=service.sid, to=HANDSET, body=body).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert message.status == "delivered"
    assert message.from_ == LOCAL_NUMBER
    assert message.num_segments == "2"
    assert message.messaging_service_sid == service.sid


def test_the_service_picks_the_same_first_number_every_time(sdk, pooled_service, advance):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    sids = [
        sdk.messages.create(messaging_service_sid=service.sid, to=to, body="hi").sid
        for to in (HANDSET, "+14155550124", "+14155550125")
    ]
    advance(seconds=10)
    assert {sdk.messages(sid).fetch().from_ for sid in sids} == {LOCAL_NUMBER}


def test_a_service_send_calls_back_queued_sent_delivered_signed_with_the_service_sid(
    sdk, pooled_service, advance, receiver, status_url
):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    sid = sdk.messages.create(
        messaging_service_sid=service.sid, to=HANDSET, body="hi", status_callback=status_url
    ).sid
    advance(seconds=10)
    assert statuses(receiver) == ["queued", "sent", "delivered"]
    validator = RequestValidator(ISV_TOKEN)
    for request, params in zip(receiver.received, status_callbacks(receiver), strict=True):
        assert request["path"] == "/status"
        assert (params["MessageSid"], params["MessagingServiceSid"]) == (sid, service.sid)
        assert params["From"] == LOCAL_NUMBER
        assert validator.validate(status_url, params, request["headers"]["X-Twilio-Signature"])


def test_a_service_send_without_a_callback_calls_the_services_status_callback(
    sdk, pooled_service, advance, receiver
):
    service_url = receiver.url + "/service-status"
    service = pooled_service(LOCAL_PN, status_callback=service_url)
    sid = sdk.messages.create(messaging_service_sid=service.sid, to=HANDSET, body="hi").sid
    advance(seconds=10)
    assert statuses(receiver) == ["queued", "sent", "delivered"]
    assert {request["path"] for request in receiver.received} == {"/service-status"}
    assert {params["MessageSid"] for params in status_callbacks(receiver)} == {sid}
    assert {params["MessagingServiceSid"] for params in status_callbacks(receiver)} == {service.sid}
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_the_messages_own_callback_wins_over_the_services(
    sdk, pooled_service, advance, receiver, status_url
):
    service = pooled_service(LOCAL_PN, status_callback=receiver.url + "/service-status")
    sdk.messages.create(
        messaging_service_sid=service.sid, to=HANDSET, body="hi", status_callback=status_url
    )
    advance(seconds=10)
    assert [request["path"] for request in receiver.received] == ["/status"] * 3


def test_a_service_with_an_empty_pool_is_21704_at_send_time(sdk, pooled_service):
    service = pooled_service()
    assert refused(sdk=sdk, messaging_service_sid=service.sid, to=HANDSET, body="hi") == (
        400,
        21704,
        "The Messaging Service contains no phone numbers",
    )


def test_an_unknown_service_is_21701(sdk):
    unknown = "MG" + "0" * 32
    assert refused(sdk=sdk, messaging_service_sid=unknown, to=HANDSET, body="hi") == (
        400,
        21701,
        "The Messaging Service does not exist",
    )


def test_another_accounts_service_is_21701(sdk, sdk_for):
    subaccount = sdk_for(SUB_SID, SUB_TOKEN)
    theirs = subaccount.messaging.v1.services.create(friendly_name="theirs")
    subaccount.messaging.v1.services(theirs.sid).phone_numbers.create(phone_number_sid=SUB_PN)
    assert refused(sdk=sdk, messaging_service_sid=theirs.sid, to=HANDSET, body="hi")[:2] == (
        400,
        21701,
    )
    assert subaccount.messages.create(messaging_service_sid=theirs.sid, to=HANDSET, body="hi")


@pytest.mark.parametrize(
    "sid", ["MG123", "XX" + "0" * 32, "mg" + "0" * 32, "MG" + "0" * 33], ids=str
)
def test_a_malformed_service_sid_is_21705(sdk, sid):
    assert refused(sdk=sdk, messaging_service_sid=sid, to=HANDSET, body="hi") == (
        400,
        21705,
        "The Messaging Service is invalid",
    )


def test_from_in_the_pool_sends_from_that_number(sdk, pooled_service, advance):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    sid = sdk.messages.create(
        messaging_service_sid=service.sid, from_=SECOND_TOLL_FREE, to="+447700900123", body="hi"
    ).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.from_) == ("delivered", SECOND_TOLL_FREE)
    assert message.messaging_service_sid == service.sid


def test_from_outside_the_pool_is_21606(sdk, pooled_service):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    form = {"messaging_service_sid": service.sid, "from_": TOLL_FREE_NUMBER, "to": HANDSET}
    assert refused(sdk=sdk, body="hi", **form) == (
        400,
        21606,
        f"The From phone number {TOLL_FREE_NUMBER} is not a valid, SMS-capable inbound phone "
        "number or short code for your account.",
    )


def test_an_unverified_toll_free_pool_number_is_undelivered_30032(
    sdk, pooled_service, advance, receiver, status_url
):
    service = pooled_service(TOLL_FREE_PN)
    sid = sdk.messages.create(
        messaging_service_sid=service.sid, to=HANDSET, body="hi", status_callback=status_url
    ).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code) == ("undelivered", 30032)
    assert message.from_ == TOLL_FREE_NUMBER
    assert statuses(receiver) == ["queued", "sent", "undelivered"]
    assert status_callbacks(receiver)[-1]["ErrorCode"] == "30032"


def test_an_approved_toll_free_pool_number_is_delivered(
    sdk, pooled_service, advance, approve_toll_free
):
    approve_toll_free(TOLL_FREE_PN)
    service = pooled_service(TOLL_FREE_PN)
    sid = sdk.messages.create(messaging_service_sid=service.sid, to=HANDSET, body="hi").sid
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_a_service_message_is_listed_with_its_service_and_account(sdk, pooled_service, advance):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    sid = sdk.messages.create(messaging_service_sid=service.sid, to=HANDSET, body="hi").sid
    advance(seconds=10)
    (listed,) = sdk.messages.list(to=HANDSET)
    assert (listed.sid, listed.account_sid, listed.messaging_service_sid) == (
        sid,
        ISV_SID,
        service.sid,
    )
