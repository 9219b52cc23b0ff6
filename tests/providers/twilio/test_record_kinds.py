"""Each Twilio record kind is declared once: responses show its fields in order, match what
the twilio SDK reads, new records hold every stored field, and the forms take the SDK's
parameters."""

import inspect
import re

import pytest
import requests
from twilio.rest.api.v2010.account import incoming_phone_number as sdk_numbers
from twilio.rest.events.v1 import sink as sdk_sink
from twilio.rest.events.v1 import subscription as sdk_subscription

from mockserver.providers.twilio import TwilioProvider
from mockserver.providers.twilio.records import (
    ACCOUNT,
    API_KEY,
    CUSTOMER_PROFILE,
    PHONE_NUMBER,
    SETTINGS,
    SINK,
    SUBSCRIPTION,
)
from mockserver.providers.twilio.schemas.event_streams import (
    CreateSinkSchema,
    CreateSubscriptionSchema,
    UpdateSinkSchema,
    UpdateSubscriptionSchema,
)
from mockserver.providers.twilio.schemas.phone_numbers import IncomingNumberSchema
from tests.conftest import ISV_SID

from .conftest import ALL_TYPES, PREFIX
from .test_schemas import data_keys, sent_by
from .test_webhook_flows import submit

NUMBERS = f"/2010-04-01/Accounts/{ISV_SID}/IncomingPhoneNumbers"


def shown(kind) -> list[str]:
    return [f.output_name for f in kind.shown()]


def read_by(instance) -> list[str]:
    """The fields an SDK instance reads from a payload, in its order."""
    return re.findall(r'payload\.get\(\s*"([a-z0-9_]+)"', inspect.getsource(instance.__init__))


@pytest.fixture
def records(client, isv_auth, twilio_records):
    """A bought number, a sink and a subscription, as the API renders them."""
    number = client.post(
        f"{NUMBERS}.json", data={"PhoneNumber": "+18335550142"}, headers=isv_auth
    ).get_json()
    return {
        "number": number,
        "sink": client.get(f"/v1/Sinks/{twilio_records['sink']}", headers=isv_auth).get_json(),
        "subscription": client.get(
            f"/v1/Subscriptions/{twilio_records['subscription']}", headers=isv_auth
        ).get_json(),
    }


# The key orders the sandbox rendered before the declarations (the 2010 API's own order for a
# number; a sink in Events v1's): a declaration's order is pinned here, not only by itself.
NUMBER_ORDER = [
    "account_sid", "address_requirements", "address_sid", "api_version", "beta",
    "capabilities", "date_created", "date_updated", "emergency_status",
    "emergency_address_sid", "emergency_address_status", "friendly_name", "identity_sid",
    "origin", "phone_number", "sid", "sms_application_sid", "sms_fallback_method",
    "sms_fallback_url", "sms_method", "sms_url", "status_callback", "status_callback_method",
    "trunk_sid", "uri", "voice_application_sid", "voice_caller_id_lookup",
    "voice_fallback_method", "voice_fallback_url", "voice_method", "voice_url", "bundle_sid",
    "voice_receive_mode", "status", "type",
]  # fmt: skip
SINK_ORDER = [
    "status", "sink_configuration", "description", "sid", "date_created", "sink_type",
    "date_updated", "url", "links",
]  # fmt: skip


def test_a_number_shows_its_declared_fields_which_the_sdk_reads(records):
    assert list(records["number"]) == shown(PHONE_NUMBER) == NUMBER_ORDER
    assert set(shown(PHONE_NUMBER)) == {*read_by(sdk_numbers.IncomingPhoneNumberInstance)}


def test_a_sink_shows_its_declared_fields_which_the_sdk_reads(records):
    assert list(records["sink"]) == shown(SINK) == SINK_ORDER
    assert set(shown(SINK)) == set(read_by(sdk_sink.SinkInstance))


def test_a_subscription_shows_its_declared_fields_in_the_sdks_order(records):
    assert list(records["subscription"]) == shown(SUBSCRIPTION)
    assert shown(SUBSCRIPTION) == read_by(sdk_subscription.SubscriptionInstance)


def test_settings_show_their_defaults_until_set(client, isv_auth, records):
    number = records["number"]
    assert {s.name: number[s.name] for s in SETTINGS} == {s.name: s.default for s in SETTINGS}
    changed = client.post(
        f"{NUMBERS}/{number['sid']}.json",
        data={"SmsUrl": "https://x.example/sms", "VoiceCallerIdLookup": "true"},
        headers=isv_auth,
    ).get_json()
    assert (changed["sms_url"], changed["voice_caller_id_lookup"]) == (
        "https://x.example/sms",
        True,
    )


