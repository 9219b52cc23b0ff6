"""Reading back what the sandbox accepted through the rcs SDK: ``messages.get``,
``messages.list``, the scheduled messages (``schedules.list``, ``schedule.cancel``) and the
always-empty ``blasts.list``."""

from datetime import datetime, timedelta

import pytest
from rcs.errors import BadRequestError, NotFoundError
from rcs.types import Message, MmsContent, SmsContent

from .helpers import SANDBOX_KEY

TO, OTHER_TO = "+14155550123", "+12125550123"
MEDIA = ["https://acme.example/receipt.png"]
LATER = {"schedule": {"send_at": "2025-02-01T09:00:00Z", "timezone": "America/New_York"}}


def test_get_returns_an_accepted_sms_queued_and_undelivered(pinnacle, active_number):
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Your order shipped")
    found = pinnacle.messages.get(sent.message_id)
    assert isinstance(found, Message) and isinstance(found.content, SmsContent)
    assert (found.id, found.content.text, found.type, found.method) == (
        sent.message_id,
        "Your order shipped",
        "SMS",
        "API",
    )
    assert (found.sender, found.receiver, found.num_segments) == (active_number, TO, 1)
    assert (found.status, found.cost) == ("QUEUED", sent.total_cost)
    assert (found.sent_at, found.delivered_at, found.error) == (None, None, None)


def test_get_returns_an_mms_with_its_media_and_text(pinnacle, active_number):
    sent = pinnacle.messages.mms.send(from_=active_number, to=TO, text="Receipt", media_urls=MEDIA)
    found = pinnacle.messages.get(sent.message_ids[0])
    assert isinstance(found.content, MmsContent)
    assert (found.content.media_urls, found.content.text, found.type) == (MEDIA, "Receipt", "MMS")


def test_another_keys_or_an_unknown_message_is_not_found(pinnacle, other, active_number):
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text="mine")
    for client, message_id in ((other, sent.message_id), (pinnacle, "msg_0000000000")):
        with pytest.raises(NotFoundError) as missing:
            client.messages.get(message_id)
        assert missing.value.body == {"error": f"Message {message_id} not found."}


def test_a_scheduled_message_is_a_schedule_not_a_message(pinnacle, active_number):
    """The sandbox never fires a schedule, so it never becomes a message."""
    scheduled = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Later", options=LATER)
    with pytest.raises(NotFoundError) as missing:
        pinnacle.messages.get(scheduled.schedule_id)
    assert "/messages/schedules/list" in missing.value.body["error"]
    assert pinnacle.messages.list().data == []


def test_list_gives_summaries_newest_first(pinnacle, active_number):
    first = pinnacle.messages.sms.send(from_=active_number, to=TO, text="one").message_id
    second = pinnacle.messages.mms.send(from_=active_number, to=TO, text="two", media_urls=MEDIA)
    listed = pinnacle.messages.list()
    assert [m.id for m in listed.data] == [second.message_ids[0], first]
    assert (listed.count, listed.has_more) == (2, False)
    mms, sms = listed.data
    assert (sms.from_, sms.to, sms.direction, sms.status, sms.method) == (
        active_number,
        TO,
        "OUTBOUND",
        "QUEUED",
        "API",
    )
    assert (sms.content, sms.num_segments, sms.is_test, sms.error) == (
        {"text": "one"},
        1,
        False,
        None,
    )
    assert mms.content == {"mediaUrls": MEDIA, "text": "two"}
    assert sms.created_at == sms.updated_at and sms.created_at.endswith("Z")
    assert pinnacle.messages.list(from_=active_number).count == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "MMS"}, ["mms"]),
        ({"to": OTHER_TO}, ["elsewhere"]),
        ({"content": "ORDER"}, ["elsewhere", "Your order"]),
        ({"content": "receipt.PNG"}, ["mms"]),
        (
            {"status": "QUEUED", "direction": "OUTBOUND", "method": "API"},
            ["mms", "elsewhere", "Your order"],
        ),
        ({"status": "DELIVERED"}, []),
        ({"direction": "INBOUND"}, []),
        ({"method": "SDK"}, []),
        ({"from_": "+18005550199"}, []),
    ],
    ids=["type", "to", "content", "media-url", "defaults", "status", "inbound", "sdk", "from"],
)
def test_list_filters_combine(pinnacle, active_number, filters, expected):
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="Your order")
    pinnacle.messages.sms.send(from_=active_number, to=OTHER_TO, text="elsewhere (order 2)")
    pinnacle.messages.mms.send(from_=active_number, to=TO, text="mms", media_urls=MEDIA)
    listed = pinnacle.messages.list(**filters)
    assert [m.content["text"].split(" (")[0] for m in listed.data] == expected
    assert listed.count == len(expected)


