"""A message's media with the twilio SDK: one ``ME…`` resource per ``MediaUrl``, its type
read from the URL's extension, listing, fetching and deleting them, and the media errors
(docs/messaging.md "Media"; docs/reference/twilio-messaging.md §1, §10)."""

import pytest
from twilio.base.exceptions import TwilioRestException

from tests.conftest import ISV_SID

from .conftest import HANDSET, LOCAL_NUMBER, MESSAGES, UK_HANDSET

PHOTO = "https://example.com/media/photo.jpg"
CHART = "https://example.com/media/chart.png"


def refused(call, *args, **kwargs) -> TwilioRestException:
    """The error ``call(*args, **kwargs)`` raises."""
    with pytest.raises(TwilioRestException) as raised:
        call(*args, **kwargs)
    return raised.value


def send_mms(sdk, media_url=(PHOTO, CHART), to=HANDSET):
    """Send an MMS from the local number (default: a photo and a chart to HANDSET)."""
    return sdk.messages.create(
        to=to, from_=LOCAL_NUMBER, body="See attached", media_url=list(media_url)
    )


def delivered_mms(sdk, advance):
    """A photo-and-chart MMS, delivered."""
    message = send_mms(sdk)
    advance(seconds=10)
    assert sdk.messages(message.sid).fetch().status == "delivered"
    return message


def test_a_message_with_two_media_urls_is_an_mm_with_num_media_2(sdk):
    message = send_mms(sdk)
    assert message.sid.startswith("MM")
    assert message.num_media == "2"
    assert message.subresource_uris["media"] == f"{MESSAGES}/{message.sid}/Media.json"


def test_the_media_list_shows_each_url_with_the_type_its_extension_names(sdk):
    message = send_mms(sdk)
    media = sdk.messages(message.sid).media.list()
    assert [medium.content_type for medium in media] == ["image/jpeg", "image/png"]
    for medium in media:
        assert medium.sid.startswith("ME") and len(medium.sid) == 34
        assert (medium.parent_sid, medium.account_sid) == (message.sid, ISV_SID)
        assert medium.uri == f"{MESSAGES}/{message.sid}/Media/{medium.sid}.json"
        assert medium.date_created is not None
    assert len({medium.sid for medium in media}) == 2


def test_the_raw_media_list_is_a_2010_page_under_media_list(sdk, raw):
    message = send_mms(sdk)
    page = raw("GET", f"{MESSAGES}/{message.sid}/Media.json").json()
    assert [m["content_type"] for m in page["media_list"]] == ["image/jpeg", "image/png"]
    assert (page["page"], page["start"], page["next_page_uri"]) == (0, 0, None)


def test_the_sdk_pages_through_media_one_at_a_time(sdk, raw):
    urls = [f"https://example.com/media/{n}.gif" for n in range(3)]
    message = send_mms(sdk, media_url=urls)
    paged = sdk.messages(message.sid).media.list(page_size=1)
    assert [m.sid for m in paged] == [m.sid for m in sdk.messages(message.sid).media.list()]
    assert len(paged) == 3
    first = raw("GET", f"{MESSAGES}/{message.sid}/Media.json?PageSize=1").json()
    assert len(first["media_list"]) == 1 and first["next_page_uri"]


def test_one_medium_is_fetched_by_its_sid(sdk):
    message = send_mms(sdk)
    listed = sdk.messages(message.sid).media.list()[1]
    fetched = sdk.messages(message.sid).media(listed.sid).fetch()
    assert (fetched.sid, fetched.content_type, fetched.parent_sid) == (
        listed.sid,
        "image/png",
        message.sid,
    )


def test_an_unknown_extension_is_application_octet_stream(sdk):
    message = send_mms(sdk, media_url=["https://example.com/files/report"])
    (medium,) = sdk.messages(message.sid).media.list()
    assert medium.content_type == "application/octet-stream"


def test_deleting_a_medium_before_delivery_is_20009(sdk):
    message = send_mms(sdk)
    first = sdk.messages(message.sid).media.list()[0]
    error = refused(sdk.messages(message.sid).media(first.sid).delete)
    assert (error.status, error.code) == (400, 20009)
    assert len(sdk.messages(message.sid).media.list()) == 2


