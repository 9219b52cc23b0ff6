"""Toll-free onboarding with Pinnacle's official ``rcs`` SDK: brand, campaign, number.

Each step is a function so an application can run them as its review advances:

    brand_id = register_brand(client, BUSINESS)       # submitted for review
    campaign_id = create_campaign(client, brand_id)   # once the brand is VERIFIED
    number = add_number(client, campaign_id)          # once the campaign is VERIFIED
    if can_send(client, number): send_welcome(client, number, "+14155550123")
"""

from rcs import Pinnacle

BUSINESS = {
    "name": "Owl Deliveries",
    "address": "500 Folsom Street, San Francisco, CA 94105",
    "contact": {
        "name": "Jane Doe",
        "email": "jane@owl.example",
        "phone": "+14155550123",
        "title": "Head of Support",
    },
    "ein": "12-3456789",
    "email": "founders@owl.example",
    "website": "https://owl.example",
    "sector": "RETAIL",
    "type": "PRIVATE_PROFIT",
    "entity_type": "LLC",
}


def register_brand(client: Pinnacle, business: dict) -> str:
    """Create the brand and submit it for review; return its id."""
    brand = client.brands.upsert(**business)
    client.brands.submit(brand.id)
    return brand.id


def create_campaign(client: Pinnacle, brand_id: str, name: str = "Owl order alerts") -> str:
    """Create a toll-free campaign, let autofill draft what we did not write, check it and
    submit it; return its id. Raises ValueError with the validator's findings if incomplete."""
    campaign = client.campaigns.toll_free.upsert(brand=brand_id, name=name)
    draft = client.campaigns.toll_free.autofill(
        campaign_id=campaign.campaign_id, additional_info="Order and delivery updates"
    )
    client.campaigns.toll_free.upsert(
        campaign_id=campaign.campaign_id,
        keywords=draft.keywords,
        links=draft.links,
        monthly_volume=draft.monthly_volume,
        opt_in=draft.opt_in,
        options=draft.options,
        production_message_content=draft.production_message_content,
        use_case=draft.use_case,
    )
    check = client.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    if not check.is_valid:
        raise ValueError("; ".join(f"{e.field}: {e.description}" for e in check.errors))
    client.campaigns.toll_free.submit(campaign.campaign_id)
    return campaign.campaign_id


def add_number(client: Pinnacle, campaign_id: str) -> str:
    """Buy a toll-free number and attach it to the (verified) campaign; return it."""
    [offer] = client.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})
    client.phone_numbers.buy(numbers=[offer.number])
    result = client.phone_numbers.campaign.attach(
        phones=[offer.number], campaign_type="TOLL_FREE", campaign_id=campaign_id
    )
    if result.failed:
        raise RuntimeError(result.failed[0].error)
    return offer.number


def can_send(client: Pinnacle, number: str) -> bool:
    """Whether the number's own carrier review is done."""
    return client.status.get.phone_number(number).status == "ACTIVE"


def send_welcome(client: Pinnacle, number: str, to: str) -> str:
    """Send the first message; return its id."""
    sent = client.messages.sms.send(
        from_=number, to=to, text="Welcome to Owl! Reply STOP to opt out."
    )
    return sent.message_id
