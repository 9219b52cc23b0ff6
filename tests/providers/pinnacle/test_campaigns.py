"""Toll-free campaigns through the rcs SDK: upsert rules, validate, submit, review, list,
status refresh and scenario-driven rejections."""

import pytest
from rcs.errors import BadRequestError

from .helpers import BRAND, campaign_fields

EVERY_FIELD = {
    "name",
    "keywords.HELP.message",
    "keywords.OPT_IN.message",
    "keywords.OPT_IN.keywords",
    "links.privacyPolicy",
    "links.termsOfService",
    "monthlyVolume",
    "optIn.method",
    "optIn.url",
    "optIn.workflowDescription",
    "options.ageGated",
    "productionMessageContent",
    "useCase.summary",
    "useCase.value",
}


def submitted(pinnacle, brand_id: str, **overrides) -> str:
    """A complete campaign, submitted; its id."""
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(brand_id, **overrides))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    return campaign.campaign_id


def test_upsert_creates_an_incomplete_campaign_with_the_full_brand(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    assert campaign.campaign_id.startswith("tf_") and len(campaign.campaign_id) == 13
    assert campaign.status == "INCOMPLETE"
    assert (campaign.brand.id, campaign.brand.status) == (verified_brand.id, "VERIFIED")
    assert campaign.keywords.help.message.startswith("Acme Rockets: help")
    assert campaign.keywords.opt_in.keywords == ["START"]
    assert campaign.links.privacy_policy == "https://acme.example/privacy"
    assert campaign.opt_in.workflow_description.startswith("Users tick")
    assert (campaign.options.age_gated, campaign.use_case.value) == (False, "ORDER_NOTIFICATIONS")


def test_upsert_with_campaign_id_changes_only_the_fields_given(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    changed = pinnacle.campaigns.toll_free.upsert(
        campaign_id=campaign.campaign_id, monthly_volume="10,000"
    )
    assert changed.monthly_volume == "10,000"
    assert changed.name == campaign.name and changed.links == campaign.links
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).monthly_volume == "10,000"


def test_creating_a_campaign_without_a_brand_is_a_bad_request(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.upsert(name="No brand")
    assert "brand" in raised.value.body["errors"]["properties"]
    assert pinnacle.campaigns.toll_free.list().count == 0


def test_updating_a_campaign_in_review_is_a_bad_request(pinnacle, verified_brand):
    campaign_id = submitted(pinnacle, verified_brand.id)
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.upsert(campaign_id=campaign_id, name="Changed")
    assert "in review" in raised.value.body["error"]
    assert pinnacle.campaigns.toll_free.get(campaign_id).name == "Acme order alerts"


def test_submitting_with_an_unapproved_brand_is_a_bad_request_naming_the_brand(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    assert set(raised.value.body["errors"]["properties"]) == {"brand"}
    assert brand.id in raised.value.body["error"] and "INCOMPLETE" in raised.value.body["error"]
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "INCOMPLETE"


def test_validate_lists_every_missing_field_of_an_empty_campaign(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id)
    result = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert result.is_valid is False
    assert {error.field for error in result.errors} == EVERY_FIELD
    assert all(error.description for error in result.errors)


def test_submitting_an_empty_campaign_names_every_missing_field(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id)
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    assert set(raised.value.body["errors"]["properties"]) == EVERY_FIELD


def test_validate_a_complete_campaign_is_valid(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    result = pinnacle.campaigns.toll_free.validate(
        campaign_id=campaign.campaign_id, additional_info="anything"
    )
    assert (result.is_valid, result.errors) == (True, [])


def test_production_content_over_1000_characters_is_refused_at_upsert(pinnacle, verified_brand):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.upsert(
            **campaign_fields(verified_brand.id, production_message_content="x" * 1001)
        )
    assert "productionMessageContent" in raised.value.body["errors"]["properties"]
    assert pinnacle.campaigns.toll_free.list().count == 0


def test_production_content_of_exactly_1000_characters_is_accepted(pinnacle, verified_brand):
    text = ("Reply STOP to opt out. " * 50)[:1000]
    campaign = pinnacle.campaigns.toll_free.upsert(
        **campaign_fields(verified_brand.id, production_message_content=text)
    )
    assert len(campaign.production_message_content) == 1000


def test_a_public_url_shortener_in_sample_messages_is_flagged_but_never_blocks_submission(
    pinnacle, verified_brand
):
    """Validate is guidance only: the shortener is reported, and submit still accepts."""
    content = "Acme: track your order at https://bit.ly/abc. Reply STOP to opt out."
    campaign = pinnacle.campaigns.toll_free.upsert(
        **campaign_fields(verified_brand.id, production_message_content=content)
    )
    result = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert [(e.field, "shortener" in e.description) for e in result.errors] == [
        ("productionMessageContent", True)
    ]
    assert pinnacle.campaigns.toll_free.submit(campaign.campaign_id).success is True


def test_submit_accepts_a_campaign_whose_only_findings_are_guidance(pinnacle, verified_brand):
    """Every wording and formatting finding at once: validate lists each, submit accepts."""
    fields = campaign_fields(verified_brand.id)
    keywords = {
        **fields["keywords"],
        "help": {"message": "We are here for you."},
        "opt_in": {**fields["keywords"]["opt_in"], "message": "You are in."},
    }
    campaign = pinnacle.campaigns.toll_free.upsert(
        **{
            **fields,
            "keywords": keywords,
            "links": {"privacy_policy": "privacy page", "terms_of_service": "ftp://terms"},
            "opt_in": {**fields["opt_in"], "url": "join here"},
            "production_message_content": "Track it at https://bit.ly/x",
        }
    )
    findings = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id).errors
    assert sorted({finding.field for finding in findings}) == [
        "keywords.HELP.message",
        "keywords.OPT_IN.message",
        "links.privacyPolicy",
        "links.termsOfService",
        "optIn.url",
        "productionMessageContent",
    ]
    assert pinnacle.campaigns.toll_free.submit(campaign.campaign_id).success is True
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).status == "IN REVIEW"


def test_a_help_message_without_a_contact_method_is_flagged(pinnacle, verified_brand):
    keywords = campaign_fields(verified_brand.id)["keywords"]
    keywords = {**keywords, "help": {"message": "Acme: we are here for you."}}
    campaign = pinnacle.campaigns.toll_free.upsert(
        **campaign_fields(verified_brand.id, keywords=keywords)
    )
    result = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert [e.field for e in result.errors] == ["keywords.HELP.message"]
    assert "contact method" in result.errors[0].description


def test_submit_then_review_moves_in_review_to_verified(pinnacle, control, verified_brand):
    campaign_id = submitted(pinnacle, verified_brand.id)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "IN REVIEW"
    control.advance(minutes=15)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "IN REVIEW"
    control.advance(seconds=30)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "VERIFIED"


def test_submitting_a_campaign_twice_is_a_bad_request(pinnacle, verified_brand):
    campaign_id = submitted(pinnacle, verified_brand.id)
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.submit(campaign_id)
    assert "IN REVIEW" in raised.value.body["error"]


def test_submitting_a_verified_campaign_is_a_bad_request(pinnacle, verified_campaign):
    with pytest.raises(BadRequestError):
        pinnacle.campaigns.toll_free.submit(verified_campaign.campaign_id)


def test_status_without_a_number_has_a_waiting_for_customer_placeholder(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id)
    status = pinnacle.status.get.toll_free(campaign.campaign_id)
    assert status.id == campaign.campaign_id
    assert status.error in ("", None)
    assert (status.updates.number, status.updates.status, status.updates.errors) == (
        "",
        "WAITING_FOR_CUSTOMER",
        [],
    )


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        ("[scenario:rejected_final]", "Business associated with a known Spam campaign"),
        ("[reject:30449]", "High risk - Public URL shortener in sample message"),
    ],
)
def test_a_scenario_marker_in_the_name_makes_the_review_fail_with_its_reason(
    pinnacle, control, verified_brand, marker, reason
):
    campaign_id = submitted(pinnacle, verified_brand.id, name=f"Alerts {marker}")
    control.advance(minutes=11)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "FAILED"
    assert pinnacle.status.get.toll_free(campaign_id).error == reason


