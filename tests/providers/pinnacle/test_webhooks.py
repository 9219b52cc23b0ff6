"""Opt-in CAMPAIGN.STATUS webhooks (--pinnacle-webhook-url), parsed by the rcs SDK itself."""

import json

import pytest
from rcs import Pinnacle
from rcs.types import CampaignStatusEvent

from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

from .conftest import BRAND, campaign_fields

SECRET = "pss_test_secret"


@pytest.fixture
def receiver():
    """A local endpoint for the events."""
    with WebhookReceiver() as hooks:
        yield hooks


@pytest.fixture
def settings(receiver) -> Settings:
    """A sandbox that sends Pinnacle webhooks to the receiver."""
    return Settings(
        store=":memory:",
        random_seed=7,
        pinnacle_webhook_url=(receiver.url,),
        pinnacle_signing_secret=SECRET,
    )


def payloads(receiver) -> list[dict]:
    return [json.loads(request["body"]) for request in receiver.received]


def test_campaign_review_events_carry_the_secret_and_parse_in_the_sdk(live_url, receiver, control):
    client = Pinnacle(api_key="hooks-key", base_url=live_url)
    brand = client.brands.upsert(**BRAND)
    client.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = client.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    client.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    received = receiver.wait_for(2)
    assert [p["status"] for p in payloads(receiver)] == ["IN REVIEW", "VERIFIED"]
    for request in received:
        headers = {key.upper(): value for key, value in request["headers"].items()}
        assert headers["PINNACLE-SIGNING-SECRET"] == SECRET
        event = client.messages.process(
            {"headers": request["headers"], "body": request["body"]}, secret=SECRET
        )
        assert isinstance(event, CampaignStatusEvent)
        assert event.campaign.type == "TOLL_FREE"
        assert event.campaign.public_id == campaign.campaign_id
        assert event.brand.public_id == brand.id
    verified = payloads(receiver)[-1]
    assert verified["carrierLaunches"]["carriers"]["ATT"] == "LAUNCHED"
    assert verified["updates"]["status"] == "WAITING_FOR_CUSTOMER"


def test_number_reviews_arrive_as_campaign_events_with_updates(live_url, receiver, control):
    client = Pinnacle(api_key="hooks-numbers", base_url=live_url)
    brand = client.brands.upsert(**BRAND)
    client.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = client.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    client.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    number = client.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    client.phone_numbers.buy(numbers=[number])
    client.phone_numbers.campaign.attach(
        phones=[number], campaign_type="TOLL_FREE", campaign_id=campaign.campaign_id
    )
    control.advance(minutes=20)
    receiver.wait_for(5)
    updates = [p["updates"] for p in payloads(receiver)[2:]]
    assert [(u["number"], u["status"]) for u in updates] == [
        (number, "IN_PROGRESS"),
        (number, "WAITING_FOR_TELECO"),
        (number, "VERIFIED"),
    ]


def test_a_failed_campaign_event_names_the_reasons(live_url, receiver, control):
    client = Pinnacle(api_key="hooks-failed", base_url=live_url)
    brand = client.brands.upsert(**BRAND)
    client.brands.submit(brand.id)
    control.advance(minutes=20)
    fields = campaign_fields(brand.id, name="Alerts [reject:30449]")
    campaign = client.campaigns.toll_free.upsert(**fields)
    client.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    failed = receiver.wait_for(2)[-1]
    body = json.loads(failed["body"])
    assert body["status"] == "FAILED"
    assert "URL shortener" in body["error"]
