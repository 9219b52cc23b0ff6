"""A stored delivery, plan or start record that lacks a field (or holds one it cannot read)
never stops the outbox, the engine, the control API or a start: it is set aside with one
warning line and everything else carries on."""

import json
import logging

import pytest

from mockserver.clock import ManualClock
from mockserver.engine import PLANS
from mockserver.outbox import DELIVERIES
from mockserver.runtime import Runtime
from mockserver.settings import Settings
from mockserver.webhooks import Event, Request
from tests.conftest import T0
from tests.providers.twilio.conftest import PATH, TOLL_FREE_PN_2, submission

REQUESTED = "com.twilio.messaging.compliance.toll-free-verification.requested"


def enqueue(runtime, url: str, *record_ids: str) -> list[dict]:
    """One pending delivery to ``url`` per record id (the same id twice: one chain)."""
    runtime.outbox.register_router(
        "twilio", lambda event: [Request(destination=url, url=url, body="{}")]
    )
    now = runtime.clock.now()
    return runtime.outbox.enqueue(
        [Event("twilio", REQUESTED, "AC1", record_id, now, {}) for record_id in record_ids]
    )


def damage(runtime, table: str, key: str, *missing: str, **changed) -> None:
    """Store a record again without the ``missing`` fields and with ``changed`` ones."""
    doc = {**runtime.store.get(table, key), **changed}
    for name in missing:
        doc.pop(name)
    runtime.store.put(table, key, doc)


def outbox_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "mockserver.outbox" and r.levelno == logging.WARNING
    ]


@pytest.mark.parametrize("missing", ["created_at", "sequence", "next_attempt_at", "deadline"])
def test_the_delivery_log_lists_a_delivery_missing_a_field(client, runtime, missing):
    """The missing time shows as null, a delivery without a sequence comes last."""
    damaged, fine = enqueue(runtime, "http://hooks.example/", "HH1", "HH2")
    damage(runtime, DELIVERIES, damaged["id"], missing)
    response = client.get("/_mock/webhooks")
    assert response.status_code == 200
    listed = response.get_json()["deliveries"]
    assert {d["id"] for d in listed} == {damaged["id"], fine["id"]}
    if missing in ("created_at", "next_attempt_at", "deadline"):
        assert next(d for d in listed if d["id"] == damaged["id"])[missing] is None
    if missing == "sequence":
        assert [d["id"] for d in listed] == [fine["id"], damaged["id"]]


def test_a_delivery_the_log_cannot_show_is_left_out_with_a_warning(client, runtime, caplog):
    damaged, fine = enqueue(runtime, "http://hooks.example/", "HH1", "HH2")
    damage(runtime, DELIVERIES, damaged["id"], created_at="yesterday")
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        response = client.get("/_mock/webhooks")
    assert response.status_code == 200
    assert [d["id"] for d in response.get_json()["deliveries"]] == [fine["id"]]
    [warning] = caplog.messages
    assert warning.startswith(f"left damaged webhook delivery {damaged['id']} out of a list")


@pytest.mark.parametrize(
    ("missing", "changed"),
    [
        (("next_attempt_at",), {}),
        (("sequence",), {}),
        (("chain",), {}),
        (("deadline",), {}),
        ((), {"next_attempt_at": "soon"}),
        ((), {"account": 5}),
        ((), {"attempts": [{"at": "2025-01-01T00:00:00.000Z"}]}),
    ],
)
def test_a_damaged_pending_delivery_is_set_aside_once_and_the_others_go(
    client, runtime, receiver, caplog, missing, changed
):
    """Every advance answers 200; the damaged delivery fails with its reason and one
    warning (not one per tick); another tenant's delivery is sent."""
    damaged, fine = enqueue(runtime, receiver.url, "HH1", "HH2")
    damage(runtime, DELIVERIES, damaged["id"], *missing, **changed)
    with caplog.at_level(logging.WARNING, logger="mockserver.outbox"):
        for _ in range(3):
            assert client.post("/_mock/clock/advance", json={"seconds": 10}).status_code == 200
    assert len(receiver.received) == 1
    assert runtime.outbox.get(fine["id"])["state"] == "delivered"
    set_aside = runtime.outbox.get(damaged["id"])
    assert set_aside["state"] == "failed"
    assert set_aside["attempts"][-1]["error"].startswith("damaged record: ")
    [warning] = outbox_warnings(caplog)
    assert damaged["id"] in warning


