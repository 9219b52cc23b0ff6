"""Pinnacle fixtures: rcs SDK clients on a live sandbox, complete brands and campaigns."""

import itertools

import pytest
import requests
from rcs import Pinnacle
from rcs.core.serialization import FieldMetadata

from mockserver.settings import Settings

_keys = itertools.count(1)

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


@pytest.fixture
def settings() -> Settings:
    """One fast scenario (``happy_path``: 30 s + 15 min) for every kind of Pinnacle record,
    so these tests exercise the mechanics; ``test_timing.py`` checks the documented default
    timings (campaigns under 10 minutes, numbers in 1-3 business days)."""
    return Settings(store=":memory:", random_seed=7, scenario="happy_path")


@pytest.fixture
def control(live_url) -> Control:
    """The live sandbox's control API."""
    return Control(live_url)


@pytest.fixture
def sdk_for(live_url):
    """An rcs client for a given API key."""

    def _sdk_for(api_key: str) -> Pinnacle:
        return Pinnacle(api_key=api_key, base_url=live_url)

    return _sdk_for


@pytest.fixture
def pinnacle(sdk_for) -> Pinnacle:
    """An rcs client with a key of its own (a fresh tenant)."""
    return sdk_for(f"test-key-{next(_keys)}")


@pytest.fixture
def verified_brand(pinnacle, control):
    """A complete brand, submitted and approved by the default scenario."""
    brand = pinnacle.brands.upsert(**BRAND)
    pinnacle.brands.submit(brand.id)
    control.advance(minutes=20)
    return pinnacle.brands.get(brand.id)


@pytest.fixture
def verified_campaign(pinnacle, control, verified_brand):
    """A complete campaign of an approved brand, submitted and verified."""
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields(verified_brand.id))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    return pinnacle.campaigns.toll_free.get(campaign.campaign_id)


@pytest.fixture
def toll_free_number(pinnacle) -> str:
    """A toll-free number bought from the sandbox's inventory."""
    found = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})
    return pinnacle.phone_numbers.buy(numbers=[found[0].number])[0].number


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


@pytest.fixture
def http(live_url, pinnacle) -> Http:
    """Plain HTTP with the same API key as the ``pinnacle`` client."""
    return Http(live_url, key_of(pinnacle))


@pytest.fixture
def anonymous(live_url) -> Http:
    """Plain HTTP without any API key header."""
    return Http(live_url, None)


@pytest.fixture
def other(sdk_for) -> Pinnacle:
    """A second tenant: an rcs client with another key of its own."""
    return sdk_for(f"other-key-{next(_keys)}")


@pytest.fixture
def active_number(pinnacle, control, verified_campaign, toll_free_number) -> str:
    """A toll-free number attached to a verified campaign whose own review is approved."""
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number],
        campaign_type="TOLL_FREE",
        campaign_id=verified_campaign.campaign_id,
    )
    control.advance(minutes=20)
    assert pinnacle.status.get.phone_number(toll_free_number).status == "ACTIVE"
    return toll_free_number


SANDBOX_KEY = "sandbox_pinnacle_key"


@pytest.fixture
def pinnacle_records(client) -> dict[str, str]:
    """The seed's key, brand and number, and a campaign of that brand (test client)."""
    campaign = client.post(
        "/campaigns/toll-free",
        json={"brand": "b_0000000001", "name": "Bad input"},
        headers={"PINNACLE-API-KEY": SANDBOX_KEY},
    ).get_json()["campaignId"]
    return {
        "key": SANDBOX_KEY,
        "brand": "b_0000000001",
        "campaign": campaign,
        "number": "+18005550100",
    }


@pytest.fixture
def sdk_records(pinnacle, verified_brand, verified_campaign, active_number) -> dict[str, str]:
    """One record of every kind a call of the rcs SDK can name: a verified brand and campaign,
    a complete brand and campaign not yet submitted, a number that may send, a spare
    toll-free number, a sent message and a scheduled one."""
    spare = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[spare])
    schedule = {"schedule": {"send_at": "2030-01-01T09:00:00Z"}}
    send = pinnacle.messages.sms.send
    return {
        "brand": verified_brand.id,
        "draft_brand": pinnacle.brands.upsert(**BRAND).id,
        "campaign": verified_campaign.campaign_id,
        "draft_campaign": pinnacle.campaigns.toll_free.upsert(
            **campaign_fields(verified_brand.id)
        ).campaign_id,
        "number": active_number,
        "spare": spare,
        "message": send(from_=active_number, to="+14155550123", text="hi").message_id,
        "schedule": send(
            from_=active_number, to="+14155550123", text="later", options=schedule
        ).schedule_id,
    }


KEY = {"PINNACLE-API-KEY": SANDBOX_KEY}  # the seed's key, as a header
WIRE_BRAND = {
    "name": "Kinds Inc",
    "address": "500 Folsom Street, San Francisco, CA 94105",
    "contact": {
        "email": "jane@kinds.example",
        "name": "Jane Doe",
        "phone": "+14155550123",
        "title": "Head of Support",
    },
    "dba": "Kinds",
    "description": "Record kinds.",
    "ein": "12-3456789",
    "email": "founders@kinds.example",
    "sector": "TECHNOLOGY",
    "type": "PRIVATE_PROFIT",
    "entityType": "LLC",
    "website": "https://kinds.example",
}
WIRE_CAMPAIGN = {
    "name": "Sandbox Brand order alerts",
    "keywords": {
        "HELP": {"message": "Sandbox Brand: help at https://x.example/help. Reply STOP."},
        "OPT_IN": {
            "message": "Sandbox Brand: you're subscribed. Msg&data rates may apply. "
            "Reply HELP for help, STOP to cancel.",
            "keywords": ["START"],
        },
    },
    "links": {
        "privacyPolicy": "https://x.example/privacy",
        "termsOfService": "https://x.example/terms",
    },
    "monthlyVolume": "1,000",
    "optIn": {
        "method": "DIGITAL",
        "url": "https://x.example/opt-in",
        "workflowDescription": "Users tick an unchecked box on the checkout form.",
    },
    "options": {"ageGated": False},
    "productionMessageContent": "Sandbox Brand: your order shipped. Reply STOP to opt out.",
    "useCase": {"summary": "Order notifications", "value": "ORDER_NOTIFICATIONS"},
}


def sdk_names(model) -> list[str]:
    """The JSON names an rcs model reads, in its order (a Fern alias where it has one)."""
    return [
        next((m.alias for m in info.metadata if isinstance(m, FieldMetadata)), name)
        for name, info in model.model_fields.items()
    ]


def campaign_verified_by_force(client) -> str:
    """A complete campaign of the seed's brand, submitted and forced to VERIFIED (test client)."""
    body = {**WIRE_CAMPAIGN, "brand": "b_0000000001"}
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
    attach = {"phones": ["+18005550100"], "campaignType": "TOLL_FREE", "campaignId": campaign_id}
    assert (
        client.post("/phone-numbers/attach-campaign", json=attach, headers=KEY).status_code == 200
    )
    force(client, "+18005550100", "VERIFIED")
    return "+18005550100"
