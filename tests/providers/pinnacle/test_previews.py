"""SMS and MMS dry runs (``messages.sms.validate``, ``messages.mms.validate``) through the rcs
SDK: segments per encoding, unsupported characters and files, prices; nothing is sent."""

import pytest
from rcs.errors import BadRequestError
from rcs.types import MmsValidationResult, SmsValidationResult

from mockserver import sms_segments
from mockserver.providers.pinnacle import previews, prices

UNIT = prices.SMS_PRICE
GOOD, ALSO_GOOD = "https://acme.example/a.jpg", "https://acme.example/card.VCF?v=2"


def test_a_gsm7_text_is_one_segment_in_each_encoding(pinnacle):
    result = pinnacle.messages.sms.validate(text="Hello {you}")
    assert isinstance(result, SmsValidationResult)
    gsm7, utf16 = result.segments.gsm_7, result.segments.utf_16
    assert (gsm7.value, gsm7.unsupported, gsm7.total_bytes) == (["Hello {you}"], [], 12)
    assert (utf16.value, utf16.total_bytes) == (["Hello {you}"], 22)
    assert (result.total.gsm_7, result.total.utf_16, result.unit) == (UNIT, UNIT, UNIT)
    assert result.is_over_segment_limit is False


def test_a_long_text_is_split_into_its_segment_texts(pinnacle):
    result = pinnacle.messages.sms.validate(text="a" * 161)
    assert [len(s) for s in result.segments.gsm_7.value] == [153, 8]
    assert [len(s) for s in result.segments.utf_16.value] == [67, 67, 27]
    assert result.total.gsm_7 == prices.sms_cost(2)
    assert result.total.utf_16 == prices.sms_cost(3)


def test_characters_outside_gsm7_are_listed_and_left_out_of_the_gsm7_view(pinnacle):
    """The GSM-7 view is what the text would be once they are removed."""
    result = pinnacle.messages.sms.validate(text="Shipped 🚀 — thanks 🚀")
    gsm7 = result.segments.gsm_7
    assert gsm7.unsupported == ["🚀", "—"]
    assert gsm7.value == ["Shipped   thanks "]
    assert result.segments.utf_16.value == ["Shipped 🚀 — thanks 🚀"]
    assert result.segments.utf_16.total_bytes == 2 * 22


def test_a_two_septet_character_never_straddles_two_segments(pinnacle):
    text = "a" * 152 + "€" + "b" * 10
    result = pinnacle.messages.sms.validate(text=text)
    assert result.segments.gsm_7.value == ["a" * 152, "€" + "b" * 10]
    assert sms_segments.count(text) == (2, "gsm7")


@pytest.mark.parametrize(
    ("text", "over"),
    [("a" * 1530, False), ("a" * 1531, True), ("Ж" * 670, False), ("Ж" * 671, True)],
    ids=["10-gsm7", "11-gsm7", "10-utf16", "11-utf16"],
)
def test_the_sms_segment_limit_is_ten_in_the_encoding_it_would_be_sent_in(pinnacle, text, over):
    assert pinnacle.messages.sms.validate(text=text).is_over_segment_limit is over


@pytest.mark.parametrize(
    "text", ["hi", "a" * 160, "a" * 307, "€" * 81, "Ж" * 71, "🚀" * 36, "a\ud800" * 36, "x" * 1600]
)
def test_the_dry_run_counts_segments_as_sending_does(text):
    preview = previews.sms(text)
    count, encoding = sms_segments.count(text)
    assert len(preview.gsm7 if encoding == "gsm7" else preview.utf16) == count


def test_validating_sends_and_records_nothing(pinnacle, control):
    pinnacle.messages.sms.validate(text="hello")
    pinnacle.messages.mms.validate(media_urls=[GOOD], text="hello")
    assert control.get("/_mock/pinnacle/messages").json()["messages"] == []
    assert pinnacle.messages.list().count == 0


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": None}, {"text": 5}, {"text": "x" * 1601}],
    ids=["missing", "empty", "null", "number", "too-long"],
)
def test_an_sms_dry_run_without_text_is_a_400_naming_it(http, body):
    response = http.post("/messages/validate/sms", json=body)
    assert response.status_code == 400
    assert list(response.json()["errors"]["properties"]) == ["text"]


def test_an_mms_dry_run_is_one_segment_of_the_supported_files_and_the_text(pinnacle):
    bad = ["ftp://acme.example/a.png", "https://acme.example/setup.exe", "not a url", ""]
    result = pinnacle.messages.mms.validate(media_urls=[GOOD, *bad, ALSO_GOOD], text="Hi ☺")
    assert isinstance(result, MmsValidationResult)
    assert (result.segments.count, result.segments.unsupported_files) == (1, bad)
    [segment] = result.segments.value
    assert (segment.files, segment.text, segment.size) == ([GOOD, ALSO_GOOD], "Hi ☺", 6)
    assert (result.total, result.unit) == (prices.MMS_PRICE, prices.MMS_PRICE)


@pytest.mark.parametrize(
    ("url", "supported"),
    [
        ("https://acme.example/photo.JPEG", True),
        ("http://acme.example/clip.mp4#t=1", True),
        ("https://acme.example/image", True),
        ("https://acme.example/", True),
        ("https://acme.example/archive.zip", False),
        ("mailto:jane@acme.example", False),
        ("https:///a.png", False),
        ("https://[::1/a.png", False),
    ],
)
def test_a_media_file_is_judged_by_its_url_alone(url, supported):
    """No extension: only its content type could tell, which the sandbox never fetches."""
    assert previews.is_supported_media(url) is supported


def test_an_mms_dry_run_of_text_alone_or_of_unsupported_files_alone(pinnacle):
    text_only = pinnacle.messages.mms.validate(media_urls=[], text="Just words")
    assert (text_only.segments.count, text_only.segments.value[0].files) == (1, [])
    nothing = pinnacle.messages.mms.validate(media_urls=["https://acme.example/a.exe"])
    assert (nothing.segments.count, nothing.segments.value, nothing.total) == (0, [], 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "hi"}, "mediaUrls"),
        ({"mediaUrls": []}, "mediaUrls"),
        ({"mediaUrls": [], "text": ""}, "mediaUrls"),
        ({"mediaUrls": [5]}, "mediaUrls.0"),
        ({"mediaUrls": [GOOD] * 11}, "mediaUrls"),
        ({"mediaUrls": [GOOD], "text": 5}, "text"),
    ],
    ids=["no-media", "nothing", "empty-text", "not-a-string", "eleven", "text-number"],
)
def test_a_malformed_mms_dry_run_is_a_400_naming_the_field(http, body, field):
    response = http.post("/messages/validate/mms", json=body)
    assert response.status_code == 400
    assert list(response.json()["errors"]["properties"]) == [field]


def test_an_empty_mms_dry_run_raises_the_sdks_bad_request(pinnacle):
    with pytest.raises(BadRequestError) as refused:
        pinnacle.messages.mms.validate(media_urls=[])
    assert "At least one file or some text" in refused.value.body["error"]
