"""Fetch and list keep each record's JSON with its stored version: a change shows at the next
read, and the bytes are what Flask's JSON provider writes (ASCII escapes included)."""

import json

from mockserver.providers.twilio.models import Status
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN, basic

from .conftest import PATH


def stdlib_bytes(response) -> bytes:
    """The body as ``jsonify`` writes it: compact, ASCII, keys in the given order."""
    return json.dumps(response.get_json(), separators=(",", ":")).encode() + b"\n"


def test_a_fetch_after_a_transition_shows_the_new_status(client, isv_auth, verification, force):
    sid = verification()["sid"]
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()["status"] == "PENDING_REVIEW"
    force(sid, Status.TWILIO_APPROVED)
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()["status"] == "TWILIO_APPROVED"


def test_a_list_after_a_transition_shows_the_new_status(client, isv_auth, verification, force):
    sid = verification()["sid"]
    before = client.get(PATH, headers=isv_auth).get_json()["verifications"]
    force(sid, Status.IN_REVIEW)
    after = client.get(PATH, headers=isv_auth).get_json()["verifications"]
    assert [v["status"] for v in before if v["sid"] == sid] == ["PENDING_REVIEW"]
    assert [v["status"] for v in after if v["sid"] == sid] == ["IN_REVIEW"]


def test_non_ascii_records_are_written_as_flask_writes_them_on_every_read(
    client, isv_auth, verification
):
    sid = verification(BusinessName="Café Ünïcode ☎", UseCaseSummary="Codes \x7f and 🦉")["sid"]
    for _ in range(2):  # the first read writes and keeps the JSON, the second reuses it
        fetched = client.get(f"{PATH}/{sid}", headers=isv_auth)
        listed = client.get(PATH, headers=isv_auth)
        assert fetched.get_json()["business_name"] == "Café Ünïcode ☎"
        assert fetched.get_data() == stdlib_bytes(fetched) and b"\\u00e9" in fetched.get_data()
        assert listed.get_data() == stdlib_bytes(listed)


def test_the_same_record_renders_its_own_origin_for_each_host(client, isv_auth, verification):
    sid = verification()["sid"]
    for host in ("localhost", "sandbox.test:8080", "localhost"):
        body = client.get(f"{PATH}/{sid}", headers=isv_auth, base_url=f"http://{host}").get_json()
        assert body["url"] == f"http://{host}{PATH}/{sid}"
        assert body["account_sid"] == ISV_SID


def test_another_accounts_record_stays_hidden_after_it_was_read(client, isv_auth, verification):
    sid = verification()["sid"]
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).status_code == 200
    assert client.get(f"{PATH}/{sid}", headers=basic(SUB_SID, SUB_TOKEN)).status_code == 404


def test_a_list_query_string_seen_before_is_answered_by_its_own_parameters(
    client, isv_auth, verification
):
    """List queries are parsed once per query string; refusals are not kept."""
    verification()
    for size in (1, 2, 1):
        page = client.get(f"{PATH}?PageSize={size}", headers=isv_auth).get_json()
        assert len(page["verifications"]) == 1 and page["meta"]["page_size"] == size
        assert f"PageSize={size}&" in page["meta"]["first_page_url"]
    for _ in range(2):
        assert client.get(f"{PATH}?Status=BOGUS", headers=isv_auth).status_code == 400


def test_a_record_is_rendered_once_per_stored_version_and_origin(
    client, isv_auth, verification, force, monkeypatch
):
    from mockserver.providers.twilio.routes import verifications as routes

    calls = []
    real = routes.dump_verification
    monkeypatch.setattr(
        routes, "dump_verification", lambda *a, **k: calls.append(a[0]["sid"]) or real(*a, **k)
    )
    sid = verification()["sid"]
    calls.clear()  # the create's own answer
    for _ in range(3):
        client.get(f"{PATH}/{sid}", headers=isv_auth)
    assert calls == [sid]
    force(sid, Status.IN_REVIEW)
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()["status"] == "IN_REVIEW"
    assert calls == [sid, sid]


def test_the_list_query_memo_stays_bounded(client, isv_auth, monkeypatch):
    from mockserver.providers.twilio import routes

    monkeypatch.setattr(routes, "_loaded_queries", {})
    monkeypatch.setattr(routes, "_MAX_LOADED_QUERIES", 4)
    for page_size in range(1, 11):
        assert client.get(f"{PATH}?PageSize={page_size}", headers=isv_auth).status_code == 200
    assert 0 < len(routes._loaded_queries) <= 4
    long_query = "ExternalReferenceId=" + "x" * 600
    assert client.get(f"{PATH}?{long_query}", headers=isv_auth).status_code == 200
    assert all(len(query) <= 512 for _, query in routes._loaded_queries)
    assert client.get("/v1/Sinks?PageSize=2", headers=isv_auth).status_code == 200
    assert any(query == b"PageSize=2" for _, query in routes._loaded_queries)
