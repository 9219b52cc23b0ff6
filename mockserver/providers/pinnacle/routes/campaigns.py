"""``/campaigns/toll-free`` and ``/status/toll-free-campaign/{id}``."""

from mockserver.json_body import written_response

from ..schemas import campaigns as schema
from ..schemas import load, page_body
from . import backend, body, bp, ok, tenant


@bp.post("/campaigns/toll-free")
def upsert_campaign():
    """Create a campaign (no ``campaignId``) or update the fields given."""
    values = load(schema.CampaignUpsertSchema(), body())
    campaign = backend().upsert_campaign(tenant(), values)
    return ok(schema.campaign_with_brand(campaign, backend().brand_of(campaign)))


@bp.get("/campaigns/toll-free/<campaign_id>")
def get_campaign(campaign_id: str):
    """A campaign with its full brand and status."""
    campaign = backend().get_campaign(tenant(), campaign_id, shared=True)
    brand = backend().brand_of(campaign, shared=True)
    # Kept with the campaign's stored version, for this version of its brand.
    return written_response(campaign, schema.campaign_with_brand, brand)


@bp.post("/campaigns/toll-free/submit/<campaign_id>")
def submit_campaign(campaign_id: str):
    """Send a complete campaign to carrier review (no body)."""
    backend().submit_campaign(tenant(), campaign_id)
    return ok({"success": True})


@bp.post("/campaigns/toll-free/validate")
def validate_campaign():
    """Every problem submission would refuse; guidance only, it blocks nothing."""
    values = load(schema.CampaignValidateSchema(), body())
    problems = backend().validate_campaign(tenant(), values["campaign_id"])
    return ok(schema.validation(problems))


@bp.post("/campaigns/toll-free/autofill")
def autofill_campaign():
    """The campaign's empty fields suggested from its brand (nothing is stored)."""
    values = load(schema.CampaignAutofillSchema(), body())
    suggested = backend().autofill_campaign(
        tenant(), values.get("campaign_id"), values.get("additional_info")
    )
    return ok(schema.autofilled(suggested))


@bp.post("/campaigns/toll-free/list")
def list_campaigns():
    """The tenant's campaigns, newest first, one page."""
    filters = load(schema.CampaignListSchema(), body())
    return ok(page_body(backend().list_campaigns(tenant(), filters, schema.summary)))


@bp.get("/status/toll-free-campaign/<campaign_id>")
def campaign_status(campaign_id: str):
    """Failure reasons and the latest attached number's review, always as one object."""
    return ok(backend().campaign_status(tenant(), campaign_id))
