"""A stored Twilio record missing a field never breaks a list: it is left out, with a
warning naming it, and the rest is listed."""

import logging

import pytest

from mockserver.providers.twilio.accounts import PHONE_NUMBERS
from tests.conftest import ISV_SID

from .conftest import PATH, TOLL_FREE_PN

DAMAGED = "e" * 32


def damaged_copy(runtime, table: str, key: str, prefix: str, *missing: str) -> str:
    """Store a copy of a record under a new sid, without the ``missing`` fields."""
    doc = {**runtime.store.get(table, key), "sid": prefix + DAMAGED}
    for name in missing:
        doc.pop(name, None)
    runtime.store.put(table, prefix + DAMAGED, doc)
    return prefix + DAMAGED


@pytest.mark.parametrize("missing", ["sid", "date_created", "status", "business_name"])
def test_a_verification_missing_a_field_never_breaks_the_list(
    client, isv_auth, runtime, verification, missing
):
    kept = verification()["sid"]
    damaged_copy(runtime, "twilio_verifications", kept, "HH", missing)
    response = client.get(PATH, headers=isv_auth)
    assert response.status_code == 200
    assert kept in [item["sid"] for item in response.get_json()["verifications"]]


def test_a_verification_that_cannot_be_rendered_is_left_out_with_a_warning(
    client, isv_auth, runtime, verification, caplog
):
    kept = verification()["sid"]
    damaged_copy(runtime, "twilio_verifications", kept, "HH", "sid")
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        listed = client.get(PATH, headers=isv_auth).get_json()["verifications"]
    assert [item["sid"] for item in listed] == [kept]
    [warning] = caplog.records
    assert "left damaged verification (no id; fields " in warning.getMessage()
    assert warning.getMessage().endswith("no 'sid' field")


@pytest.mark.parametrize("missing", ["config", "toll_free", "date_created", "friendly_name"])
def test_a_phone_number_missing_a_field_never_breaks_its_lists(
    client, isv_auth, runtime, missing, caplog
):
    damaged = damaged_copy(runtime, PHONE_NUMBERS, TOLL_FREE_PN, "PN", missing)
    base = f"/2010-04-01/Accounts/{ISV_SID}/IncomingPhoneNumbers"
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        for path in (f"{base}.json", f"{base}/TollFree.json", f"{base}.json?FriendlyName=x"):
            response = client.get(path, headers=isv_auth)
            assert response.status_code == 200, path
            assert damaged not in str(response.get_json())
        control = client.get(f"/_mock/twilio/phone-numbers?account_sid={ISV_SID}")
    assert control.status_code == 200
    shown = [item["sid"] for item in control.get_json()["phone_numbers"]]
    assert TOLL_FREE_PN in shown
    assert all(damaged in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("table", "prefix", "path", "missing"),
    [
        ("twilio_sinks", "DG", "/v1/Sinks", "status"),
        ("twilio_sinks", "DG", "/v1/Sinks", "sink_configuration"),
        ("twilio_subscriptions", "DF", "/v1/Subscriptions", "sink_sid"),
        ("twilio_subscriptions", "DF", "/v1/Subscriptions", "date_created"),
    ],
)
def test_an_event_streams_record_missing_a_field_never_breaks_its_list(
    client, isv_auth, runtime, twilio_records, table, prefix, path, missing
):
    kind = "sink" if prefix == "DG" else "subscription"
    damaged = damaged_copy(runtime, table, twilio_records[kind], prefix, missing)
    response = client.get(path, headers=isv_auth)
    assert response.status_code == 200
    listed = [item["sid"] for item in response.get_json()[path.rsplit("/", 1)[1].lower()]]
    assert listed == [twilio_records[kind]] and damaged not in listed


def test_a_subscribed_type_missing_a_field_never_breaks_the_list(
    client, isv_auth, runtime, twilio_records
):
    sid = twilio_records["subscription"]
    subscription = runtime.store.get("twilio_subscriptions", sid)
    subscription["types"].append({"type": "com.twilio.broken"})  # no schema_version
    runtime.store.put("twilio_subscriptions", sid, subscription)
    response = client.get(f"/v1/Subscriptions/{sid}/SubscribedEvents", headers=isv_auth)
    assert response.status_code == 200
    assert [item["type"] for item in response.get_json()["types"]] == [twilio_records["event_type"]]


@pytest.mark.parametrize(
    ("table", "prefix", "query", "missing"),
    [
        ("twilio_sinks", "DG", "/v1/Sinks?InUse=true", "sid"),
        ("twilio_sinks", "DG", "/v1/Sinks?Status=active", "status"),
        ("twilio_subscriptions", "DF", "/v1/Sinks?InUse=false", "sink_sid"),
        ("twilio_subscriptions", "DF", "/v1/Subscriptions?SinkSid=DG" + "0" * 32, "sink_sid"),
    ],
)
def test_event_streams_filters_read_a_damaged_record_without_failing(
    client, isv_auth, runtime, twilio_records, table, prefix, query, missing
):
    """The filters themselves never index a field a damaged record may lack."""
    kind = "sink" if prefix == "DG" else "subscription"
    damaged_copy(runtime, table, twilio_records[kind], prefix, missing)
    assert client.get(query, headers=isv_auth).status_code == 200
