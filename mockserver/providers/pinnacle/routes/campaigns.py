"""``/campaigns/toll-free`` and ``/status/toll-free-campaign/{id}``."""

from mockserver.json_body import written_response
from mockserver.openapi import documented

from ..schemas import answers, examples, load, page_body
from ..schemas import campaigns as schema
from . import backend, body, bp, ok, tenant


@bp.post("/campaigns/toll-free")
@documented(
    body=schema.CampaignUpsertSchema,
    answers={200: answers.CampaignAnswer},
    errors=(400, 404),
    example=examples.CAMPAIGN,
)
def upsert_campaign():
    """Create a campaign (no ``campaignId``) or update the fields given.

    A new campaign needs a brand of the key's (400); an unknown ``campaignId`` is a 404; a
    campaign in review cannot change, a verified one only its name (400).
    """
    values = load(schema.CampaignUpsertSchema, body())
    campaign = backend().upsert_campaign(tenant(), values)
    return ok(schema.campaign_with_brand(campaign, backend().brand_of(campaign)))


@bp.get("/campaigns/toll-free/<campaign_id>")
@documented(answers={200: answers.CampaignAnswer}, errors=(404,))
def get_campaign(campaign_id: str):
    """A campaign with its full brand and status."""
    pinnacle = backend()
    campaign = pinnacle.get_campaign(tenant(), campaign_id, shared=True)
    brand = pinnacle.brand_of(campaign, shared=True)
    # Kept with the campaign's stored version, for this version of its brand.
    return written_response(campaign, schema.campaign_with_brand, brand)


@bp.post("/campaigns/toll-free/submit/<campaign_id>")
@documented(answers={200: answers.SuccessAnswer}, errors=(400, 404))
def submit_campaign(campaign_id: str):
    """Send a complete campaign to carrier review (no body; 400 naming what is missing)."""
    backend().submit_campaign(tenant(), campaign_id)
    return ok({"success": True})


@bp.post("/campaigns/toll-free/validate")
@documented(
    body=schema.CampaignValidateSchema,
    answers={200: answers.CampaignValidationAnswer},
    errors=(400,),
    example=examples.CAMPAIGN_VALIDATE,
)
def validate_campaign():
    """Every problem submission would refuse; guidance only, it blocks nothing.

    A campaign the key does not have is a 400 (the route declares no 404).
    """
    values = load(schema.CampaignValidateSchema, body())
    problems = backend().validate_campaign(tenant(), values["campaign_id"])
    return ok(schema.validation(problems))


@bp.post("/campaigns/toll-free/autofill")
@documented(
    body=schema.CampaignAutofillSchema,
    answers={200: answers.CampaignAutofillAnswer},
    errors=(400,),
    example=examples.CAMPAIGN_AUTOFILL,
)
def autofill_campaign():
    """The campaign's empty fields suggested from its brand (nothing is stored)."""
    values = load(schema.CampaignAutofillSchema, body())
    suggested = backend().autofill_campaign(
        tenant(), values.get("campaign_id"), values.get("additional_info")
    )
    return ok(schema.autofilled(suggested))


@bp.post("/campaigns/toll-free/list")
@documented(
    body=schema.CampaignListSchema,
    answers={200: answers.CampaignPageAnswer},
    errors=(400,),
    example=examples.CAMPAIGN_LIST,
)
def list_campaigns():
    """The key's campaigns, newest first, one page."""
    filters = load(schema.CampaignListSchema, body())
    return ok(page_body(backend().list_campaigns(tenant(), filters, schema.summary)))


@bp.get("/status/toll-free-campaign/<campaign_id>")
@documented(answers={200: answers.CampaignStatusAnswer}, errors=(404,))
def campaign_status(campaign_id: str):
    """Failure reasons and the latest attached number's review, always as one object."""
    return ok(schema.campaign_status(backend().campaign_status(tenant(), campaign_id)))
