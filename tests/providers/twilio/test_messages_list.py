"""GET …/Messages.json: newest first, the To/From/DateSent filters, 2010 paging the SDK
follows, and whose messages an account may read (docs/reference/twilio-messaging.md §2)."""

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from twilio.base.exceptions import TwilioException, TwilioRestException

from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN

from .conftest import HANDSET, LOCAL_NUMBER, MESSAGES, SUB_NUMBER, TOLL_FREE_NUMBER, UK_HANDSET

ENVELOPE = {
    "end",
    "first_page_uri",
    "messages",
    "next_page_uri",
    "page",
    "page_size",
    "previous_page_uri",
    "start",
    "uri",
}
OTHER_SID, OTHER_TOKEN = "AC" + "c" * 32, "other_token"
OTHER_NUMBER = "+18335550177"


def sids(messages) -> list[str]:
    return [message.sid for message in messages]


def list_refused(call) -> tuple[int, int]:
    """HTTP status and Twilio code of a list the SDK could not read (a list's error is a
    ``TwilioException("Unable to fetch page", response)``, not a ``TwilioRestException``)."""
    with pytest.raises(TwilioException) as caught:
        call()
    response = caught.value.args[1]
    return response.status_code, json.loads(response.text)["code"]


@pytest.fixture
def other_account(client, sdk_for):
    """The SDK client of an unrelated account that owns a toll-free number."""
    client.post("/_mock/twilio/accounts", json={"sid": OTHER_SID, "auth_token": OTHER_TOKEN})
    response = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": OTHER_SID, "phone_number": OTHER_NUMBER},
    )
    assert response.status_code == 201, response.get_json()
    return sdk_for(OTHER_SID, OTHER_TOKEN)


@pytest.fixture
def two_days(send, advance, sdk):
    """One message sent on 1 Jan, one on 2 Jan, one still queued on 2 Jan: (sid, date_sent)."""
    first = send(body="one").sid
    advance(seconds=10)
    advance(days=1)
    second = send(body="two").sid
    advance(seconds=10)
    queued = send(body="three").sid
    return {sid: sdk.messages(sid).fetch().date_sent for sid in (first, second, queued)}


def test_the_list_is_newest_first(send, advance, sdk):
    sent = []
    for body in ("a", "b", "c"):
        sent.append(send(body=body).sid)
        advance(seconds=1)
    assert sids(sdk.messages.list()) == sent[::-1]


def test_to_and_from_filter_exactly(send, sdk):
    local_us = send(to=HANDSET, from_=LOCAL_NUMBER).sid
    local_uk = send(to=UK_HANDSET, from_=LOCAL_NUMBER).sid
    toll_free_us = send(to=HANDSET, from_=TOLL_FREE_NUMBER).sid
    assert set(sids(sdk.messages.list(to=HANDSET))) == {local_us, toll_free_us}
    assert set(sids(sdk.messages.list(from_=LOCAL_NUMBER))) == {local_us, local_uk}
    assert sids(sdk.messages.list(to=UK_HANDSET, from_=LOCAL_NUMBER)) == [local_uk]
    assert sdk.messages.list(to="+14155550999") == []


def test_date_sent_as_a_day_matches_messages_sent_that_utc_day(two_days, sdk):
    first, second, _queued = two_days
    assert sids(sdk.messages.list(date_sent="2025-01-01")) == [first]
    assert sids(sdk.messages.list(date_sent="2025-01-02")) == [second]
    assert sdk.messages.list(date_sent="2025-01-03") == []


def test_date_sent_before_and_after_take_datetimes(two_days, sdk):
    first, second, _queued = two_days
    noon = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert sids(sdk.messages.list(date_sent_before=noon)) == [first]
    assert sids(sdk.messages.list(date_sent_after=noon)) == [second]
    both = sdk.messages.list(date_sent_after=datetime(2025, 1, 1, tzinfo=UTC))
    assert sids(both) == [second, first]


def test_date_sent_bounds_are_inclusive_to_the_second(two_days, sdk):
    first, second, _queued = two_days
    at_first, at_second = two_days[first], two_days[second]
    assert sids(sdk.messages.list(date_sent_before=at_first)) == [first]
    assert sids(sdk.messages.list(date_sent_after=at_second)) == [second]
    assert sdk.messages.list(date_sent_after=at_second + timedelta(seconds=1)) == []
    assert sdk.messages.list(date_sent_before=at_first - timedelta(seconds=1)) == []


def test_date_sent_bounds_as_days_are_inclusive(two_days, sdk):
    first, second, _queued = two_days
    assert sids(sdk.messages.list(date_sent_before="2025-01-01")) == [first]
    assert sids(sdk.messages.list(date_sent_after="2025-01-02")) == [second]


