"""Malformed requests to the Messages routes never crash the server, and a message in flight
survives a restart of the runtime on a file store."""

import pytest
from twilio.request_validator import RequestValidator

from tests.conftest import ISV_SID, ISV_TOKEN, basic

from .conftest import HANDSET, LOCAL_NUMBER, MESSAGES, TOLL_FREE_NUMBER, status_callbacks
from .restarts import advance_on, run

FORM = "application/x-www-form-urlencoded"
VALID = b"To=%2B14155550123&From=%2B14155550100"
ERROR_KEYS = {"code", "message", "more_info", "status"}

MALFORMED_SENDS = {
    "raw-non-utf8-body": VALID + b"&Body=\xff\xfe\xc3",
    "percent-encoded-non-utf8": VALID + b"&Body=%FF%FE%C3",
    "lone-surrogate": VALID + b"&Body=%ED%A0%80",
    "bad-percent-escapes": VALID + b"&Body=%ZZ%",
    "nul-bytes": VALID + b"&Body=a%00b",
    "repeated-to": VALID + b"&To=%2B14155550124&Body=hi",
    "repeated-body": VALID + b"&Body=one&Body=two",
    "repeated-status-callback": VALID
    + b"&Body=hi&StatusCallback=https://a.example/1&StatusCallback=https://b.example/2",
    "non-utf8-to": b"To=%2B1415\xff&From=%2B14155550100&Body=hi",
    "non-utf8-key": VALID + b"&B\xffdy=hi",
    "control-chars-in-from": b"To=%2B14155550123&From=%2B1415555%0A0100&Body=hi",
    "non-integer-validity": VALID + b"&Body=hi&ValidityPeriod=1e3",
    "huge-validity": VALID + b"&Body=hi&ValidityPeriod=" + b"9" * 400,
    "no-equals-signs": b"To&From&Body",
    "empty": b"",
    "huge-body": VALID + b"&Body=" + b"a" * (2 << 20),
    "long-media-list": VALID + b"".join(b"&MediaUrl=https://x.example/%d" % n for n in range(500)),
}


def assert_not_broken(response) -> None:
    """A JSON answer below 500; any error in Twilio's shape, its status repeated."""
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:300]
    body = response.get_json()
    if response.status_code >= 400:
        detail = {"detail"} if response.status_code == 401 else set()
        assert set(body) == ERROR_KEYS | detail, body
        assert body["status"] == response.status_code
        assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"


@pytest.mark.parametrize("body", MALFORMED_SENDS.values(), ids=MALFORMED_SENDS.keys())
def test_a_malformed_send_is_never_a_500_or_html(client, isv_auth, body):
    response = client.post(
        f"{MESSAGES}.json", data=body, headers={**isv_auth, "Content-Type": FORM}
    )
    assert_not_broken(response)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"To": "+14155550123", "From": "+14155550100", "Body": "hi"}'),
        ("application/json", b"{not json"),
        ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
        ("text/plain", b"To=%2B14155550123"),
        (FORM + "; charset=latin-1", VALID + b"&Body=\xe9t\xe9"),
    ],
    ids=["json", "bad-json", "bad-multipart", "text", "latin-1"],
)
def test_a_send_in_another_content_type_is_never_a_500(client, isv_auth, content_type, body):
    response = client.post(
        f"{MESSAGES}.json", data=body, headers={**isv_auth, "Content-Type": content_type}
    )
    assert_not_broken(response)


@pytest.mark.parametrize(
    "query",
    [
        "PageSize=0",
        "PageSize=abc",
        "PageSize=100000",
        "Page=-1",
        "Page=99999999999999999999",
        "PageToken=garbage",
        "PageToken=%FF%FE",
        "DateSent=2025-02-30",
        "DateSent=%FF",
        "DateSent%3C=99999-01-01",
        "DateSent%3E=2025-01-01T25:00:00Z",
        "DateSent=2025-01-01&DateSent=2025-01-02",
        "To=%FF&From=%00",
    ],
)
def test_a_malformed_list_query_is_never_a_500(client, isv_auth, query):
    assert_not_broken(client.get(f"{MESSAGES}.json?{query}", headers=isv_auth))


