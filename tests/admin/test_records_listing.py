"""``GET /_mock/records`` and a record's ``history``: every provider's records, filtered."""

import pytest

from tests.conftest import ISV_SID
from tests.providers.twilio.conftest import PATH, TOLL_FREE_PN, submission

PINNACLE = {"PINNACLE-API-KEY": "sandbox_pinnacle_key"}


@pytest.fixture
def verification(client, isv_auth) -> str:
    answer = client.post(
        PATH, data=submission(TollfreePhoneNumberSid=TOLL_FREE_PN), headers=isv_auth
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["sid"]


@pytest.fixture
def brand(client) -> str:
    answer = client.post("/brands", json={"name": "Owl Brand", "email": "a@b.co"}, headers=PINNACLE)
    assert answer.status_code in (200, 201), answer.get_json()
    return answer.get_json()["id"]


def test_every_provider_s_records_come_in_one_list_last_changed_first(client, verification, brand):
    rows = client.get("/_mock/records").get_json()
    found = {(row["provider"], row["kind"], row["id"]) for row in rows["records"]}
    assert ("twilio", "verification", verification) in found
    assert ("pinnacle", "brand", brand) in found
    assert rows["total"] == len(rows["records"])
    updated = [row["updated"] for row in rows["records"]]
    assert updated == sorted(updated, reverse=True)


def test_a_row_names_the_record_its_tenant_and_status(client, verification, brand):
    [mine] = client.get(f"/_mock/records?q={verification}").get_json()["records"]
    assert mine == {
        "provider": "twilio",
        "kind": "verification",
        "title": mine["title"],
        "id": verification,
        "label": "Owl, Inc.",
        "tenant": ISV_SID,
        "status": "PENDING_REVIEW",
        "direction": None,
        "updated": mine["updated"],
    }
    [pinnacle] = client.get(f"/_mock/records?q={brand}").get_json()["records"]
    assert pinnacle["tenant"] == "…_key"  # a key shows by its fingerprint


def test_filters_by_provider_kind_tenant_status_and_text(client, verification, brand):
    def ids(query):
        return {row["id"] for row in client.get(f"/_mock/records?{query}").get_json()["records"]}

    assert verification not in ids("provider=pinnacle") and brand in ids("provider=pinnacle")
    assert ids("kind=brand") == {brand} | (ids("kind=brand") - {verification})
    assert verification in ids(f"tenant={ISV_SID}") and brand not in ids(f"tenant={ISV_SID}")
    assert brand in ids("tenant=sandbox_pinnacle_key")
    assert verification in ids("status=pending_review")
    assert ids("q=OWL, INC.") >= {verification} and brand not in ids("q=owl, inc.")


@pytest.mark.parametrize("query", ["bogus=1", "limit=0", "provider=", "q=" + "x" * 300])
def test_a_bad_filter_is_a_control_400(client, query):
    answer = client.get(f"/_mock/records?{query}")
    assert answer.status_code == 400 and answer.get_json()["error"] == "bad_request"


def test_a_record_shows_its_status_changes_oldest_first(client, verification):
    client.post(f"/_mock/records/{verification}/transition", json={"status": "TWILIO_APPROVED"})
    history = client.get(f"/_mock/records/{verification}").get_json()["history"]
    assert [(c["from"], c["to"]) for c in history] == [
        ("PENDING_REVIEW", "IN_REVIEW"),
        ("IN_REVIEW", "TWILIO_APPROVED"),
    ]
    assert all(c["forced"] and c["tenant"] == ISV_SID for c in history)


def test_a_tenant_reset_forgets_only_that_tenant_s_history(client, runtime, verification):
    client.post(f"/_mock/records/{verification}/transition", json={"action": "review"})
    client.post("/_mock/reset", json={"api_key": "sandbox_pinnacle_key"})
    assert [c["to"] for c in runtime.history.of(verification)] == ["IN_REVIEW"]
    client.post("/_mock/reset", json={"account_sid": ISV_SID})
    assert runtime.history.of(verification) == []