def test_a_message_not_yet_sent_matches_no_date_sent_filter(two_days, sdk):
    queued = list(two_days)[2]
    assert two_days[queued] is None
    assert queued in sids(sdk.messages.list())
    for filters in (
        {"date_sent": "2025-01-02"},
        {"date_sent_after": "2025-01-01"},
        {"date_sent_before": "2025-01-03"},
        {"date_sent_after": datetime(2000, 1, 1, tzinfo=UTC)},
    ):
        assert queued not in sids(sdk.messages.list(**filters)), filters


def test_the_sdk_pages_through_every_message(send, sdk):
    sent = {send(body=str(n)).sid for n in range(5)}
    listed = sids(sdk.messages.list(page_size=2))
    assert len(listed) == 5 and set(listed) == sent
    assert sids(sdk.messages.stream(page_size=2)) == listed
    assert sids(sdk.messages.list(limit=3, page_size=2)) == listed[:3]


def test_pages_have_exactly_the_2010_envelope_with_relative_uris_repeating_filters(send, raw):
    for n in range(5):
        send(body=str(n))
    response = raw("GET", f"{MESSAGES}.json", params={"To": HANDSET, "PageSize": 2})
    assert response.status_code == 200
    first = response.json()
    assert set(first) == ENVELOPE
    assert (first["page"], first["page_size"], first["start"], first["end"]) == (0, 2, 0, 1)
    assert len(first["messages"]) == 2 and first["previous_page_uri"] is None
    for key in ("uri", "first_page_uri", "next_page_uri"):
        parts = urlsplit(first[key])
        assert (parts.scheme, parts.netloc, parts.path) == ("", "", f"{MESSAGES}.json")
        assert parse_qs(parts.query)["To"] == [HANDSET]
        assert parse_qs(parts.query)["PageSize"] == ["2"]
    seen = [m["sid"] for m in first["messages"]]
    page = first
    while page["next_page_uri"]:
        page = raw("GET", page["next_page_uri"]).json()
        assert set(page) == ENVELOPE
        assert page["previous_page_uri"] is not None
        seen += [m["sid"] for m in page["messages"]]
    assert (page["page"], page["start"], page["end"], len(page["messages"])) == (2, 4, 4, 1)
    assert len(set(seen)) == 5


def test_an_empty_list_is_one_empty_page(raw):
    page = raw("GET", f"{MESSAGES}.json").json()
    assert set(page) == ENVELOPE
    assert (page["messages"], page["next_page_uri"], page["end"]) == ([], None, 0)


@pytest.mark.parametrize("name", ["DateSent", "DateSent<", "DateSent>"])
def test_a_bad_date_sent_is_400_in_twilios_error_shape(raw, sdk, name):
    response = raw("GET", f"{MESSAGES}.json", params={name: "yesterday"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message", "more_info", "status"}
    assert body["status"] == 400
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"
    assert list_refused(lambda: sdk.messages.list(date_sent="2025-13-45")) == (400, 20001)


def test_another_accounts_messages_are_never_listed_or_fetched(send, sdk, other_account):
    mine = send().sid
    theirs = other_account.messages.create(to=HANDSET, from_=OTHER_NUMBER, body="x").sid
    assert sids(sdk.messages.list()) == [mine]
    assert sids(other_account.messages.list()) == [theirs]
    with pytest.raises(TwilioRestException) as caught:
        sdk.messages(theirs).fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)
    assert list_refused(lambda: sdk.api.v2010.accounts(OTHER_SID).messages.list()) == (404, 20404)


def test_a_subaccount_cannot_read_its_parents_messages(send, sdk_for):
    parents = send().sid
    sub = sdk_for(SUB_SID, SUB_TOKEN)
    assert sub.messages.list() == []
    assert list_refused(lambda: sub.api.v2010.accounts(ISV_SID).messages.list()) == (404, 20404)
    with pytest.raises(TwilioRestException) as caught:
        sub.api.v2010.accounts(ISV_SID).messages(parents).fetch()
    assert caught.value.status == 404


def test_the_parent_reads_its_subaccounts_messages_on_the_subaccounts_path(send, sdk, sdk_for):
    parents = send().sid
    subs = send(client=sdk_for(SUB_SID, SUB_TOKEN), from_=SUB_NUMBER).sid
    on_sub_path = sdk.api.v2010.accounts(SUB_SID).messages
    assert sids(on_sub_path.list()) == [subs]
    assert on_sub_path(subs).fetch().account_sid == SUB_SID
    assert sids(sdk.messages.list()) == [parents]  # its own path lists its own only
