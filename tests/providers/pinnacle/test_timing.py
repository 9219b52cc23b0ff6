"""Pinnacle's documented timings are the default: a toll-free campaign is VERIFIED in less
than 10 minutes, each attached toll-free number in 1 to 3 business days."""

from datetime import datetime

import pytest

from mockserver.clock import parse_iso
from mockserver.settings import Settings

from .helpers import campaign_fields


@pytest.fixture
def settings() -> Settings:
    """No ``--scenario``: each kind of record runs its own default."""
    return Settings(store=":memory:", random_seed=7)


def _verified_campaign(pinnacle, control, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    return campaign.campaign_id


def test_a_campaign_is_verified_in_under_ten_minutes(pinnacle, control, verified_brand):
    """In review at once, VERIFIED 8½ minutes after submit, not before 8."""
    campaign_id = _verified_campaign(pinnacle, control, verified_brand)
    control.advance(minutes=8)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "IN REVIEW"
    control.advance(seconds=31)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "VERIFIED"
    assert control.get(f"/_mock/records/{campaign_id}").json()["plan"]["scenario"] == (
        "pinnacle_campaign"
    )


def test_an_attached_number_is_verified_two_business_days_later(
    pinnacle, control, verified_brand, toll_free_number
):
    """Attached on a Wednesday: with the carrier an hour later, VERIFIED on Friday."""
    campaign_id = _verified_campaign(pinnacle, control, verified_brand)
    control.advance(minutes=10)
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number], campaign_type="TOLL_FREE", campaign_id=campaign_id
    )
    attached = _now(control)
    control.advance(hours=1)
    assert _number_status(pinnacle, campaign_id) == "WAITING_FOR_TELECO"
    control.advance(days=1)
    assert _number_status(pinnacle, campaign_id) == "WAITING_FOR_TELECO"
    control.advance(days=1)
    assert _number_status(pinnacle, campaign_id) == "VERIFIED"
    plan = control.get(f"/_mock/records/{toll_free_number}").json()["plan"]
    assert plan["scenario"] == "pinnacle_number"
    assert attached.weekday() == 2  # the sandbox's test clock starts on Wednesday 1 January


def test_weekends_do_not_count_as_business_days(
    pinnacle, control, verified_brand, toll_free_number
):
    """Attached on a Friday: still with the carrier on Monday, VERIFIED on Tuesday."""
    control.advance(days=2)  # Wednesday -> Friday
    campaign_id = _verified_campaign(pinnacle, control, verified_brand)
    control.advance(minutes=10)
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number], campaign_type="TOLL_FREE", campaign_id=campaign_id
    )
    assert _now(control).weekday() == 4
    control.advance(days=3, minutes=61)  # Monday, past the hour the number was attached
    assert _number_status(pinnacle, campaign_id) == "WAITING_FOR_TELECO"
    control.advance(days=1)
    assert _number_status(pinnacle, campaign_id) == "VERIFIED"


def test_a_marker_still_selects_another_scenario(pinnacle, control, verified_brand):
    """The kind default only applies when nothing selects a scenario: ``[scenario:fast]``
    in the campaign name approves it 11 seconds after submit."""
    campaign = pinnacle.campaigns.toll_free.upsert(
        **campaign_fields(verified_brand.id, name="Demo [scenario:fast]")
    )
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(seconds=11)
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "VERIFIED"


def _number_status(pinnacle, campaign_id: str) -> str:
    return pinnacle.status.get.toll_free(campaign_id).updates.status


def _now(control) -> datetime:
    return parse_iso(control.get("/_mock/clock").json()["now"])