def test_list_filters_on_creation_dates_inclusively(pinnacle, active_number, control):
    early = pinnacle.messages.sms.send(from_=active_number, to=TO, text="early").message_id
    control.advance(hours=2)
    late = pinnacle.messages.sms.send(from_=active_number, to=TO, text="late").message_id
    late_at = datetime.fromisoformat(pinnacle.messages.list().data[0].created_at)

    def ids(**dates) -> list[str]:
        return [m.id for m in pinnacle.messages.list(**dates).data]

    assert ids(date_from=late_at) == [late]
    assert ids(date_to=late_at) == [late, early]
    assert ids(date_to=late_at - timedelta(hours=1)) == [early]
    assert ids(date_from=late_at - timedelta(hours=1), date_to=late_at - timedelta(minutes=1)) == []


def test_a_date_filter_with_an_offset_or_none_is_compared_in_utc(pinnacle, http, active_number):
    """A date-time with ``+01:00`` is an hour ahead of UTC; one without an offset is UTC."""
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="hi")
    created = datetime.fromisoformat(pinnacle.messages.list().data[0].created_at)
    local = created.replace(tzinfo=None)

    def count(**dates) -> int:
        return http.post("/messages/list", json=dates).json()["count"]

    same_instant = (local + timedelta(hours=1)).isoformat() + "+01:00"
    assert (count(dateFrom=same_instant), count(dateTo=same_instant)) == (1, 1)
    assert (count(dateFrom=local.isoformat()), count(dateTo=local.isoformat())) == (1, 1)
    assert count(dateTo=(local - timedelta(seconds=1)).isoformat()) == 0


def test_list_pages_with_has_more_and_the_total_count(pinnacle, active_number):
    sent = [
        pinnacle.messages.sms.send(from_=active_number, to=TO, text=f"n{i}").message_id
        for i in range(5)
    ]
    second = pinnacle.messages.list(page_index=1, page_size=2)
    assert [m.id for m in second.data] == [sent[2], sent[1]]
    assert (second.has_more, second.count) == (True, 5)
    last = pinnacle.messages.list(page_index=2, page_size=2)
    assert ([m.id for m in last.data], last.has_more) == ([sent[0]], False)


def test_list_shows_only_the_keys_own_messages(pinnacle, other, active_number):
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="mine")
    assert other.messages.list().count == 0
    assert pinnacle.messages.list().count == 1


def test_an_empty_list_body_lists_the_first_page(client):
    """The SDK sends no body at all when every filter is omitted."""
    response = client.post(
        "/messages/list",
        data=b"",
        headers={"PINNACLE-API-KEY": SANDBOX_KEY, "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.get_json() == {"data": [], "hasMore": False, "count": 0}


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"status": "queued"}, "status"),
        ({"type": "FAX"}, "type"),
        ({"direction": "SIDEWAYS"}, "direction"),
        ({"method": "EMAIL"}, "method"),
        ({"pageSize": 0}, "pageSize"),
        ({"pageSize": 101}, "pageSize"),
        ({"pageIndex": -1}, "pageIndex"),
        ({"dateFrom": "yesterday"}, "dateFrom"),
        ({"dateTo": 20250101}, "dateTo"),
        ({"dateFrom": "2025-02-01T00:00:00Z", "dateTo": "2025-01-01T00:00:00Z"}, "dateTo"),
        ({"content": ["a"]}, "content"),
    ],
)
def test_bad_list_filters_are_a_400_naming_the_filter(client, filters, field):
    response = client.post(
        "/messages/list", json=filters, headers={"PINNACLE-API-KEY": SANDBOX_KEY}
    )
    assert response.status_code == 400
    assert list(response.get_json()["errors"]["properties"]) == [field]


