"""Webhook destinations are refused when declared if no HTTP client could send to them."""

import pytest

from mockserver.webhooks import require_sendable, url_problem

LABEL = "a" * 63

REFUSED = {
    "http://a..b/": "labels",
    "http://.hooks.example/": "label",
    f"http://{'a' * 64}.example/": "labels",
    "http://" + ".".join([LABEL] * 3 + ["a" * 62]) + "/": "253 characters",
    f"http://{'ü' * 60}.example/": "IDNA",  # a label of 64 characters once encoded
    "http://hooks.example:0/": "port",
    "http://[::1]:0/": "port",
}
ACCEPTED = [
    "http://" + ".".join([LABEL] * 3 + ["a" * 61]) + "/",  # 253 characters
    "http://" + ".".join([LABEL] * 3 + ["a" * 61]) + "./",  # and the root's dot
    "http://Bücher.example/ü\u200b",
    "http://hooks.example:1/%zz/a\\b?x=ä|",
    "https://user:pass@hooks.example:65535/#part",
    "http://[::1]:8080/",
    "http://127.0.0.1",
]


@pytest.mark.parametrize(("url", "reason"), REFUSED.items())
def test_a_host_or_port_no_client_can_reach_is_refused(url, reason):
    assert reason in url_problem(url)


@pytest.mark.parametrize("url", ACCEPTED)
def test_urls_requests_rewrites_before_sending_are_accepted(url):
    """The Twilio signer signs the rewritten URL (IDNA host, percent-encoded path)."""
    assert url_problem(url) is None


def test_a_configured_url_no_client_can_reach_names_its_setting():
    with pytest.raises(ValueError, match=r"MOCKSERVER_WEBHOOK_URL: 'http://a\.\.b/' must name"):
        require_sendable("MOCKSERVER_WEBHOOK_URL", ("http://a..b/",))
