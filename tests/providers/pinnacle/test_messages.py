"""Sending SMS and MMS through the rcs SDK, and the sent-message log of the control API."""

import pytest
import requests
from rcs.errors import BadRequestError, ForbiddenError
from rcs.types import ScheduledMessage, SentMmsDetails

from .helpers import key_of

TO = "+14155550123"


@pytest.mark.parametrize(
    ("text", "segments", "encoding"),
    [
        ("a" * 160, 1, "gsm7"),
        ("a" * 161, 2, "gsm7"),
        ("a" * 306, 2, "gsm7"),
        ("a" * 307, 3, "gsm7"),
        ("€" * 80, 1, "gsm7"),
        ("a" * 159 + "€", 2, "gsm7"),
        ("Shipped 🚀", 1, "utf16"),
        ("é" * 70 + "Ж", 2, "utf16"),
        ("🚀" * 35, 1, "utf16"),
        ("🚀" * 36, 2, "utf16"),
    ],
    ids=[
        "160-gsm",
        "161-gsm",
        "306-gsm",
        "307-gsm",
        "80-euro",
        "159+euro",
        "emoji",
        "71-ucs",
        "35-emoji",
        "36-emoji",
    ],
)
def test_sms_segments_and_encoding_follow_gsm7_and_utf16_rules(
    pinnacle, active_number, text, segments, encoding
):
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text=text)
    assert (sent.segments.count, sent.segments.encoding) == (segments, encoding)


def test_an_sms_response_has_the_fields_the_sdk_needs(pinnacle, active_number):
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Your order shipped")
    assert sent.message_id.startswith("msg_") and not sent.message_id.startswith("msg_sched_")
    assert (sent.sender, sent.recipient, sent.status) == (active_number, TO, "queued")
    assert sent.total_cost > 0


def test_an_mms_is_sent_with_its_media_urls(pinnacle, active_number, control):
    sent = pinnacle.messages.mms.send(
        from_=active_number,
        to=TO,
        text="Here is your receipt",
        media_urls=["https://acme.example/receipt.png"],
    )
    assert isinstance(sent, SentMmsDetails)
    assert len(sent.message_ids) == 1 and sent.message_ids[0].startswith("msg_")
    assert (sent.status, sent.sender, sent.recipient) == ("queued", active_number, TO)
    logged = control.get("/_mock/pinnacle/messages", type="MMS").json()["messages"]
    assert [(m["id"], m["media_urls"]) for m in logged] == [
        (sent.message_ids[0], ["https://acme.example/receipt.png"])
    ]


@pytest.mark.parametrize("url", ["not a url", "ftp://acme.example/x.png", ""])
def test_an_mms_with_a_bad_media_url_is_a_bad_request(pinnacle, active_number, url):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.messages.mms.send(from_=active_number, to=TO, text="x", media_urls=[url])
    assert any(key.startswith("mediaUrls") for key in raised.value.body["errors"]["properties"])


def test_an_mms_without_media_is_a_bad_request(pinnacle, active_number):
    with pytest.raises(BadRequestError):
        pinnacle.messages.mms.send(from_=active_number, to=TO, text="x", media_urls=[])


def test_a_scheduled_sms_returns_a_scheduled_message(pinnacle, active_number, control):
    sent = pinnacle.messages.sms.send(
        from_=active_number,
        to=TO,
        text="Reminder",
        options={"schedule": {"send_at": "2025-02-01T09:00:00Z", "timezone": "America/New_York"}},
    )
    assert isinstance(sent, ScheduledMessage)
    assert sent.schedule_id.startswith("msg_sched_")
    assert (sent.config.send_at, sent.config.timezone) == (
        "2025-02-01T09:00:00Z",
        "America/New_York",
    )
    logged = control.get("/_mock/pinnacle/messages").json()["messages"]
    assert [(m["id"], m["status"]) for m in logged] == [(sent.schedule_id, "SCHEDULED")]


def test_sending_from_a_local_number_is_forbidden(pinnacle):
    local = pinnacle.phone_numbers.search(type=["LOCAL"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[local])
    with pytest.raises(ForbiddenError) as raised:
        pinnacle.messages.sms.send(from_=local, to=TO, text="hi")
    assert "local number" in raised.value.body.error


def test_sending_while_the_number_is_still_under_review_is_forbidden(
    pinnacle, control, verified_campaign, toll_free_number
):
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number],
        campaign_type="TOLL_FREE",
        campaign_id=verified_campaign.campaign_id,
    )
    control.advance(seconds=30)
    with pytest.raises(ForbiddenError) as raised:
        pinnacle.messages.sms.send(from_=toll_free_number, to=TO, text="hi")
    assert "WAITING_FOR_TELECO" in raised.value.body.error