def test_a_damaged_delivery_does_not_hold_back_the_next_of_its_chain(client, runtime, receiver):
    first, second = enqueue(runtime, receiver.url, "HH1", "HH1")
    damage(runtime, DELIVERIES, first["id"], "next_attempt_at")
    assert client.post("/_mock/clock/advance", json={"seconds": 10}).status_code == 200
    assert runtime.outbox.get(second["id"])["state"] == "delivered"
    assert len(receiver.received) == 1


def test_a_pending_delivery_without_an_id_is_skipped_and_logged_once(
    client, runtime, receiver, caplog
):
    """It cannot be stored as failed (nothing names it): it stays as it is, quietly."""
    damaged, fine = enqueue(runtime, receiver.url, "HH1", "HH2")
    damage(runtime, DELIVERIES, damaged["id"], "id")
    with caplog.at_level(logging.WARNING, logger="mockserver.outbox"):
        for _ in range(3):
            assert client.post("/_mock/clock/advance", json={"seconds": 10}).status_code == 200
    assert runtime.outbox.get(fine["id"])["state"] == "delivered"
    assert runtime.store.get(DELIVERIES, damaged["id"])["state"] == "pending"
    [warning] = outbox_warnings(caplog)
    assert "(no id; fields " in warning and warning.endswith("no 'id' field")


@pytest.mark.parametrize("missing", ["record_id", "scenario", "provider"])
def test_a_plan_missing_a_field_stops_alone_and_shows_why(
    client, runtime, isv_auth, caplog, missing
):
    """The advance answers 200, the other record moves, and ``/_mock/records/{id}`` shows
    the stopped plan with its error."""
    broken = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    fine = client.post(
        PATH, data=submission(TollfreePhoneNumberSid=TOLL_FREE_PN_2), headers=isv_auth
    ).get_json()["sid"]
    damage(runtime, PLANS, f"twilio:{broken}", missing)
    with caplog.at_level(logging.ERROR, logger="mockserver.engine"):
        response = client.post("/_mock/clock/advance", json={"minutes": 16})
    assert response.status_code == 200
    moved = [t["to"] for t in response.get_json()["transitions"] if t["record_id"] == fine]
    assert moved == ["IN_REVIEW", "TWILIO_APPROVED"]
    [stopped] = caplog.messages
    assert broken in stopped and f"KeyError: '{missing}'" in stopped
    record = client.get(f"/_mock/records/{broken}")
    assert record.status_code == 200
    assert record.get_json()["plan"]["state"] == "failed"
    assert record.get_json()["plan"]["error"] == f"KeyError: '{missing}'"


@pytest.mark.parametrize(("name", "value"), [("index", "0"), ("codes", "30473"), ("manual", "no")])
def test_a_plan_holding_a_field_it_cannot_read_stops_alone_and_shows_why(
    client, runtime, isv_auth, caplog, name, value
):
    broken = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    damage(runtime, PLANS, f"twilio:{broken}", **{name: value})
    with caplog.at_level(logging.ERROR, logger="mockserver.engine"):
        response = client.post("/_mock/clock/advance", json={"minutes": 16})
    assert response.status_code == 200
    [stopped] = caplog.messages
    assert f"TypeError: '{name}' is not a" in stopped
    plan = client.get(f"/_mock/records/{broken}").get_json()["plan"]
    assert plan["state"] == "failed" and plan["error"].startswith(f"TypeError: '{name}'")


def test_a_forced_rejection_replaces_a_plan_it_cannot_read(client, runtime, isv_auth, caplog):
    """With a warning; the record moves and runs the default scenario's rejection."""
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    damage(runtime, PLANS, f"twilio:{sid}", "scenario")
    with caplog.at_level(logging.WARNING, logger="mockserver.engine"):
        response = client.post(
            f"/_mock/records/{sid}/transition",
            json={"status": "TWILIO_REJECTED", "codes": [30473], "edit_allowed": True},
        )
    assert response.status_code == 200
    [warning] = caplog.messages
    assert f"twilio:{sid} is damaged and is replaced: KeyError: 'scenario'" in warning
    plan = client.get(f"/_mock/records/{sid}").get_json()["plan"]
    assert (plan["scenario"], plan["state"]) == (runtime.engine.scenarios.default, "active")
    assert plan["expires"] is not None


