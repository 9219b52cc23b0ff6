"""Toll-free campaigns: upserted piece by piece (every field optional until submission),
then reviewed: ``INCOMPLETE → IN REVIEW → VERIFIED | FAILED``.
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.ids import IdFactory
from mockserver.store_contract import RecordStore

from .errors import BadRequest, ResourceNotFound
from .models import CAMPAIGN, CAMPAIGN_PREFIX, CampaignStatus
from .paging import Page, Render, by_seq, tenant_page
from .patch import merged

CAMPAIGNS = "pinnacle_campaigns"
DETAILS = CAMPAIGN.editable()


class CampaignBook:
    """Create, change, find and list one tenant's toll-free campaigns."""

    def __init__(self, store: RecordStore, ids: IdFactory):
        self._store, self._ids = store, ids
        store.index(CAMPAIGNS, "tenant", order=by_seq)

    def upsert(self, tenant: str, values: dict, at: datetime) -> dict:
        """Create a campaign (no ``campaign_id``) or change the fields given.

        Nested objects merge (see ``patch``). A campaign in review cannot change; a verified
        one may only be renamed (the name is for the dashboard, carriers never see it); a
        failed one stays FAILED until it is submitted again.
        """
        campaign_id = values.get("campaign_id")
        if campaign_id is None:
            campaign = self._new(tenant, at)
        else:
            campaign = self.get(tenant, campaign_id)
            if campaign["status"] == CampaignStatus.IN_REVIEW:
                raise BadRequest(
                    f"Campaign {campaign_id} is in review and cannot be updated until the "
                    "review finishes."
                )
            reviewed = sorted(set(values) & set(DETAILS) - {"name"})
            if campaign["status"] == CampaignStatus.VERIFIED and reviewed:
                raise BadRequest(
                    f"Campaign {campaign_id} is VERIFIED: only its name can change "
                    f"(not {', '.join(reviewed)}); create a new campaign for other details."
                )
        campaign.update(merged(campaign, {k: v for k, v in values.items() if k in DETAILS}))
        if campaign_id is not None:
            campaign["updated_at"] = format_iso_ms(at)
        self._store.put(CAMPAIGNS, campaign["campaign_id"], campaign)
        return campaign

    def get(self, tenant: str, campaign_id: str, *, shared: bool = False) -> dict:
        """One of the tenant's campaigns (404 otherwise; ``shared``: read-only)."""
        campaign = self._store.get(CAMPAIGNS, campaign_id, shared=shared)
        if campaign is None or campaign["tenant"] != tenant:
            raise ResourceNotFound(f"Campaign {campaign_id} not found.")
        return campaign

    def find(self, campaign_id: str) -> dict | None:
        """A campaign by id, whoever owns it."""
        return self._store.get(CAMPAIGNS, campaign_id)

    def listed(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's campaigns matching the filters, newest first."""
        exact = {"status": "status", "brand_id": "brand"}
        return tenant_page(
            self._store, CAMPAIGNS, tenant, filters, exact,
            render=render, kind="campaign", key="campaign_id",
        )  # fmt: skip

    def owned_by(self, tenant: str) -> list[dict]:
        """Every campaign of a tenant."""
        return self._store.find(CAMPAIGNS, "tenant", tenant)

    def remove(self, campaign_id: str) -> None:
        """Delete a campaign."""
        self._store.delete(CAMPAIGNS, campaign_id)

    def save(self, campaign: dict) -> None:
        """Store a changed campaign."""
        self._store.put(CAMPAIGNS, campaign["campaign_id"], campaign)

    def _new(self, tenant: str, at: datetime) -> dict:
        stamp = format_iso_ms(at)
        while self._store.exists(CAMPAIGNS, campaign_id := CAMPAIGN_PREFIX + self._ids.digits(10)):
            continue
        return CAMPAIGN.new_record(
            {},
            campaign_id=campaign_id,
            seq=self._store.next_number(CAMPAIGNS),
            tenant=tenant,
            created_at=stamp,
            updated_at=stamp,
        )
