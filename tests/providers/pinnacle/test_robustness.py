"""Malformed requests over plain HTTP: never a 500 or HTML, always Pinnacle's JSON error."""

import pytest
import requests

from .helpers import campaign_fields

ROUTES = [
    "/brands",
    "/brands/validate",
    "/brands/autofill",
    "/brands/list",
    "/campaigns/toll-free",
    "/campaigns/toll-free/validate",
    "/campaigns/toll-free/autofill",
    "/campaigns/toll-free/list",
    "/phone-numbers/search",
    "/phone-numbers/buy",
    "/phone-numbers/list",
    "/phone-numbers/attach-campaign",
    "/messages/send/sms",
    "/messages/send/mms",
]


def assert_400(response) -> dict:
    """A JSON 400 with an ``error`` string."""
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body


@pytest.mark.parametrize("path", ROUTES)
def test_invalid_json_is_a_json_400(http, path):
    response = http.post(
        path, data=b'{"name": "unterminated', headers={"Content-Type": "application/json"}
    )
    assert assert_400(response)["error"] == "The request body is not valid JSON."


@pytest.mark.parametrize("path", ROUTES)
def test_a_json_array_body_is_a_json_400(http, path):
    response = http.post(path, json=[{"name": "Acme"}])
    assert assert_400(response)["error"] == "The request body must be a JSON object."


@pytest.mark.parametrize("body", ["null", "42", '"text"', "true"])
def test_json_scalars_are_a_json_400(http, body):
    response = http.post("/brands", data=body, headers={"Content-Type": "application/json"})
    assert_400(response)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/brands", {"name": 5}, "name"),
        ("/brands", {"contact": "Jane"}, "contact"),
        ("/brands", {"sector": "ROCKETS"}, "sector"),
        ("/brands", {"id": "not-a-brand-id"}, "id"),
        ("/campaigns/toll-free", {"options": {"ageGated": "yes"}}, "options.ageGated"),
        ("/campaigns/toll-free", {"keywords": {"OPT_IN": {"keywords": "START"}}}, None),
        ("/campaigns/toll-free", {"campaignId": 12}, "campaignId"),
        ("/campaigns/toll-free/list", {"pageIndex": "1"}, "pageIndex"),
        ("/campaigns/toll-free/list", {"pageSize": 2.5}, "pageSize"),
        ("/brands/list", {"isArchived": "false"}, "isArchived"),
        ("/phone-numbers/list", {"pageIndex": True}, "pageIndex"),
        ("/phone-numbers/search", {"type": "TOLL_FREE"}, "type"),
        ("/phone-numbers/buy", {"numbers": "+18005550101"}, "numbers"),
        ("/campaigns/toll-free/validate", {}, "campaignId"),
    ],
)
def test_wrong_types_are_a_400_naming_the_field(http, path, body, field):
    properties = assert_400(http.post(path, json=body))["errors"]["properties"]
    if field is not None:
        assert field in properties
    else:
        assert any(name.startswith("keywords.OPT_IN.keywords") for name in properties)


def test_unknown_keys_are_ignored(http):
    response = http.post(
        "/brands", json={"name": "Acme", "favouriteColour": "red", "contact": {"pet": "cat"}}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Acme" and "favouriteColour" not in body
    assert "pet" not in (body.get("contact") or {})


def test_huge_strings_are_stored_or_refused_but_never_crash(http):
    response = http.post("/brands", json={"name": "A" * 500_000})
    assert response.status_code in (200, 400)
    assert "error" in response.json() or response.json()["name"] == "A" * 500_000


def test_a_body_over_the_size_limit_is_a_json_error(http):
    response = http.post("/brands", json={"name": "A" * (2 << 20)})
    assert response.status_code == 413
    assert isinstance(response.json()["error"], str)


def test_deeply_nested_json_is_a_json_error(http):
    response = http.post(
        "/brands", data="[" * 100_000 + "]" * 100_000, headers={"Content-Type": "application/json"}
    )
    assert_400(response)


@pytest.mark.parametrize(
    "path", ["/campaigns/toll-free/list", "/brands/list", "/phone-numbers/list"]
)
def test_an_empty_body_with_a_json_content_type_is_accepted(http, path):
    """The SDK sends exactly this for all-optional calls made without arguments."""
    response = http.post(path, data=b"", headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json() == {"data": [], "hasMore": False, "count": 0}


def test_submit_without_content_type_or_body_is_accepted(http, pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    response = http.post(f"/campaigns/toll-free/submit/{campaign.campaign_id}")
    assert response.request.headers.get("Content-Type") is None
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True}


def test_a_form_encoded_body_is_a_json_400(http):
    response = http.post("/brands", data={"name": "Acme"})
    assert_400(response)


def test_a_non_utf8_body_is_a_json_400(http):
    response = http.post(
        "/brands", data=b'{"name": "\xff\xfe"}', headers={"Content-Type": "application/json"}
    )
    assert_400(response)


def test_a_number_status_for_garbage_is_a_json_404(http):
    response = http.get("/status/phone-number/not%20a%20number")
    assert response.status_code == 404
    assert isinstance(response.json()["error"], str)


@pytest.mark.parametrize("key", ["\x7f\x01bad", "k" * 600])
def test_unprintable_or_oversized_keys_are_401(live_url, key):
    response = requests.post(
        f"{live_url}/brands/list", headers={"PINNACLE-API-KEY": key}, json={}, timeout=10
    )
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid API key."}