def test_an_edit_replaces_a_plan_it_cannot_read(client, runtime, isv_auth):
    """The client's edit is accepted and reviewed; the damaged plan does not fail it."""
    sid = client.post(
        PATH, data=submission(BusinessName="Sandbox Reject Then Approve"), headers=isv_auth
    ).get_json()["sid"]
    client.post("/_mock/clock/advance", json={"minutes": 11})
    damage(runtime, PLANS, f"twilio:{sid}", "phase")
    edit = client.post(
        f"{PATH}/{sid}", data={"BusinessWebsite": "https://o.example"}, headers=isv_auth
    )
    assert edit.status_code == 202
    moves = client.post("/_mock/clock/advance", json={"days": 5}).get_json()["transitions"]
    assert [t["to"] for t in moves if t["record_id"] == sid][-1] == "TWILIO_APPROVED"


# -- start-up -------------------------------------------------------------------------------


def start(path, tables: dict, **settings) -> Runtime:
    """A runtime on a store file written by hand (a store an older version or a person
    left)."""
    path.write_text(json.dumps(tables))
    return Runtime(Settings(store=str(path), **settings), clock=ManualClock(T0))


def test_a_store_holding_a_delivery_without_a_sequence_starts_and_keeps_numbering(path):
    delivery = {"id": "WH1", "state": "delivered", "chain": "x HH1", "target": "x"}
    runtime = start(
        path, {DELIVERIES: {"WH1": delivery, "WH2": {**delivery, "id": "WH2", "sequence": 5}}}
    )
    try:
        [added] = enqueue(runtime, "http://hooks.example/", "HH9")
        assert added["sequence"] == 6
        assert [d["id"] for d in runtime.outbox.deliveries()] == ["WH2", added["id"], "WH1"]
    finally:
        runtime.close()


@pytest.mark.parametrize("due", ["missing", "tomorrow"])
def test_a_store_holding_an_active_plan_without_a_due_time_starts_and_warns_once(path, caplog, due):
    plan = {"id": "twilio:HH1", "state": "active", "provider": "twilio", "record_id": "HH1"}
    if due != "missing":
        plan["due"] = due
    with caplog.at_level(logging.WARNING, logger="mockserver.engine"):
        runtime = start(path, {PLANS: {"twilio:HH1": plan}})
    try:
        [warning] = caplog.messages
        assert warning.startswith("scenario plan twilio:HH1 left out: ")
        assert runtime.advance(3600)["transitions"] == []
    finally:
        runtime.close()


@pytest.mark.parametrize(("count", "counted"), [("zzz", 2), (None, 2), ("3", 4), (-3, 2), (0, 2)])
def test_a_start_count_that_is_not_a_number_counts_as_a_restart(path, caplog, count, counted):
    """A restart: the seed file is not loaded again (so nothing deleted comes back)."""
    with caplog.at_level(logging.WARNING, logger="mockserver.runtime"):
        runtime = start(path, {"_meta": {"starts": {"count": count}}}, random_seed=7)
    try:
        assert runtime.store.get("_meta", "starts") == {"count": counted}
        assert runtime.store.count("twilio_accounts") == 0
        assert len(caplog.messages) == (0 if isinstance(count, str) and count.isdigit() else 1)
    finally:
        runtime.close()


@pytest.mark.parametrize("offset", ["zzz", [1], None])
def test_a_clock_offset_that_is_not_a_number_is_read_as_none_with_a_warning(path, caplog, offset):
    path.write_text(json.dumps({"_meta": {"clock": {"offset": offset}}}))
    with caplog.at_level(logging.WARNING, logger="mockserver.clock"):
        runtime = Runtime(Settings(store=str(path)))
    try:
        assert runtime.clock.offset == 0
        [warning] = caplog.messages
        assert warning.startswith("stored clock offset ")
    finally:
        runtime.close()
