"""What Pinnacle's tests share beyond fixtures: request bodies, plain HTTP and control API
clients, and setups on the test client (``sending_number``)."""

from copy import deepcopy

import requests
from rcs import Pinnacle
from rcs.core.serialization import FieldMetadata

from mockserver.providers.pinnacle.schemas import examples
from mockserver.providers.pinnacle.schemas.examples import SEED_BRAND, SEED_KEY, SEED_NUMBER

SANDBOX_KEY = SEED_KEY
KEY = {"PINNACLE-API-KEY": SANDBOX_KEY}  # the seed's key, as a header
# A complete brand and toll-free campaign as the wire carries them: the OpenAPI document's
# examples (copies: a test changing one leaves the document alone), whose being accepted
# tests/admin/test_openapi_examples.py checks; the campaign without its brand, which each
# use names.
WIRE_BRAND = deepcopy(examples.BRAND)
WIRE_CAMPAIGN = {k: v for k, v in deepcopy(examples.CAMPAIGN).items() if k != "brand"}

# A complete brand as the rcs SDK takes it (keyword arguments, snake_case).
BRAND = {
    "name": "Acme Rockets",
    "address": "500 Folsom Street, San Francisco, CA 94105",
    "contact": {
        "email": "jane@acme.example",
        "name": "Jane Doe",
        "phone": "+14155550123",
        "title": "Head of Support",
    },
    "dba": "Acme",
    "description": "Rockets for road runners.",
    "ein": "12-3456789",
    "email": "founders@acme.example",
    "sector": "TECHNOLOGY",
    "type": "PRIVATE_PROFIT",
    "entity_type": "LLC",
    "website": "https://acme.example",
}


def campaign_fields(brand_id: str, **overrides) -> dict:
    """Every toll-free campaign field, complete and valid (SDK keyword arguments)."""
    fields = {
        "brand": brand_id,
        "name": "Acme order alerts",
        "keywords": {
            "help": {"message": "Acme Rockets: help at https://acme.example/help. Reply STOP."},
            "opt_in": {
                "message": "Acme Rockets: you're subscribed. Msg&data rates may apply. "
                "Reply HELP for help, STOP to cancel.",
                "keywords": ["START"],
            },
        },
        "links": {
            "privacy_policy": "https://acme.example/privacy",
            "terms_of_service": "https://acme.example/terms",
        },
        "monthly_volume": "1,000",
        "opt_in": {
            "method": "DIGITAL",
            "url": "https://acme.example/opt-in",
            "workflow_description": "Users tick an unchecked box on the checkout form.",
        },
        "options": {"age_gated": False},
        "production_message_content": "Acme Rockets: your order shipped. Reply STOP to opt out.",
        "use_case": {"summary": "Order notifications", "value": "ORDER_NOTIFICATIONS"},
    }
    fields.update(overrides)
    return fields


class Control:
    """The control API of a live sandbox, for moving time and forcing reviews."""

    def __init__(self, url: str):
        self.url = url

    def advance(self, **amount) -> dict:
        """Move the virtual clock and settle."""
        response = requests.post(f"{self.url}/_mock/clock/advance", json=amount, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def force(self, record_id: str, status: str, **extra) -> requests.Response:
        """Force a record to a status."""
        return requests.post(
            f"{self.url}/_mock/records/{record_id}/transition",
            json={"status": status, **extra},
            timeout=10,
        )

    def get(self, path: str, **params) -> requests.Response:
        """GET a control route."""
        return requests.get(f"{self.url}{path}", params=params, timeout=10)

    def post(self, path: str, body: dict) -> requests.Response:
        """POST a control route."""
        return requests.post(f"{self.url}{path}", json=body, timeout=10)


class Http:
    """Plain HTTP calls to Pinnacle routes, for what the SDK cannot send."""

    def __init__(self, url: str, api_key: str | None):
        self.url, self.api_key = url, api_key

    def headers(self, extra: dict | None = None) -> dict:
        """The API key header (when there is a key) plus ``extra``."""
        base = {} if self.api_key is None else {"PINNACLE-API-KEY": self.api_key}
        return {**base, **(extra or {})}

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """Any request; ``headers`` are added to the key header."""
        headers = self.headers(kwargs.pop("headers", None))
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=10, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        """POST a Pinnacle route."""
        return self.call("POST", path, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        """GET a Pinnacle route."""
        return self.call("GET", path, **kwargs)


def key_of(client: Pinnacle) -> str:
    """The API key an rcs client sends."""
    return client._client_wrapper.get_headers()["PINNACLE-API-KEY"]


def sdk_names(model) -> list[str]:
    """The JSON names an rcs model reads, in its order (a Fern alias where it has one)."""
    return [
        next((m.alias for m in info.metadata if isinstance(m, FieldMetadata)), name)
        for name, info in model.model_fields.items()
    ]


def campaign_verified_by_force(client) -> str:
    """A complete campaign of the seed's brand, submitted and forced to VERIFIED (test client)."""
    body = {**WIRE_CAMPAIGN, "brand": SEED_BRAND}
    campaign_id = client.post("/campaigns/toll-free", json=body, headers=KEY).get_json()
    campaign_id = campaign_id["campaignId"]
    assert client.post(f"/campaigns/toll-free/submit/{campaign_id}", headers=KEY).status_code == 200
    force(client, campaign_id, "VERIFIED")
    return campaign_id


def force(client, record_id: str, status: str) -> None:
    """Force a record to a status through the control API (test client)."""
    answer = client.post(f"/_mock/records/{record_id}/transition", json={"status": status})
    assert answer.status_code == 200, answer.get_json()


def sending_number(client) -> str:
    """The seed's number, attached to a verified campaign and approved."""
    campaign_id = campaign_verified_by_force(client)
    attach = {"phones": [SEED_NUMBER], "campaignType": "TOLL_FREE", "campaignId": campaign_id}
    assert (
        client.post("/phone-numbers/attach-campaign", json=attach, headers=KEY).status_code == 200
    )
    force(client, SEED_NUMBER, "VERIFIED")
    return SEED_NUMBER
