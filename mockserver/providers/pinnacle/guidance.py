"""Validate and autofill: guidance that reads brands and campaigns and never changes them.

Neither campaign route declares a 404, so the backend answers an unknown or foreign
campaign with a 400 (``no_such_campaign``).
"""

from . import autofill
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


def validate_campaign(campaign: dict, brand: dict | None) -> list[dict]:
    """Everything worth fixing: what stops a submission and what is guidance only."""
    return campaign_problems(campaign, brand)


def autofill_campaign(campaign: dict, brand: dict | None, info: str | None) -> dict:
    """The campaign (``{}`` for none yet) with its empty fields suggested from its brand."""
    return autofill.campaign(campaign, brand, info)


def no_such_campaign(campaign_id: str) -> BadRequest:
    """The 400 validate and autofill answer for a campaign the key does not have."""
    return BadRequest(f"Campaign {campaign_id} not found.", {"campaignId": "No such campaign."})
