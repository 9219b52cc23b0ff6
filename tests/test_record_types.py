"""Plans and deliveries are typed values stored as the documents the store held before they
were: ``to_dict(from_dict(doc))`` gives back ``doc`` byte for byte (same keys, order and value
types, optional keys absent or present), and a document that cannot be read raises an error
naming the field."""

import json

import pytest

from mockserver.deliveries import ABSENT, DELIVERIES, AttemptEntry, Delivery
from mockserver.engine import PLANS
from mockserver.plans import Plan
from tests.providers.twilio.conftest import PATH, TOLL_FREE_PN_2, submission

PLAN = {
    "id": "twilio:HH1",
    "provider": "twilio",
    "record_id": "HH1",
    "scenario": "happy_path",
    "codes": None,
    "phase": "steps",
    "index": 0,
    "step_due": 1735689630.0,
    "manual": False,
    "expire_due": None,
    "due": 1735689630.0,
    "state": "active",
}
PLANS_AS_STORED = [
    PLAN,
    {**PLAN, "index": 2, "step_due": None, "due": None, "state": "finished"},
    {**PLAN, "codes": [30473], "manual": True, "step_due": None, "due": None},
    {**PLAN, "phase": "on_resubmit", "expire_due": 1736294430.0, "expired": False},
    {**PLAN, "phase": "on_late_resubmit", "expired": True},
    {
        **PLAN,
        "state": "failed",
        "due": None,
        "error": "KeyError: 'x'",
        "failed_at": "2025-01-01T00:00:30Z",
    },
    {
        **PLAN,
        "state": "failed",
        "expired": False,
        "error": "boom",
        "failed_at": "2025-01-09T00:22:00Z",
    },
    {**PLAN, "step_due": 1735689630, "due": 1735689630},  # an int, as a hand-written store may hold
]
ENTRY = {
    "at": "2025-01-01T00:00:30.000Z",
    "status": 503,
    "error": None,
    "response": "busy",
    "duration_ms": 1.25,
    "redelivery": False,
    "next_attempt_at": "2025-01-01T00:00:35.123Z",
}
DELIVERY = {
    "id": "WH1",
    "sequence": 1,
    "provider": "twilio",
    "event_type": "com.twilio.messaging.compliance.toll-free-verification.requested",
    "account": "AC1",
    "record_id": "HH1",
    "destination": "http://hooks.example/",
    "target": "DG1",
    "chain": "http://hooks.example/ HH1",
    "url": "http://hooks.example/?bodySHA256=abc",
    "method": "POST",
    "headers": {"Content-Type": "application/json", "X-Twilio-Signature": "s"},
    "body": "[{}]",
    "state": "pending",
    "created_at": 1735689600.0,
    "next_attempt_at": 1735689600.0,
    "deadline": 1735704000.0,
    "attempts": [],
}
DELIVERIES_AS_STORED = [
    DELIVERY,
    {**DELIVERY, "next_attempt_at": 1735689635.123, "attempts": [ENTRY]},
    {
        **DELIVERY,
        "state": "delivered",
        "next_attempt_at": None,
        "attempts": [ENTRY, {**ENTRY, "status": 200, "redelivery": True, "next_attempt_at": None}],
    },
    {  # a request that could not be built: failed at once, its entry names no next attempt
        **DELIVERY,
        "destination": "",
        "target": None,
        "chain": " HH1",
        "url": "",
        "headers": {},
        "body": "",
        "state": "failed",
        "next_attempt_at": None,
        "attempts": [
            {
                "at": "2025-01-01T00:00:00.000Z",
                "status": None,
                "error": "cannot route",
                "response": None,
                "duration_ms": 0.0,
                "redelivery": False,
            }
        ],
    },
    {**DELIVERY, "state": "cancelled", "next_attempt_at": None},
]


def same_bytes(doc: dict, again: dict) -> bool:
    return again == doc and json.dumps(again) == json.dumps(doc)


@pytest.mark.parametrize("doc", PLANS_AS_STORED)
def test_a_stored_plan_round_trips(doc):
    assert same_bytes(doc, Plan.from_dict(doc).to_dict())


@pytest.mark.parametrize("doc", DELIVERIES_AS_STORED)
def test_a_stored_delivery_round_trips(doc):
    delivery = Delivery.from_dict(doc)
    assert same_bytes(doc, delivery.to_dict())
    assert all(isinstance(entry, AttemptEntry) for entry in delivery.attempts)


def test_an_entry_written_without_sending_keeps_its_next_attempt_absent():
    stored = DELIVERIES_AS_STORED[3]["attempts"][0]
    entry = AttemptEntry.from_dict(stored)
    assert entry.next_attempt_at is ABSENT and "next_attempt_at" not in entry.to_dict()
    assert AttemptEntry.from_dict(ENTRY).next_attempt_at == ENTRY["next_attempt_at"]


