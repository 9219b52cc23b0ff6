"""POST /_mock/reset {"account_sid"}: one Twilio account (and its subaccounts) only."""

import pytest

from mockserver.settings import Settings
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN, basic
from tests.providers.twilio.conftest import PATH, SUB_BU, SUB_PN, submission

OTHER_SID, OTHER_TOKEN = "AC" + "b" * 32, "other_token"


@pytest.fixture
def settings() -> Settings:
    """Every event also goes to one global URL, so each change leaves a delivery behind."""
    return Settings(
        store=":memory:",
        random_seed=7,
        options={"twilio_webhook_url": ("http://127.0.0.1:9/hook",)},
    )


@pytest.fixture
def other_verification(client) -> str:
    """A verification of another account, with its own profiles and toll-free number."""
    client.post("/_mock/twilio/accounts", json={"sid": OTHER_SID, "auth_token": OTHER_TOKEN})
    profiles = {
        kind: client.post(
            "/_mock/twilio/customer-profiles", json={"account_sid": OTHER_SID, "profile_type": kind}
        ).get_json()["sid"]
        for kind in ("primary", "secondary")
    }
    number = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": OTHER_SID, "phone_number": "+18335550199"},
    ).get_json()["sid"]
    response = client.post(
        PATH,
        data=submission(TollfreePhoneNumberSid=number, CustomerProfileSid=profiles["secondary"]),
        headers=basic(OTHER_SID, OTHER_TOKEN),
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["sid"]


def reset(client, **body) -> dict:
    response = client.post("/_mock/reset", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_resetting_an_account_removes_its_records_plans_webhooks_and_journal_only(
    client, runtime, verification, other_verification, isv_auth
):
    mine = verification()["sid"]
    body = reset(client, account_sid=ISV_SID)
    assert body == {
        "status": "reset",
        "account_sid": ISV_SID,
        "cleared": {"twilio": [ISV_SID, SUB_SID]},
    }
    assert client.get(f"{PATH}/{mine}", headers=isv_auth).status_code == 404
    assert [plan["record_id"] for plan in runtime.engine.pending()] == [other_verification]
    assert {d["account"] for d in runtime.outbox.deliveries()} == {OTHER_SID}
    tenants = {entry["tenant"] for entry in runtime.journal.entries()}
    assert tenants == {OTHER_SID, ISV_SID}  # the GET above came after the reset
    other = client.get(f"{PATH}/{other_verification}", headers=basic(OTHER_SID, OTHER_TOKEN))
    assert other.status_code == 200


def test_a_reset_seeded_account_comes_back_as_the_seed_declares_it(client, runtime, isv_auth):
    client.post(
        "/_mock/twilio/phone-numbers", json={"account_sid": ISV_SID, "phone_number": "+18335550111"}
    )
    reset(client, account_sid=ISV_SID)
    accounts = runtime.backend("twilio").accounts
    numbers = [number["phone_number"] for number in accounts.phone_numbers(ISV_SID)]
    assert numbers == ["+18005550100", "+18885550101", "+14155550100"]
    assert client.get(PATH, headers=isv_auth).status_code == 200


def test_resetting_an_account_resets_its_subaccounts(client):
    response = client.post(
        PATH,
        data=submission(TollfreePhoneNumberSid=SUB_PN, CustomerProfileSid=SUB_BU),
        headers=basic(SUB_SID, SUB_TOKEN),
    )
    assert response.status_code == 201
    reset(client, account_sid=ISV_SID)
    assert client.get(PATH, headers=basic(SUB_SID, SUB_TOKEN)).get_json()["verifications"] == []


def test_an_account_outside_the_seed_is_gone_after_its_reset(client, runtime, other_verification):
    reset(client, account_sid=OTHER_SID)
    assert runtime.backend("twilio").accounts.account(OTHER_SID) is None
    assert runtime.engine.pending() == []
    assert runtime.outbox.deliveries(account=OTHER_SID) == []


def test_resetting_an_unknown_account_changes_nothing(client, runtime, other_verification):
    body = reset(client, account_sid="AC" + "c" * 32)
    assert body["cleared"] == {"twilio": []}
    assert [plan["record_id"] for plan in runtime.engine.pending()] == [other_verification]


def test_a_reset_accounts_scheduled_moves_never_happen(client, runtime, verification):
    verification()
    reset(client, account_sid=ISV_SID)
    summary = client.post("/_mock/clock/advance", json={"hours": 1}).get_json()
    assert summary["transitions"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"account_sid": ""}, "account_sid"),
        ({"account_sid": ISV_SID, "random_seed": 1}, "random_seed"),
        ({"account_sid": ISV_SID, "api_key": "pk"}, "api_key"),  # one tenant at a time
        ({"setup_key": "pk"}, "setup_key"),  # no provider names its tenants so
    ],
)
def test_bad_tenant_resets_are_400(client, body, field):
    response = client.post("/_mock/reset", json=body)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]
