"""Pinnacle fixtures: rcs SDK clients on a live sandbox, complete brands and campaigns."""

import itertools

import pytest
from rcs import Pinnacle

from mockserver.settings import Settings

from .helpers import BRAND, SANDBOX_KEY, Control, Http, campaign_fields, key_of

_keys = itertools.count(1)


@pytest.fixture
def settings() -> Settings:
    """One fast scenario (``happy_path``: 30 s + 15 min) for every kind of Pinnacle record,
    so these tests exercise the mechanics; ``test_timing.py`` checks the documented default
    timings (campaigns under 10 minutes, numbers in 1-3 business days)."""
    return Settings(store=":memory:", random_seed=7, scenario="happy_path")


@pytest.fixture
def control(live_url) -> Control:
    """The live sandbox's control API."""
    return Control(live_url)


@pytest.fixture
def sdk_for(live_url):
    """An rcs client for a given API key."""

    def _sdk_for(api_key: str) -> Pinnacle:
        return Pinnacle(api_key=api_key, base_url=live_url)

    return _sdk_for


@pytest.fixture
def pinnacle(sdk_for) -> Pinnacle:
    """An rcs client with a key of its own (a fresh tenant)."""
    return sdk_for(f"test-key-{next(_keys)}")


@pytest.fixture
def verified_brand(pinnacle, control):
    """A complete brand, submitted and approved by the default scenario."""
    brand = pinnacle.brands.upsert(**BRAND)
    pinnacle.brands.submit(brand.id)
    control.advance(minutes=20)
    return pinnacle.brands.get(brand.id)


@pytest.fixture
def verified_campaign(pinnacle, control, verified_brand):
    """A complete campaign of an approved brand, submitted and verified."""
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    return pinnacle.campaigns.toll_free.get(campaign.campaign_id)


@pytest.fixture
def toll_free_number(pinnacle) -> str:
    """A toll-free number bought from the sandbox's inventory."""
    found = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})
    return pinnacle.phone_numbers.buy(numbers=[found[0].number])[0].number


@pytest.fixture
def http(live_url, pinnacle) -> Http:
    """Plain HTTP with the same API key as the ``pinnacle`` client."""
    return Http(live_url, key_of(pinnacle))


@pytest.fixture
def anonymous(live_url) -> Http:
    """Plain HTTP without any API key header."""
    return Http(live_url, None)


@pytest.fixture
def other(sdk_for) -> Pinnacle:
    """A second tenant: an rcs client with another key of its own."""
    return sdk_for(f"other-key-{next(_keys)}")


@pytest.fixture
def active_number(pinnacle, control, verified_campaign, toll_free_number) -> str:
    """A toll-free number attached to a verified campaign whose own review is approved."""
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number],
        campaign_type="TOLL_FREE",
        campaign_id=verified_campaign.campaign_id,
    )
    control.advance(minutes=20)
    assert pinnacle.status.get.phone_number(toll_free_number).status == "ACTIVE"
    return toll_free_number


@pytest.fixture
def pinnacle_records(client) -> dict[str, str]:
    """The seed's key, brand and number, and a campaign of that brand (test client)."""
    campaign = client.post(
        "/campaigns/toll-free",
        json={"brand": "b_0000000001", "name": "Bad input"},
        headers={"PINNACLE-API-KEY": SANDBOX_KEY},
    ).get_json()["campaignId"]
    return {
        "key": SANDBOX_KEY,
        "brand": "b_0000000001",
        "campaign": campaign,
        "number": "+18005550100",
    }


@pytest.fixture
def sdk_records(pinnacle, verified_brand, verified_campaign, active_number) -> dict[str, str]:
    """One record of every kind a call of the rcs SDK can name: a verified brand and campaign,
    a complete brand and campaign not yet submitted, a number that may send, a spare
    toll-free number, a sent message and a scheduled one."""
    spare = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[spare])
    schedule = {"schedule": {"send_at": "2030-01-01T09:00:00Z"}}
    send = pinnacle.messages.sms.send
    return {
        "brand": verified_brand.id,
        "draft_brand": pinnacle.brands.upsert(**BRAND).id,
        "campaign": verified_campaign.campaign_id,
        "draft_campaign": pinnacle.campaigns.toll_free.upsert(
            **campaign_fields(verified_brand.id)
        ).campaign_id,
        "number": active_number,
        "spare": spare,
        "message": send(from_=active_number, to="+14155550123", text="hi").message_id,
        "schedule": send(
            from_=active_number, to="+14155550123", text="later", options=schedule
        ).schedule_id,
    }
