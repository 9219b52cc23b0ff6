"""Pinnacle's record kinds: each declaration names what the rcs SDK reads, the sandbox renders
exactly its shown fields, and a new record holds every stored field."""

import pytest
from rcs import types

from mockserver.providers.pinnacle import PinnacleProvider
from mockserver.providers.pinnacle.brands import BRANDS
from mockserver.providers.pinnacle.campaigns import CAMPAIGNS
from mockserver.providers.pinnacle.messaging import MESSAGES
from mockserver.providers.pinnacle.models import BRAND, CAMPAIGN, MESSAGE, PHONE_NUMBER
from mockserver.providers.pinnacle.numbers import NUMBERS

from .helpers import (
    KEY,
    WIRE_BRAND,
    campaign_verified_by_force,
    sdk_names,
    sending_number,
)


def shown(kind) -> list[str]:
    return [f.output_name for f in kind.shown()]


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        (BRAND, types.ExtendedBrandWithVetting),
        (CAMPAIGN, types.TollFreeCampaignWithExtendedBrandAndStatus),
        (PHONE_NUMBER, types.GetTollFreeCampaignStatusResponseUpdates),
    ],
    ids=lambda value: getattr(value, "name", None) or value.__name__,
)
def test_a_kind_shows_what_the_sdk_model_reads_in_its_order(kind, model):
    assert shown(kind) == sdk_names(model)


def test_a_message_shows_what_the_sdk_message_reads():
    """The SDK lists ``Message`` alphabetically; responses keep the API's own order."""
    assert sorted(shown(MESSAGE)) == sorted(sdk_names(types.Message))


def test_the_provider_registers_its_kinds_with_their_default_scenarios():
    kinds = {kind.name: kind for kind in PinnacleProvider.record_kinds}
    assert list(kinds) == ["brand", "campaign", "phone_number", "message"]
    assert kinds["campaign"].default_scenario == "pinnacle_campaign"
    assert kinds["phone_number"].default_scenario == "pinnacle_number"
    assert kinds["brand"].default_scenario is None
    assert all(kinds[name].verdict_fields == ("codes", "reason") for name in list(kinds)[:3])
    assert kinds["message"].statuses() == ("QUEUED", "SCHEDULED", "CANCELLED")
    assert "INCOMPLETE" in kinds["brand"].statuses() and "VETTED" in kinds["brand"].statuses()


def stored_names(kind) -> set[str]:
    return {f.name for f in kind.stored()}


def test_a_new_brand_holds_every_declared_field_and_shows_exactly_its_shown_ones(client, runtime):
    created = client.post("/brands", json=WIRE_BRAND, headers=KEY).get_json()
    record = runtime.store.get(BRANDS, created["id"])
    assert set(record) == stored_names(BRAND)
    assert (record["status"], record["is_archived"], record["vetting_history"]) == (
        "INCOMPLETE",
        False,
        [],
    )
    fetched = client.get(f"/brands/{created['id']}", headers=KEY).get_json()
    assert list(fetched) == shown(BRAND)


def test_a_brand_leaves_out_the_details_it_was_never_given(client, runtime):
    created = client.post("/brands", json={"name": "Sparse"}, headers=KEY).get_json()
    never_given = {f.name for f in BRAND.create_fields()} - {"name"}
    assert set(runtime.store.get(BRANDS, created["id"])) == stored_names(BRAND) - never_given
    details = {f.output_name for f in BRAND.create_fields()}
    assert [key for key in created if key in details] == ["name"]


def test_a_new_campaign_holds_every_declared_field_and_shows_exactly_its_shown_ones(
    client, runtime
):
    body = {"brand": "b_0000000001", "name": "Kinds"}
    created = client.post("/campaigns/toll-free", json=body, headers=KEY).get_json()
    record = runtime.store.get(CAMPAIGNS, created["campaignId"])
    assert set(record) == stored_names(CAMPAIGN)
    assert record["status"] == "INCOMPLETE" and record["errors"] == []
    assert list(created) == shown(CAMPAIGN)


def test_a_bought_number_holds_every_declared_field(client, runtime):
    found = client.post("/phone-numbers/search", json={"type": ["TOLL_FREE"]}, headers=KEY)
    number = found.get_json()[0]["number"]
    assert client.post("/phone-numbers/buy", json={"numbers": [number]}, headers=KEY).is_json
    record = runtime.store.get(NUMBERS, number)
    assert set(record) == stored_names(PHONE_NUMBER)
    assert (record["status"], record["campaign_id"], record["errors"]) == (None, None, [])


def test_a_number_review_shows_exactly_its_shown_fields(client):
    campaign_id = campaign_verified_by_force(client)
    status = client.get(f"/status/toll-free-campaign/{campaign_id}", headers=KEY).get_json()
    assert list(status["updates"]) == shown(PHONE_NUMBER)  # the placeholder without a number
    attach = {"phones": ["+18005550100"], "campaignType": "TOLL_FREE", "campaignId": campaign_id}
    client.post("/phone-numbers/attach-campaign", json=attach, headers=KEY)
    status = client.get(f"/status/toll-free-campaign/{campaign_id}", headers=KEY).get_json()
    assert status["updates"] == {"errors": [], "number": "+18005550100", "status": "IN_PROGRESS"}


@pytest.mark.parametrize(
    ("route", "body"),
    [
        ("sms", {"text": "Hello"}),
        ("mms", {"text": "", "mediaUrls": ["https://x.example/a.png"]}),
    ],
)
def test_a_sent_message_holds_every_declared_field_and_shows_exactly_its_shown_ones(
    client, runtime, route, body
):
    sender = sending_number(client)
    sent = client.post(
        f"/messages/send/{route}",
        json={"from": sender, "to": "+14155550123", **body},
        headers=KEY,
    ).get_json()
    message_id = sent.get("messageId") or sent["messageIds"][0]
    record = runtime.store.get(MESSAGES, message_id)
    assert set(record) == stored_names(MESSAGE)
    assert record["status"] == "QUEUED" and record["type"] == route.upper()
    fetched = client.get(f"/messages/{message_id}", headers=KEY).get_json()
    assert list(fetched) == shown(MESSAGE) == MESSAGE_ORDER


# The order the sandbox has always rendered a Message in (the SDK's model lists it
# alphabetically, so it cannot pin the order).
MESSAGE_ORDER = [
    "id",
    "content",
    "method",
    "numSegments",
    "receiver",
    "sender",
    "status",
    "type",
    "cost",
    "sentAt",
    "deliveredAt",
    "error",
]


def test_a_brand_detail_set_to_null_shows_null_unlike_one_never_set(client):
    """As before the declaration: a detail cleared with null stays in the brand as null."""
    created = client.post("/brands", json={"name": "Nulls", "dba": "D"}, headers=KEY).get_json()
    updated = client.post("/brands", json={"id": created["id"], "dba": None}, headers=KEY)
    assert updated.get_json()["dba"] is None
    fetched = client.get(f"/brands/{created['id']}", headers=KEY).get_json()
    assert fetched["dba"] is None and "description" not in fetched
