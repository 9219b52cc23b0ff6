"""Whole lifecycles through the real twilio SDK, delivered to a real local HTTP receiver."""

import requests
from twilio.request_validator import RequestValidator

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver, twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, SUB_SID, SUB_TOKEN, T0

from .conftest import PREFIX, SECONDARY_BU, SUB_BU, SUB_PN, TOLL_FREE_PN
from .test_sdk import KWARGS


def submit(sdk, **overrides):
    kwargs = {
        **KWARGS,
        "tollfree_phone_number_sid": TOLL_FREE_PN,
        "customer_profile_sid": SECONDARY_BU,
        **overrides,
    }
    return sdk.messaging.v1.tollfree_verifications.create(**kwargs)


def types(receiver) -> list[str]:
    return [event["type"].removeprefix(PREFIX) for event in receiver.events()]


def test_approval_arrives_as_signed_cloudevents(sdk, subscribe, receiver, advance):
    subscribe()
    verification = submit(sdk)
    advance(hours=1)
    assert types(receiver) == ["pending-review", "requested", "request-approved"]
    assert receiver.valid_twilio_signatures(ISV_TOKEN)
    request = receiver.received[-1]
    assert request["headers"]["Content-Type"] == "application/json"
    assert "bodySHA256=" in request["url"]
    assert RequestValidator(ISV_TOKEN).validate(
        request["url"], request["body"], request["headers"]["X-Twilio-Signature"]
    )
    assert not RequestValidator("other").validate(
        request["url"], request["body"], request["headers"]["X-Twilio-Signature"]
    )
    approved = receiver.events()[-1]
    assert set(approved) == {
        "specversion",
        "type",
        "source",
        "id",
        "dataschema",
        "datacontenttype",
        "time",
        "data",
    }
    assert approved["specversion"] == "1.0"
    assert approved["time"] == "2025-01-01T00:15:30.000Z"
    assert approved["dataschema"] == (
        "https://events-schemas.twilio.com/TollFree.VerificationRequestApproved/1"
    )
    assert approved["data"]["tollfreeverificationsid"] == verification.sid
    assert approved["data"]["verificationstatus"] == "twilio_approved"
    assert approved["data"]["processeddate"] == 1735690530000
    assert approved["data"]["phonenumbersid"] == TOLL_FREE_PN
    assert approved["data"]["accountsid"] == approved["data"]["parentaccountsid"] == ISV_SID
    assert len({event["id"] for event in receiver.events()}) == 3


def test_reject_edit_approve_with_every_event(sdk, subscribe, receiver, advance):
    subscribe()
    verification = submit(sdk, business_name="Owl [reject:30473,30476]")
    advance(minutes=11)
    rejected = receiver.events()[-1]
    assert rejected["type"] == PREFIX + "request-rejected"
    expected = {
        "verificationstatus": "twilio_rejected",
        "errorcode": 30473,
        "errorcodes": "30473,30476",
        "errordescription": "Cannot validate business website URL; Opt-in not provided",
        "rejectiondate": 1735690230000,
        "editexpiration": 1736295030000,
        "editallowed": True,
        "phonenumber": "+18005550100",
    }
    assert {key: rejected["data"][key] for key in expected} == expected
    sdk.messaging.v1.tollfree_verifications(verification.sid).update(
        business_website="https://owl.example", edit_reason="Website fixed"
    )
    advance(minutes=15)
    assert types(receiver) == [
        "pending-review",
        "requested",
        "request-rejected",
        "edit",
        "requested",
        "request-approved",
    ]
    edit = receiver.events()[3]
    assert edit["data"]["verificationstatus"] == "pending_review"
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_times_in_the_rejected_event_share_one_precision_and_the_window_is_7_days(
    sdk, subscribe, receiver, advance
):
    """A rejection at a sub-second moment: every time is that moment in whole milliseconds."""
    subscribe(types=[PREFIX + "request-rejected"])
    advance(seconds=0.1234567)
    verification = submit(sdk, business_name="Owl [reject:30473]")
    advance(minutes=11)
    [rejected] = receiver.events()
    data = rejected["data"]
    assert rejected["time"] == "2025-01-01T00:10:30.123Z"
    assert data["processeddate"] == data["rejectiondate"] == 1735690230123
    assert data["editexpiration"] - data["rejectiondate"] == 7 * 24 * 3600 * 1000
    fetched = sdk.messaging.v1.tollfree_verifications(verification.sid).fetch()
    assert fetched.edit_expiration.timestamp() == data["editexpiration"] // 1000


def test_a_final_rejection_forbids_the_edit_and_never_expires(sdk, subscribe, receiver, advance):
    subscribe()
    submit(sdk, business_name="Sandbox Rejected Final")
    advance(days=10)
    assert types(receiver) == ["pending-review", "requested", "request-rejected"]
    assert receiver.events()[-1]["data"]["editallowed"] is False


def test_the_expired_event_fires_when_the_edit_window_closes(sdk, subscribe, receiver, advance):
    subscribe()
    verification = submit(sdk, business_name="Sandbox Reject Then Expire")
    advance(days=8)
    assert types(receiver)[-2:] == ["request-rejected", "expired"]
    expired = receiver.events()[-1]
    assert expired["time"] == "2025-01-08T00:10:30.000Z"
    assert expired["data"]["verificationstatus"] == "twilio_rejected"
    fetched = sdk.messaging.v1.tollfree_verifications(verification.sid).fetch()
    assert fetched.status == "TWILIO_REJECTED"