def test_control_answers_show_the_declared_fields(client):
    account = client.post("/_mock/twilio/accounts", json={"friendly_name": "a"}).get_json()
    assert list(account) == shown(ACCOUNT)
    key = client.post("/_mock/twilio/api-keys", json={"account_sid": ISV_SID}).get_json()
    assert list(key) == shown(API_KEY)
    profile = client.post("/_mock/twilio/customer-profiles", json={"account_sid": ISV_SID})
    assert list(profile.get_json()) == shown(CUSTOMER_PROFILE)
    assert (profile.get_json()["status"], profile.get_json()["profile_type"]) == (
        CUSTOMER_PROFILE.field("status").default,
        CUSTOMER_PROFILE.field("profile_type").default,
    )


def test_a_new_record_of_each_kind_holds_every_stored_field(client, runtime, records):
    account = client.post("/_mock/twilio/accounts", json={}).get_json()["sid"]
    key = client.post("/_mock/twilio/api-keys", json={"account_sid": ISV_SID}).get_json()["sid"]
    profile = client.post("/_mock/twilio/customer-profiles", json={"account_sid": ISV_SID})
    stored = [
        (PHONE_NUMBER, "twilio_phone_numbers", records["number"]["sid"]),
        (SINK, "twilio_sinks", records["sink"]["sid"]),
        (SUBSCRIPTION, "twilio_subscriptions", records["subscription"]["sid"]),
        (ACCOUNT, "twilio_accounts", account),
        (API_KEY, "twilio_api_keys", key),
        (CUSTOMER_PROFILE, "twilio_customer_profiles", profile.get_json()["sid"]),
    ]
    for kind, table, sid in stored:
        record = runtime.store.get(table, sid)
        assert list(record) == [f.name for f in kind.stored()], kind.key


def test_the_forms_take_the_sdks_parameters():
    assert data_keys(IncomingNumberSchema()) == sent_by(sdk_numbers.IncomingPhoneNumberList._create)
    # The update's AccountSid moves a number to another account, which the sandbox does not.
    assert data_keys(IncomingNumberSchema()) >= (
        sent_by(sdk_numbers.IncomingPhoneNumberContext._update) - {"AccountSid"}
    )
    assert data_keys(CreateSinkSchema()) == sent_by(sdk_sink.SinkList._create)
    assert data_keys(UpdateSinkSchema()) == sent_by(sdk_sink.SinkContext._update)
    assert data_keys(CreateSubscriptionSchema()) == sent_by(
        sdk_subscription.SubscriptionList._create
    )
    assert data_keys(UpdateSubscriptionSchema()) >= sent_by(
        sdk_subscription.SubscriptionContext._update
    )


def test_every_kind_is_registered_with_its_statuses():
    kinds = {kind.name: kind for kind in TwilioProvider.record_kinds}
    assert {"verification", "phone_number", "sink", "subscription"} <= set(kinds)
    assert kinds["sink"].statuses() == ("initialized", "validating", "active", "failed")
    assert kinds["customer_profile"].statuses()[-1] == "twilio-approved"
    assert kinds["subscription"].statuses() == ()


def test_deleting_a_subscription_leaves_its_sinks_queued_deliveries(
    sdk, subscribe, receiver, advance, live_url
):
    sink = subscribe(types=[PREFIX + "requested"])
    receiver.fail_next(1, status=503)
    submit(sdk)
    advance(seconds=30)
    [subscription] = sdk.events.v1.subscriptions.list(sink_sid=sink.sid)
    sdk.events.v1.subscriptions(subscription.sid).delete()
    advance(minutes=1)
    [delivery] = requests.get(f"{live_url}/_mock/webhooks", timeout=5).json()["deliveries"]
    assert delivery["state"] == "delivered"
    assert len(receiver.received) == 2


def test_subscribed_types_are_added_and_reversioned_through_the_backend(
    twilio_backend, twilio_records
):
    sid = twilio_records["subscription"]
    entry, subscription = twilio_backend.subscribe_event(ISV_SID, sid, ALL_TYPES[1], None)
    assert entry in subscription["types"]
    entry, subscription = twilio_backend.update_subscribed_event(ISV_SID, sid, ALL_TYPES[1], 1)
    assert entry == {"type": ALL_TYPES[1], "schema_version": 1}
    assert twilio_backend.subscribed_event(ISV_SID, sid, ALL_TYPES[1]) == (entry, subscription)
