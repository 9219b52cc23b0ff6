"""HTTP Basic authentication and tenant isolation."""

import pytest

from mockserver.app import create_app
from mockserver.settings import Settings
from tests.conftest import ISV_SID, SUB_SID, basic

from .conftest import PATH
from .test_create import error

NEW_ACCOUNT = "AC" + "a" * 32


def test_missing_credentials_are_401_20003_with_a_challenge(client):
    response = client.get(PATH)
    assert error(response) == (401, 20003, "Authenticate")
    assert response.headers["WWW-Authenticate"] == 'Basic realm="Twilio API"'


@pytest.mark.parametrize(
    "headers",
    [
        basic(ISV_SID, "wrong"),
        basic("not-a-sid", "token"),
        basic(ISV_SID, ""),
        {"Authorization": "Bearer abc"},
        {"Authorization": "Basic !!!"},
    ],
)
def test_bad_credentials_are_401(client, headers):
    assert error(client.get(PATH, headers=headers))[:2] == (401, 20003)


def test_an_unknown_account_is_created_on_first_use_and_keeps_its_token(client):
    assert client.get(PATH, headers=basic(NEW_ACCOUNT, "first")).status_code == 200
    assert client.get(PATH, headers=basic(NEW_ACCOUNT, "first")).status_code == 200
    assert client.get(PATH, headers=basic(NEW_ACCOUNT, "second")).status_code == 401


def test_a_declared_account_without_token_is_claimed_by_its_first_request(client):
    account = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": NEW_ACCOUNT, "phone_number": "+18775550150"},
    ).get_json()["account_sid"]
    assert client.get(PATH, headers=basic(account, "mine")).status_code == 200
    assert client.get(PATH, headers=basic(account, "theirs")).status_code == 401


def test_api_keys_act_for_their_account(client, verification):
    sid = verification()["sid"]
    key = client.post("/_mock/twilio/api-keys", json={"account_sid": ISV_SID}).get_json()
    response = client.get(f"{PATH}/{sid}", headers=basic(key["sid"], key["secret"]))
    assert response.status_code == 200
    assert client.get(PATH, headers=basic(key["sid"], "wrong")).status_code == 401
    assert client.get(PATH, headers=basic("SK" + "9" * 32, "x")).status_code == 401


def test_the_seeded_api_key_works(client):
    headers = basic("SK00000000000000000000000000000001", "sandbox_api_key_secret")
    assert client.get(PATH, headers=headers).status_code == 200


def test_other_accounts_cannot_see_or_touch_a_record(client, verification):
    sid = verification()["sid"]
    stranger = basic(NEW_ACCOUNT, "x")
    missing = f"The requested resource /Tollfree/Verifications/{sid} was not found"
    assert error(client.get(f"{PATH}/{sid}", headers=stranger)) == (404, 20404, missing)
    assert (
        client.post(f"{PATH}/{sid}", data={"BusinessName": "x"}, headers=stranger).status_code
        == 404
    )
    assert client.delete(f"{PATH}/{sid}", headers=stranger).status_code == 404
    assert client.get(PATH, headers=stranger).get_json()["verifications"] == []


def test_a_parent_does_not_fetch_its_subaccounts_records_directly(client, isv_auth):
    from tests.conftest import SUB_TOKEN

    from .conftest import SUB_BU, SUB_PN, submission

    sid = client.post(
        PATH,
        data=submission(TollfreePhoneNumberSid=SUB_PN, CustomerProfileSid=SUB_BU),
        headers=basic(SUB_SID, SUB_TOKEN),
    ).get_json()["sid"]
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).status_code == 404


@pytest.fixture
def strict_client(clock):
    app = create_app(Settings(store=":memory:", strict_auth=True), clock=clock)
    yield app.test_client()
    app.extensions["mockserver"].close()


def test_strict_auth_accepts_only_declared_accounts(strict_client, isv_auth):
    assert strict_client.get(PATH, headers=isv_auth).status_code == 200
    assert strict_client.get(PATH, headers=basic(NEW_ACCOUNT, "x")).status_code == 401
    declared = strict_client.post("/_mock/twilio/accounts", json={}).get_json()
    assert (
        strict_client.get(PATH, headers=basic(declared["sid"], declared["auth_token"])).status_code
        == 200
    )


def test_strict_auth_control_api_refuses_undeclared_accounts(strict_client):
    response = strict_client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": NEW_ACCOUNT, "phone_number": "+18775550150"},
    )
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
