"""The onboarding steps tested against mockserver through its pytest plugin only (fixtures
``mockserver`` and ``pinnacle_client``)."""

import pytest
from pinnacle_onboarding import (
    BUSINESS,
    add_number,
    can_send,
    create_campaign,
    register_brand,
    send_welcome,
)
from rcs.errors import ForbiddenError


@pytest.fixture
def verified_campaign(mockserver, pinnacle_client) -> str:
    """Brand approved by the default scenario (15½ minutes), campaign by Pinnacle's
    documented timing (8½ minutes: "less than 10")."""
    brand_id = register_brand(pinnacle_client, BUSINESS)
    mockserver.clock.advance(minutes=16)
    campaign_id = create_campaign(pinnacle_client, brand_id)
    mockserver.clock.advance(minutes=10)
    return campaign_id


def test_the_whole_onboarding_ends_with_a_sent_message(
    mockserver, pinnacle_client, pinnacle_api_key, verified_campaign
):
    number = add_number(pinnacle_client, verified_campaign)
    assert not can_send(pinnacle_client, number)  # the number's own review is running
    # Carrier review of a number: "1-3 business days" (1 hour, then 2 business days); five
    # calendar days cover it from any day of the week.
    mockserver.clock.advance(days=5)
    assert can_send(pinnacle_client, number)
    message_id = send_welcome(pinnacle_client, number, "+14155550123")
    [sent] = mockserver.find_messages(api_key=pinnacle_api_key)
    assert (sent["id"], sent["from"], sent["to"]) == (message_id, number, "+14155550123")
    assert sent["segments"] == 1 and sent["encoding"] == "gsm7"


def test_a_campaign_is_not_submitted_while_its_brand_is_pending(mockserver, pinnacle_client):
    brand_id = register_brand(pinnacle_client, BUSINESS)  # still PENDING: no time has passed
    with pytest.raises(ValueError, match="brand: The brand must be approved"):
        create_campaign(pinnacle_client, brand_id)
    [campaign] = pinnacle_client.campaigns.toll_free.list().data
    assert campaign.status == "INCOMPLETE"


def test_sending_before_the_number_is_verified_is_refused(
    mockserver, pinnacle_client, verified_campaign
):
    number = add_number(pinnacle_client, verified_campaign)
    with pytest.raises(ForbiddenError) as refused:
        send_welcome(pinnacle_client, number, "+14155550123")
    assert "cannot send until its verification is complete" in refused.value.body.error
    assert mockserver.messages == []


def test_a_failed_campaign_reports_the_carriers_reason(mockserver, pinnacle_client):
    brand_id = register_brand(pinnacle_client, BUSINESS)
    mockserver.clock.advance(minutes=16)
    campaign_id = create_campaign(pinnacle_client, brand_id)
    mockserver.force(campaign_id, "FAILED", codes=[30449])
    status = pinnacle_client.status.get.toll_free(campaign_id)
    assert "URL shortener" in status.error
    assert [r["path"] for r in mockserver.find_requests(method="POST", path_prefix="/campaigns")][
        -1
    ] == f"/campaigns/toll-free/submit/{campaign_id}"
