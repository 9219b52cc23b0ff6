"""Deterministic stand-ins for Pinnacle's AI autofill: suggestions built from what is known.

A campaign keeps every value it has and gets the rest from its brand; a brand gets what its
name or website implies. Nothing is stored: the client upserts what it likes.
"""

from urllib.parse import urlsplit

_USE_CASE_FOR_SECTOR = {
    "HEALTHCARE": "HEALTHCARE_ALERTS",
    "FINANCIAL": "FRAUD_ALERTS",
    "INSURANCE": "INSURANCE_SERVICES",
    "RETAIL": "ORDER_NOTIFICATIONS",
    "HOSPITALITY": "BOOKING_CONFIRMATIONS",
    "EDUCATION": "GENERAL_SCHOOL_UPDATES",
    "REAL_ESTATE": "REAL_ESTATE_SERVICES",
    "TECHNOLOGY": "APP_NOTIFICATIONS",
}


def campaign(current: dict, brand: dict | None, additional_info: str | None) -> dict:
    """The campaign with every empty field suggested (snake_case, like stored campaigns)."""
    name = (brand or {}).get("name") or "Your Business"
    site = ((brand or {}).get("website") or "https://www.example.com").rstrip("/")
    contact = (brand or {}).get("email") or f"support@{host_of(site) or 'example.com'}"
    summary = additional_info or f"{name} sends account and order notifications to customers."
    suggested = {
        "name": f"{name} notifications",
        "keywords": {
            "help": {
                "message": f"{name}: for help visit {site}/support or email {contact}. "
                "Msg&data rates may apply. Reply STOP to cancel."
            },
            "opt_in": {
                "message": f"{name}: you're subscribed to notifications. Msg&data rates may "
                "apply. Message frequency varies. Reply HELP for help, STOP to cancel.",
                "keywords": ["START", "SUBSCRIBE"],
            },
        },
        "links": {"privacy_policy": f"{site}/privacy", "terms_of_service": f"{site}/terms"},
        "monthly_volume": "1,000",
        "opt_in": {
            "method": "DIGITAL",
            "url": f"{site}/opt-in",
            "workflow_description": f"Customers opt in on {site}/opt-in by entering their "
            "phone number and ticking an unchecked consent box that names the message types, "
            "frequency, and STOP/HELP instructions.",
        },
        "options": {"age_gated": False},
        "production_message_content": f"{name}: your order #12345 has shipped and arrives "
        "Tuesday. Reply STOP to opt out.",
        "use_case": {
            "summary": summary,
            "value": _USE_CASE_FOR_SECTOR.get((brand or {}).get("sector") or "", "MIXED"),
        },
    }
    filled = {key: current.get(key) or value for key, value in suggested.items()}
    filled["campaign_id"] = current.get("campaign_id")
    filled["brand"] = (brand or {}).get("id")
    return filled


def brand(name: str | None, website: str | None, additional_info: str | None) -> dict:
    """Brand details implied by a name or a website."""
    host = host_of(website) if website else None
    if not name:
        label = (host or "example.com").removeprefix("www.").split(".")[0]
        name = label.replace("-", " ").title()
    if not host:
        host = "www." + "".join(ch for ch in name.lower() if ch.isalnum()) + ".com"
    domain = host.removeprefix("www.")
    return {
        "name": name,
        "dba": name,
        "website": website or f"https://{host}",
        "email": f"founders@{domain}",
        "description": additional_info or f"{name} is a business reachable at {domain}.",
        "address": "500 Folsom Street, San Francisco, CA 94105",
        "contact": {
            "name": "Jane Doe",
            "email": f"jane.doe@{domain}",
            "phone": "+14155550123",
            "title": "Head of Operations",
        },
        "sector": "TECHNOLOGY",
        "type": "PRIVATE_PROFIT",
        "entity_type": "LLC",
    }


def host_of(url: str) -> str | None:
    """The host of a URL, or None for one that cannot be parsed (``http://[::1``)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
