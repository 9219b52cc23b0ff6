"""POST …/Messages.json: the 201 resource, and every synchronous refusal with Twilio's code,
HTTP status and wording (docs/reference/twilio-messaging.md §1 and §4)."""

import inspect
import re
from datetime import UTC, datetime

import pytest
from twilio.base.exceptions import TwilioRestException

from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    MESSAGE_FIELDS,
    MESSAGES,
    SUB_NUMBER,
    TOLL_FREE_NUMBER,
)

T0_RFC2822 = "Wed, 01 Jan 2025 00:00:00 +0000"
OTHER_SID, OTHER_TOKEN = "AC" + "b" * 32, "other_token"


def read_by_sdk() -> list[str]:
    """The payload keys twilio-python's ``MessageInstance`` reads."""
    from twilio.rest.api.v2010.account.message import MessageInstance

    source = inspect.getsource(MessageInstance.__init__)
    return re.findall(r'payload\.get\(\s*"([a-z0-9_]+)"', source)


def refused(call) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as caught:
        call()
    return caught.value


def test_a_send_answers_201_queued_with_every_field_of_the_resource(raw, status_url):
    response = raw(
        "POST",
        f"{MESSAGES}.json",
        data={"To": HANDSET, "From": LOCAL_NUMBER, "Body": "Hi", "StatusCallback": status_url},
    )
    assert response.status_code == 201
    message = response.json()
    assert sorted(message) == sorted(MESSAGE_FIELDS) == sorted(read_by_sdk())
    sid = message["sid"]
    assert re.fullmatch(r"SM[0-9a-f]{32}", sid)
    uri = f"{MESSAGES}/{sid}.json"
    assert message == {
        "body": "Hi",
        "num_segments": "1",
        "direction": "outbound-api",
        "from": LOCAL_NUMBER,
        "to": HANDSET,
        "date_updated": T0_RFC2822,
        "price": None,
        "error_message": None,
        "uri": uri,
        "account_sid": ISV_SID,
        "num_media": "0",
        "status": "queued",
        "messaging_service_sid": None,
        "sid": sid,
        "date_sent": None,
        "date_created": T0_RFC2822,
        "error_code": None,
        "price_unit": None,
        "api_version": "2010-04-01",
        "subresource_uris": {
            "media": f"{MESSAGES}/{sid}/Media.json",
            "feedback": f"{MESSAGES}/{sid}/Feedback.json",
        },
    }


def test_the_sdk_reads_every_field_of_a_new_message(send, status_url):
    message = send(body="Hi")
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    assert (message.status, message.direction) == ("queued", "outbound-api")
    assert (message.from_, message.to, message.body) == (LOCAL_NUMBER, HANDSET, "Hi")
    assert (message.num_segments, message.num_media) == ("1", "0")
    assert (message.date_created, message.date_updated, message.date_sent) == (t0, t0, None)
    assert (message.price, message.price_unit, message.error_code) == (None, None, None)
    assert (message.error_message, message.messaging_service_sid) == (None, None)
    assert (message.account_sid, message.api_version) == (ISV_SID, "2010-04-01")
    assert message.uri == f"{MESSAGES}/{message.sid}.json"
    assert set(message.subresource_uris) == {"media", "feedback"}


@pytest.mark.parametrize(
    ("body", "segments"),
    [
        ("a" * 160, "1"),
        ("a" * 161, "2"),
        ("Ж" * 70, "1"),
        ("Ж" * 71, "2"),
    ],
    ids=["gsm7-160", "gsm7-161", "ucs2-70", "ucs2-71"],
)
def test_num_segments_is_a_string_counted_by_encoding(send, body, segments):
    assert send(body=body).num_segments == segments


def test_a_1600_character_body_is_accepted(send):
    message = send(body="a" * 1600)
    assert (message.status, len(message.body)) == ("queued", 1600)


def test_media_makes_an_mm_sid_and_counts_in_num_media(send):
    message = send(body="Owl", media_url=["https://example.com/owl.jpg"])
    assert re.fullmatch(r"MM[0-9a-f]{32}", message.sid)
    assert message.num_media == "1"


