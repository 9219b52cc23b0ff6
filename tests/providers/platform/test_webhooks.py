"""Status changes reach the setup's webhook_url through the outbox, signed Standard-Webhooks
style; the tests verify signatures from the spec, independently of the sandbox's code."""

import json
import time

import pytest

from mockserver.providers.platform.models import VERIFICATION

from .conftest import signature_is_valid

PUBLIC_FIELDS = [f.output_name for f in VERIFICATION.shown()]


@pytest.fixture
def hooked(api, receiver):
    """A setup (same key) whose webhook_url is the receiver, with one toll-free number."""
    setup = api.new_setup(webhook_url=receiver.url + "/platform/events")
    number = api.new_number(setup["id"], "+18774440104")
    return setup, number["id"]


def bodies(receiver) -> list[dict]:
    return [json.loads(request["body"]) for request in receiver.received]


def changes(receiver) -> list[tuple[str, str | None, str]]:
    return [
        (body["type"], body["data"]["previous_status"], body["data"]["verification"]["status"])
        for body in bodies(receiver)
    ]


def test_every_status_change_is_posted_and_signed(api, receiver, hooked):
    setup, number = hooked
    sid = api.submit(setup=setup["id"], number=number).json()["verification_sid"]
    api.advance(hours=1)
    assert changes(receiver) == [
        ("tollfree_verification.status_changed", None, "pending-review"),
        ("tollfree_verification.status_changed", "pending-review", "in-review"),
        ("tollfree_verification.status_changed", "in-review", "twilio-approved"),
    ]
    for request in receiver.received:
        assert request["method"] == "POST"
        assert request["path"] == "/platform/events"
        assert request["headers"]["Content-Type"] == "application/json"
        assert signature_is_valid(request, setup["webhook_secret"])
        assert not signature_is_valid(request, "whsec_" + "A" * 32)
    approved = bodies(receiver)[-1]
    assert approved["timestamp"] == "2025-01-01T00:15:30Z"
    assert approved["data"]["setup_id"] == setup["id"]
    verification = approved["data"]["verification"]
    assert list(verification) == list(PUBLIC_FIELDS)
    assert verification["verification_sid"] == sid
    assert verification == api.fetch(setup=setup["id"], number=number).json()
    headers = receiver.received[-1]["headers"]
    # sent "now" on the receiver's real clock, whatever the virtual time (5-minute tolerance)
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 300
    assert headers["webhook-id"].startswith("msg_")
    assert len({r["headers"]["webhook-id"] for r in receiver.received}) == 3


def test_the_secret_comes_from_the_setup(api):
    setup = api.new_setup()
    assert setup["webhook_secret"].startswith("whsec_")
    assert setup["webhook_url"] is None
    fixed = api.new_setup(webhook_secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    assert fixed["webhook_secret"] == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_a_tampered_body_fails_verification(api, receiver, hooked):
    setup, number = hooked
    api.submit(setup=setup["id"], number=number)
    api.advance(seconds=0)
    request = dict(receiver.wait_for(1)[0])
    request["body"] = request["body"].replace("pending-review", "twilio-approved")
    assert not signature_is_valid(request, setup["webhook_secret"])


def test_rejection_resubmission_and_expiry_are_posted(api, receiver, hooked):
    setup, number = hooked
    api.submit(setup=setup["id"], number=number, business_name="Sandbox Reject Then Expire")
    api.advance(minutes=11)
    rejected = bodies(receiver)[-1]["data"]["verification"]
    assert rejected["rejection_reasons"] == [{"code": 30476, "description": "Opt-in not provided"}]
    assert rejected["edit_allowed"] is True
    api.submit(setup=setup["id"], number=number, business_name="Sandbox Reject Then Expire")
    api.advance(minutes=11)
    api.advance(days=8)
    assert changes(receiver) == [
        ("tollfree_verification.status_changed", None, "pending-review"),
        ("tollfree_verification.status_changed", "pending-review", "in-review"),
        ("tollfree_verification.status_changed", "in-review", "twilio-rejected"),
        ("tollfree_verification.status_changed", "twilio-rejected", "pending-review"),
        ("tollfree_verification.status_changed", "pending-review", "in-review"),
        ("tollfree_verification.status_changed", "in-review", "twilio-approved"),
    ]
    assert all(signature_is_valid(r, setup["webhook_secret"]) for r in receiver.received)


def test_expiry_is_posted_as_its_own_type(api, receiver, hooked):
    setup, number = hooked
    api.submit(setup=setup["id"], number=number, business_name="Sandbox Reject Then Expire")
    api.advance(days=8)
    last = bodies(receiver)[-1]
    assert last["type"] == "tollfree_verification.expired"
    assert last["timestamp"] == "2025-01-08T00:10:30Z"
    assert last["data"]["previous_status"] == "twilio-rejected"
    assert last["data"]["verification"]["status"] == "twilio-rejected"
    assert signature_is_valid(receiver.received[-1], setup["webhook_secret"])


def test_failed_deliveries_are_retried_on_the_virtual_clock(api, receiver, hooked):
    setup, number = hooked
    receiver.fail_next(1, status=503)
    api.submit(setup=setup["id"], number=number)
    api.advance(seconds=0)
    assert [r["answered"] for r in receiver.received] == [503]
    api.advance(seconds=10)
    assert [r["answered"] for r in receiver.received] == [503, 200]
    log = api.control("GET", "/webhooks", params={"provider": "platform"}).json()["deliveries"]
    assert [d["state"] for d in log] == ["delivered"]
    assert log[0]["target"] == setup["id"]


def test_a_setup_without_a_webhook_url_sends_nothing(api, submitted):
    submitted()
    api.advance(hours=1)
    assert api.control("GET", "/webhooks").json()["deliveries"] == []


def test_each_setup_gets_only_its_own_events(api, receiver, hooked):
    setup, number = hooked
    other = api.new_setup(webhook_url=receiver.url + "/other")
    other_number = api.new_number(other["id"], "+18774440105")
    api.submit(setup=setup["id"], number=number)
    api.submit(setup=other["id"], number=other_number["id"])
    api.advance(seconds=0)
    by_path = {r["path"]: r for r in receiver.wait_for(2)}
    assert signature_is_valid(by_path["/platform/events"], setup["webhook_secret"])
    assert signature_is_valid(by_path["/other"], other["webhook_secret"])
    assert not signature_is_valid(by_path["/other"], setup["webhook_secret"])
