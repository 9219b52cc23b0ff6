"""Phone numbers through the rcs SDK: search, buy, list, attach/detach and each number's own
carrier review."""

import pytest
from rcs.errors import BadRequestError, ForbiddenError, NotFoundError

from .helpers import BRAND, campaign_fields


def numbers(results) -> list[str]:
    """The numbers of search results, purchases or an owned list."""
    return [result.number for result in results]


def attach(client, phones: list[str], campaign_id: str):
    """Attach toll-free numbers to a campaign."""
    return client.phone_numbers.campaign.attach(
        phones=phones, campaign_type="TOLL_FREE", campaign_id=campaign_id
    )


# -- search ----------------------------------------------------------------------------------


def test_toll_free_search_results_have_the_sdk_fields(pinnacle, http):
    found = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 2})
    assert len(found) == 2 and numbers(found) == sorted(set(numbers(found)))
    assert all(number.startswith("+1800555") for number in numbers(found))
    first = found[0]
    assert first.phone_type == "TOLL_FREE"
    assert (first.cost.currency, first.region.country) == ("USD", "US")
    assert {"SMS", "MMS"} <= set(first.features)
    raw = http.post("/phone-numbers/search", json={"type": ["TOLL_FREE"]}).json()
    assert isinstance(raw, list) and "phone_type" in raw[0] and "phoneType" not in raw[0]


def test_search_is_deterministic_and_defaults_to_ten_results(pinnacle, other):
    first = pinnacle.phone_numbers.search(type=["TOLL_FREE", "LOCAL"])
    assert len(first) == 10
    assert numbers(first) == numbers(other.phone_numbers.search(type=["TOLL_FREE", "LOCAL"]))


def test_search_local_numbers_by_area_code_state_and_city(pinnacle):
    by_code = pinnacle.phone_numbers.search(
        type=["LOCAL"], location={"national_destination_code": "212"}, options={"limit": 3}
    )
    assert numbers(by_code) == ["+12125550100", "+12125550101", "+12125550102"]
    assert (by_code[0].phone_type, by_code[0].region.city, by_code[0].region.state) == (
        "LOCAL",
        "New York",
        "NY",
    )
    by_state = pinnacle.phone_numbers.search(type=["LOCAL"], location={"state": "wa"})
    assert {found.region.city for found in by_state} == {"Seattle"}
    by_city = pinnacle.phone_numbers.search(type=["LOCAL"], location={"city": "boston"})
    assert all(found.number.startswith("+1617") for found in by_city) and by_city


def test_toll_free_search_ignores_city_and_state(pinnacle):
    plain = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 5})
    located = pinnacle.phone_numbers.search(
        type=["TOLL_FREE"], location={"city": "Boston", "state": "MA"}, options={"limit": 5}
    )
    assert numbers(located) == numbers(plain)


def test_toll_free_search_by_prefix(pinnacle):
    found = pinnacle.phone_numbers.search(
        type=["TOLL_FREE"], location={"national_destination_code": "888"}, options={"limit": 2}
    )
    assert numbers(found) == ["+18885550100", "+18885550101"]


def test_search_by_digits_contains_starts_with_and_ends_with(pinnacle):
    ends = pinnacle.phone_numbers.search(type=["TOLL_FREE"], number={"ends_with": "77"})
    assert ends and all(n.endswith("77") for n in numbers(ends))
    starts = pinnacle.phone_numbers.search(
        type=["TOLL_FREE"], number={"starts_with": "866"}, options={"limit": 1}
    )
    assert numbers(starts) == ["+18665550100"]
    contains = pinnacle.phone_numbers.search(
        type=["TOLL_FREE"], number={"contains": "4555015"}, options={"limit": 3}
    )
    assert numbers(contains) == ["+18445550150", "+18445550151", "+18445550152"]


def test_search_by_features_excludes_numbers_without_them(pinnacle):
    assert pinnacle.phone_numbers.search(type=["TOLL_FREE"], features=["FAX"]) == []
    local = pinnacle.phone_numbers.search(type=["LOCAL"], features=["FAX"], options={"limit": 1})
    assert "FAX" in local[0].features


@pytest.mark.parametrize(
    "criteria",
    [
        {"type": []},
        {"type": ["MOBILE"]},
        {"type": ["LOCAL"], "location": {"countryCode": "CA"}},
        {"type": ["LOCAL"], "options": {"limit": 0}},
        {"type": ["LOCAL"], "features": ["TELEPATHY"]},
    ],
)
def test_invalid_search_criteria_are_a_bad_request(http, criteria):
    response = http.post("/phone-numbers/search", json=criteria)
    assert response.status_code == 400
    assert response.json()["errors"]["properties"]


