"""The 2010 API's IncomingPhoneNumbers and AvailablePhoneNumbers routes."""

import pytest

from mockserver.providers.twilio.schemas.paging import encode_page_token
from tests.conftest import ISV_SID, SUB_SID

from .test_create import error

BASE = f"/2010-04-01/Accounts/{ISV_SID}"


def test_buying_a_number_returns_201_with_2010_fields(client, isv_auth):
    response = client.post(
        f"{BASE}/IncomingPhoneNumbers.json",
        data={"PhoneNumber": "+18335550142", "SmsUrl": "https://x.io/sms"},
        headers=isv_auth,
    )
    body = response.get_json()
    assert response.status_code == 201
    assert body["phone_number"] == "+18335550142"
    assert body["friendly_name"] == "(833) 555-0142"
    assert body["sid"].startswith("PN") and len(body["sid"]) == 34
    assert body["date_created"] == "Wed, 01 Jan 2025 00:00:00 +0000"
    assert body["sms_url"] == "https://x.io/sms"
    assert body["type"] == "tollfree"
    assert body["uri"] == f"{BASE}/IncomingPhoneNumbers/{body['sid']}.json"


def test_a_bought_toll_free_number_can_be_verified(client, isv_auth, create):
    sid = client.post(
        f"{BASE}/IncomingPhoneNumbers/TollFree.json",
        data={"PhoneNumber": "+18445550177"},
        headers=isv_auth,
    ).get_json()["sid"]
    assert create(TollfreePhoneNumberSid=sid).status_code == 201


def test_area_code_buys_the_first_free_inventory_number(client, isv_auth):
    first = client.post(
        f"{BASE}/IncomingPhoneNumbers.json", data={"AreaCode": "800"}, headers=isv_auth
    ).get_json()
    assert first["phone_number"] == "+18005550101"  # +18005550100 is the seed file's
    local = client.post(
        f"{BASE}/IncomingPhoneNumbers.json", data={"AreaCode": "212"}, headers=isv_auth
    ).get_json()
    assert local["phone_number"] == "+12125550100"
    assert local["type"] == "local"


@pytest.mark.parametrize("kind", ["Local", "TollFree"])
def test_a_number_of_a_kind_is_bought_by_phone_number_only(client, isv_auth, kind):
    """As twilio-oai has it: PhoneNumber is required there, and AreaCode is no parameter."""
    answer = client.post(
        f"{BASE}/IncomingPhoneNumbers/{kind}.json", data={"AreaCode": "212"}, headers=isv_auth
    )
    assert answer.status_code == 400
    assert answer.get_json()["message"] == (
        "Missing required parameter PhoneNumber in the post body"
    )


@pytest.mark.parametrize(
    ("path", "data", "code", "message"),
    [
        (
            "IncomingPhoneNumbers.json",
            {"PhoneNumber": "+18005550100"},
            21422,
            "PhoneNumber is not available",
        ),
        (
            "IncomingPhoneNumbers.json",
            {"PhoneNumber": "8005550100"},
            21421,
            "PhoneNumber is invalid",
        ),
        (
            "IncomingPhoneNumbers/TollFree.json",
            {"PhoneNumber": "+14155550188"},
            21422,
            "PhoneNumber is not available",
        ),
        (
            "IncomingPhoneNumbers.json",
            {"AreaCode": "999"},
            21452,
            "No phone numbers found in area code",
        ),
        ("IncomingPhoneNumbers.json", {}, 20001, "Either PhoneNumber or AreaCode is required"),
    ],
)
def test_buying_errors(client, isv_auth, path, data, code, message):
    assert error(client.post(f"{BASE}/{path}", data=data, headers=isv_auth)) == (400, code, message)


def test_list_fetch_update_and_release(client, isv_auth):
    listing = client.get(f"{BASE}/IncomingPhoneNumbers.json?PageSize=2", headers=isv_auth)
    body = listing.get_json()
    assert [n["phone_number"] for n in body["incoming_phone_numbers"]] == [
        "+18005550100",
        "+18885550101",
    ]
    assert body["next_page_uri"] == (
        f"{BASE}/IncomingPhoneNumbers.json?PageSize=2&Page=1&PageToken={encode_page_token(2)}"
    )
    assert body["start"] == 0 and body["end"] == 1
    sid = body["incoming_phone_numbers"][0]["sid"]
    fetched = client.get(f"{BASE}/IncomingPhoneNumbers/{sid}.json", headers=isv_auth)
    assert fetched.get_json()["sid"] == sid
    updated = client.post(
        f"{BASE}/IncomingPhoneNumbers/{sid}.json",
        data={"FriendlyName": "Support line"},
        headers=isv_auth,
    )
    assert updated.status_code == 200
    assert updated.get_json()["friendly_name"] == "Support line"
    deleted = client.delete(f"{BASE}/IncomingPhoneNumbers/{sid}.json", headers=isv_auth)
    assert (deleted.status_code, deleted.data) == (204, b"")
    assert (
        client.get(f"{BASE}/IncomingPhoneNumbers/{sid}.json", headers=isv_auth).status_code == 404
    )