def test_a_failed_campaign_can_be_fixed_and_resubmitted_until_verified(
    pinnacle, control, verified_brand
):
    campaign_id = submitted(pinnacle, verified_brand.id, name="Alerts [reject:30449]")
    control.advance(minutes=11)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "FAILED"
    fixed = pinnacle.campaigns.toll_free.upsert(campaign_id=campaign_id, name="Alerts")
    assert fixed.status == "FAILED"
    assert pinnacle.campaigns.toll_free.submit(campaign_id).success
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "IN REVIEW"
    assert pinnacle.status.get.toll_free(campaign_id).error in ("", None)
    control.advance(minutes=12)
    assert pinnacle.campaigns.toll_free.get(campaign_id).status == "VERIFIED"


def test_the_record_plan_follows_the_marker_scenario(pinnacle, control, verified_brand):
    campaign_id = submitted(pinnacle, verified_brand.id, name="Alerts [scenario:stuck_in_review]")
    control.advance(hours=1)
    record = control.get(f"/_mock/records/{campaign_id}").json()
    assert (record["provider"], record["status"]) == ("pinnacle", "IN REVIEW")
    assert record["plan"]["scenario"] == "stuck_in_review"
    assert record["plan"]["next_step"] == {"do": "approve", "after": "manual"}


