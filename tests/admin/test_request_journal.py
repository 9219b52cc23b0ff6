"""GET/DELETE /_mock/requests: what clients sent to the emulated APIs, secrets redacted."""

import base64
import http.client

import pytest
import requests

from mockserver.journal import (
    ENTRY_BYTES,
    MAX_BODY_BYTES,
    RESPONSE_BYTES,
    RequestJournal,
)
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.journal_entries import record
from tests.sizes import HOSTILE_REQUEST, deep_size

PATH = "/v1/Tollfree/Verifications"
KEY_SID, KEY_SECRET = "SK00000000000000000000000000000001", "sandbox_api_key_secret"


def journal(client, **filters) -> list[dict]:
    response = client.get("/_mock/requests", query_string=filters)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["requests"]


def test_a_request_is_journaled_with_its_form_status_tenant_and_virtual_time(client, isv_auth):
    client.post(
        PATH + "?Trace=1",
        data={"BusinessName": "Owl", "UseCaseCategories": ["A", "B"]},
        headers=isv_auth,
    )
    [entry] = journal(client)
    assert entry["method"] == "POST" and entry["path"] == PATH
    assert entry["query"] == {"Trace": "1"} and entry["query_string"] == "Trace=1"
    assert entry["form"] == {"BusinessName": "Owl", "UseCaseCategories": ["A", "B"]}
    assert entry["body"] == "BusinessName=Owl&UseCaseCategories=A&UseCaseCategories=B"
    assert entry["status"] == 400  # required parameters missing
    assert (entry["provider"], entry["tenant"]) == ("twilio", ISV_SID)
    assert entry["at"] == "2025-01-01T00:00:00.000Z"
    assert entry["headers"]["Authorization"] == "[redacted]"
    assert ISV_TOKEN not in str(entry)


def test_secret_query_parameters_and_token_headers_are_redacted(client, isv_auth):
    client.get(
        PATH + "?PageSize=20&api_key=pk_live_1&token=tok_2",
        headers={**isv_auth, "X-Access-Token": "at_3"},
    )
    [entry] = journal(client)
    assert entry["query_string"] == "PageSize=20&api_key=[redacted]&token=[redacted]"
    assert entry["query"] == {"PageSize": "20", "api_key": "[redacted]", "token": "[redacted]"}
    assert entry["headers"]["X-Access-Token"] == "[redacted]"
    assert not [secret for secret in ("pk_live_1", "tok_2", "at_3") if secret in str(entry)]


def test_an_api_key_request_is_journaled_under_the_keys_account(client):
    client.get(PATH, headers=basic(KEY_SID, KEY_SECRET))
    assert journal(client)[0]["tenant"] == ISV_SID


def test_a_request_with_bad_credentials_is_journaled_with_the_account_it_named(client):
    client.get(PATH, headers=basic(ISV_SID, "wrong"))
    client.get(PATH)
    assert [(e["status"], e["tenant"]) for e in journal(client)] == [(401, ISV_SID), (401, None)]


def test_an_unknown_path_is_journaled_without_provider_and_with_secret_headers_hidden(client):
    client.post("/nowhere", json={"a": 1}, headers={"PINNACLE-API-KEY": "pk_secret_value"})
    [entry] = journal(client)
    assert (entry["status"], entry["provider"], entry["tenant"]) == (404, None, None)
    assert entry["json"] == {"a": 1}
    assert "pk_secret_value" not in str(entry)


def test_control_requests_are_not_journaled(client):
    client.get("/_mock/health")
    client.post("/_mock/clock/advance", json={"seconds": 1})
    assert journal(client) == []


def test_filters_select_requests(client, isv_auth):
    client.get(PATH, headers=isv_auth)
    client.post(PATH, data={}, headers=isv_auth)
    client.get("/v1/Sinks", headers=basic("AC" + "1" * 32, "token"))
    assert [e["method"] for e in journal(client, path_prefix="/v1/Tollfree")] == ["GET", "POST"]
    assert [e["path"] for e in journal(client, tenant="AC" + "1" * 32)] == ["/v1/Sinks"]
    assert len(journal(client, method="post", status=400)) == 1
    assert len(journal(client, provider="twilio", limit=1)) == 1


