"""The whole toll-free flow of Pinnacle's guide through the real rcs SDK over HTTP."""

import pytest
from rcs.errors import ForbiddenError

from .helpers import BRAND, campaign_fields


def test_the_seed_flow_from_brand_to_first_message(pinnacle, control):
    """Brand → campaign → autofill → validate → submit → review → attach → send."""
    brand = pinnacle.brands.upsert(**BRAND)
    assert brand.id.startswith("b_") and brand.status == "INCOMPLETE"
    assert pinnacle.brands.validate(**BRAND).is_valid
    assert pinnacle.brands.submit(brand.id).success
    assert pinnacle.status.get.brand(brand.id).status == "PENDING"
    control.advance(minutes=20)
    assert pinnacle.status.get.brand(brand.id).status == "VERIFIED"

    draft = pinnacle.campaigns.toll_free.upsert(brand=brand.id, name="Acme order alerts")
    assert draft.campaign_id.startswith("tf_")
    assert draft.status == "INCOMPLETE"
    assert draft.brand.id == brand.id and draft.brand.status == "VERIFIED"
    check = pinnacle.campaigns.toll_free.validate(campaign_id=draft.campaign_id)
    assert not check.is_valid
    assert "productionMessageContent" in {error.field for error in check.errors}

    suggestion = pinnacle.campaigns.toll_free.autofill(
        campaign_id=draft.campaign_id, additional_info="Shipping updates"
    )
    assert suggestion.brand == brand.id and suggestion.name == "Acme order alerts"
    complete = campaign_fields(brand.id, campaign_id=draft.campaign_id)
    campaign = pinnacle.campaigns.toll_free.upsert(**complete)
    check = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert check.is_valid and check.errors == []

    assert pinnacle.campaigns.toll_free.submit(campaign.campaign_id).success
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "IN REVIEW"
    control.advance(minutes=20)
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "VERIFIED"

    number = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    assert pinnacle.phone_numbers.buy(numbers=[number])[0].number == number
    attached = pinnacle.phone_numbers.campaign.attach(
        phones=[number], campaign_type="TOLL_FREE", campaign_id=campaign.campaign_id
    )
    assert [item.phone_number for item in attached.phone_numbers] == [number]
    assert attached.failed == []
    status = pinnacle.status.get.toll_free(campaign.campaign_id)
    assert (status.updates.number, status.updates.status) == (number, "IN_PROGRESS")
    with pytest.raises(ForbiddenError) as refused:
        pinnacle.messages.sms.send(from_=number, to="+14155550123", text="too early")
    assert "IN_PROGRESS" in refused.value.body.error

    control.advance(seconds=30)
    assert pinnacle.status.get.toll_free(campaign.campaign_id).updates.status == (
        "WAITING_FOR_TELECO"
    )
    control.advance(minutes=15)
    assert pinnacle.status.get.toll_free(campaign.campaign_id).updates.status == "VERIFIED"
    assert pinnacle.status.get.phone_number(number).status == "ACTIVE"
    sent = pinnacle.messages.sms.send(from_=number, to="+14155550123", text="Your order shipped")
    assert sent.message_id.startswith("msg_") and sent.status == "queued"
    assert (sent.segments.count, sent.segments.encoding) == (1, "gsm7")
    log = control.get("/_mock/pinnacle/messages", to="+14155550123").json()["messages"]
    assert [(m["id"], m["text"]) for m in log] == [(sent.message_id, "Your order shipped")]


def test_no_webhook_is_queued_unless_a_pinnacle_url_is_configured(control, verified_campaign):
    """The real API pushes no toll-free status: by default nothing is sent anywhere."""
    deliveries = control.get("/_mock/webhooks").json()["deliveries"]
    assert [d for d in deliveries if d["provider"] == "pinnacle"] == []
