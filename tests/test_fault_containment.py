"""One tenant's broken sink, secret or scenario step never stops the engine, the outbox or
another tenant: the broken delivery or plan fails alone, with its reason on record."""

import logging

import pytest

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.engine import PLANS
from mockserver.outbox import DELIVERIES
from mockserver.settings import Settings
from mockserver.testing import new_twilio_account
from mockserver.webhooks import Event
from tests.conftest import T0
from tests.providers.twilio.conftest import PATH, submission

REQUESTED = "com.twilio.messaging.compliance.toll-free-verification.requested"
APPROVED = "com.twilio.messaging.compliance.toll-free-verification.request-approved"
POISONED_URLS = [
    "http://[::1",
    "http://hooks.example/\ud800",
    "http://\ud800.example/",
    "http://a..b/",
    f"http://{'a' * 64}.example/",
    "http://" + ".".join(["a" * 63] * 4) + "/",  # 255 characters
    "http://hooks.example:0/",
]


def _subscribe(account, destination: str) -> str:
    client = account.client()
    sink = client.events.v1.sinks.create(
        description="hooks", sink_type="webhook", sink_configuration={"destination": destination}
    )
    client.events.v1.subscriptions.create(
        description="hooks", sink_sid=sink.sid, types=[{"type": REQUESTED}, {"type": APPROVED}]
    )
    return sink.sid


def _poison_sink(runtime, sink_sid: str, destination: str) -> None:
    """Store a destination that today's check refuses, as an older sandbox could have."""
    sink = runtime.store.get("twilio_sinks", sink_sid)
    sink["sink_configuration"]["destination"] = destination
    runtime.store.put("twilio_sinks", sink_sid, sink)


@pytest.mark.parametrize("destination", POISONED_URLS)
def test_a_poisoned_sink_fails_alone_and_others_stay_on_time(
    runtime, sandbox, receiver, destination, caplog
):
    """The bad sink's deliveries fail with a reason; another account's review and webhooks
    happen when due, and every advance answers 200."""
    victim, bystander = new_twilio_account(sandbox, "victim"), new_twilio_account(sandbox, "by")
    _poison_sink(runtime, _subscribe(victim, receiver.url + "/victim"), destination)
    _subscribe(bystander, receiver.url + "/bystander")
    poisoned = victim.client().messaging.v1.tollfree_verifications.create(**victim.submission())
    healthy = bystander.client().messaging.v1.tollfree_verifications.create(
        **bystander.submission()
    )

    with caplog.at_level(logging.WARNING, logger="mockserver.outbox"):
        summary = sandbox.clock.advance(minutes=16)

    assert {t["record_id"]: t["to"] for t in summary["transitions"]} == {
        poisoned.sid: "TWILIO_APPROVED",
        healthy.sid: "TWILIO_APPROVED",
    }
    assert [r["path"].split("?")[0] for r in receiver.received] == ["/bystander"] * 2
    failed = sandbox.call("GET", f"/_mock/webhooks?account={victim.sid}")["deliveries"]
    assert [d["state"] for d in failed] == ["failed", "failed"]
    assert all("cannot" in d["attempts"][0]["error"] for d in failed)
    assert any("failed" in line for line in caplog.messages)
    assert sandbox.clock.advance(days=1)["deliveries"]["attempted"] == 0


@pytest.mark.parametrize("destination", POISONED_URLS)
def test_a_sink_that_could_never_receive_is_refused_at_creation(sandbox, destination):
    """Twilio's 400 (code 20001) names the destination's problem; nothing is stored."""
    from twilio.base.exceptions import TwilioRestException

    account = new_twilio_account(sandbox, "creator")
    with pytest.raises(TwilioRestException) as raised:
        _subscribe(account, destination)
    assert (raised.value.status, raised.value.code) == (400, 20001)
    assert "SinkConfiguration.destination" in raised.value.msg
    assert account.client().events.v1.sinks.list() == []