@pytest.mark.parametrize(
    ("query", "field"), [({"colour": "red"}, "colour"), ({"status": "ok"}, "status")]
)
def test_unknown_or_malformed_filters_are_400(client, query, field):
    response = client.get("/_mock/requests", query_string=query)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_delete_clears_the_journal_and_a_reset_does_too(client, isv_auth):
    client.get(PATH, headers=isv_auth)
    assert client.delete("/_mock/requests").get_json() == {"deleted": 1}
    client.get(PATH, headers=isv_auth)
    client.post("/_mock/reset")
    assert journal(client) == []


def test_the_answer_states_the_bound_and_how_many_were_dropped(client, runtime, isv_auth):
    runtime.journal = RequestJournal(capacity=2)
    for _ in range(3):
        client.get(PATH, headers=isv_auth)
    body = client.get("/_mock/requests").get_json()
    assert (body["capacity"], body["dropped"], len(body["requests"])) == (2, 1, 2)
    assert body["omitted"] == 0


def test_the_default_bound_is_1000_requests(runtime):
    assert runtime.journal.capacity == 1000


def test_an_oversized_body_is_journaled_without_its_body(client, isv_auth):
    response = client.post(PATH, data="x" * (2 << 20), headers=isv_auth)
    assert response.status_code == 413
    [entry] = journal(client)
    assert (entry["status"], entry["body"]) == (413, "")


def test_a_body_cut_at_64_kib_is_shown_raw_without_a_parse(client):
    """form and json are parsed at listing time from the stored text, so a cut body has none."""
    big = {"name": "x" * (70 * 1024)}
    client.post("/brands", json=big, headers={"PINNACLE-API-KEY": "journal-big"})
    [entry] = client.get("/_mock/requests").get_json()["requests"]
    assert entry["body_truncated"] is True and len(entry["body"]) == 64 * 1024
    assert (entry["json"], entry["form"]) == (None, None)
    assert "mimetype" not in entry


def test_long_headers_are_cut_to_16_kib_in_all_and_the_entry_says_so(client, isv_auth):
    client.get(PATH, headers={**isv_auth, "X-Big": "b" * 50_000, "X-Small": "s"})
    [entry] = journal(client)
    assert entry["headers_truncated"] is True
    assert entry["headers"]["X-Big"].endswith(" chars]")
    assert sum(len(name) + len(value) for name, value in entry["headers"].items()) <= 16 * 1024


def test_ordinary_headers_are_kept_whole(client, isv_auth):
    client.get(PATH, headers=isv_auth)
    [entry] = journal(client)
    assert entry["headers_truncated"] is False