def test_only_subscribed_types_reach_a_sink(sdk, subscribe, receiver, advance):
    subscribe(types=[PREFIX + "request-approved"])
    submit(sdk)
    advance(hours=1)
    assert types(receiver) == ["request-approved"]


def test_batch_events_false_posts_a_single_object(sdk, subscribe, receiver, advance):
    subscribe(types=[PREFIX + "requested"], batch=False)
    submit(sdk)
    advance(minutes=1)
    assert receiver.received[0]["body"].startswith("{")
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_a_subaccounts_events_reach_its_parents_sink_signed_with_the_parents_token(
    sdk, sdk_for, subscribe, receiver, advance
):
    subscribe()
    sub = sdk_for(SUB_SID, SUB_TOKEN)
    submit(sub, tollfree_phone_number_sid=SUB_PN, customer_profile_sid=SUB_BU)
    advance(minutes=1)
    data = receiver.events()[-1]["data"]
    assert (data["accountsid"], data["parentaccountsid"]) == (SUB_SID, ISV_SID)
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_another_accounts_events_do_not_reach_a_sink(sdk_for, subscribe, receiver, advance, client):
    subscribe()
    account = client.post("/_mock/twilio/accounts", json={}).get_json()
    number = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": account["sid"], "phone_number": "+18775550133"},
    ).get_json()["sid"]
    stranger = sdk_for(account["sid"], account["auth_token"])
    submit(
        stranger,
        tollfree_phone_number_sid=number,
        customer_profile_sid=None,
        business_street_address="1 Main St",
        business_city="Town",
        business_state_province_region="CA",
        business_postal_code="94000",
        business_country="US",
        business_contact_first_name="A",
        business_contact_last_name="B",
        business_contact_email="a@b.co",
        business_contact_phone="+14155550100",
    )
    advance(hours=1)
    assert receiver.received == []


def test_the_sink_test_event_is_delivered_as_twilios_examples_show_it(
    sdk, subscribe, receiver, advance
):
    sink = subscribe(types=[PREFIX + "requested"])
    sdk.events.v1.sinks(sink.sid).sink_test.create()
    advance(seconds=0)
    [event] = receiver.events()
    assert event["type"] == "com.twilio.eventstreams.test-event"
    assert (event["source"], event["id"]) == ("Sink", ISV_SID)
    assert event["dataschema"] == "https://events-schemas.twilio.com/EventStreams.TestSink/1.json"
    assert set(event["data"]) == {"test_id"}


def test_the_global_webhook_url_gets_every_event_of_every_account(clock):
    with WebhookReceiver() as hooks:
        app = create_app(
            Settings(store=":memory:", options={"twilio_webhook_url": (hooks.url + "/all",)}),
            clock=ManualClock(T0),
        )
        with serve_in_thread(app) as url:
            from twilio.rest import Client

            for sid, token, pn, bu in (
                (ISV_SID, ISV_TOKEN, TOLL_FREE_PN, SECONDARY_BU),
                (SUB_SID, SUB_TOKEN, SUB_PN, SUB_BU),
            ):
                client = Client(sid, token, http_client=twilio_http_client(url))
                submit(client, tollfree_phone_number_sid=pn, customer_profile_sid=bu)
            requests.post(f"{url}/_mock/clock/advance", json={"hours": 1}, timeout=30)
        app.extensions["mockserver"].close()
        accounts = [event["data"]["accountsid"] for event in hooks.events()]
        assert sorted(accounts) == sorted([ISV_SID] * 3 + [SUB_SID] * 3)
        own = [r for r in hooks.received if f'"accountsid":"{ISV_SID}"' in r["body"]]
        assert len(own) == 3
        assert all(
            RequestValidator(ISV_TOKEN).validate(
                r["url"], r["body"], r["headers"]["X-Twilio-Signature"]
            )
            for r in own
        )


def test_a_restart_mid_scenario_loses_and_repeats_nothing(tmp_path, receiver):
    """Pending transitions and undelivered webhooks survive a restart on the file store."""
    from twilio.rest import Client

    store = str(tmp_path / "state.json")
    settings = Settings(store=store, options={"twilio_webhook_url": (receiver.url + "/all",)})
    first = create_app(settings, clock=ManualClock(T0))
    with serve_in_thread(first) as url:
        client = Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url))
        verification = submit(client)
        requests.post(f"{url}/_mock/clock/advance", json={"seconds": 0}, timeout=30)
        receiver.fail_next(1, status=503)  # "requested" fails and waits for its retry
        requests.post(f"{url}/_mock/clock/advance", json={"seconds": 30}, timeout=30)
    first.extensions["mockserver"].close()
    assert [r["answered"] for r in receiver.received] == [200, 503]

    second = create_app(settings, clock=ManualClock(T0))
    with serve_in_thread(second) as url:
        client = Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url))
        assert client.messaging.v1.tollfree_verifications(verification.sid).fetch().status == (
            "IN_REVIEW"
        )
        summary = requests.post(
            f"{url}/_mock/clock/advance", json={"minutes": 15}, timeout=30
        ).json()
        assert [t["action"] for t in summary["transitions"]] == ["approve"]
        assert client.messaging.v1.tollfree_verifications(verification.sid).fetch().status == (
            "TWILIO_APPROVED"
        )
    second.extensions["mockserver"].close()
    assert [r["answered"] for r in receiver.received] == [200, 503, 200, 200]
    assert types(receiver) == ["pending-review", "requested", "request-approved"]
    assert len({event["id"] for event in receiver.events()}) == 3
