"""Every error class the rcs SDK knows, raised by the sandbox with the body the SDK parses."""

import pytest
from rcs.core.api_error import ApiError
from rcs.errors import (
    BadRequestError,
    ForbiddenError,
    InternalServerError,
    NotFoundError,
    UnauthorizedError,
)
from rcs.types import Error

from .helpers import BRAND

UNKNOWN_CAMPAIGN = "tf_0000000000"
UNKNOWN_BRAND = "b_0000000000"


def assert_json_error(response, status: int) -> dict:
    """The response has ``status``, a JSON content type and an ``error`` string."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body


@pytest.mark.parametrize("key", ["", "k" * 513], ids=["empty", "too-long"])
def test_an_empty_or_oversized_api_key_raises_unauthorized_with_the_documented_body(sdk_for, key):
    with pytest.raises(UnauthorizedError) as raised:
        sdk_for(key).brands.list()
    assert raised.value.status_code == 401
    assert raised.value.body == Error(error="Invalid API key.")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/campaigns/toll-free/list"),
        ("GET", "/campaigns/toll-free/tf_1234567890"),
        ("POST", "/brands"),
        ("GET", "/status/phone-number/+18005550100"),
        ("POST", "/messages/send/sms"),
    ],
)
def test_a_missing_api_key_header_is_401_invalid_api_key(anonymous, method, path):
    body = assert_json_error(anonymous.call(method, path, json={}), 401)
    assert body == {"error": "Invalid API key."}


def test_field_errors_raise_bad_request_with_zod_properties(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.upsert(name="x", monthly_volume="lots")
    body = raised.value.body
    assert raised.value.status_code == 400
    assert "monthlyVolume" in body["error"]
    assert body["errors"]["errors"] == []
    assert list(body["errors"]["properties"]) == ["monthlyVolume"]
    assert body["errors"]["properties"]["monthlyVolume"]["errors"]


def test_nested_field_errors_are_named_by_their_dotted_path(pinnacle, verified_brand):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.upsert(
            brand=verified_brand.id, opt_in={"method": "CARRIER_PIGEON"}
        )
    assert "optIn.method" in raised.value.body["errors"]["properties"]


def test_sending_from_an_unverified_number_raises_forbidden(pinnacle, toll_free_number):
    with pytest.raises(ForbiddenError) as raised:
        pinnacle.messages.sms.send(from_=toll_free_number, to="+14155550123", text="hi")
    assert raised.value.status_code == 403
    assert isinstance(raised.value.body, Error)
    assert toll_free_number in raised.value.body.error


@pytest.mark.parametrize(
    "call",
    [
        lambda client: client.campaigns.toll_free.get(UNKNOWN_CAMPAIGN),
        lambda client: client.campaigns.toll_free.submit(UNKNOWN_CAMPAIGN),
        lambda client: client.status.get.toll_free(UNKNOWN_CAMPAIGN),
        lambda client: client.brands.get(UNKNOWN_BRAND),
        lambda client: client.brands.submit(UNKNOWN_BRAND),
        lambda client: client.brands.vet(UNKNOWN_BRAND),
        lambda client: client.status.get.brand(UNKNOWN_BRAND),
        lambda client: client.status.get.phone_number("+18005550199"),
    ],
    ids=[
        "campaign-get",
        "campaign-submit",
        "campaign-status",
        "brand-get",
        "brand-submit",
        "brand-vet",
        "brand-status",
        "number-status",
    ],
)
def test_unknown_records_raise_not_found_with_an_error_body(pinnacle, call):
    with pytest.raises(NotFoundError) as raised:
        call(pinnacle)
    assert raised.value.status_code == 404
    assert isinstance(raised.value.body["error"], str)


def test_updating_an_unknown_campaign_raises_not_found(pinnacle, verified_brand):
    with pytest.raises(NotFoundError):
        pinnacle.campaigns.toll_free.upsert(campaign_id=UNKNOWN_CAMPAIGN, name="ghost")


def test_validate_with_an_unknown_campaign_is_bad_request_because_404_is_not_declared(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.validate(campaign_id=UNKNOWN_CAMPAIGN)
    assert UNKNOWN_CAMPAIGN in raised.value.body["error"]
    assert "campaignId" in raised.value.body["errors"]["properties"]


def test_autofill_with_an_unknown_campaign_is_bad_request_because_404_is_not_declared(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.autofill(campaign_id=UNKNOWN_CAMPAIGN)
    assert UNKNOWN_CAMPAIGN in raised.value.body["error"]


def test_brand_upsert_with_an_unknown_id_is_bad_request_because_404_is_not_declared(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.upsert(id=UNKNOWN_BRAND, name="ghost")
    assert UNKNOWN_BRAND in raised.value.body["error"]


def test_no_error_reaches_the_sdk_as_a_plain_api_error(pinnacle):
    """Typed exceptions only: a generic ApiError would mean an undeclared status or non-JSON."""
    calls = [
        lambda: pinnacle.campaigns.toll_free.get(UNKNOWN_CAMPAIGN),
        lambda: pinnacle.campaigns.toll_free.validate(campaign_id=UNKNOWN_CAMPAIGN),
        lambda: pinnacle.campaigns.toll_free.list(page_size=0),
        lambda: pinnacle.brands.list(page_size=1000),
        lambda: pinnacle.brands.autofill(),
        lambda: pinnacle.phone_numbers.buy(numbers=["+19995550100"]),
    ]
    for call in calls:
        with pytest.raises(ApiError) as raised:
            call()
        assert type(raised.value) is not ApiError, raised.value


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/campaigns/toll-free/tf_1/extra"),
        ("POST", "/campaigns/nonsense"),
        ("GET", "/brands/b_1/nothing"),
        ("POST", "/phone-numbers/sell"),
        ("GET", "/status/unknown/1"),
        ("POST", "/messages/send/fax-like"),
    ],
)
def test_unknown_routes_under_pinnacle_prefixes_are_json_404s(http, method, path):
    body = assert_json_error(http.call(method, path, json={}), 404)
    assert "<" not in body["error"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/campaigns/toll-free/list"),
        ("PUT", "/brands"),
        ("GET", "/phone-numbers/search"),
        ("GET", "/messages/send/sms"),
        ("POST", "/status/brand/b_1"),
        ("POST", "/phone-numbers/detach-campaign"),
    ],
)
def test_wrong_methods_on_pinnacle_routes_are_json_errors(http, method, path):
    response = http.call(method, path, json={})
    assert response.status_code == 405
    assert_json_error(response, 405)
    assert response.headers["Allow"]


def test_an_unknown_campaign_is_a_json_404_over_plain_http(http):
    body = assert_json_error(http.get(f"/campaigns/toll-free/{UNKNOWN_CAMPAIGN}"), 404)
    assert UNKNOWN_CAMPAIGN in body["error"]


def test_brand_submit_of_an_incomplete_brand_is_json_400_over_plain_http(http, pinnacle):
    brand = pinnacle.brands.upsert(name=BRAND["name"])
    body = assert_json_error(http.post(f"/brands/{brand.id}/submit"), 400)
    assert "address" in body["errors"]["properties"]


def test_an_unexpected_failure_is_the_sdks_internal_server_error(pinnacle, runtime, monkeypatch):
    """A bug in the sandbox still answers in Pinnacle's shape, so the SDK raises its class."""

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(runtime.backend("pinnacle"), "campaign_status", broken)
    with pytest.raises(InternalServerError) as failed:
        pinnacle.status.get.toll_free("tf_1")
    assert failed.value.body.error == "Internal server error."
