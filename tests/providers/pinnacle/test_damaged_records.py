"""A stored Pinnacle record missing a field never breaks a list: it is left out (and not
counted), with a warning naming it, and the rest is listed."""

import logging

import pytest

from mockserver.providers.pinnacle.brands import BRANDS
from mockserver.providers.pinnacle.campaigns import CAMPAIGNS
from mockserver.providers.pinnacle.numbers import NUMBERS

from .helpers import SANDBOX_KEY

KEY = {"PINNACLE-API-KEY": SANDBOX_KEY}


def store_damaged(runtime, table: str, key: str, new_key: str, id_field: str, missing: str):
    """Store a copy of a record under a new key, without the ``missing`` field."""
    doc = {**runtime.store.get(table, key), id_field: new_key}
    doc.pop(missing, None)
    runtime.store.put(table, new_key, doc)


@pytest.mark.parametrize("missing", ["status", "created_at", "seq", "is_archived", "id"])
def test_a_brand_missing_a_field_never_breaks_the_list(client, runtime, missing, caplog):
    store_damaged(runtime, BRANDS, "b_0000000001", "b_damaged", "id", missing)
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        response = client.post("/brands/list", json={}, headers=KEY)
    assert response.status_code == 200
    body = response.get_json()
    assert "b_0000000001" in [brand["id"] for brand in body["data"]]
    assert body["count"] == len(body["data"])
    if missing != "seq":  # only the sort needs it: listed, sorted as the oldest
        assert [r.getMessage() for r in caplog.records] == [
            f"left damaged brand {'b_damaged' if missing != 'id' else _unnamed(runtime)} "
            f"out of a list: no {missing!r} field"
        ]


@pytest.mark.parametrize("missing", ["status", "updated_at", "campaign_id", "brand", "seq"])
def test_a_campaign_missing_a_field_never_breaks_the_list(
    client, runtime, pinnacle_records, missing
):
    kept = pinnacle_records["campaign"]
    store_damaged(runtime, CAMPAIGNS, kept, "tf_damaged", "campaign_id", missing)
    response = client.post("/campaigns/toll-free/list", json={}, headers=KEY)
    assert response.status_code == 200
    assert kept in [campaign["campaignId"] for campaign in response.get_json()["data"]]
    filtered = client.post(
        "/campaigns/toll-free/list", json={"brandId": "b_0000000001"}, headers=KEY
    )
    assert filtered.status_code == 200


@pytest.mark.parametrize("missing", ["created_at", "number", "seq"])
def test_a_number_missing_a_field_never_breaks_the_list(client, runtime, missing):
    store_damaged(runtime, NUMBERS, "+18005550100", "+18335550999", "number", missing)
    response = client.post("/phone-numbers/list", json={}, headers=KEY)
    assert response.status_code == 200
    assert "+18005550100" in [number["number"] for number in response.get_json()["data"]]


def _unnamed(runtime) -> str:
    doc = runtime.store.get(BRANDS, "b_damaged")
    return f"(no id; fields {', '.join(sorted(doc))})"


def test_a_logged_message_missing_fields_is_listed_with_nulls(client, runtime):
    """The message log is a control-API debugging aid: it shows the gaps, not a 500."""
    runtime.store.put("pinnacle_messages", "msg_damaged", {"id": "msg_damaged", "tenant": "k"})
    for query in ("", "?api_key=k", "?type=SMS"):
        response = client.get(f"/_mock/pinnacle/messages{query}")
        assert response.status_code == 200
    [logged] = client.get("/_mock/pinnacle/messages?api_key=k").get_json()["messages"]
    assert (logged["id"], logged["text"], logged["created_at"]) == ("msg_damaged", None, None)


@pytest.mark.parametrize(
    ("table", "key", "new_key", "id_field", "path", "listed"),
    [
        (NUMBERS, "+18005550100", "+18335550998", "number", "/phone-numbers/list", "number"),
        (BRANDS, "b_0000000001", "b_nulled", "id", "/brands/list", "id"),
    ],
)
def test_a_record_with_a_null_where_a_value_belongs_never_breaks_the_list(
    client, runtime, table, key, new_key, id_field, path, listed
):
    """A null is written as stored: the list answers, the sound record in it."""
    doc = {**runtime.store.get(table, key), id_field: new_key, "created_at": None}
    runtime.store.put(table, new_key, doc)
    response = client.post(path, json={}, headers=KEY)
    assert response.status_code == 200, response.get_json()
    assert key in [row[listed] for row in response.get_json()["data"]]


def test_a_campaign_with_a_null_where_a_value_belongs_never_breaks_the_list(
    client, runtime, pinnacle_records
):
    kept = pinnacle_records["campaign"]
    doc = {**runtime.store.get(CAMPAIGNS, kept), "campaign_id": "tf_nulled", "created_at": None}
    runtime.store.put(CAMPAIGNS, "tf_nulled", doc)
    response = client.post("/campaigns/toll-free/list", json={}, headers=KEY)
    assert response.status_code == 200, response.get_json()
    assert kept in [campaign["campaignId"] for campaign in response.get_json()["data"]]