def test_a_poisoned_sink_stored_before_a_restart_is_contained_after_it(tmp_path, isv_auth):
    """A file store holding a poisoned sink and a pending review restarts and ticks: the
    review completes and the sink's deliveries fail (the old engine stalled forever)."""
    settings = Settings(store=str(tmp_path / "store.json"), random_seed=3)
    first = create_app(settings, clock=ManualClock(T0))
    client = first.test_client()
    sink = client.post(
        "/v1/Sinks",
        data={
            "Description": "old",
            "SinkType": "webhook",
            "SinkConfiguration": '{"destination": "http://hooks.example/"}',
        },
        headers=isv_auth,
    ).get_json()
    client.post(
        "/v1/Subscriptions",
        data={"Description": "old", "SinkSid": sink["sid"], "Types": f'{{"type": "{REQUESTED}"}}'},
        headers=isv_auth,
    )
    _poison_sink(first.extensions["mockserver"], sink["sid"], "http://[::1")
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    first.extensions["mockserver"].close()

    again = create_app(settings, clock=ManualClock(T0))
    try:
        response = again.test_client().post("/_mock/clock/advance", json={"minutes": 16})
        assert response.status_code == 200
        assert [t["to"] for t in response.get_json()["transitions"]] == [
            "IN_REVIEW",
            "TWILIO_APPROVED",
        ]
        [delivery] = again.extensions["mockserver"].outbox.deliveries(record_id=sid)
        assert delivery["state"] == "failed"
    finally:
        again.extensions["mockserver"].close()


def test_a_secret_that_cannot_be_a_header_is_refused(sandbox, receiver):
    """``POST /_mock/pinnacle/webhooks`` answers the control API's 400 naming ``secret``."""
    from mockserver.control_client import ControlError

    with pytest.raises(ControlError) as raised:
        sandbox.call(
            "POST", "/_mock/pinnacle/webhooks", json={"url": receiver.url, "secret": "秘密"}
        )
    assert raised.value.status == 400
    assert "secret" in raised.value.body["fields"]


def test_a_stored_secret_that_cannot_be_a_header_fails_its_delivery_alone(
    runtime, sandbox, receiver
):
    """A delivery whose header cannot be sent fails with one attempt and a reason; a later
    event to the same URL under a good secret is delivered, and advancing answers 200."""
    backend = runtime.backend("pinnacle")
    bad = backend.subscribe(receiver.url + "/bad", None, "sandbox")
    stored = runtime.store.get("pinnacle_webhook_subscriptions", bad["id"])
    runtime.store.put("pinnacle_webhook_subscriptions", bad["id"], {**stored, "secret": "秘密"})
    backend.subscribe(receiver.url + "/good", None, "fine")
    event = Event("pinnacle", "CAMPAIGN.STATUS", "key", "tf_1", runtime.clock.now(), {"a": 1})
    runtime.outbox.enqueue([event])

    summary = sandbox.clock.advance()

    assert summary["deliveries"] == {
        "attempted": 2,
        "delivered": 1,
        "retrying": 0,
        "failed": 1,
        "discarded": 0,
    }
    [failed] = sandbox.call("GET", "/_mock/webhooks?state=failed")["deliveries"]
    assert failed["url"].endswith("/bad") and len(failed["attempts"]) == 1
    assert failed["attempts"][0]["error"].startswith("cannot send")
    assert [r["path"] for r in receiver.received] == ["/good"]


def test_a_router_that_raises_leaves_a_failed_delivery_and_the_change_stands(runtime):
    """The status change commits; its webhook is a failed delivery saying why."""
    runtime.outbox.register_router("twilio", _raise)
    event = Event("twilio", REQUESTED, "AC1", "HH1", runtime.clock.now(), {})
    [delivery] = runtime.outbox.enqueue([event])
    stored = runtime.store.get(DELIVERIES, delivery["id"])
    assert stored["state"] == "failed"
    assert stored["attempts"][0]["error"] == f"cannot route {REQUESTED} for HH1: RuntimeError: boom"


def test_a_signer_that_raises_fails_its_delivery(runtime, receiver):
    """A per-attempt signer failure is recorded as a failed attempt, not an exception."""
    runtime.outbox.register_router("twilio", lambda event: [_request(receiver.url)])
    runtime.outbox.register_signer("twilio", _raise)
    runtime.outbox.enqueue([Event("twilio", REQUESTED, "AC1", "HH1", runtime.clock.now(), {})])
    report = runtime.outbox.settle(runtime.clock.now())
    assert (report.attempted, report.failed) == (1, 1)
    [delivery] = runtime.outbox.deliveries()
    assert delivery["attempts"][0]["error"] == "cannot sign: RuntimeError: boom"
    assert receiver.received == []


