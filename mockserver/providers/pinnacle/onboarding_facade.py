"""The backend's brand and toll-free campaign operations: upsert, read, list, validate,
autofill, submit and vet, each in one store transaction."""

from collections.abc import Callable

from . import guidance
from .errors import BadRequest
from .models import CampaignStatus
from .paging import Page
from .review_driver import ReviewDriver
from .rules import campaign_blockers

Render = Callable[[dict], dict]


class OnboardingFacade(ReviewDriver):
    """Brands and toll-free campaigns, as the routes reach them."""

    # -- brands -------------------------------------------------------------------------

    def upsert_brand(self, tenant: str, values: dict) -> dict:
        """Create or change a brand."""
        with self._store.transaction():
            return self.brands.upsert(tenant, values, self.clock.now())

    def get_brand(self, tenant: str, brand_id: str) -> dict:
        """One of the tenant's brands (404 otherwise)."""
        return self.brands.get(tenant, brand_id)

    def submit_brand(self, tenant: str, brand_id: str) -> None:
        """Send a complete brand to review (again, after a failure or a change)."""
        with self._store.transaction():
            brand = self.brands.get(tenant, brand_id)
            self.brands.check_submittable(brand)
            self._start_review(brand, brand_id, {"business_name": brand["name"]})

    def vet_brand(self, tenant: str, brand_id: str) -> dict:
        """Vet a verified brand with AEGIS."""
        with self._store.transaction():
            return self.brands.vet(tenant, brand_id, self.clock.now())

    def list_brands(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's brands, newest first, as ``render`` shows them."""
        return self.brands.listed(tenant, filters, render)

    @staticmethod
    def validate_brand(values: dict) -> list[dict]:
        """What submitting these brand details would refuse (nothing is stored)."""
        return guidance.validate_brand(values)

    @staticmethod
    def autofill_brand(name: str | None, website: str | None, info: str | None) -> dict:
        """Brand details suggested from a name or website (nothing is stored)."""
        return guidance.autofill_brand(name, website, info)

    # -- campaigns ----------------------------------------------------------------------

    def upsert_campaign(self, tenant: str, values: dict) -> dict:
        """Create or change a toll-free campaign; a new one needs a brand."""
        with self._store.transaction():
            creating = values.get("campaign_id") is None
            if (creating or "brand" in values) and not values.get("brand"):
                why = "Required when creating a campaign." if creating else "May not be null."
                raise BadRequest(f"A campaign needs a brand (POST /brands): {why}", {"brand": why})
            brand = self.brands.find(values.get("brand") or "")
            if values.get("brand") and (brand is None or brand["tenant"] != tenant):
                raise BadRequest(f"Brand {values['brand']} not found.", {"brand": "No such brand."})
            return self.campaigns.upsert(tenant, values, self.clock.now())

    def get_campaign(self, tenant: str, campaign_id: str, *, shared: bool = False) -> dict:
        """One of the tenant's campaigns (404 otherwise; ``shared``: read-only, for rendering)."""
        return self.campaigns.get(tenant, campaign_id, shared=shared)

    def list_campaigns(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's campaigns, newest first, as ``render`` shows them."""
        return self.campaigns.listed(tenant, filters, render)

    def validate_campaign(self, tenant: str, campaign_id: str) -> list[dict]:
        """Every problem submission would refuse, and the guidance (400 for no such campaign)."""
        campaign = self._guided_campaign(tenant, campaign_id)
        return guidance.validate_campaign(campaign, self.brand_of(campaign))

    def autofill_campaign(self, tenant: str, campaign_id: str | None, info: str | None) -> dict:
        """The campaign (or a new one) with its empty fields suggested from its brand."""
        campaign = self._guided_campaign(tenant, campaign_id) if campaign_id else {}
        brand = self.brand_of(campaign) if campaign else None
        return guidance.autofill_campaign(campaign, brand, info)

    def submit_campaign(self, tenant: str, campaign_id: str) -> None:
        """Send a complete campaign of an approved brand to carrier review."""
        with self._store.transaction():
            campaign = self.campaigns.get(tenant, campaign_id)
            if campaign["status"] in (CampaignStatus.IN_REVIEW, CampaignStatus.VERIFIED):
                raise BadRequest(f"Campaign {campaign_id} is already {campaign['status']}.")
            problems = campaign_blockers(campaign, self.brand_of(campaign))
            if problems:
                properties: dict[str, str] = {}
                for found in problems:
                    properties.setdefault(found["field"], found["description"])
                raise BadRequest(
                    f"Campaign {campaign_id} cannot be submitted: "
                    + "; ".join(f"{field}: {why}" for field, why in properties.items()),
                    properties,
                )
            self._start_review(campaign, campaign_id, self._review_inputs(campaign))

    def campaign_status(self, tenant: str, campaign_id: str) -> dict:
        """``GET /status/toll-free-campaign``: failure reasons and the latest number update."""
        campaign = self.campaigns.get(tenant, campaign_id)
        return {
            "error": "; ".join(campaign["errors"]),
            "id": campaign_id,
            "updates": self._latest_update(campaign_id),
        }

    def _guided_campaign(self, tenant: str, campaign_id: str) -> dict:
        campaign = self.campaigns.find(campaign_id)
        if campaign is None or campaign["tenant"] != tenant:
            raise guidance.no_such_campaign(campaign_id)
        return campaign
