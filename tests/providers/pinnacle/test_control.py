"""The control API on Pinnacle records: forced transitions and record plans."""

import pytest

from .helpers import BRAND, campaign_fields


@pytest.fixture
def campaign_in_review(pinnacle, verified_brand) -> str:
    """A complete campaign just submitted (IN REVIEW)."""
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    return campaign.campaign_id


def test_forcing_verified_on_a_campaign_in_review_verifies_it_now(
    pinnacle, control, campaign_in_review
):
    response = control.force(campaign_in_review, "VERIFIED")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["record_id"], body["provider"], body["status"]) == (
        campaign_in_review,
        "pinnacle",
        "VERIFIED",
    )
    assert pinnacle.campaigns.toll_free.get(campaign_in_review).status == "VERIFIED"


def test_a_forced_approval_is_not_undone_by_the_scenario_later(
    pinnacle, control, campaign_in_review
):
    control.force(campaign_in_review, "VERIFIED")
    control.advance(hours=1)
    assert pinnacle.campaigns.toll_free.get(campaign_in_review).status == "VERIFIED"


def test_forcing_failed_with_codes_gives_the_readable_reason(pinnacle, control, campaign_in_review):
    response = control.force(campaign_in_review, "FAILED", codes=[30449])
    assert response.status_code == 200, response.text
    assert pinnacle.campaigns.toll_free.get(campaign_in_review).status == "FAILED"
    status = pinnacle.status.get.toll_free(campaign_in_review)
    assert status.error == "High risk - Public URL shortener in sample message"


def test_forcing_failed_with_several_codes_joins_their_reasons(
    pinnacle, control, campaign_in_review
):
    control.force(campaign_in_review, "FAILED", codes=[30446, 30448])
    assert pinnacle.status.get.toll_free(campaign_in_review).error == (
        "Opt-in not sufficient - express consent required; Age Gate Not Present / Not Acceptable"
    )


def test_forcing_failed_without_codes_uses_a_default_reason(pinnacle, control, campaign_in_review):
    control.force(campaign_in_review, "FAILED")
    assert pinnacle.status.get.toll_free(campaign_in_review).error == "Could not verify Business"


def test_forcing_an_incomplete_campaign_is_a_409(pinnacle, control, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name="Draft")
    response = control.force(campaign.campaign_id, "VERIFIED")
    assert response.status_code == 409, response.text
    assert response.json()["error"] == "invalid_transition"
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "INCOMPLETE"


def test_forcing_an_unknown_status_or_code_is_refused(control, campaign_in_review):
    unknown = control.force(campaign_in_review, "APPROVED")
    assert unknown.status_code == 400
    assert "IN REVIEW" in unknown.json()["message"] and "VERIFIED" in unknown.json()["message"]
    response = control.force(campaign_in_review, "FAILED", codes=[12345])
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_forcing_an_unknown_record_is_a_404(control):
    response = control.force("tf_0000000000", "VERIFIED")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_forcing_a_brand_verifies_it(pinnacle, control):
    brand = pinnacle.brands.upsert(**BRAND)
    pinnacle.brands.submit(brand.id)
    response = control.force(brand.id, "VERIFIED")
    assert response.status_code == 200, response.text
    assert pinnacle.status.get.brand(brand.id).status == "VERIFIED"


def test_forcing_an_attached_number_verifies_it_and_it_may_send(
    pinnacle, control, verified_campaign, toll_free_number
):
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number],
        campaign_type="TOLL_FREE",
        campaign_id=verified_campaign.campaign_id,
    )
    response = control.force(toll_free_number, "VERIFIED")
    assert response.status_code == 200, response.text
    steps = [(t["from"], t["to"]) for t in response.json()["transitions"]]
    assert steps == [("IN_PROGRESS", "WAITING_FOR_TELECO"), ("WAITING_FOR_TELECO", "VERIFIED")]
    assert pinnacle.status.get.phone_number(toll_free_number).status == "ACTIVE"
    sent = pinnacle.messages.sms.send(from_=toll_free_number, to="+14155550123", text="hi")
    assert sent.status == "queued"


def test_a_number_that_is_not_attached_is_no_record(control, toll_free_number):
    assert control.get(f"/_mock/records/{toll_free_number}").status_code == 404


def test_the_record_view_shows_the_provider_status_and_plan(control, campaign_in_review):
    record = control.get(f"/_mock/records/{campaign_in_review}").json()
    assert (record["record_id"], record["provider"], record["status"]) == (
        campaign_in_review,
        "pinnacle",
        "IN REVIEW",
    )
    plan = record["plan"]
    assert (plan["scenario"], plan["phase"], plan["state"]) == ("happy_path", "steps", "active")
    assert plan["next_step"] == {"do": "review", "after": "30s"}
    assert plan["next_step_due"].startswith("2025-01-01T00:")


def test_the_record_view_of_a_draft_brand_has_no_plan(pinnacle, control):
    brand = pinnacle.brands.upsert(name="Draft")
    record = control.get(f"/_mock/records/{brand.id}").json()
    assert (record["provider"], record["status"], record["plan"]) == (
        "pinnacle",
        "INCOMPLETE",
        None,
    )
