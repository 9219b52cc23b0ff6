"""``mockserver serve --demo``: a handful of customers at different stages, so a demo starts
with something to show.

The story is told the way a customer's code would tell it: through the emulated APIs'
real routes and the control API (Flask's test client, in process), never by writing
records directly, so every record is exactly what those routes make:

- Twilio, seed account: **Acme Dental** approved (and a message delivered from its number),
  **Blue Bikes** in review, **Cobalt Loans** rejected with 30446 and the edit window open
  (and a message from its number blocked with 30032);
- Pinnacle, seed key: **Delta Pharmacy**, brand verified and toll-free campaign verified,
  awaiting its phone number.
"""

import base64
import logging

from flask import Flask

log = logging.getLogger(__name__)

ACCOUNT, TOKEN = "AC00000000000000000000000000000001", "sandbox_auth_token"
PINNACLE_KEY = "sandbox_pinnacle_key"
PROFILE = "BU00000000000000000000000000000002"
SENDS_TO = "+12025550143"
CUSTOMERS = (
    # business name, its toll-free number, where its review stands
    ("Acme Dental", "+18885550171", "TWILIO_APPROVED"),
    ("Blue Bikes", "+18885550172", "IN_REVIEW"),
    ("Cobalt Loans", "+18885550173", "TWILIO_REJECTED"),
)


class DemoError(RuntimeError):
    """A step of the story was refused (the seed file lacks what it needs)."""


def tell(app: Flask) -> list[str]:
    """Create the demo's customers; return the ids of what it made (nothing when a store
    kept from an earlier ``--demo`` run has them already)."""
    teller = _Teller(app)
    owned = teller.call("GET", f"/_mock/twilio/phone-numbers?account_sid={ACCOUNT}")
    if any(n["phone_number"] == CUSTOMERS[0][1] for n in owned.get("phone_numbers", [])):
        log.info("demo story already told in this store")
        return []
    made = [teller.twilio_customer(*customer) for customer in CUSTOMERS]
    made.append(teller.pinnacle_campaign())
    log.info("demo story told: %s", ", ".join(made))
    return made


class _Teller:
    def __init__(self, app: Flask):
        self.client = app.test_client()
        secret = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
        self.twilio = {"Authorization": f"Basic {secret}"}
        self.pinnacle = {"PINNACLE-API-KEY": PINNACLE_KEY}

    def call(self, method: str, path: str, **kwargs) -> dict:
        answer = self.client.open(path, method=method, **kwargs)
        if answer.status_code >= 400:
            raise DemoError(f"{method} {path}: {answer.status_code} {answer.get_data(True)}")
        return answer.get_json(silent=True) or {}

    def twilio_customer(self, name: str, number: str, stage: str) -> str:
        pn = self.call(
            "POST",
            "/_mock/twilio/phone-numbers",
            json={"account_sid": ACCOUNT, "phone_number": number, "friendly_name": name},
        )["sid"]
        if stage != "TWILIO_APPROVED":  # stays where it is until someone presses a button
            self.call(
                "POST",
                "/_mock/scenarios/bind",
                json={"phone_number_sid": pn, "scenario": "stuck_in_review"},
            )
        slug = name.split()[0].lower()
        sid = self.call(
            "POST",
            "/v1/Tollfree/Verifications",
            headers=self.twilio,
            data={
                "BusinessName": name,
                "BusinessWebsite": f"https://{slug}.example",
                "NotificationEmail": f"ops@{slug}.example",
                "UseCaseCategories": "TWO_FACTOR_AUTHENTICATION",
                "UseCaseSummary": f"One-time passcodes for {name} customers",
                "ProductionMessageSample": f"Your {name} code is 123456",
                "OptInImageUrls": f"https://{slug}.example/opt-in.png",
                "OptInType": "VERBAL",
                "MessageVolume": "1,000",
                "TollfreePhoneNumberSid": pn,
                # The seed's approved business profile carries the address and contact.
                "CustomerProfileSid": PROFILE,
            },
        )["sid"]
        self.call("POST", f"/_mock/records/{sid}/transition", json={"action": "review"})
        if stage == "TWILIO_APPROVED":
            self.call("POST", f"/_mock/records/{sid}/transition", json={"action": "approve"})
        elif stage == "TWILIO_REJECTED":
            self.call(
                "POST",
                f"/_mock/records/{sid}/transition",
                json={"action": "reject", "codes": [30446], "edit_allowed": True},
            )
        if stage != "IN_REVIEW":
            self.call(
                "POST",
                f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json",
                headers=self.twilio,
                data={"From": number, "To": SENDS_TO, "Body": f"Your {name} code is 123456"},
            )
        return sid

    def pinnacle_campaign(self) -> str:
        brand = self.call(
            "POST",
            "/brands",
            headers=self.pinnacle,
            json={
                "name": "Delta Pharmacy",
                "address": "500 Folsom Street, San Francisco, CA 94105",
                "contact": {
                    "email": "jane@delta.example",
                    "name": "Jane Doe",
                    "phone": "+14155550123",
                    "title": "Head of Operations",
                },
                "dba": "Delta",
                "description": "Prescriptions ready for pickup.",
                "ein": "12-3456789",
                "email": "founders@delta.example",
                "sector": "HEALTHCARE",
                "type": "PRIVATE_PROFIT",
                "entityType": "LLC",
                "website": "https://delta.example",
            },
        )["id"]
        self.call("POST", f"/brands/{brand}/submit", headers=self.pinnacle)
        self.call("POST", f"/_mock/records/{brand}/transition", json={"status": "VERIFIED"})
        campaign = self.call(
            "POST",
            "/campaigns/toll-free",
            headers=self.pinnacle,
            json={
                "brand": brand,
                "name": "Delta refill reminders",
                "keywords": {
                    "HELP": {"message": "Delta: help at https://delta.example/help. Reply STOP."},
                    "OPT_IN": {
                        "message": "Delta: you're subscribed. Msg&data rates may apply. "
                        "Reply HELP for help, STOP to cancel.",
                        "keywords": ["START"],
                    },
                },
                "links": {
                    "privacyPolicy": "https://delta.example/privacy",
                    "termsOfService": "https://delta.example/terms",
                },
                "monthlyVolume": "1,000",
                "optIn": {
                    "method": "DIGITAL",
                    "url": "https://delta.example/opt-in",
                    "workflowDescription": "Customers tick an unchecked box at checkout.",
                },
                "options": {"ageGated": False},
                "productionMessageContent": "Delta: your refill is ready. Reply STOP to opt out.",
                "useCase": {"summary": "Refill reminders", "value": "HEALTHCARE_ALERTS"},
            },
        )["campaignId"]
        self.call("POST", f"/campaigns/toll-free/submit/{campaign}", headers=self.pinnacle)
        self.call("POST", f"/_mock/records/{campaign}/transition", json={"status": "VERIFIED"})
        return campaign