# -- buy and list ----------------------------------------------------------------------------


def test_buy_returns_the_numbers_with_capabilities(pinnacle):
    wanted = numbers(pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 2}))
    bought = pinnacle.phone_numbers.buy(numbers=wanted)
    assert numbers(bought) == wanted
    assert bought[0].capabilities.sms and bought[0].capabilities.mms


def test_buy_is_all_or_nothing_when_one_number_is_unavailable(pinnacle, other):
    wanted = numbers(pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 2}))
    other.phone_numbers.buy(numbers=[wanted[1]])
    with pytest.raises(BadRequestError) as raised:
        pinnacle.phone_numbers.buy(numbers=wanted)
    assert wanted[1] in raised.value.body["error"]
    assert pinnacle.phone_numbers.list().count == 0
    assert wanted[0] in numbers(pinnacle.phone_numbers.search(type=["TOLL_FREE"]))


def test_buying_a_number_outside_the_inventory_buys_nothing(pinnacle):
    with pytest.raises(BadRequestError):
        pinnacle.phone_numbers.buy(numbers=["+18005550100", "+18005551234"])
    assert pinnacle.phone_numbers.list().count == 0


def test_list_pages_owned_numbers(pinnacle, control):
    wanted = numbers(pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 3}))
    for number in wanted:
        pinnacle.phone_numbers.buy(numbers=[number])
        control.advance(seconds=1)
    page = pinnacle.phone_numbers.list(page_index=0, page_size=2)
    assert (numbers(page.data), page.has_more, page.count) == (wanted[:2], True, 3)
    rest = pinnacle.phone_numbers.list(page_index=1, page_size=2)
    assert (numbers(rest.data), rest.has_more) == (wanted[2:], False)
    assert rest.data[0].is_sandbox is False and rest.data[0].sms is True


# -- attach ----------------------------------------------------------------------------------


def test_attaching_to_a_campaign_that_is_not_verified_fails_per_number(
    pinnacle, verified_brand, toll_free_number
):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    result = attach(pinnacle, [toll_free_number], campaign.campaign_id)
    assert result.phone_numbers == []
    assert [f.number for f in result.failed] == [toll_free_number]
    assert "VERIFIED" in result.failed[0].error and "INCOMPLETE" in result.failed[0].error