def test_media_alone_needs_no_body(sdk):
    message = sdk.messages.create(
        to=HANDSET, from_=LOCAL_NUMBER, media_url=["https://example.com/owl.jpg"]
    )
    assert (message.sid[:2], message.num_media, message.body) == ("MM", "1", "")


def test_the_parent_sends_from_its_subaccounts_number_on_the_subaccounts_path(sdk):
    message = sdk.api.v2010.accounts(SUB_SID).messages.create(
        to=HANDSET, from_=SUB_NUMBER, body="hi"
    )
    assert (message.account_sid, message.status) == (SUB_SID, "queued")


def test_missing_to_from_and_body_are_refused_in_twilios_order_and_shape(raw):
    expected = [
        ({"From": LOCAL_NUMBER, "Body": "x"}, 21604, "A 'To' phone number is required."),
        ({"To": HANDSET, "Body": "x"}, 21603, "A 'From' phone number is required."),
        (
            {"To": HANDSET, "From": LOCAL_NUMBER},
            21619,
            "A text message body or media urls must be specified.",
        ),
    ]
    for form, code, message in expected:
        response = raw("POST", f"{MESSAGES}.json", data=form)
        assert response.status_code == 400
        assert response.json() == {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": 400,
        }


NOT_OWNED = (
    "The From phone number {} is not a valid, SMS-capable inbound phone number or short code "
    "for your account."
)
SYNC_ERRORS = [
    (
        "body-1601",
        {"body": "a" * 1601},
        21617,
        "The concatenated message body exceeds the 1600 character limit.",
    ),
    ("bad-to", {"to": "abc"}, 21211, "The 'To' number abc is not a valid phone number."),
    (
        "bad-from",
        {"from_": "+1"},
        21212,
        "The 'From' number +1 is not a valid phone number, shortcode, or alphanumeric sender ID.",
    ),
    ("subaccounts-number", {"from_": SUB_NUMBER}, 21606, NOT_OWNED.format(SUB_NUMBER)),
    ("unowned-number", {"from_": "+18005550199"}, 21606, NOT_OWNED.format("+18005550199")),
    (
        "magic-0001",
        {"to": "+15005550001"},
        21211,
        "The 'To' number +15005550001 is not a valid phone number.",
    ),
    (
        "magic-0002",
        {"to": "+15005550002"},
        21612,
        "The 'To' phone number: +15005550002, is not currently reachable using the 'From' "
        f"phone number: {LOCAL_NUMBER} via SMS.",
    ),
    (
        "magic-0002-mms",
        {"to": "+15005550002", "media_url": ["https://example.com/owl.jpg"]},
        21612,
        "The 'To' phone number: +15005550002, is not currently reachable using the 'From' "
        f"phone number: {LOCAL_NUMBER} via MMS.",
    ),
    (
        "magic-0003",
        {"to": "+15005550003"},
        21408,
        "Permission to send an SMS has not been enabled for the region indicated by the 'To' "
        "number: +15005550003.",
    ),
    ("magic-0004", {"to": "+15005550004"}, 21610, "Attempt to send to unsubscribed recipient"),
    (
        "magic-0009",
        {"to": "+15005550009"},
        21614,
        "To number: +15005550009, is not a mobile number",
    ),
    (
        "bad-status-callback",
        {"status_callback": "not a url"},
        21609,
        "The StatusCallback URL not a url is not a valid URL.",
    ),
    (
        "bad-media-url",
        {"media_url": ["ftp://example.com/owl.jpg"]},
        21620,
        "Invalid media URL(s)",
    ),
    (
        "eleven-media-urls",
        {"media_url": [f"https://example.com/{i}.jpg" for i in range(11)]},
        21623,
        "Number of media files exceeds allowed limit",
    ),
    (
        "malformed-service-sid",
        {"messaging_service_sid": "MG123"},
        21705,
        "The Messaging Service is invalid",
    ),
    (
        "unknown-service-sid",
        {"messaging_service_sid": "MG" + "0" * 32},
        21701,
        "The Messaging Service does not exist",
    ),
    (
        "schedule-type-without-service",
        {"schedule_type": "fixed"},
        35118,
        "MessagingServiceSid is required to schedule a message",
    ),
    (
        "fixed-schedule-without-service",
        {"schedule_type": "fixed", "send_at": datetime(2025, 1, 2, tzinfo=UTC)},
        35118,
        "MessagingServiceSid is required to schedule a message",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [case[1:] for case in SYNC_ERRORS],
    ids=[case[0] for case in SYNC_ERRORS],
)
def test_a_refused_send_raises_twilios_code_status_and_wording(sdk, overrides, code, message):
    values = {"to": HANDSET, "from_": LOCAL_NUMBER, "body": "hi", **overrides}
    error = refused(lambda: sdk.messages.create(**values))
    assert (error.status, error.code) == (400, code)
    assert error.msg == f"Unable to create record: {message}"
    assert sdk.messages.list() == []


def test_bad_credentials_are_401_with_20003(sdk_for):
    client = sdk_for(ISV_SID, "wrong-token")
    error = refused(lambda: client.messages.create(to=HANDSET, from_=LOCAL_NUMBER, body="hi"))
    assert (error.status, error.code) == (401, 20003)
    assert error.msg == "Unable to create record: Authenticate"


def test_a_401_body_carries_twilios_detail(raw):
    body = raw("GET", f"{MESSAGES}.json", auth=(ISV_SID, "wrong-token")).json()
    assert body["detail"] == "Your AccountSid or AuthToken was incorrect."


def test_another_accounts_path_is_20404(sdk, client):
    client.post("/_mock/twilio/accounts", json={"sid": OTHER_SID, "auth_token": OTHER_TOKEN})
    path = f"/2010-04-01/Accounts/{OTHER_SID}/Messages.json"
    error = refused(
        lambda: sdk.api.v2010.accounts(OTHER_SID).messages.create(
            to=HANDSET, from_=LOCAL_NUMBER, body="hi"
        )
    )
    assert (error.status, error.code) == (404, 20404)
    assert error.msg == f"Unable to create record: The requested resource {path} was not found"


def test_a_subaccount_cannot_send_on_its_parents_path(sdk_for):
    sub = sdk_for(SUB_SID, SUB_TOKEN)
    error = refused(
        lambda: sub.api.v2010.accounts(ISV_SID).messages.create(
            to=HANDSET, from_=SUB_NUMBER, body="hi"
        )
    )
    assert (error.status, error.code) == (404, 20404)


def test_a_validity_period_of_zero_is_400(raw):
    form = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hi", "ValidityPeriod": "0"}
    response = raw("POST", f"{MESSAGES}.json", data=form)
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "more_info", "status"}


