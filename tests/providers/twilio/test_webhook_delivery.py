"""Delivery mechanics through the SDK and a real receiver: retries, the log, odd sinks."""

import json
import time

import requests

from tests.conftest import ISV_TOKEN

from .conftest import PREFIX
from .test_webhook_flows import submit


def test_a_failing_receiver_is_retried_until_it_answers(
    sdk, subscribe, receiver, advance, live_url
):
    subscribe(types=[PREFIX + "requested"])
    receiver.fail_next(2, status=503)
    submit(sdk)
    summary = advance(minutes=1)
    assert summary["deliveries"]["delivered"] == 1
    assert [r["answered"] for r in receiver.received] == [503, 503, 200]
    log = requests.get(f"{live_url}/_mock/webhooks?event_type={PREFIX}requested", timeout=5).json()[
        "deliveries"
    ]
    [delivery] = log
    assert delivery["state"] == "delivered"
    assert [a["status"] for a in delivery["attempts"]] == [503, 503, 200]
    assert delivery["attempts"][0]["at"] == "2025-01-01T00:00:30.000Z"
    assert delivery["headers"]["X-Twilio-Signature"]
    assert delivery["body"].startswith("[{")


def test_a_retry_waits_for_the_clock_and_a_4xx_is_given_up(
    sdk, subscribe, receiver, advance, live_url
):
    subscribe(types=[PREFIX + "requested", PREFIX + "request-approved"])
    receiver.fail_next(1, status=500)
    submit(sdk)
    first = advance(seconds=30)
    assert first["deliveries"] == {
        "attempted": 1,
        "delivered": 0,
        "retrying": 1,
        "failed": 0,
        "discarded": 0,
    }
    assert advance(seconds=10)["deliveries"]["delivered"] == 1
    receiver.fail_next(1, status=410)
    assert advance(minutes=15)["deliveries"]["discarded"] == 1
    states = [
        d["state"]
        for d in requests.get(f"{live_url}/_mock/webhooks", timeout=5).json()["deliveries"]
    ]
    assert states == ["delivered", "discarded"]


def test_redeliver_and_clear_the_log(sdk, subscribe, receiver, advance, live_url):
    subscribe(types=[PREFIX + "requested"])
    submit(sdk)
    advance(minutes=1)
    [delivery] = requests.get(f"{live_url}/_mock/webhooks", timeout=5).json()["deliveries"]
    again = requests.post(f"{live_url}/_mock/webhooks/{delivery['id']}/redeliver", timeout=5)
    assert [a["redelivery"] for a in again.json()["attempts"]] == [False, True]
    assert len(receiver.received) == 2
    assert receiver.received[0]["body"] == receiver.received[1]["body"]
    assert requests.delete(f"{live_url}/_mock/webhooks", timeout=5).json() == {"deleted": 1}
    assert requests.get(f"{live_url}/_mock/webhooks/{delivery['id']}", timeout=5).status_code == 404


def test_a_fragment_or_credentials_in_the_destination_still_validate(sdk, receiver, advance):
    host = receiver.url.removeprefix("http://")
    for destination in (f"{receiver.url}/frag?x=1#section", f"http://user:pass@{host}/auth"):
        sink = sdk.events.v1.sinks.create(
            description="d", sink_type="webhook", sink_configuration={"destination": destination}
        )
        sdk.events.v1.sinks(sink.sid).sink_test.create()
    advance(seconds=0)
    assert len(receiver.received) == 2
    assert receiver.valid_twilio_signatures(ISV_TOKEN)
    with_auth = next(r for r in receiver.received if r["path"].startswith("/auth"))
    assert with_auth["headers"]["Authorization"].startswith("Basic ")


def test_a_test_event_on_a_non_webhook_sink_is_accepted(sdk):
    sink = sdk.events.v1.sinks.create(
        description="k", sink_type="kinesis", sink_configuration={"arn": "arn:aws:kinesis:x"}
    )
    assert sdk.events.v1.sinks(sink.sid).sink_test.create().result == "submitted"


def test_deleting_a_sink_cancels_its_pending_deliveries(
    sdk, subscribe, receiver, advance, live_url
):
    sink = subscribe(types=[PREFIX + "requested"])
    receiver.fail_next(1, status=503)
    submit(sdk)
    advance(seconds=30)
    sdk.events.v1.sinks(sink.sid).delete()
    advance(hours=1)
    [delivery] = requests.get(f"{live_url}/_mock/webhooks", timeout=5).json()["deliveries"]
    assert delivery["state"] == "cancelled"
    assert len(receiver.received) == 1


def _sink_to(sdk, destination: str) -> None:
    """A webhook sink of the seed account subscribed to the ``requested`` event."""
    sink = sdk.events.v1.sinks.create(
        description="d", sink_type="webhook", sink_configuration={"destination": destination}
    )
    sdk.events.v1.subscriptions.create(
        description="s", sink_sid=sink.sid, types=[{"type": PREFIX + "requested"}]
    )


def test_a_handler_that_calls_the_control_api_does_not_deadlock(sdk, live_url, answering_endpoint):
    """The receiver forces the next move while its own delivery is still in flight."""
    answers = []

    def force_approval(raw: bytes) -> None:
        body = json.loads(raw)
        if body[0]["type"] == PREFIX + "requested":
            sid = body[0]["data"]["tollfreeverificationsid"]
            answers.append(
                requests.post(
                    f"{live_url}/_mock/records/{sid}/transition",
                    json={"status": "TWILIO_APPROVED"},
                    timeout=10,
                )
            )

    _sink_to(sdk, answering_endpoint(force_approval))
    verification = submit(sdk, business_name="Sandbox Stuck In Review")
    started = time.monotonic()
    summary = requests.post(f"{live_url}/_mock/clock/advance", json={"minutes": 1}, timeout=30)
    assert time.monotonic() - started < 3
    assert [a.status_code for a in answers] == [200]
    assert summary.json()["deliveries"]["delivered"] == 1
    fetched = sdk.messaging.v1.tollfree_verifications(verification.sid).fetch()
    assert fetched.status == "TWILIO_APPROVED"


def test_a_handler_that_advances_the_clock_does_not_stall_the_advance_it_answers(
    sdk, live_url, answering_endpoint
):
    """The inner advance does not wait for the delivery whose handler called it (that
    delivery cannot finish before the handler does), so neither side hits the timeout."""
    answers = []

    def advance_too(raw: bytes) -> None:
        if json.loads(raw)[0]["type"] == PREFIX + "requested":
            answers.append(
                requests.post(f"{live_url}/_mock/clock/advance", json={"seconds": 1}, timeout=30)
            )

    _sink_to(sdk, answering_endpoint(advance_too))
    submit(sdk)
    summary = requests.post(f"{live_url}/_mock/clock/advance", json={"minutes": 1}, timeout=30)
    assert [a.status_code for a in answers] == [200]
    assert summary.json()["deliveries"] == {
        "attempted": 1,
        "delivered": 1,
        "retrying": 0,
        "failed": 0,
        "discarded": 0,
    }
