"""What an upsert changes: only what is sent (nested objects merge), never a campaign's brand
away, and nothing a verified campaign was reviewed on."""

import pytest
from rcs.errors import BadRequestError

from .helpers import BRAND, campaign_fields


def test_a_campaigns_brand_cannot_be_set_to_null(pinnacle, verified_brand, http):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name="Keep")
    answer = http.post(
        "/campaigns/toll-free", json={"campaignId": campaign.campaign_id, "brand": None}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["properties"] == {"brand": {"errors": ["May not be null."]}}
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).brand.id == verified_brand.id


def test_changing_one_nested_field_keeps_its_siblings(pinnacle, verified_brand):
    fields = campaign_fields(verified_brand.id)
    campaign = pinnacle.campaigns.toll_free.upsert(**fields)
    changed = pinnacle.campaigns.toll_free.upsert(
        campaign_id=campaign.campaign_id,
        keywords={"help": {"message": "Acme Rockets: help at https://acme.example/help2"}},
        links={"privacy_policy": "https://acme.example/privacy2"},
    )
    assert changed.keywords.help.message.endswith("/help2")
    assert changed.keywords.opt_in.keywords == ["START"]
    assert changed.links.privacy_policy == "https://acme.example/privacy2"
    assert changed.links.terms_of_service == "https://acme.example/terms"


def test_an_explicit_null_inside_an_object_clears_only_that_field(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    changed = pinnacle.campaigns.toll_free.upsert(
        campaign_id=campaign.campaign_id, opt_in={"url": None}
    )
    assert changed.opt_in.url is None and changed.opt_in.method == "DIGITAL"


def test_a_brands_contact_merges_too(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    changed = pinnacle.brands.upsert(id=brand.id, contact={"title": "CEO"})
    assert (changed.contact.title, changed.contact.name) == ("CEO", "Jane Doe")


def test_a_verified_campaign_can_be_renamed_but_not_changed(pinnacle, verified_campaign):
    cid = verified_campaign.campaign_id
    renamed = pinnacle.campaigns.toll_free.upsert(campaign_id=cid, name="Dashboard label")
    assert (renamed.name, renamed.status) == ("Dashboard label", "VERIFIED")
    with pytest.raises(BadRequestError) as refused:
        pinnacle.campaigns.toll_free.upsert(
            campaign_id=cid, production_message_content="No opt-out here"
        )
    assert "only its name can change" in refused.value.body["error"]
    assert pinnacle.campaigns.toll_free.get(cid).production_message_content.endswith("opt out.")


def test_scenario_markers_in_the_brand_name_are_not_required_in_messages(pinnacle, control):
    brand = pinnacle.brands.upsert(**{**BRAND, "name": "Acme Rockets [scenario:happy_path]"})
    pinnacle.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    assert pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id).is_valid


def test_autofill_copes_with_a_website_that_is_not_a_url(pinnacle, http):
    answer = http.post("/brands/autofill", json={"website": "http://[::1"})
    assert answer.status_code == 200
    brand = pinnacle.brands.upsert(name="Odd Site", website="http://[::1")
    campaign = pinnacle.campaigns.toll_free.upsert(brand=brand.id)
    suggestion = pinnacle.campaigns.toll_free.autofill(campaign_id=campaign.campaign_id)
    assert suggestion.name == "Odd Site notifications"