def test_a_validity_period_out_of_range_is_21624(sdk):
    for period in (0, 36001):
        error = refused(
            lambda period=period: sdk.messages.create(
                to=HANDSET, from_=LOCAL_NUMBER, body="hi", validity_period=period
            )
        )
        assert (error.status, error.code) == (400, 21624)


def test_a_status_callback_host_with_an_underscore_is_21609(send):
    error = refused(lambda: send(status_callback="https://bad_host.example.com/status"))
    assert (error.status, error.code) == (400, 21609)


def test_send_at_without_schedule_type_schedules_nothing(send):
    """Only ``ScheduleType=fixed`` schedules (a sandbox choice, docs §9): the message goes."""
    assert send(send_at=datetime(2025, 1, 2, tzinfo=UTC)).status == "queued"


def test_an_empty_to_or_from_counts_as_missing(sdk):
    no_to = refused(lambda: sdk.messages.create(to="", from_=LOCAL_NUMBER, body="hi"))
    no_from = refused(lambda: sdk.messages.create(to=HANDSET, from_="", body="hi"))
    assert (no_to.code, no_from.code) == (21604, 21603)


def test_an_empty_body_counts_as_missing(sdk):
    error = refused(lambda: sdk.messages.create(to=HANDSET, from_=LOCAL_NUMBER, body=""))
    assert (error.status, error.code) == (400, 21619)


def test_an_empty_body_with_media_is_an_mms(sdk):
    media = sdk.messages.create(
        to=HANDSET, from_=LOCAL_NUMBER, body="", media_url=["https://example.com/owl.jpg"]
    )
    assert (media.status, media.num_media, media.body) == ("queued", "1", "")


def test_the_toll_free_gate_is_not_a_synchronous_error(send):
    """An unverified toll-free sender is accepted; the carrier reports 30032 later."""
    assert send(from_=TOLL_FREE_NUMBER).status == "queued"
