"""Malformed and concurrent requests never crash the server or leave a half-done write."""

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from mockserver.providers.twilio.models import Status
from tests.conftest import ISV_SID, ISV_TOKEN, basic

from .conftest import PATH, submission
from .test_create import error

NEW = "AC" + "b" * 32


def test_non_ascii_credentials_are_401_not_500(client):
    assert error(client.get(PATH, headers=basic(ISV_SID, "tokén")))[:2] == (401, 20003)
    key = basic("SK00000000000000000000000000000001", "sécret")
    assert error(client.get(PATH, headers=key))[:2] == (401, 20003)


def test_a_non_ascii_token_can_claim_a_new_account(client):
    assert client.get(PATH, headers=basic(NEW, "tokén")).status_code == 200
    assert client.get(PATH, headers=basic(NEW, "tokén")).status_code == 200
    assert client.get(PATH, headers=basic(NEW, "token")).status_code == 401


def test_undecodable_authorization_bytes_are_401(live_url):
    raw = (
        b"GET /v1/Tollfree/Verifications HTTP/1.1\r\nHost: x\r\n"
        b"Authorization: Basic \xe9\xe9\r\nConnection: close\r\n\r\n"
    )
    assert b"20003" in _raw(live_url, raw)


def test_a_trailing_newline_does_not_pass_validation(client, isv_auth):
    assert (
        error(client.post(PATH, data=submission(NotificationEmail="a@b.c\n"), headers=isv_auth))[2]
        == "Email address is invalid."
    )
    assert client.get(PATH, headers=basic(ISV_SID + "\n", ISV_TOKEN)).status_code == 401
    response = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": ISV_SID, "phone_number": "+18005550177\n"},
    )
    assert response.status_code == 400


def test_one_undecodable_byte_spoils_only_its_own_field(client, isv_auth):
    body = "&".join(
        f"{k}={requests.utils.quote(v)}"
        for k, values in submission().items()
        for v in (values if isinstance(values, list) else [values])
    )
    response = client.post(
        PATH,
        data=body.encode() + b"&DoingBusinessAs=\xe9t\xe9",
        headers={**isv_auth, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 201
    assert response.get_json()["doing_business_as"] == "\ufffdt\ufffd"


def test_double_slashes_get_json_not_an_html_redirect(client, isv_auth):
    response = client.get("/v1//Tollfree/Verifications", headers=isv_auth)
    assert error(response)[:2] == (404, 20404)


def test_405_names_the_allowed_methods(client, isv_auth):
    response = client.put(PATH, headers=isv_auth)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_a_204_is_not_labelled_html(client, isv_auth, verification):
    response = client.delete(f"{PATH}/{verification()['sid']}", headers=isv_auth)
    assert response.status_code == 204
    assert response.content_type == "application/json"


def test_a_garbage_request_line_gets_json(live_url):
    assert b'"status": 400' in _raw(live_url, b"GARBAGE\r\n\r\n")


def test_deeply_nested_control_json_is_400(client):
    assert (
        client.post("/_mock/reset", data="[" * 100000, content_type="application/json").status_code
        == 400
    )


def test_a_page_token_must_hold_an_integer_offset(client, isv_auth):
    assert (
        client.get(
            f"{PATH}?PageToken=PTeyJvZmZzZXQiOnRydWV9",  # {"offset":true}
            headers=isv_auth,
        ).status_code
        == 400
    )


def test_editing_back_into_review_respects_the_one_open_verification_rule(
    client, isv_auth, in_status, create
):
    rejected = in_status(Status.TWILIO_REJECTED, codes=[30473])
    assert create().status_code == 201
    response = client.post(
        f"{PATH}/{rejected['sid']}", data={"BusinessName": "New"}, headers=isv_auth
    )
    assert error(response)[:2] == (409, 409)


def test_updates_do_not_reorder_lists(client, isv_auth, force):
    sids = []
    for i in range(3):
        number = client.post(
            "/_mock/twilio/phone-numbers",
            json={"account_sid": ISV_SID, "phone_number": f"+1866555{3000 + i}"},
        ).get_json()["sid"]
        sids.append(
            client.post(
                PATH, data=submission(TollfreePhoneNumberSid=number), headers=isv_auth
            ).get_json()["sid"]
        )
    before = [v["sid"] for v in client.get(PATH, headers=isv_auth).get_json()["verifications"]]
    force(sids[0], Status.IN_REVIEW)
    after = [v["sid"] for v in client.get(PATH, headers=isv_auth).get_json()["verifications"]]
    assert before == after == sids[::-1]


def test_reset_is_atomic_against_concurrent_requests(app, live_url):
    stop = threading.Event()
    sneaked = []

    def intruder():
        with requests.Session() as session:
            while not stop.is_set():
                response = session.get(f"{live_url}{PATH}", auth=(ISV_SID, "wrong"), timeout=5)
                if response.status_code == 200:
                    sneaked.append(response)

    threads = [threading.Thread(target=intruder) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(40):
            requests.post(f"{live_url}/_mock/reset", timeout=5)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert sneaked == []
    assert requests.get(f"{live_url}{PATH}", auth=(ISV_SID, ISV_TOKEN), timeout=5).ok


def test_concurrent_purchases_by_area_code_all_succeed(live_url):
    def buy(_):
        return requests.post(
            f"{live_url}/2010-04-01/Accounts/{ISV_SID}/IncomingPhoneNumbers.json",
            data={"AreaCode": "833"},
            auth=(ISV_SID, ISV_TOKEN),
            timeout=10,
        )

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(buy, range(16)))
    assert [r.status_code for r in responses] == [201] * 16
    assert len({r.json()["phone_number"] for r in responses}) == 16


def _raw(base_url: str, payload: bytes) -> bytes:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)