@pytest.mark.parametrize(
    "sid",
    ["SM" + "0" * 32, "nope", "SM" + "a" * 5000, "%FF%FE", "MM%00", "SM" + "0" * 32 + ".xml"],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_or_malformed_sid_is_never_a_500(client, isv_auth, sid, method):
    response = getattr(client, method)(
        f"{MESSAGES}/{sid}.json", data={"Body": ""}, headers=isv_auth
    )
    assert_not_broken(response)
    assert response.status_code in (400, 404)


def test_a_malformed_update_is_never_a_500(client, isv_auth):
    sid = client.post(
        f"{MESSAGES}.json",
        data={"To": HANDSET, "From": LOCAL_NUMBER, "Body": "x"},
        headers=isv_auth,
    ).get_json()["sid"]
    for body in (b"Body=\xff", b"Body=&Body=", b"Status=canceled&Status=canceled", b"\xff=\xff"):
        response = client.post(
            f"{MESSAGES}/{sid}.json", data=body, headers={**isv_auth, "Content-Type": FORM}
        )
        assert_not_broken(response)
        assert response.status_code == 400


def test_unauthenticated_and_undecodable_credentials_are_401_in_twilios_shape(client):
    for headers in ({}, basic(ISV_SID, "tokén"), {"Authorization": "Basic \xe9\xe9"}):
        response = client.get(f"{MESSAGES}.json", headers=headers)
        assert_not_broken(response)
        assert response.get_json()["code"] == 20003


# -- restarts ---------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path) -> str:
    return str(tmp_path / "messages.json")


def test_a_queued_message_survives_a_restart_and_is_delivered_after_it(store, receiver):
    callback = receiver.url + "/status"
    sent = {}

    def before(client, url):
        message = client.messages.create(
            to=HANDSET, from_=LOCAL_NUMBER, body="hi", status_callback=callback
        )
        sent["sid"] = message.sid
        assert message.status == "queued"

    def after(client, url):
        assert client.messages(sent["sid"]).fetch().status == "queued"
        moves = [t["action"] for t in advance_on(url, seconds=10)["transitions"]]
        assert moves == ["queue", "send", "hand_off", "deliver"]
        assert client.messages(sent["sid"]).fetch().status == "delivered"

    run(store, before)
    assert receiver.received == []
    run(store, after)
    assert [p["MessageStatus"] for p in status_callbacks(receiver)] == ["sent", "delivered"]
    validator = RequestValidator(ISV_TOKEN)
    for request, params in zip(receiver.received, status_callbacks(receiver), strict=True):
        assert validator.validate(callback, params, request["headers"]["X-Twilio-Signature"])


def test_a_restart_after_the_sent_callback_repeats_nothing(store, receiver):
    callback = receiver.url + "/status"
    sent = {}

    def before(client, url):
        sent["sid"] = client.messages.create(
            to=HANDSET, from_=LOCAL_NUMBER, body="hi", status_callback=callback
        ).sid
        advance_on(url, seconds=2)
        assert client.messages(sent["sid"]).fetch().status == "sent"

    def after(client, url):
        assert [t["action"] for t in advance_on(url, seconds=10)["transitions"]] == ["deliver"]
        assert client.messages(sent["sid"]).fetch().status == "delivered"

    run(store, before)
    run(store, after)
    assert [p["MessageStatus"] for p in status_callbacks(receiver)] == ["sent", "delivered"]
    tokens = {r["headers"]["I-Twilio-Idempotency-Token"] for r in receiver.received}
    assert len(tokens) == 2


def test_the_gates_verdict_taken_before_a_restart_stands_after_it(store):
    sent = {}

    def before(client, url):
        sent["sid"] = client.messages.create(to=HANDSET, from_=TOLL_FREE_NUMBER, body="hi").sid
        advance_on(url, seconds=1)  # the send step reads the toll-free gate

    def after(client, url):
        advance_on(url, seconds=10)
        message = client.messages(sent["sid"]).fetch()
        assert (message.status, message.error_code) == ("undelivered", 30032)

    run(store, before)
    run(store, after)
