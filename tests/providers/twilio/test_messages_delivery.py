"""A message after it is accepted: its scenario on the virtual clock, the toll-free gate read
at send time, the magic recipients' carrier errors, and the signed status callbacks
(docs/reference/twilio-messaging.md §4 to §6)."""

import uuid
from datetime import UTC, datetime

import pytest
from twilio.base import values
from twilio.request_validator import RequestValidator

from mockserver.providers.twilio.models import Status
from tests.conftest import ISV_SID, ISV_TOKEN

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    TOLL_FREE_NUMBER,
    TOLL_FREE_PN,
    UK_HANDSET,
    status_callbacks,
)

SENT_AT = datetime(2025, 1, 1, 0, 0, 2, tzinfo=UTC)  # the default scenario's hand-off
BASE_PARAMS = {"AccountSid", "ApiVersion", "From", "MessageSid", "MessageStatus", "SmsSid"}
BASE_PARAMS |= {"SmsStatus", "To"}


def statuses(receiver) -> list[str]:
    return [params["MessageStatus"] for params in status_callbacks(receiver)]


def test_an_unverified_toll_free_number_to_a_us_handset_ends_undelivered_30032(send, sdk, advance):
    sid = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert message.status == "undelivered"
    assert message.error_code == 30032
    assert message.error_message == "Toll-Free Number Has Not Been Verified"
    assert (message.price, message.price_unit) == ("-0.00790", "USD")
    assert message.date_sent == SENT_AT


def test_the_gated_message_calls_back_sent_then_undelivered_with_30032(
    send, advance, receiver, status_url
):
    sid = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    sent, undelivered = status_callbacks(receiver)
    assert sent == {
        "AccountSid": ISV_SID,
        "ApiVersion": "2010-04-01",
        "From": TOLL_FREE_NUMBER,
        "MessageSid": sid,
        "MessageStatus": "sent",
        "SmsSid": sid,
        "SmsStatus": "sent",
        "To": HANDSET,
    }
    assert undelivered == {
        **sent,
        "MessageStatus": "undelivered",
        "SmsStatus": "undelivered",
        "ErrorCode": "30032",
        "RawDlrDoneDate": "2501010000",
    }
    assert [request["path"] for request in receiver.received] == ["/status", "/status"]
    assert {request["method"] for request in receiver.received} == {"POST"}


def test_status_callbacks_are_signed_form_posts_with_an_idempotency_token(
    send, advance, receiver, status_url
):
    send(from_=TOLL_FREE_NUMBER)
    advance(seconds=10)
    validator = RequestValidator(ISV_TOKEN)
    tokens = []
    for request, params in zip(receiver.received, status_callbacks(receiver), strict=True):
        headers = request["headers"]
        assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")
        assert headers["User-Agent"] == "TwilioProxy/1.1"
        assert validator.validate(status_url, params, headers["X-Twilio-Signature"])
        assert not validator.validate(status_url, {**params, "To": UK_HANDSET}, "forged")
        tokens.append(str(uuid.UUID(headers["I-Twilio-Idempotency-Token"])))
    assert len(set(tokens)) == 2


def test_no_callback_reports_queued_or_sending(send, sdk, advance, receiver):
    sid = send().sid
    advance(seconds=1)
    assert sdk.messages(sid).fetch().status == "sending"
    assert receiver.received == []
    advance(seconds=1)
    assert statuses(receiver) == ["sent"]


def test_a_message_sent_after_the_number_is_approved_is_delivered(
    send, sdk, advance, receiver, approve_toll_free
):
    blocked = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    assert sdk.messages(blocked).fetch().status == "undelivered"
    approve_toll_free()
    allowed = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    message = sdk.messages(allowed).fetch()
    assert (message.status, message.error_code, message.error_message) == ("delivered", None, None)
    assert sdk.messages(blocked).fetch().status == "undelivered"  # nothing retried
    assert [(p["MessageSid"], p["MessageStatus"]) for p in status_callbacks(receiver)] == [
        (blocked, "sent"),
        (blocked, "undelivered"),
        (allowed, "sent"),
        (allowed, "delivered"),
    ]


def test_an_approval_before_the_send_step_lets_a_queued_message_through(
    send, sdk, advance, approve_toll_free
):
    sid = send(from_=TOLL_FREE_NUMBER).sid
    approve_toll_free()
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_an_approval_after_the_send_step_comes_too_late(send, sdk, advance, approve_toll_free):
    sid = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=1)  # the send step reads the gate
    approve_toll_free()
    advance(seconds=10)
    assert sdk.messages(sid).fetch().error_code == 30032