def test_deleting_a_medium_after_delivery_answers_204_and_leaves_the_other(advance, sdk, raw):
    mms = delivered_mms(sdk, advance)
    first, second = sdk.messages(mms.sid).media.list()
    response = raw("DELETE", f"{MESSAGES}/{mms.sid}/Media/{first.sid}.json")
    assert (response.status_code, response.content) == (204, b"")
    assert [m.sid for m in sdk.messages(mms.sid).media.list()] == [second.sid]
    assert sdk.messages(mms.sid).media(second.sid).delete() is True
    assert sdk.messages(mms.sid).media.list() == []


def test_an_unknown_medium_is_404_20404(advance, sdk):
    mms = delivered_mms(sdk, advance)
    unknown = sdk.messages(mms.sid).media("ME" + "0" * 32)
    for call in (unknown.fetch, unknown.delete):
        error = refused(call)
        assert (error.status, error.code) == (404, 20404)


def test_a_deleted_medium_is_404_20404(advance, sdk):
    mms = delivered_mms(sdk, advance)
    first = sdk.messages(mms.sid).media.list()[0]
    sdk.messages(mms.sid).media(first.sid).delete()
    error = refused(sdk.messages(mms.sid).media(first.sid).fetch)
    assert (error.status, error.code) == (404, 20404)


def test_deleting_a_message_deletes_its_media(advance, sdk, raw):
    mms = delivered_mms(sdk, advance)
    first = sdk.messages(mms.sid).media.list()[0]
    assert sdk.messages(mms.sid).delete() is True
    assert refused(sdk.messages(mms.sid).media(first.sid).fetch).status == 404
    assert raw("GET", f"{MESSAGES}/{mms.sid}/Media.json").json()["code"] == 20404


def test_a_text_message_has_an_empty_media_list(sdk):
    message = sdk.messages.create(to=HANDSET, from_=LOCAL_NUMBER, body="plain")
    assert message.num_media == "0"
    assert sdk.messages(message.sid).media.list() == []


def test_ten_media_urls_are_accepted(sdk):
    urls = [f"https://example.com/media/{n}.gif" for n in range(10)]
    assert send_mms(sdk, media_url=urls).num_media == "10"


def test_eleven_media_urls_are_21623(sdk):
    urls = [f"https://example.com/media/{n}.gif" for n in range(11)]
    error = refused(send_mms, sdk, media_url=urls)
    assert (error.status, error.code) == (400, 21623)
    assert "Number of media files exceeds allowed limit" in error.msg


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/media/photo.jpg", "photo.jpg", "https://", "javascript:alert(1)"],
)
def test_a_media_url_that_is_not_http_is_21620(sdk, url):
    error = refused(send_mms, sdk, media_url=[PHOTO, url])
    assert (error.status, error.code) == (400, 21620)


def test_an_mms_outside_the_us_and_canada_is_21612(sdk):
    error = refused(send_mms, sdk, to=UK_HANDSET)
    assert (error.status, error.code) == (400, 21612)
    assert error.msg.endswith(
        f"The 'To' phone number: {UK_HANDSET}, is not currently reachable using the 'From' "
        f"phone number: {LOCAL_NUMBER} via MMS."
    )


def test_an_sms_outside_the_us_and_canada_is_accepted(sdk):
    message = sdk.messages.create(to=UK_HANDSET, from_=LOCAL_NUMBER, body="plain")
    assert message.status == "queued"


def test_a_delivered_mms_is_priced_as_one_mms(advance, sdk):
    mms = delivered_mms(sdk, advance)
    message = sdk.messages(mms.sid).fetch()
    assert (message.price, message.price_unit) == ("-0.02000", "USD")


def test_an_inbound_mms_has_media_too(text_in, sdk):
    sid = text_in("", media_urls=[CHART]).json()["message"]["sid"]
    (medium,) = sdk.messages(sid).media.list()
    assert (medium.content_type, medium.parent_sid) == ("image/png", sid)