def test_from_dict_shares_nothing_with_the_stored_document():
    doc = json.loads(json.dumps(DELIVERIES_AS_STORED[1]))
    delivery = Delivery.from_dict(doc)
    delivery.headers["X"] = "y"
    delivery.attempts.append(delivery.attempts[0])
    assert doc == DELIVERIES_AS_STORED[1]
    plan = Plan.from_dict(PLANS_AS_STORED[2])
    plan.codes.append(1)
    assert PLANS_AS_STORED[2]["codes"] == [30473]


def test_every_plan_and_delivery_the_sandbox_stores_round_trips(
    client, runtime, isv_auth, receiver, monkeypatch
):
    """The shapes the engine and the outbox write over a review, a rejection, its expiry,
    a late edit, a step that raises and the webhooks of all that."""
    written: list[tuple[str, dict]] = []
    put = runtime.store.put

    def spy(table: str, key: str, doc: dict) -> None:
        if table in (PLANS, DELIVERIES):
            written.append((table, json.loads(json.dumps(doc))))
        put(table, key, doc)

    monkeypatch.setattr(runtime.store, "put", spy)
    runtime.outbox.register_router(
        "twilio", lambda event: [_request(receiver.url), _request("http://[::1")]
    )
    expiring = client.post(
        PATH, data=submission(BusinessName="Sandbox Reject Then Expire"), headers=isv_auth
    ).get_json()["sid"]
    client.post("/_mock/clock/advance", json={"minutes": 11})
    client.post("/_mock/clock/advance", json={"days": 7})
    client.post(
        f"{PATH}/{expiring}", data={"OptInImageUrls": "https://o.example/b"}, headers=isv_auth
    )
    backend = runtime.backend("twilio")
    monkeypatch.setattr(backend, "apply_action", _raise)
    client.post("/_mock/clock/advance", json={"days": 4})
    monkeypatch.delattr(backend, "apply_action")  # the class's own again
    client.post(PATH, data=submission(TollfreePhoneNumberSid=TOLL_FREE_PN_2), headers=isv_auth)
    client.post("/_mock/clock/advance", json={"minutes": 16})

    kinds = {PLANS: Plan, DELIVERIES: Delivery}
    for table, doc in written:
        assert same_bytes(doc, kinds[table].from_dict(doc).to_dict()), doc
    plans = [doc for table, doc in written if table == PLANS]
    assert {"expired", "error", "failed_at"} <= {key for doc in plans for key in doc}
    assert any("expired" not in doc for doc in plans)
    entries = [e for table, doc in written if table == DELIVERIES for e in doc["attempts"]]
    assert any("next_attempt_at" in e for e in entries)
    assert any("next_attempt_at" not in e for e in entries)


def _request(url: str):
    from mockserver.webhooks import Request, url_problem

    return Request(destination=url, url=url, body="{}", problem=url_problem(url))


def _raise(*args, **kwargs):
    raise KeyError("boom")


@pytest.mark.parametrize("missing", list(PLAN))
def test_a_plan_lacking_a_field_raises_a_key_error_naming_it(missing):
    doc = {key: value for key, value in PLAN.items() if key != missing}
    with pytest.raises(KeyError) as raised:
        Plan.from_dict(doc)
    assert raised.value.args == (missing,)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("id", None),
        ("index", "0"),
        ("index", True),
        ("step_due", "soon"),
        ("due", float("inf")),
        ("manual", 0),
        ("codes", "30473"),
        ("codes", [True]),
        ("expired", "no"),
        ("error", 5),
    ],
)
def test_a_plan_field_of_the_wrong_type_raises_a_type_error_naming_it(name, value):
    with pytest.raises(TypeError, match=f"'{name}' is not a"):
        Plan.from_dict({**PLAN, name: value})


@pytest.mark.parametrize("missing", list(DELIVERY))
def test_a_delivery_lacking_a_field_raises_a_key_error_naming_it(missing):
    doc = {key: value for key, value in DELIVERY.items() if key != missing}
    with pytest.raises(KeyError) as raised:
        Delivery.from_dict(doc)
    assert raised.value.args == (missing,)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sequence", True),
        ("account", 5),
        ("target", 7),
        ("headers", []),
        ("created_at", "yesterday"),
        ("attempts", {}),
        ("attempts", ["2025"]),
        ("attempts", [{**ENTRY, "duration_ms": "1"}]),
        ("attempts", [{**ENTRY, "next_attempt_at": 5}]),
    ],
)
def test_a_delivery_field_of_the_wrong_type_raises_a_type_error(name, value):
    with pytest.raises(TypeError):
        Delivery.from_dict({**DELIVERY, name: value})