@pytest.mark.parametrize("status", [None, Status.IN_REVIEW, Status.TWILIO_REJECTED])
def test_a_verification_that_is_not_approved_still_gates(
    send, sdk, advance, verification, force, status
):
    sid = verification(TollfreePhoneNumberSid=TOLL_FREE_PN)["sid"]
    if status is not None:
        force(sid, status, codes=[30441] if status == Status.TWILIO_REJECTED else ())
    message = send(from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    assert sdk.messages(message).fetch().error_code == 30032


def test_a_local_number_is_delivered_without_a2p_registration(send, sdk, advance, receiver):
    sid = send(from_=LOCAL_NUMBER).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code, message.price) == ("delivered", None, "-0.00790")
    assert statuses(receiver) == ["sent", "delivered"]
    assert "ErrorCode" not in status_callbacks(receiver)[1]
    assert status_callbacks(receiver)[1]["RawDlrDoneDate"] == "2501010000"


def test_a_toll_free_number_to_a_non_us_handset_is_delivered(send, sdk, advance, receiver):
    sid = send(from_=TOLL_FREE_NUMBER, to=UK_HANDSET).sid
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"
    assert statuses(receiver) == ["sent", "delivered"]


def test_the_default_scenario_moves_queued_sending_sent_delivered_on_the_clock(send, advance, sdk):
    sid = send().sid
    seen = []
    for _ in range(4):
        advance(seconds=1)
        seen.append(sdk.messages(sid).fetch().status)
    assert seen == ["sending", "sent", "sent", "delivered"]


def test_a_message_without_status_callback_sends_no_callback(send, sdk, advance, receiver):
    sid = send(status_callback=values.unset).sid
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"
    assert receiver.received == []


@pytest.mark.parametrize(
    ("to", "code", "wording"),
    [
        ("+15005550021", 30003, "Unreachable destination handset"),
        ("+15005550022", 30005, "Unknown destination handset"),
        ("+15005550023", 30006, "Landline or unreachable carrier"),
        ("+15005550024", 30007, "Message filtered"),
    ],
)
def test_magic_recipients_end_undelivered_with_their_carrier_error(
    send, sdk, advance, receiver, to, code, wording
):
    sid = send(to=to).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code, message.error_message) == (
        "undelivered",
        code,
        wording,
    )
    assert (message.price, message.date_sent) == ("-0.00790", SENT_AT)
    sent, undelivered = status_callbacks(receiver)
    assert (sent["MessageStatus"], "ErrorCode" in sent) == ("sent", False)
    assert (undelivered["MessageStatus"], undelivered["ErrorCode"]) == ("undelivered", str(code))


def test_the_failing_magic_recipient_fails_30008_unbilled_before_hand_off(
    send, sdk, advance, receiver
):
    sid = send(to="+15005550025").sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code, message.error_message) == (
        "failed",
        30008,
        "Unknown error",
    )
    assert (message.price, message.price_unit, message.date_sent) == (None, None, None)
    (failed,) = status_callbacks(receiver)
    assert failed["MessageStatus"] == failed["SmsStatus"] == "failed"
    assert failed["ErrorCode"] == "30008"
    assert set(failed) == BASE_PARAMS | {"ErrorCode"}


def test_a_magic_recipient_from_an_unverified_toll_free_number_reports_one_error(
    send, sdk, advance
):
    """The gate and the scenario both say undelivered: exactly one code is kept."""
    sid = send(to="+15005550024", from_=TOLL_FREE_NUMBER).sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert message.status == "undelivered"
    assert message.error_code == 30032  # the gate comes first (docs/messaging.md)


def test_a_retried_callback_carries_the_same_idempotency_token_and_signature(
    send, advance, receiver
):
    send()
    receiver.fail_next(1, status=503)  # the "sent" callback fails once
    advance(seconds=10)
    advance(minutes=10)  # its retry is due
    by_status = {}
    for request, params in zip(receiver.received, status_callbacks(receiver), strict=True):
        by_status.setdefault(params["MessageStatus"], []).append(request)
    first, retry = by_status["sent"]
    assert (first["answered"], retry["answered"]) == (503, 200)
    for header in ("I-Twilio-Idempotency-Token", "X-Twilio-Signature"):
        assert first["headers"][header] == retry["headers"][header]
    (delivered,) = by_status["delivered"]
    token = "I-Twilio-Idempotency-Token"
    assert delivered["headers"][token] != first["headers"][token]


@pytest.mark.parametrize(
    ("body", "media", "price"),
    [
        ("a" * 160, [], "-0.00790"),
        ("a" * 161, [], "-0.01580"),
        ("Owl", ["https://e.co/o.jpg"], "-0.02000"),
    ],
    ids=["one-segment", "two-segments", "mms"],
)
def test_the_price_is_set_when_the_message_is_sent(send, sdk, advance, body, media, price):
    sid = send(body=body, media_url=media or values.unset).sid
    advance(seconds=2)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.price, message.price_unit) == ("sent", price, "USD")
