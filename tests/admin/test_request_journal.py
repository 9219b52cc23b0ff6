"""GET/DELETE /_mock/requests: what clients sent to the emulated APIs, secrets redacted."""

import pytest

from mockserver.journal import RequestJournal
from tests.conftest import ISV_SID, ISV_TOKEN, basic

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