@pytest.mark.parametrize("missing", ["created_at", "seq", "segments", "to", "id"])
def test_a_stored_message_missing_a_field_never_breaks_the_list(client, runtime, missing):
    """It is left out (and not counted); the filters read what it lacks with defaults."""
    good = {
        "id": "msg_0000000001",
        "seq": 1,
        "tenant": SANDBOX_KEY,
        "type": "SMS",
        "from": "+18005550100",
        "to": TO,
        "text": "hi",
        "media_urls": [],
        "segments": 1,
        "encoding": "gsm7",
        "cost": 0.0079,
        "status": "QUEUED",
        "schedule": None,
        "options": {},
        "created_at": "2025-01-01T00:00:00.000Z",
    }
    damaged = {**good, "id": "msg_0000000002", "seq": 2}
    damaged.pop(missing)
    runtime.store.put("pinnacle_messages", good["id"], good)
    runtime.store.put("pinnacle_messages", "msg_0000000002", damaged)
    filters = {"content": "HI", "to": TO, "dateFrom": "2024-01-01T00:00:00Z"}
    response = client.post(
        "/messages/list", json=filters, headers={"PINNACLE-API-KEY": SANDBOX_KEY}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert good["id"] in [m["id"] for m in body["data"]]
    assert body["count"] == len(body["data"])


def test_bad_list_filters_raise_the_sdks_bad_request(pinnacle):
    with pytest.raises(BadRequestError) as refused:
        pinnacle.messages.list(status="LOST")
    assert "status" in refused.value.body["errors"]["properties"]


def test_scheduled_messages_are_listed_as_active_schedules(pinnacle, active_number):
    scheduled = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Later", options=LATER)
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="Now")
    [summary] = pinnacle.messages.schedules.list().data
    assert (summary.id, summary.status, summary.send_at, summary.timezone) == (
        scheduled.schedule_id,
        "ACTIVE",
        "2025-02-01T09:00:00Z",
        "America/New_York",
    )
    assert summary.payload == {"type": "SMS", "from": active_number, "to": TO, "text": "Later"}
    assert pinnacle.messages.schedules.list(content="later").count == 1
    assert pinnacle.messages.schedules.list(content="now").count == 0
    assert pinnacle.messages.schedules.list(schedule_type="BLAST").count == 0


def test_cancelling_a_schedule_marks_it_cancelled_once(pinnacle, active_number, control):
    scheduled = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Later", options=LATER)
    control.advance(minutes=1)
    assert pinnacle.messages.schedule.cancel(scheduled.schedule_id).success
    [summary] = pinnacle.messages.schedules.list(status="CANCELLED").data
    created, updated = (datetime.fromisoformat(t) for t in (summary.created_at, summary.updated_at))
    assert (summary.status, updated - created) == ("CANCELLED", timedelta(minutes=1))
    assert pinnacle.messages.schedules.list(status="ACTIVE").count == 0
    with pytest.raises(BadRequestError) as again:
        pinnacle.messages.schedule.cancel(scheduled.schedule_id)
    assert "already cancelled" in again.value.body["error"]


def test_cancelling_another_keys_a_sent_or_an_unknown_schedule_is_not_found(
    pinnacle, other, active_number
):
    scheduled = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Later", options=LATER)
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text="Now")
    for client, schedule_id in (
        (other, scheduled.schedule_id),
        (pinnacle, sent.message_id),
        (pinnacle, "msg_sched_0000000000"),
    ):
        with pytest.raises(NotFoundError):
            client.messages.schedule.cancel(schedule_id)


def test_blasts_list_is_always_empty(pinnacle, active_number):
    """Audiences are not emulated, so no blast ever exists; the filters are still checked."""
    pinnacle.messages.sms.send(from_=active_number, to=TO, text="not a blast")
    listed = pinnacle.messages.blasts.list(audience_id="aud_1", sender=active_number)
    assert (listed.data, listed.has_more, listed.count) == ([], False, 0)
    with pytest.raises(BadRequestError):
        pinnacle.messages.blasts.list(page_size=1000)
