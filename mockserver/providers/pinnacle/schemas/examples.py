"""A request body each Pinnacle route takes, for the OpenAPI document (``documented(example=…)``),
naming the seed's records: key ``sandbox_pinnacle_key``, brand ``b_0000000001`` (VERIFIED) and
toll-free number ``+18005550100``.

A send, an attach, a campaign's validate and a reaction name records a fresh sandbox does not
hold (a campaign of the seed's brand, verified, with the seed's number attached and approved):
they show the body, not a request that succeeds on its own.
"""

SEED_KEY = "sandbox_pinnacle_key"
SEED_BRAND, SEED_NUMBER, HANDSET = "b_0000000001", "+18005550100", "+14155550123"
SEED_CAMPAIGN = "tf_0000000001"  # a campaign of the seed's brand (a fresh sandbox has none)
MEDIA = ["https://owl.example/receipt.png"]

BRAND = {
    "name": "Owl Rockets",
    "address": "500 Folsom Street, San Francisco, CA 94105",
    "contact": {
        "email": "ada@owl.example",
        "name": "Ada Owl",
        "phone": "+14155551234",
        "title": "Head of Support",
    },
    "dba": "Owl",
    "description": "Rockets for night owls.",
    "ein": "12-3456789",
    "email": "founders@owl.example",
    "sector": "TECHNOLOGY",
    "type": "PRIVATE_PROFIT",
    "entityType": "LLC",
    "website": "https://owl.example",
}
BRAND_AUTOFILL = {"name": "Owl Rockets", "website": "https://owl.example"}
CAMPAIGN = {
    "brand": SEED_BRAND,
    "name": "Sandbox Brand order alerts",
    "keywords": {
        "HELP": {"message": "Sandbox Brand: help at https://sandbox.example/help. Reply STOP."},
        "OPT_IN": {
            "message": "Sandbox Brand: you're subscribed. Msg&data rates may apply. "
            "Reply HELP for help, STOP to cancel.",
            "keywords": ["START"],
        },
    },
    "links": {
        "privacyPolicy": "https://sandbox.example/privacy",
        "termsOfService": "https://sandbox.example/terms",
    },
    "monthlyVolume": "1,000",
    "optIn": {
        "method": "DIGITAL",
        "url": "https://sandbox.example/opt-in",
        "workflowDescription": "Users tick an unchecked box on the checkout form.",
    },
    "options": {"ageGated": False},
    "productionMessageContent": "Sandbox Brand: your order shipped. Reply STOP to opt out.",
    "useCase": {"summary": "Order notifications", "value": "ORDER_NOTIFICATIONS"},
}
CAMPAIGN_VALIDATE = {"campaignId": SEED_CAMPAIGN}
CAMPAIGN_AUTOFILL = {"additionalInfo": "Order and delivery notifications"}
CAMPAIGN_LIST = {"status": "VERIFIED", "brandId": SEED_BRAND, "pageIndex": 0, "pageSize": 20}
PAGE = {"pageIndex": 0, "pageSize": 20}

SMS = {"from": SEED_NUMBER, "to": HANDSET, "text": "Your order shipped."}
MMS = {"from": SEED_NUMBER, "to": HANDSET, "text": "Your receipt.", "mediaUrls": MEDIA}
MESSAGE_LIST = {"type": "SMS", "direction": "OUTBOUND", **PAGE}
SMS_VALIDATE = {"text": "Your order shipped. 🚀"}
MMS_VALIDATE = {"mediaUrls": MEDIA, "text": "Your receipt."}
SCHEDULE_LIST = {"status": "ACTIVE", **PAGE}
REACT = {"messageId": "msg_0000000001", "reaction": "👍"}

SEARCH = {"type": ["TOLL_FREE"], "options": {"limit": 2}}
BUY = {"numbers": ["+18335550199"]}
DETAILS = {"phone": HANDSET, "level": "advanced"}
ATTACH = {"phones": [SEED_NUMBER], "campaignType": "TOLL_FREE", "campaignId": SEED_CAMPAIGN}
DETACH = {"phones": [SEED_NUMBER]}

API_KEY = {"api_key": "owl_pinnacle_key"}
PHONE_NUMBER = {"api_key": SEED_KEY, "phone_number": "+18005550150"}
WEBHOOK = {"url": "https://owl.example/pinnacle-events", "api_key": SEED_KEY}
