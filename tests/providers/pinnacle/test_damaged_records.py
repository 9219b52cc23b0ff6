"""A stored Pinnacle record missing a field never breaks a list: it is left out (and not
counted), with a warning naming it, and the rest is listed."""

import logging

import pytest

from mockserver.providers.pinnacle.brands import BRANDS
from mockserver.providers.pinnacle.campaigns import CAMPAIGNS
from mockserver.providers.pinnacle.numbers import NUMBERS

from .helpers import KEY, SANDBOX_KEY


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


def _nulled(runtime, table: str, key: str, new_key: str, id_field: str) -> None:
    """Store a copy of a record under a new key, its ``created_at`` null."""
    runtime.store.put(
        table, new_key, {**runtime.store.get(table, key), id_field: new_key, "created_at": None}
    )


def test_a_number_with_a_null_where_a_value_belongs_is_left_out_and_the_sdk_reads_the_list(
    runtime, sdk_for
):
    """``createdAt`` is never null on the wire: the SDK would refuse the whole list over one,
    so the record is left out as damaged."""
    _nulled(runtime, NUMBERS, "+18005550100", "+18335550998", "number")
    listed = [number.number for number in sdk_for(SANDBOX_KEY).phone_numbers.list().data]
    assert "+18005550100" in listed and "+18335550998" not in listed


def test_a_campaign_with_a_null_where_a_value_belongs_is_left_out_and_the_sdk_reads_the_list(
    runtime, sdk_for, pinnacle_records
):
    kept = pinnacle_records["campaign"]
    _nulled(runtime, CAMPAIGNS, kept, "tf_nulled", "campaign_id")
    listed = [c.campaign_id for c in sdk_for(SANDBOX_KEY).campaigns.toll_free.list().data]
    assert kept in listed and "tf_nulled" not in listed


def test_a_brand_with_a_null_where_a_value_belongs_never_breaks_the_list_answer(client, runtime):
    """The brand list writes a stored null as it is (its fields come from the record kind,
    which says nothing of nulls): the answer is a 200, though the SDK refuses the null."""
    _nulled(runtime, BRANDS, "b_0000000001", "b_nulled", "id")
    response = client.post("/brands/list", json={}, headers=KEY)
    assert response.status_code == 200, response.get_json()
    assert "b_0000000001" in [row["id"] for row in response.get_json()["data"]]