def test_autofill_keeps_set_fields_and_suggests_the_rest_without_storing(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name="Mine")
    suggested = pinnacle.campaigns.toll_free.autofill(campaign_id=campaign.campaign_id)
    assert (suggested.brand, suggested.campaign_id, suggested.name) == (
        verified_brand.id,
        campaign.campaign_id,
        "Mine",
    )
    assert suggested.links.privacy_policy == "https://acme.example/privacy"
    assert suggested.use_case.value == "APP_NOTIFICATIONS"  # from the TECHNOLOGY sector
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).links is None


def test_autofilled_fields_pass_validation(pinnacle, verified_brand):
    campaign = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id)
    suggested = pinnacle.campaigns.toll_free.autofill(campaign_id=campaign.campaign_id)
    values = suggested.model_dump(exclude_none=True)
    pinnacle.campaigns.toll_free.upsert(**values)
    check = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert (check.is_valid, check.errors) == (True, [])


def test_list_is_newest_first_with_paging_has_more_and_count(pinnacle, control, verified_brand):
    ids = []
    for index in range(5):
        made = pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name=f"C{index}")
        ids.append(made.campaign_id)
        control.advance(seconds=1)
    everything = pinnacle.campaigns.toll_free.list()
    assert [c.campaign_id for c in everything.data] == ids[::-1]
    assert (everything.has_more, everything.count) == (False, 5)
    second = pinnacle.campaigns.toll_free.list(page_index=1, page_size=2)
    assert [c.campaign_id for c in second.data] == [ids[2], ids[1]]
    assert (second.has_more, second.count) == (True, 5)
    beyond = pinnacle.campaigns.toll_free.list(page_index=9, page_size=2)
    assert (beyond.data, beyond.has_more, beyond.count) == ([], False, 5)


def test_campaigns_created_in_the_same_instant_list_newest_first(pinnacle, verified_brand):
    """The virtual clock may not move between two upserts; creation order still decides."""
    ids = [
        pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name=f"C{i}").campaign_id
        for i in range(4)
    ]
    assert [c.campaign_id for c in pinnacle.campaigns.toll_free.list().data] == ids[::-1]