def test_an_update_changes_the_name_and_settings_never_the_number(client, isv_auth):
    """PhoneNumber and AreaCode are no update parameters (twilio-oai): they change nothing."""
    sid = "PN00000000000000000000000000000003"
    updated = client.post(
        f"{BASE}/IncomingPhoneNumbers/{sid}.json",
        data={"PhoneNumber": "+14155550199", "AreaCode": "212", "FriendlyName": "Desk"},
        headers=isv_auth,
    )
    assert updated.status_code == 200
    assert (updated.get_json()["phone_number"], updated.get_json()["friendly_name"]) == (
        "+14155550100",
        "Desk",
    )


def test_toll_free_listing_and_phone_number_filter(client, isv_auth):
    toll_free = client.get(f"{BASE}/IncomingPhoneNumbers/TollFree.json", headers=isv_auth)
    assert {n["type"] for n in toll_free.get_json()["incoming_phone_numbers"]} == {"tollfree"}
    one = client.get(
        f"{BASE}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100", headers=isv_auth
    ).get_json()["incoming_phone_numbers"]
    assert [n["phone_number"] for n in one] == ["+14155550100"]


def test_a_parent_manages_its_subaccounts_numbers(client, isv_auth):
    body = client.get(
        f"/2010-04-01/Accounts/{SUB_SID}/IncomingPhoneNumbers.json", headers=isv_auth
    ).get_json()
    assert [n["phone_number"] for n in body["incoming_phone_numbers"]] == ["+18445550100"]


def test_another_accounts_path_is_20404(client):
    from tests.conftest import SUB_TOKEN, basic

    response = client.get(f"{BASE}/IncomingPhoneNumbers.json", headers=basic(SUB_SID, SUB_TOKEN))
    assert error(response)[:2] == (404, 20404)


def test_available_toll_free_numbers_skip_owned_ones(client, isv_auth):
    body = client.get(
        f"{BASE}/AvailablePhoneNumbers/US/TollFree.json?PageSize=2", headers=isv_auth
    ).get_json()
    assert [n["phone_number"] for n in body["available_phone_numbers"]] == [
        "+18005550101",
        "+18005550102",
    ]
    assert body["available_phone_numbers"][0]["capabilities"]["SMS"] is True


def test_available_numbers_filter_by_area_code_and_contains(client, isv_auth):
    body = client.get(
        f"{BASE}/AvailablePhoneNumbers/US/Local.json?AreaCode=512&Contains=5550*99",
        headers=isv_auth,
    ).get_json()
    assert [n["phone_number"] for n in body["available_phone_numbers"]] == ["+15125550199"]
    assert body["available_phone_numbers"][0]["locality"] == "Austin"


def test_available_numbers_in_an_unserved_country_are_404(client, isv_auth):
    assert (
        client.get(f"{BASE}/AvailablePhoneNumbers/FR/Local.json", headers=isv_auth).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("given", "found"),
    [
        ("+18005550100", ["+18005550100"]),
        ("555010", ["+18005550100", "+18885550101", "+14155550100"]),
        ("+1800*", ["+18005550100"]),
        ("0101", ["+18885550101"]),
        ("+1900", []),
    ],
)
def test_the_phone_number_filter_takes_partial_numbers_and_wildcards(sdk, given, found):
    """twilio-oai: 'You can specify partial numbers and use * as a wildcard for any digit'."""
    listed = sdk.incoming_phone_numbers.list(phone_number=given)
    assert sorted(n.phone_number for n in listed) == sorted(found)


def test_the_origin_filter_finds_twilios_numbers_and_no_hosted_one(client, isv_auth):
    def listed(origin: str) -> list[str]:
        query = f"{BASE}/IncomingPhoneNumbers.json?Origin={origin}"
        body = client.get(query, headers=isv_auth).get_json()
        return [n["phone_number"] for n in body["incoming_phone_numbers"]]

    assert len(listed("twilio")) == 3
    assert listed("hosted") == []


def test_page_uris_repeat_every_filter_given(client, isv_auth):
    query = "Beta=true&Origin=twilio&FriendlyName=(800)%20555-0100&PageSize=1"
    body = client.get(f"{BASE}/IncomingPhoneNumbers.json?{query}", headers=isv_auth).get_json()
    assert body["uri"] == (
        f"{BASE}/IncomingPhoneNumbers.json?Beta=true&FriendlyName=%28800%29+555-0100"
        "&Origin=twilio&PageSize=1&Page=0"
    )


def test_the_sdk_lists_the_toll_free_and_local_numbers_apart(sdk):
    toll_free = sdk.incoming_phone_numbers.toll_free.list(page_size=1)
    local = sdk.incoming_phone_numbers.local.list()
    assert sorted(n.phone_number for n in toll_free) == ["+18005550100", "+18885550101"]
    assert [n.phone_number for n in local] == ["+14155550100"]
