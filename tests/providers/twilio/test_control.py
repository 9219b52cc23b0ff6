"""Twilio's control endpoints: accounts, API keys, phone numbers, customer profiles."""

import re

import pytest

from tests.conftest import ISV_SID, basic


def test_create_account_generates_sid_and_token(client):
    response = client.post("/_mock/twilio/accounts", json={"friendly_name": "Acme"})
    body = response.get_json()
    assert response.status_code == 201
    assert re.fullmatch(r"AC[0-9a-f]{32}", body["sid"])
    assert body["friendly_name"] == "Acme"
    assert (
        client.get(
            "/v1/Tollfree/Verifications", headers=basic(body["sid"], body["auth_token"])
        ).status_code
        == 200
    )


def test_create_subaccount(client):
    body = client.post("/_mock/twilio/accounts", json={"parent_sid": ISV_SID}).get_json()
    assert body["parent_sid"] == ISV_SID


def test_phone_numbers_get_a_pn_sid_and_a_toll_free_flag(client):
    response = client.post(
        "/_mock/twilio/phone-numbers", json={"account_sid": ISV_SID, "phone_number": "+18885550150"}
    )
    body = response.get_json()
    assert response.status_code == 201
    assert re.fullmatch(r"PN[0-9a-f]{32}", body["sid"])
    assert body["toll_free"] is True
    local = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": ISV_SID, "phone_number": "+442071838750"},
    ).get_json()
    assert local["toll_free"] is False
    listed = client.get(f"/_mock/twilio/phone-numbers?account_sid={ISV_SID}").get_json()
    assert len(listed["phone_numbers"]) == 5


def test_customer_profiles_default_to_an_approved_secondary_profile(client):
    body = client.post("/_mock/twilio/customer-profiles", json={"account_sid": ISV_SID}).get_json()
    assert re.fullmatch(r"BU[0-9a-f]{32}", body["sid"])
    assert (body["status"], body["profile_type"]) == ("twilio-approved", "secondary")


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/_mock/twilio/phone-numbers", {"account_sid": ISV_SID}, 400, "phone_number"),
        (
            "/_mock/twilio/phone-numbers",
            {"account_sid": ISV_SID, "phone_number": "800"},
            400,
            "phone_number",
        ),
        (
            "/_mock/twilio/phone-numbers",
            {"account_sid": ISV_SID, "phone_number": "+18005550100"},
            409,
            None,
        ),
        (
            "/_mock/twilio/phone-numbers",
            {"account_sid": ISV_SID, "phone_number": "+18005550177", "colour": "red"},
            400,
            "colour",
        ),
        (
            "/_mock/twilio/customer-profiles",
            {"account_sid": ISV_SID, "status": "approved"},
            400,
            "status",
        ),
        (
            "/_mock/twilio/customer-profiles",
            {"account_sid": ISV_SID, "profile_type": "gold"},
            400,
            "profile_type",
        ),
        ("/_mock/twilio/accounts", {"sid": "AC1"}, 400, "sid"),
        ("/_mock/twilio/accounts", {"sid": ISV_SID}, 409, None),
        ("/_mock/twilio/accounts", {"parent_sid": "AC" + "9" * 32}, 404, None),
        (
            "/_mock/twilio/api-keys",
            {"account_sid": ISV_SID, "sid": "SK00000000000000000000000000000001"},
            409,
            None,
        ),
    ],
)
def test_bad_control_requests_are_json_errors(client, path, body, status, field):
    response = client.post(path, json=body)
    payload = response.get_json()
    assert response.status_code == status
    assert payload["message"]
    if field:
        assert field in payload["fields"]