def test_a_scenario_step_that_raises_stops_only_its_own_record(
    runtime, sandbox, monkeypatch, caplog
):
    """Other records still move; the broken plan shows the error in ``/_mock/records``; a
    forced transition revives the record."""
    victim, bystander = new_twilio_account(sandbox, "v2"), new_twilio_account(sandbox, "b2")
    broken = victim.client().messaging.v1.tollfree_verifications.create(**victim.submission())
    fine = bystander.client().messaging.v1.tollfree_verifications.create(**bystander.submission())
    backend = runtime.backend("twilio")
    original = backend.apply_action

    def apply_action(record_id, action, **kwargs):
        if record_id == broken.sid:
            raise KeyError("customer_profile_sid")
        return original(record_id, action, **kwargs)

    monkeypatch.setattr(backend, "apply_action", apply_action)
    with caplog.at_level(logging.ERROR, logger="mockserver.engine"):
        summary = sandbox.clock.advance(minutes=16)

    assert [(t["record_id"], t.get("to")) for t in summary["transitions"] if "to" in t] == [
        (fine.sid, "IN_REVIEW"),
        (fine.sid, "TWILIO_APPROVED"),
    ]
    plan = sandbox.record(broken.sid)["plan"]
    assert plan["state"] == "failed"
    assert plan["error"] == "KeyError: 'customer_profile_sid'"
    assert any(broken.sid in line for line in caplog.messages)
    assert runtime.store.get(PLANS, f"twilio:{broken.sid}")["due"] is None
    assert sandbox.clock.advance(days=2)["transitions"] == []

    monkeypatch.setattr(backend, "apply_action", original)
    assert sandbox.force(broken.sid, "TWILIO_APPROVED")["status"] == "TWILIO_APPROVED"
    assert sandbox.record(broken.sid)["plan"]["state"] != "failed"


def _raise(*args, **kwargs):
    raise RuntimeError("boom")


def _request(url: str):
    from mockserver.webhooks import Request

    return Request(destination=url, url=url, body="{}")


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        (
            "twilio_webhook_url",
            ("http://[::1",),
            "MOCKSERVER_TWILIO_WEBHOOK_URL \\(or MOCKSERVER_WEBHOOK_URL\\)",
        ),
        ("pinnacle_webhook_url", ("ftp://hooks.example/",), "MOCKSERVER_PINNACLE_WEBHOOK_URL"),
        ("pinnacle_signing_secret", "秘密", "MOCKSERVER_PINNACLE_SIGNING_SECRET"),
    ],
)
def test_a_configured_destination_that_could_never_be_sent_to_refuses_to_start(
    setting, value, named
):
    """The server does not start (the CLI turns this ValueError into exit 2) and names the
    setting, instead of failing every delivery later."""
    from mockserver.runtime import Runtime

    with pytest.raises(ValueError, match=named):
        Runtime(Settings(store=":memory:", options={setting: value}))


def test_an_auth_token_that_cannot_sign_fails_its_global_webhook_alone(tmp_path, receiver):
    """A stored token that cannot be encoded fails its own account's delivery to a
    ``--webhook-url``; the same event type of a healthy account still goes out."""
    from mockserver.runtime import Runtime

    runtime = Runtime(
        Settings(store=":memory:", options={"twilio_webhook_url": (receiver.url,)}),
        clock=ManualClock(T0),
    )
    try:
        accounts = runtime.store
        broken = accounts.get("twilio_accounts", "AC00000000000000000000000000000002")
        accounts.put("twilio_accounts", broken["sid"], {**broken, "auth_token": "\ud800"})
        events = [
            Event("twilio", REQUESTED, sid, "HH" + sid[-4:], runtime.clock.now(), {"id": sid})
            for sid in ("AC00000000000000000000000000000002", "AC00000000000000000000000000000001")
        ]
        runtime.outbox.enqueue(events)
        report = runtime.outbox.settle(runtime.clock.now())
        assert (report.attempted, report.delivered) == (1, 1)
        states = {d["account"]: d["state"] for d in runtime.outbox.deliveries()}
        assert states == {
            "AC00000000000000000000000000000002": "failed",
            "AC00000000000000000000000000000001": "delivered",
        }
    finally:
        runtime.close()


