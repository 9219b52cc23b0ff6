"""Opt-in CAMPAIGN.STATUS webhooks (--pinnacle-webhook-url), parsed by the rcs SDK itself."""

import json

import pytest
import requests
from rcs import Pinnacle
from rcs.types import CampaignStatusEvent

from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

from .helpers import BRAND, campaign_fields

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
        scenario="happy_path",
        options={"pinnacle_webhook_url": (receiver.url,), "pinnacle_signing_secret": SECRET},
    )


def payloads(receiver) -> list[dict]:
    return [json.loads(request["body"]) for request in receiver.received]


def submitted_campaign(client: Pinnacle, control, **overrides):
    """A complete campaign of a brand approved by the default scenario, just submitted."""
    brand = client.brands.upsert(**BRAND)
    client.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = client.campaigns.toll_free.upsert(**campaign_fields(brand.id, **overrides))
    client.campaigns.toll_free.submit(campaign.campaign_id)
    return brand, campaign


def test_campaign_review_events_carry_the_secret_and_parse_in_the_sdk(live_url, receiver, control):
    client = Pinnacle(api_key="hooks-key", base_url=live_url)
    brand, campaign = submitted_campaign(client, control)
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
    _, campaign = submitted_campaign(client, control)
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
    submitted_campaign(client, control, name="Alerts [reject:30449]")
    control.advance(minutes=20)
    failed = receiver.wait_for(2)[-1]
    body = json.loads(failed["body"])
    assert body["status"] == "FAILED"
    assert "URL shortener" in body["error"]


@pytest.fixture
def late_receiver():
    """A receiver registered at run time rather than in the settings."""
    with WebhookReceiver() as hooks:
        yield hooks


def test_a_url_registered_for_one_key_gets_only_that_keys_events(live_url, late_receiver, control):
    registered = control.post(
        "/_mock/pinnacle/webhooks",
        {"url": late_receiver.url + "/hooks", "api_key": "mine", "secret": "pss_mine"},
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["id"].startswith("wh_")
    for key in ("mine", "theirs"):
        submitted_campaign(Pinnacle(api_key=key, base_url=live_url), control)
    control.advance(minutes=20)
    received = late_receiver.wait_for(2)
    assert {r["path"] for r in received} == {"/hooks"}
    assert {r["headers"]["PINNACLE-SIGNING-SECRET"] for r in received} == {"pss_mine"}
    assert len(received) == 2  # IN REVIEW and VERIFIED of "mine"; nothing of "theirs"


def test_removing_a_registration_cancels_what_it_had_pending(live_url, late_receiver, control):
    sub = control.post("/_mock/pinnacle/webhooks", {"url": late_receiver.url}).json()
    submitted_campaign(Pinnacle(api_key="cancel-key", base_url=live_url), control)  # queued
    gone = requests.delete(f"{live_url}/_mock/pinnacle/webhooks/{sub['id']}", timeout=10)
    assert gone.status_code == 200
    control.advance(minutes=20)
    assert late_receiver.received == []
    assert control.get("/_mock/pinnacle/webhooks").json()["webhooks"] == []
    missing = requests.delete(f"{live_url}/_mock/pinnacle/webhooks/{sub['id']}", timeout=10)
    assert missing.status_code == 404
