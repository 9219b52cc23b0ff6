"""Opt-in ``CAMPAIGN.STATUS`` webhooks for toll-free campaigns.

The real API pushes no toll-free status events (polling is the documented way); with
``--pinnacle-webhook-url`` the sandbox sends the SDK's ``CampaignStatusEvent`` shape with
``campaign.type: "TOLL_FREE"`` and the campaign's ``status``, ``error`` and number
``updates`` added, carrying the ``PINNACLE-SIGNING-SECRET`` header (the secret itself,
not an HMAC, as Pinnacle does).
"""

import json
from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.webhooks import Event, Request

PROVIDER = "pinnacle"
EVENT_TYPE = "CAMPAIGN.STATUS"
SECRET_HEADER = "PINNACLE-SIGNING-SECRET"
_LAUNCH = {"VERIFIED": "LAUNCHED", "IN REVIEW": "PENDING"}


def campaign_event(
    campaign: dict, brand: dict | None, updates: dict, at: datetime, event_id: str
) -> Event:
    """The event for a change of a campaign or of one of its numbers."""
    launch = _LAUNCH.get(campaign["status"], "NOT_LAUNCHED")
    payload = {
        "type": EVENT_TYPE,
        "agent": {"id": "", "name": None},
        "campaign": {"publicId": campaign["campaign_id"], "type": "TOLL_FREE"},
        "brand": {
            "publicId": brand["id"] if brand else None,
            "name": brand.get("name") if brand else None,
        },
        "carrierLaunches": {
            "carriers": {"ATT": launch, "TMOBILE": launch, "VERIZON": launch, "OTHERS": launch},
            "verification": {"AEGIS": "NOT_SENT", "GOOGLE": "NOT_SENT"},
        },
        "updatedAt": format_iso_ms(at),
        "status": campaign["status"],
        "error": "; ".join(campaign.get("errors") or []) or None,
        "updates": updates,
        "eventId": event_id,
    }
    return Event(
        provider=PROVIDER,
        type=EVENT_TYPE,
        account=campaign["tenant"],
        record_id=campaign["campaign_id"],
        occurred_at=at,
        payload=payload,
    )


def requests_for(
    event: Event, urls: tuple[str, ...], secret: str, subscriptions: list[dict]
) -> list[Request]:
    """One request per configured URL and per registered subscription, each carrying its
    signing secret (a subscription's deliveries are cancelled with it)."""
    body = json.dumps(event.payload, separators=(",", ":"))

    def headers(with_secret: str) -> dict[str, str]:
        return {"Content-Type": "application/json", SECRET_HEADER: with_secret}

    fixed = [Request(url, url, body, headers(secret)) for url in urls]
    registered = [
        Request(sub["url"], sub["url"], body, headers(sub["secret"]), target=sub["id"])
        for sub in subscriptions
    ]
    return fixed + registered