def test_list_items_are_summaries(pinnacle, verified_campaign):
    item = pinnacle.campaigns.toll_free.list().data[0]
    assert (item.campaign_id, item.name, item.status, item.brand_id, item.use_case) == (
        verified_campaign.campaign_id,
        "Acme order alerts",
        "VERIFIED",
        verified_campaign.brand.id,
        "ORDER_NOTIFICATIONS",
    )
    assert item.created_at and item.updated_at


def test_list_filters_by_status_brand_and_partial_case_insensitive_name(
    pinnacle, verified_campaign
):
    other_brand = pinnacle.brands.upsert(name="Second Brand")
    draft = pinnacle.campaigns.toll_free.upsert(brand=other_brand.id, name="Spring SALE alerts")
    toll_free = pinnacle.campaigns.toll_free
    assert [c.campaign_id for c in toll_free.list(status="INCOMPLETE").data] == [draft.campaign_id]
    assert [c.campaign_id for c in toll_free.list(status="VERIFIED").data] == [
        verified_campaign.campaign_id
    ]
    assert toll_free.list(status="IN REVIEW").count == 0
    assert [c.campaign_id for c in toll_free.list(brand_id=other_brand.id).data] == [
        draft.campaign_id
    ]
    assert [c.campaign_id for c in toll_free.list(name="sale").data] == [draft.campaign_id]
    assert toll_free.list(name="ORDER", status="INCOMPLETE").count == 0


@pytest.mark.parametrize("size", [0, 101])
def test_list_page_size_out_of_range_is_a_bad_request(pinnacle, size):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.list(page_size=size)
    assert "pageSize" in raised.value.body["errors"]["properties"]


def test_list_with_a_negative_page_index_or_unknown_status_is_a_bad_request(pinnacle):
    with pytest.raises(BadRequestError):
        pinnacle.campaigns.toll_free.list(page_index=-1)
    with pytest.raises(BadRequestError) as raised:
        pinnacle.campaigns.toll_free.list(status="APPROVED")
    assert "status" in raised.value.body["errors"]["properties"]


def test_explicit_none_paging_arguments_mean_the_defaults(pinnacle, verified_brand):
    pinnacle.campaigns.toll_free.upsert(brand=verified_brand.id, name="One")
    listed = pinnacle.campaigns.toll_free.list(page_index=None, page_size=None)
    assert (listed.count, listed.has_more) == (1, False)
    assert pinnacle.brands.list(page_index=None).count == 1
    assert pinnacle.phone_numbers.list(page_size=None).count == 0


def test_a_required_field_of_only_white_space_is_missing(pinnacle, verified_brand):
    """Blank text does not count as given: validate names it and submit refuses."""
    fields = campaign_fields(verified_brand.id)
    campaign = pinnacle.campaigns.toll_free.upsert(
        **{**fields, "name": "   ", "use_case": {**fields["use_case"], "summary": " \t"}}
    )
    result = pinnacle.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert {e.field for e in result.errors} == {"name", "useCase.summary"}
    with pytest.raises(BadRequestError):
        pinnacle.campaigns.toll_free.submit(campaign.campaign_id)


def test_a_campaign_read_again_shows_its_brand_as_changed_since(pinnacle):
    """The GET's JSON is kept per stored version of the campaign and of its brand."""
    brand = pinnacle.brands.upsert(**BRAND)
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).brand.name == BRAND["name"]
    pinnacle.brands.upsert(id=brand.id, name="Renamed Rockets")
    assert pinnacle.campaigns.toll_free.get(campaign.campaign_id).brand.name == "Renamed Rockets"
    pinnacle.campaigns.toll_free.upsert(campaign_id=campaign.campaign_id, name="Renamed alerts")
    again = pinnacle.campaigns.toll_free.get(campaign.campaign_id)
    assert (again.name, again.brand.name) == ("Renamed alerts", "Renamed Rockets")