def test_attaching_a_local_or_unowned_number_fails_per_number(
    pinnacle, verified_campaign, toll_free_number
):
    local = pinnacle.phone_numbers.search(type=["LOCAL"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[local])
    unowned = "+18775550199"
    result = attach(pinnacle, [toll_free_number, local, unowned], verified_campaign.campaign_id)
    assert [item.phone_number for item in result.phone_numbers] == [toll_free_number]
    assert result.phone_numbers[0].campaign.id == verified_campaign.campaign_id
    assert result.phone_numbers[0].campaign.type == "TOLL_FREE"
    failed = {f.number: f.error for f in result.failed}
    assert set(failed) == {local, unowned}
    assert "toll-free" in failed[local]
    assert "owns this number" in failed[unowned]


def test_attaching_with_campaign_type_10dlc_is_a_bad_request(
    pinnacle, verified_campaign, toll_free_number
):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.phone_numbers.campaign.attach(
            phones=[toll_free_number],
            campaign_type="10DLC",
            campaign_id=verified_campaign.campaign_id,
        )
    assert "campaignType" in raised.value.body["errors"]["properties"]


def test_attaching_to_an_unknown_campaign_is_not_found(pinnacle, toll_free_number):
    with pytest.raises(NotFoundError):
        attach(pinnacle, [toll_free_number], "tf_0000000000")


def test_an_attached_number_is_reviewed_in_progress_then_teleco_then_verified(
    pinnacle, control, verified_campaign, toll_free_number
):
    attach(pinnacle, [toll_free_number], verified_campaign.campaign_id)
    campaign_id = verified_campaign.campaign_id
    seen = [pinnacle.status.get.toll_free(campaign_id).updates.status]
    assert pinnacle.status.get.phone_number(toll_free_number).status == "PENDING"
    control.advance(seconds=30)
    seen.append(pinnacle.status.get.toll_free(campaign_id).updates.status)
    control.advance(minutes=15)
    seen.append(pinnacle.status.get.toll_free(campaign_id).updates.status)
    assert seen == ["IN_PROGRESS", "WAITING_FOR_TELECO", "VERIFIED"]
    number = pinnacle.status.get.phone_number(toll_free_number)
    assert (number.phone_number, number.status, number.errors) == (toll_free_number, "ACTIVE", [])


def test_a_number_bound_to_a_rejecting_scenario_ends_rejected_with_errors(
    pinnacle, control, verified_campaign, toll_free_number
):
    bound = control.post(
        "/_mock/scenarios/bind", {"phone_number": toll_free_number, "scenario": "rejected_final"}
    )
    assert bound.status_code == 200, bound.text
    attach(pinnacle, [toll_free_number], verified_campaign.campaign_id)
    control.advance(minutes=11)
    updates = pinnacle.status.get.toll_free(verified_campaign.campaign_id).updates
    reason = "Business associated with a known Spam campaign"
    assert (updates.number, updates.status, updates.errors) == (
        toll_free_number,
        "REJECTED",
        [reason],
    )
    number = pinnacle.status.get.phone_number(toll_free_number)
    assert (number.status, number.errors) == ("FAILURE", [reason])
    with pytest.raises(ForbiddenError):
        pinnacle.messages.sms.send(from_=toll_free_number, to="+14155550123", text="hi")


def test_reattaching_a_rejected_number_restarts_its_review(
    pinnacle, control, verified_campaign, toll_free_number
):
    attach(pinnacle, [toll_free_number], verified_campaign.campaign_id)
    control.advance(seconds=30)
    control.force(toll_free_number, "REJECTED", codes=[30446])
    assert pinnacle.status.get.phone_number(toll_free_number).status == "FAILURE"
    again = attach(pinnacle, [toll_free_number], verified_campaign.campaign_id)
    assert [item.phone_number for item in again.phone_numbers] == [toll_free_number]
    updates = pinnacle.status.get.toll_free(verified_campaign.campaign_id).updates
    assert (updates.status, updates.errors) == ("IN_PROGRESS", [])
    control.advance(minutes=20)
    assert pinnacle.status.get.phone_number(toll_free_number).status == "ACTIVE"


def test_attaching_an_attached_number_to_another_campaign_fails(
    pinnacle, control, verified_campaign, active_number
):
    second = pinnacle.campaigns.toll_free.upsert(
        **campaign_fields(verified_campaign.brand.id, name="Second")
    )
    pinnacle.campaigns.toll_free.submit(second.campaign_id)
    control.advance(minutes=20)
    result = attach(pinnacle, [active_number], second.campaign_id)
    assert [f.number for f in result.failed] == [active_number]
    assert verified_campaign.campaign_id in result.failed[0].error


def test_detach_frees_the_number_and_it_can_no_longer_send(
    pinnacle, verified_campaign, active_number
):
    result = pinnacle.phone_numbers.campaign.detach(phones=[active_number])
    assert [item.phone_number for item in result.phone_numbers] == [active_number]
    assert result.phone_numbers[0].campaign.id == verified_campaign.campaign_id
    assert result.failed == []
    assert pinnacle.status.get.phone_number(active_number).status == "PENDING"
    assert pinnacle.status.get.toll_free(verified_campaign.campaign_id).updates.number == ""
    with pytest.raises(ForbiddenError):
        pinnacle.messages.sms.send(from_=active_number, to="+14155550123", text="hi")


def test_detaching_a_number_that_is_not_attached_fails_per_number(pinnacle, toll_free_number):
    result = pinnacle.phone_numbers.campaign.detach(phones=[toll_free_number])
    assert result.phone_numbers == []
    assert [(f.number, f.error) for f in result.failed] == [
        (toll_free_number, "Number is not attached.")
    ]


def test_number_status_accepts_a_url_encoded_plus(http, toll_free_number):
    response = http.get(f"/status/phone-number/%2B{toll_free_number[1:]}")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "errors": ["Attach the number to a VERIFIED toll-free campaign."],
        "phoneNumber": toll_free_number,
        "status": "PENDING",
    }


def test_number_status_of_a_local_number_is_pending_with_a_reason(pinnacle):
    local = pinnacle.phone_numbers.search(type=["LOCAL"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[local])
    status = pinnacle.status.get.phone_number(local)
    assert status.status == "PENDING" and "10DLC" in status.errors[0]


def test_a_brand_of_another_flow_does_not_leak_into_number_attachments(pinnacle, other, control):
    """Attaching needs the caller's own campaign: another key's campaign id is not found."""
    brand = other.brands.upsert(**BRAND)
    other.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = other.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    number = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[number])
    with pytest.raises(NotFoundError):
        attach(pinnacle, [number], campaign.campaign_id)


@pytest.mark.parametrize("number", ["+1800555010\u0663", "+1\u0668005550199"])
def test_numbers_with_non_ascii_digits_are_refused(http, number):
    """Python's \\d matches any Unicode digit; phone numbers take ASCII digits only."""
    answer = http.post("/phone-numbers/buy", json={"numbers": [number]})
    assert answer.status_code == 400
    assert "numbers.0" in answer.json()["errors"]["properties"]
