"""Event Streams signs the URL requests puts on the wire, so Twilio's RequestValidator accepts
every delivery, whatever the receiver's URL looked like when it was configured."""

import hashlib
import re

import pytest
from requests.models import PreparedRequest
from twilio.request_validator import RequestValidator

from mockserver.providers.twilio.events import sign
from tests.conftest import ISV_TOKEN

BODY = '[{"id":"EV1"}]'
DIGEST = hashlib.sha256(BODY.encode()).hexdigest()

# destination -> the URL the receiving application sees (no fragment, no credentials)
AS_RECEIVED = {
    "http://Bücher.Example/ü\u200b?x=ä#part": (
        "http://xn--bcher-kva.example/%C3%BC%E2%80%8B?x=%C3%A4&bodySHA256=" + DIGEST
    ),
    "https://user:pass@xn--bcher-kva.example": (
        "https://xn--bcher-kva.example/?bodySHA256=" + DIGEST
    ),
    "http://HOOKS.example:8080/a\\b/%7e|": (
        "http://hooks.example:8080/a%5Cb/~%7C?bodySHA256=" + DIGEST
    ),
    # Once one escape is invalid, requests encodes every "%", valid escapes included.
    "http://hooks.example/%zz/%7e?a=1": (
        "http://hooks.example/%25zz/%257E?a=1&bodySHA256=" + DIGEST
    ),
}


def _prepared(url: str) -> str:
    prepared = PreparedRequest()
    prepared.prepare_url(url, None)
    return prepared.url


@pytest.mark.parametrize(("destination", "received"), AS_RECEIVED.items())
def test_the_signature_covers_the_url_the_receiver_sees(destination, received):
    url, signature = sign(destination, BODY, "token")
    assert re.sub("//[^/@]*@", "//", url, count=1) == received
    assert RequestValidator("token").validate(received, BODY, signature)


@pytest.mark.parametrize("destination", AS_RECEIVED)
def test_the_signed_url_is_the_url_requests_sends(destination):
    """requests prepares the URL again at send time and leaves it as it is."""
    url, _ = sign(destination, BODY, "token")
    assert _prepared(url) == url


def test_credentials_in_the_destination_are_kept_for_the_request_and_left_out_of_the_signature():
    url, _ = sign("https://user:pass@hooks.example/in", BODY, "token")
    assert url == "https://user:pass@hooks.example/in?bodySHA256=" + DIGEST


@pytest.mark.parametrize("destination", ["http://a..b/", "http://hooks.example:0/"])
def test_a_destination_that_cannot_be_sent_to_is_not_signed(destination):
    with pytest.raises(ValueError, match="destination"):
        sign(destination, BODY, "token")


def test_deliveries_to_a_non_ascii_or_unnormalised_path_validate_at_the_receiver(
    sdk, receiver, advance
):
    """The receiver gets the percent-encoded path; the signature was computed over it."""
    for path in ("/ü\u200b", "/%zz", "/a\\b", "/x?q=ä|"):
        sink = sdk.events.v1.sinks.create(
            description="d",
            sink_type="webhook",
            sink_configuration={"destination": receiver.url + path},
        )
        sdk.events.v1.sinks(sink.sid).sink_test.create()
    advance(seconds=0)
    assert sorted(r["path"].split("?")[0] for r in receiver.received) == [
        "/%25zz",
        "/%C3%BC%E2%80%8B",
        "/a%5Cb",
        "/x",
    ]
    assert receiver.valid_twilio_signatures(ISV_TOKEN)