def test_a_store_that_cannot_record_attempts_does_not_spin_the_outbox(runtime, receiver):
    """``settle`` returns (the delivery stays pending for a later tick) instead of sending
    the same delivery again and again while every record of it fails."""
    import threading

    runtime.outbox.register_router("twilio", lambda event: [_request(receiver.url)])
    runtime.outbox.enqueue([Event("twilio", REQUESTED, "AC1", "HH1", runtime.clock.now(), {})])
    runtime.outbox._record = _raise  # the store failing under the outbox
    finished = threading.Event()
    reports = []

    def settle():
        reports.append(runtime.outbox.settle(runtime.clock.now()))
        finished.set()

    threading.Thread(target=settle, daemon=True).start()
    assert finished.wait(30)
    assert reports[0].attempted == 0
    [delivery] = runtime.outbox.deliveries()
    assert delivery["state"] == "pending"
    assert len(receiver.received) == 1


def test_damaged_deliveries_never_break_cancel_forget_or_redeliver(runtime, client):
    """Deleting a sink, resetting a tenant and redelivering read a damaged delivery with
    care: the first two skip it, the third answers the control API's 400 naming it."""
    runtime.store.put(
        DELIVERIES, "WHdamaged", {"id": "WHdamaged", "target": "DGsink", "chain": "x"}
    )
    runtime.store.put(DELIVERIES, "nokey", {"target": "DGsink", "state": "pending"})
    assert runtime.outbox.cancel("DGsink") == 0
    assert runtime.outbox.forget("twilio", ["AC1"]) == 0
    response = client.post("/_mock/webhooks/WHdamaged/redeliver")
    assert response.status_code == 400
    assert "WHdamaged is damaged" in response.get_json()["message"]


def test_a_damaged_follower_does_not_make_the_head_of_its_chain_resend(runtime, receiver):
    """The head's outcome is stored (once) although the next delivery of its chain lacks
    its sequence; the damaged one is set aside when it falls due."""
    from datetime import timedelta

    runtime.outbox.register_router("twilio", lambda event: [_request(receiver.url)])
    now = runtime.clock.now()
    head, follower = runtime.outbox.enqueue(
        [
            Event("twilio", REQUESTED, "AC1", "HH1", now, {}),
            Event("twilio", APPROVED, "AC1", "HH1", now + timedelta(hours=1), {}),
        ]
    )
    damaged = runtime.store.get(DELIVERIES, follower["id"])
    del damaged["sequence"]
    runtime.store.put(DELIVERIES, follower["id"], damaged)
    for _ in range(3):
        report = runtime.outbox.settle(runtime.clock.now())
    assert len(receiver.received) == 1
    assert runtime.store.get(DELIVERIES, head["id"])["state"] == "delivered"
    assert report.attempted == 0


def test_an_advance_waits_for_a_send_under_way_when_its_chain_has_more_due(
    runtime, answering_endpoint
):
    """A delivery already being sent when the settle starts holds back the next one of its
    chain, which the settle made due: the settle waits for both and counts the second."""
    import threading
    from datetime import timedelta

    release, first_arrived, settled = threading.Event(), threading.Event(), threading.Event()

    def slow_then_fast(raw: bytes) -> None:
        if not first_arrived.is_set():
            first_arrived.set()
            release.wait(20)

    url = answering_endpoint(slow_then_fast)
    runtime.outbox.register_router("twilio", lambda event: [_request(url)])
    now = runtime.clock.now()
    runtime.outbox.enqueue(
        [
            Event("twilio", REQUESTED, "AC1", "HH1", now, {}),
            Event("twilio", APPROVED, "AC1", "HH1", now + timedelta(minutes=30), {}),
        ]
    )
    runtime.outbox.flush(now, wait=False)  # the first goes out and hangs
    assert first_arrived.wait(10)
    reports = []

    def settle():
        reports.append(runtime.outbox.settle(now + timedelta(hours=1)))
        settled.set()

    threading.Thread(target=settle, daemon=True).start()
    assert not settled.wait(0.3)  # the second is due but held behind the first
    release.set()
    assert settled.wait(10)
    assert [d["state"] for d in runtime.outbox.deliveries()] == ["delivered", "delivered"]
    assert (reports[0].attempted, reports[0].delivered) == (1, 1)
