"""Validate and autofill: guidance that reads brands and campaigns and never changes them.

Neither route declares a 404, so an unknown or foreign campaign is a 400.
"""

from . import autofill
from .backend import PinnacleBackend
from .errors import BadRequest
from .rules import brand_problems, campaign_problems


def validate_brand(values: dict) -> list[dict]:
    """What submitting these brand details would refuse."""
    return brand_problems(values)


def autofill_brand(name: str | None, website: str | None, info: str | None) -> dict:
    """Brand details suggested from a name or website."""
    if not name and not website:
        raise BadRequest(
            "Either 'name' or 'website' must be provided.",
            {"name": "Give a name or a website.", "website": "Give a name or a website."},
        )
    return autofill.brand(name, website, info)


def validate_campaign(backend: PinnacleBackend, tenant: str, campaign_id: str) -> list[dict]:
    """Everything worth fixing: what stops a submission and what is guidance only."""
    campaign = _campaign(backend, tenant, campaign_id)
    return campaign_problems(campaign, backend.brand_of(campaign))


def autofill_campaign(
    backend: PinnacleBackend, tenant: str, campaign_id: str | None, info: str | None
) -> dict:
    """The campaign with its empty fields suggested from its brand."""
    campaign = _campaign(backend, tenant, campaign_id) if campaign_id else {}
    return autofill.campaign(campaign, backend.brand_of(campaign) if campaign else None, info)


def _campaign(backend: PinnacleBackend, tenant: str, campaign_id: str) -> dict:
    campaign = backend.campaigns.find(campaign_id)
    if campaign is None or campaign["tenant"] != tenant:
        raise BadRequest(f"Campaign {campaign_id} not found.", {"campaignId": "No such campaign."})
    return campaign
