"""``phone_numbers.get`` (``POST /phone-numbers/details``) through the rcs SDK: details
derived from the number alone, basic or advanced."""

import pytest
from rcs.errors import BadRequestError, NotFoundError
from rcs.types import AdvancedPhoneInformation, BasicPhoneInformation


def test_basic_details_of_a_us_mobile_number(pinnacle):
    found = pinnacle.phone_numbers.get(phone="+14155550123", level="basic")
    assert isinstance(found, BasicPhoneInformation)
    assert (found.is_valid, found.type, found.carrier, found.contact.name) == (
        True,
        "MOBILE",
        "Mockserver Sandbox",
        "",
    )
    assert (found.formats.international, found.formats.national, found.formats.raw) == (
        "+14155550123",
        "(415) 555-0123",
        "4155550123",
    )
    country = found.location.country
    assert (country.code, country.name, country.prefix) == ("US", "United States", "+1")
    assert found.location.place == "San Francisco, CA"


@pytest.mark.parametrize(
    ("phone", "kind", "country", "place"),
    [
        ("+18885550123", "TOLL_FREE", "US", "United States"),
        ("+19005550123", "PREMIUM", "US", "United States"),
        ("+14165550123", "MOBILE", "CA", "Toronto, ON"),
        ("+17195550123", "MOBILE", "US", "United States"),
    ],
    ids=["toll-free", "premium", "canada", "unknown-area"],
)
def test_the_type_and_location_follow_the_area_code(pinnacle, phone, kind, country, place):
    found = pinnacle.phone_numbers.get(phone=phone, level="basic")
    assert (found.type, found.location.country.code, found.location.place) == (
        kind,
        country,
        place,
    )


def test_a_local_number_the_sandbox_sold_is_a_landline(pinnacle, other):
    local = pinnacle.phone_numbers.search(type=["LOCAL"], options={"limit": 1})[0].number
    assert other.phone_numbers.get(phone=local, level="basic").type == "MOBILE"
    pinnacle.phone_numbers.buy(numbers=[local])
    assert other.phone_numbers.get(phone=local, level="basic").type == "LANDLINE"


@pytest.mark.parametrize("phone", ["+11235550123", "+14151550123", "+19115550123", "+15555110123"])
def test_a_number_that_cannot_exist_is_reported_invalid(pinnacle, phone):
    """Area codes and exchanges are ``[2-9]XX`` but not ``N11``; 9XX is reserved."""
    basic = pinnacle.phone_numbers.get(phone=phone, level="basic")
    assert (basic.is_valid, basic.type) == (False, "UNKNOWN")
    advanced = pinnacle.phone_numbers.get(phone=phone, level="advanced")
    assert (advanced.type.value, advanced.type.recommendation) == ("INVALID", "BLOCK")


def test_advanced_details_add_the_carrier_network_time_zone_and_a_recommendation(pinnacle):
    found = pinnacle.phone_numbers.get(phone="+16045550123", level="advanced")
    assert isinstance(found, AdvancedPhoneInformation)
    assert (found.type.value, found.type.recommendation) == ("MOBILE", "ALLOW")
    assert found.type.description and found.type.details
    carrier = found.carrier
    assert (carrier.name, carrier.normalized_carrier, carrier.mcc, carrier.mnc) == (
        "Mockserver Sandbox",
        "sandbox",
        "001",
        "01",
    )
    location = found.location
    assert (location.country.code, location.country.code_3, location.country.name) == (
        "CA",
        "CAN",
        "Canada",
    )
    assert (location.city, location.state, location.time_zone) == (
        "Vancouver",
        "BC",
        "America/Vancouver",
    )
    assert (location.coordinates.latitude, location.zip, found.contact) == (None, None, None)


@pytest.mark.parametrize(
    ("phone", "value", "recommendation"),
    [("+18005550123", "TOLL_FREE", "ALLOW"), ("+19005550123", "RESTRICTED_PREMIUM", "FLAG")],
)
def test_advanced_types_map_the_basic_ones(pinnacle, phone, value, recommendation):
    found = pinnacle.phone_numbers.get(phone=phone, level="advanced")
    assert (found.type.value, found.type.recommendation) == (value, recommendation)


def test_lookup_options_are_accepted_and_change_nothing(pinnacle):
    plain = pinnacle.phone_numbers.get(phone="+14155550123", level="advanced")
    tailored = pinnacle.phone_numbers.get(
        phone="+14155550123",
        level="advanced",
        options={"force": True, "risk": True, "enhanced_contact_info": {"context": "a friend"}},
    )
    assert tailored == plain


def test_a_number_outside_north_america_is_not_found(pinnacle):
    with pytest.raises(NotFoundError) as missing:
        pinnacle.phone_numbers.get(phone="+447911123456", level="basic")
    assert "North American (+1) numbers only" in missing.value.body["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phone": "4155550123", "level": "basic"}, "phone"),
        ({"phone": "+1415555012", "level": "basic"}, "phone"),
        ({"phone": "+141555501234", "level": "basic"}, "phone"),
        ({"phone": "+14155550123", "level": "full"}, "level"),
        ({"phone": "+14155550123"}, "level"),
        ({"level": "basic"}, "phone"),
        ({"phone": "+14155550123", "level": "basic", "options": {"risk": "yes"}}, "options.risk"),
    ],
    ids=["not-e164", "nine-digits", "eleven-digits", "level", "no-level", "no-phone", "option"],
)
def test_a_malformed_lookup_is_a_400_naming_the_field(http, body, field):
    response = http.post("/phone-numbers/details", json=body)
    assert response.status_code == 400
    assert list(response.json()["errors"]["properties"]) == [field]


def test_a_malformed_number_raises_the_sdks_bad_request(pinnacle):
    with pytest.raises(BadRequestError):
        pinnacle.phone_numbers.get(phone="(415) 555-0123", level="basic")