@pytest.mark.parametrize(
    "body",
    [
        {"from": "+18005550100", "to": TO},
        {"from": "+18005550100", "to": "4155550123", "text": "x"},
        {"from": "not-a-number", "to": TO, "text": "x"},
        {"from": "+18005550100", "to": TO, "text": ""},
        {"from": "+18005550100", "to": TO, "text": "x" * 1601},
    ],
    ids=["no-text", "to-not-e164", "from-not-e164", "empty-text", "too-long"],
)
def test_malformed_sms_bodies_are_a_bad_request(http, body):
    response = http.post("/messages/send/sms", json=body)
    assert response.status_code == 400
    assert response.json()["errors"]["properties"]


def test_the_message_log_filters_by_key_sender_recipient_and_type(
    pinnacle, other, control, active_number
):
    first = pinnacle.messages.sms.send(from_=active_number, to=TO, text="one").message_id
    second = pinnacle.messages.sms.send(from_=active_number, to="+12125550123", text="two")
    mms = pinnacle.messages.mms.send(
        from_=active_number, to=TO, text="three", media_urls=["https://acme.example/a.png"]
    )

    def ids(**params) -> list[str]:
        return [
            m["id"] for m in control.get("/_mock/pinnacle/messages", **params).json()["messages"]
        ]

    everything = {first, second.message_id, mms.message_ids[0]}
    assert set(ids()) == everything
    assert set(ids(api_key=key_of(pinnacle))) == everything
    assert ids(api_key=key_of(other)) == []
    assert set(ids(to=TO)) == {first, mms.message_ids[0]}
    assert ids(type="SMS", to=TO) == [first]
    assert ids(**{"from": active_number, "type": "MMS"}) == [mms.message_ids[0]]
    logged = control.get("/_mock/pinnacle/messages", to="+12125550123").json()["messages"][0]
    assert (logged["text"], logged["type"], logged["from"], logged["segments"]) == (
        "two",
        "SMS",
        active_number,
        1,
    )


def test_the_message_log_lists_messages_in_the_order_they_were_accepted(
    pinnacle, control, active_number
):
    """Messages accepted at the same virtual instant still list oldest first."""
    sent = [
        pinnacle.messages.sms.send(from_=active_number, to=TO, text=f"n{index}").message_id
        for index in range(4)
    ]
    logged = control.get("/_mock/pinnacle/messages").json()["messages"]
    assert [m["id"] for m in logged] == sent


def test_deleting_the_message_log_clears_it(pinnacle, control, active_number):
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="one")
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="two")
    cleared = requests.delete(f"{control.url}/_mock/pinnacle/messages", timeout=10)
    assert cleared.json() == {"deleted": 2}
    assert control.get("/_mock/pinnacle/messages").json()["messages"] == []


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        ({"send_at": "tomorrow", "timezone": "UTC"}, "options.schedule.sendAt"),
        ({"send_at": "2030-01-01T09:00:00", "timezone": "Not/AZone"}, "options.schedule.timezone"),
        ({"send_at": "2024-12-31T09:00:00Z"}, "options.schedule.sendAt"),  # in the past
        (
            {"send_at": "2030-01-01T09:00:00Z", "end_date": "2029-01-01T09:00:00Z"},
            "options.schedule.endDate",
        ),
    ],
)
def test_a_schedule_must_be_a_real_future_time(pinnacle, active_number, schedule, field):
    with pytest.raises(BadRequestError) as refused:
        pinnacle.messages.sms.send(
            from_=active_number, to=TO, text="Later", options={"schedule": schedule}
        )
    assert field in refused.value.body["errors"]["properties"]


def test_the_log_filters_forgive_an_unencoded_plus_and_lower_case_types(
    pinnacle, active_number, control, live_url
):
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="hello")
    raw = requests.get(f"{live_url}/_mock/pinnacle/messages?to={TO}&type=sms", timeout=10).json()
    assert [m["to"] for m in raw["messages"]] == [TO]


def test_the_log_refuses_filters_it_does_not_know(live_url):
    answer = requests.get(
        f"{live_url}/_mock/pinnacle/messages", params={"sender": "+1"}, timeout=10
    )
    assert answer.status_code == 400
    assert answer.json()["fields"] == {"sender": "Unknown field."}