@pytest.mark.parametrize("filler", ["f", "\xff"])
def test_50_requests_with_300_kb_of_headers_leave_the_listing_under_2_mb(live_url, filler):
    """werkzeug's server takes header lines up to 64 KiB, 100 of them, so six headers of
    50 KB each reach the app (a single 100 KB line is refused with a 431). A byte above 0x7F
    is listed as its 2-byte UTF-8 character, not as a 6-byte ``\\u00ff`` escape."""
    host, port = live_url.removeprefix("http://").split(":")
    headers = {f"X-Filler-{number}": filler * 50_000 for number in range(6)}
    headers.update(basic(ISV_SID, ISV_TOKEN))
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        for _ in range(50):
            connection.request("GET", PATH, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200
    finally:
        connection.close()
    listing = requests.get(f"{live_url}/_mock/requests", timeout=30)
    assert len(listing.json()["requests"]) == 50
    assert listing.json()["requests"][0]["headers"]["X-Filler-0"].startswith(filler * 100)
    assert len(listing.content) < 2_000_000


def test_50_bodies_of_64_kib_that_are_not_utf_8_list_as_base64_in_under_4_6_mb(client):
    """Each body is listed as base64 (4 bytes for 3), flagged ``body_base64``, and decodes
    back to the bytes sent; as ASCII-escaped replacement characters they took 19.7 MB."""
    raw = b"\xff" * MAX_BODY_BYTES
    for _ in range(50):
        client.post("/anywhere", data=raw, content_type="application/octet-stream")
    listing = client.get("/_mock/requests")
    entries = listing.get_json()["requests"]
    assert len(entries) == 50 and all(entry["body_base64"] for entry in entries)
    assert base64.b64decode(entries[0]["body"]) == raw
    assert len(listing.data) < 50 * (MAX_BODY_BYTES * 4 // 3 + 2048) < 4_600_000


@pytest.mark.parametrize(
    ("raw", "shown", "as_base64"),
    [
        ("grüße 🚀\t\r\n".encode(), "grüße 🚀\t\r\n", False),
        (b"\x00\x01 not text", "AAEgbm90IHRleHQ=", True),
        (b"caf\xe9", "Y2Fm6Q==", True),
    ],
)
def test_a_body_is_listed_as_utf_8_text_or_else_as_base64(client, raw, shown, as_base64):
    client.post("/anywhere", data=raw, content_type="text/plain")
    [entry] = journal(client)
    assert (entry["body"], entry["body_base64"]) == (shown, as_base64)


def test_the_listing_is_utf_8_json_without_ascii_escapes(client):
    client.post("/anywhere", data="grüße".encode(), headers={"X-Name": "ÿ"})
    listing = client.get("/_mock/requests")
    assert listing.mimetype == "application/json"
    assert "grüße".encode() in listing.data and "ÿ".encode() in listing.data
    assert b"\\u00" not in listing.data


def test_a_lone_surrogate_in_an_entry_is_listed_as_its_json_escape(client, runtime):
    record(
        runtime.journal,
        {"method": "GET", "path": "/x\ud800", "query_string": "", "query_truncated": False}
        | {"headers": {}, "body": b"", "body_truncated": False, "mimetype": "", "status": 200}
        | {"provider": None, "tenant": "AC\udfff"},
    )
    listing = client.get("/_mock/requests")
    assert b"/x\\ud800" in listing.data
    [entry] = listing.get_json()["requests"]
    assert (entry["path"], entry["tenant"]) == ("/x\ud800", "AC\udfff")


def test_a_listing_keeps_the_newest_entries_that_fit_and_counts_the_rest(client, monkeypatch):
    for number in range(5):
        client.post(f"/anywhere/{number}", data="b" * 1000)
    one_entry = len(client.get("/_mock/requests", query_string={"limit": 1}).data)
    monkeypatch.setattr("mockserver.admin.request_log.LISTING_BYTES", 5 * one_entry // 2)
    listed = client.get("/_mock/requests").get_json()
    assert [e["path"] for e in listed["requests"]] == ["/anywhere/3", "/anywhere/4"]
    assert listed["omitted"] == 3
    limited = client.get("/_mock/requests", query_string={"limit": 1}).get_json()
    assert (len(limited["requests"]), limited["omitted"]) == (1, 4)


def test_a_hostile_requests_entry_stays_under_the_documented_worst_case(client, runtime):
    """Every field of the request at its bound, in characters that take 4 bytes each (its
    answer is the sandbox's own, small: the bound of a hostile answer is checked where one
    can be given, ``tests/test_journal_lazy.py``)."""
    client.open(**HOSTILE_REQUEST)
    [entry] = runtime.journal.entries()
    assert entry["headers_truncated"] and entry["body_truncated"]
    request_part = deep_size(entry) - deep_size(entry["response"])
    assert 0.8 * (ENTRY_BYTES - RESPONSE_BYTES) < request_part <= ENTRY_BYTES - RESPONSE_BYTES


def test_a_long_query_string_is_cut_and_shown_unparsed(client, isv_auth):
    client.get(PATH, query_string={"Filler": "q" * 5000}, headers=isv_auth)
    [entry] = journal(client)
    assert len(entry["query_string"]) == 2048 and entry["query_string"].endswith(" chars]")
    assert entry["query"] is None


def test_a_pinnacle_key_is_shown_as_a_fingerprint_and_its_whole_key_filters_and_resets(client):
    key = "pk_journal_fingerprint_1234"
    client.post("/brands/list", json={}, headers={"PINNACLE-API-KEY": key})
    client.post("/brands/list", json={}, headers={"PINNACLE-API-KEY": "pk_someone_else_5678"})
    [entry] = journal(client, tenant=key)
    assert entry["tenant"] == "…1234" and key not in str(journal(client))
    assert client.post("/_mock/reset", json={"api_key": key}).status_code == 200
    assert journal(client, tenant=key) == []
    assert [e["tenant"] for e in journal(client)] == ["…5678"]


def test_a_body_with_nan_or_infinity_keeps_the_listing_strict_json(client):
    """Python reads ``NaN`` and ``1e999`` as JSON; a strict client would refuse the whole
    listing if they were written back, so such a body lists with ``json`` null."""
    import json

    for body in (b'{"a": [1e999]}', b'{"a": NaN}'):
        client.post("/brands", data=body, content_type="application/json")
    raw = client.get("/_mock/requests").get_data(as_text=True)

    def refuse(name):
        raise ValueError(name)

    entries = json.loads(raw, parse_constant=refuse)["requests"]
    assert [entry["json"] for entry in entries] == [None, None]
