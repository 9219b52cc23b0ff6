"""Verifications move through review on their own, as scenario files say, on the virtual clock."""

import json

import pytest

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.providers.twilio.models import Status
from mockserver.settings import Settings
from tests.conftest import ISV_SID, T0

from .conftest import PATH, PREFIX, TOLL_FREE_PN, submission


@pytest.fixture
def advance(client):
    """POST /_mock/clock/advance and return its summary."""

    def _advance(**amount) -> dict:
        response = client.post("/_mock/clock/advance", json=amount)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return _advance


@pytest.fixture
def fetch(client, isv_auth):
    def _fetch(sid: str) -> dict:
        return client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()

    return _fetch


def moves(summary: dict) -> list[tuple[str, str, str]]:
    return [(t["action"], t["to"], t["at"]) for t in summary["transitions"] if "to" in t]


def test_the_default_scenario_reviews_then_approves_within_the_hour(verification, advance, fetch):
    sid = verification()["sid"]
    assert advance(seconds=29)["transitions"] == []
    assert moves(advance(seconds=1)) == [("review", "IN_REVIEW", "2025-01-01T00:00:30Z")]
    record = fetch(sid)
    assert record["status"] == "IN_REVIEW"
    assert record["date_updated"] == "2025-01-01T00:00:30Z"
    assert record["trust_product_sid"].startswith("BU")
    assert moves(advance(minutes=15)) == [("approve", "TWILIO_APPROVED", "2025-01-01T00:15:30Z")]
    assert fetch(sid)["status"] == "TWILIO_APPROVED"


def test_one_jump_leaves_the_same_history_as_waiting(verification, advance, fetch):
    sid = verification()["sid"]
    summary = advance(hours=1)
    assert moves(summary) == [
        ("review", "IN_REVIEW", "2025-01-01T00:00:30Z"),
        ("approve", "TWILIO_APPROVED", "2025-01-01T00:15:30Z"),
    ]
    assert summary["now"] == "2025-01-01T01:00:00Z"
    assert fetch(sid)["date_updated"] == "2025-01-01T00:15:30Z"


def test_records_move_in_due_order_across_records(client, isv_auth, advance, clock):
    first = client.post(
        PATH, data=submission(BusinessName="A [scenario:realistic]"), headers=isv_auth
    ).get_json()["sid"]
    clock.advance(10)
    second = client.post(
        PATH, data=submission(TollfreePhoneNumberSid="PN" + "0" * 31 + "2"), headers=isv_auth
    ).get_json()["sid"]
    order = [(t["record_id"], t["action"]) for t in advance(days=5)["transitions"]]
    assert order == [(second, "review"), (second, "approve"), (first, "review"), (first, "approve")]


def test_reject_edit_approve(verification, advance, fetch, client, isv_auth):
    sid = verification(BusinessName="Sandbox Reject Then Approve")["sid"]
    advance(minutes=11)
    rejected = fetch(sid)
    assert rejected["status"] == "TWILIO_REJECTED"
    assert rejected["error_code"] == 30473
    assert rejected["edit_allowed"] is True
    assert rejected["rejected_on"] == "2025-01-01T00:10:30Z"
    assert rejected["edit_expiration"] == "2025-01-08T00:10:30Z"
    edit = client.post(
        f"{PATH}/{sid}", data={"BusinessWebsite": "https://owl.example"}, headers=isv_auth
    )
    assert edit.status_code == 202
    summary = advance(minutes=11)
    assert [t["action"] for t in summary["transitions"]] == ["review", "approve"]
    assert fetch(sid)["status"] == "TWILIO_APPROVED"
    assert advance(days=8)["transitions"] == []  # the edit closed the expiry timer


def test_an_unedited_rejection_expires_after_seven_days(
    verification, advance, fetch, client, isv_auth
):
    sid = verification(BusinessName="Sandbox Reject Then Expire")["sid"]
    advance(minutes=11)
    assert advance(days=6)["transitions"] == []
    summary = advance(days=1)
    assert [(t["action"], t["to"], t["at"]) for t in summary["transitions"]] == [
        ("expire", "TWILIO_REJECTED", "2025-01-08T00:10:30Z")
    ]
    assert fetch(sid)["status"] == "TWILIO_REJECTED"
    late_edit = client.post(
        f"{PATH}/{sid}", data={"OptInImageUrls": "https://owl.example/o"}, headers=isv_auth
    )
    assert late_edit.status_code == 202
    assert [t["action"] for t in advance(days=5)["transitions"]] == ["review", "approve"]


def test_a_non_resubmittable_rejection_never_expires_and_cannot_be_edited(
    verification, advance, fetch, client, isv_auth
):
    sid = verification(BusinessName="Sandbox Rejected Final")["sid"]
    advance(minutes=11)
    assert fetch(sid)["edit_allowed"] is False
    assert advance(days=30)["transitions"] == []
    assert (
        client.post(f"{PATH}/{sid}", data={"BusinessName": "x"}, headers=isv_auth).status_code
        == 400
    )


def test_a_manual_step_waits_until_forced(verification, advance, fetch, client):
    sid = verification(BusinessName="Sandbox Stuck In Review")["sid"]
    advance(days=30)
    assert fetch(sid)["status"] == "IN_REVIEW"
    plan = client.get(f"/_mock/records/{sid}").get_json()["plan"]
    assert plan["next_step"] == {"do": "approve", "after": "manual"}
    forced = client.post(f"/_mock/records/{sid}/transition", json={"status": "TWILIO_APPROVED"})
    assert forced.status_code == 200
    assert fetch(sid)["status"] == "TWILIO_APPROVED"
    assert client.get(f"/_mock/records/{sid}").get_json()["plan"]["state"] == "finished"


def test_forcing_walks_the_path_and_later_steps_that_no_longer_fit_are_skipped(
    verification, advance, client
):
    sid = verification()["sid"]
    forced = client.post(
        f"/_mock/records/{sid}/transition", json={"status": "TWILIO_REJECTED", "codes": [30446]}
    ).get_json()
    assert [t["action"] for t in forced["transitions"]] == ["review", "reject"]
    assert forced["status"] == "TWILIO_REJECTED"
    later = advance(hours=1)["transitions"]
    assert [(t["action"], t.get("skipped")) for t in later] == [
        ("review", "not possible from TWILIO_REJECTED"),
        ("approve", "not possible from TWILIO_REJECTED"),
    ]


def test_forcing_an_illegal_move_is_409(in_status, client):
    sid = in_status(Status.TWILIO_APPROVED)["sid"]
    response = client.post(f"/_mock/records/{sid}/transition", json={"status": "IN_REVIEW"})
    assert response.status_code == 409
    assert response.get_json() == {
        "error": "invalid_transition",
        "message": "no move leads from TWILIO_APPROVED to IN_REVIEW",
    }
    assert (
        client.post(f"/_mock/records/{sid}/transition", json={"action": "expire"}).status_code
        == 409
    )


def test_forcing_an_expiry_fires_now(verification, client):
    sid = verification()["sid"]
    client.post(f"/_mock/records/{sid}/transition", json={"status": "TWILIO_REJECTED"})
    forced = client.post(f"/_mock/records/{sid}/transition", json={"action": "expire"})
    assert forced.get_json()["transitions"][0]["events"] == [PREFIX + "expired"]


def test_a_binding_chooses_the_scenario_for_a_phone_number(client, verification, advance, fetch):
    bound = client.post(
        "/_mock/scenarios/bind",
        json={"phone_number_sid": TOLL_FREE_PN, "scenario": "rejected_final"},
    )
    assert bound.get_json() == {"phone_number": TOLL_FREE_PN, "scenario": "rejected_final"}
    sid = verification(BusinessName="Sandbox Happy Path")["sid"]  # the binding wins
    advance(hours=1)
    assert fetch(sid)["error_code"] == 30442


def test_a_binding_by_e164_number_works_too(client, verification, advance, fetch):
    client.post(
        "/_mock/scenarios/bind",
        json={"phone_number": "+18005550100", "scenario": "stuck_in_review"},
    )
    sid = verification()["sid"]
    advance(days=3)
    assert fetch(sid)["status"] == "IN_REVIEW"


def test_the_reject_marker_picks_the_codes(verification, advance, fetch):
    sid = verification(BusinessName="Owl [reject:30441]")["sid"]
    advance(hours=1)
    record = fetch(sid)
    assert (record["error_code"], record["edit_allowed"]) == (30441, False)


def test_the_server_default_scenario_applies_when_nothing_else_does(clock, isv_auth):
    app = create_app(Settings(store=":memory:", scenario="rejected_final"), clock=clock)
    client = app.test_client()
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    client.post("/_mock/clock/advance", json={"hours": 1})
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()["error_code"] == 30442
    app.extensions["mockserver"].close()


def test_deleting_a_verification_stops_its_scenario(verification, client, isv_auth, advance):
    sid = verification()["sid"]
    client.delete(f"{PATH}/{sid}", headers=isv_auth)
    assert advance(hours=1)["transitions"] == []


def test_a_restart_resumes_the_clock_and_the_plan_without_firing_twice(tmp_path, isv_auth):
    store = str(tmp_path / "state.json")
    first = create_app(Settings(store=store), clock=ManualClock(T0))
    client = first.test_client()
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    assert (
        len(client.post("/_mock/clock/advance", json={"seconds": 30}).get_json()["transitions"])
        == 1
    )
    first.extensions["mockserver"].close()

    second = create_app(Settings(store=store), clock=ManualClock(T0))
    client = second.test_client()
    assert client.get("/_mock/clock").get_json()["now"] == "2025-01-01T00:00:30Z"
    summary = client.post("/_mock/clock/advance", json={"minutes": 15}).get_json()
    assert [t["action"] for t in summary["transitions"]] == ["approve"]
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).get_json()["status"] == "TWILIO_APPROVED"
    second.extensions["mockserver"].close()


def test_the_account_on_the_record_is_kept_through_review(verification, advance, fetch):
    sid = verification()["sid"]
    advance(hours=1)
    assert fetch(sid)["account_sid"] == ISV_SID


def test_an_edit_after_expiry_is_reviewed_at_new_submission_speed(
    verification, advance, client, isv_auth
):
    early = verification(BusinessName="Sandbox Reject Then Expire")["sid"]
    advance(minutes=11)
    client.post(
        f"{PATH}/{early}", data={"OptInImageUrls": "https://owl.example/a"}, headers=isv_auth
    )
    assert [t["action"] for t in advance(minutes=11)["transitions"]] == ["review", "approve"]

    late = verification(
        BusinessName="Sandbox Reject Then Expire",
        TollfreePhoneNumberSid="PN00000000000000000000000000000002",
    )["sid"]
    advance(minutes=11)
    advance(days=7)
    client.post(
        f"{PATH}/{late}", data={"OptInImageUrls": "https://owl.example/b"}, headers=isv_auth
    )
    assert advance(hours=12)["transitions"] == []
    assert [t["action"] for t in advance(days=4)["transitions"]] == ["review", "approve"]
    assert client.get(f"/_mock/records/{late}").get_json()["plan"]["phase"] == "on_late_resubmit"


@pytest.mark.parametrize(
    ("business_name", "moves", "message"),
    [
        ("Sandbox Rejected Final", [{"action": "expire"}], "its rejection is not resubmittable"),
        ("Sandbox Rejected Final", [{"action": "resubmit"}], "its rejection is not resubmittable"),
        (
            "Sandbox Reject Then Expire",
            [{"action": "expire"}, {"action": "expire"}],
            "already expired",
        ),
    ],
)
def test_forcing_respects_the_edit_rules(
    verification, advance, client, business_name, moves, message
):
    sid = verification(BusinessName=business_name)["sid"]
    advance(minutes=11)
    responses = [client.post(f"/_mock/records/{sid}/transition", json=move) for move in moves]
    assert responses[-1].status_code == 409
    assert message in responses[-1].get_json()["message"]


def test_forcing_a_record_to_a_final_status_ends_its_plan(verification, client):
    sid = verification(BusinessName="Sandbox Stuck In Review")["sid"]
    client.post(f"/_mock/records/{sid}/transition", json={"status": "TWILIO_APPROVED"})
    assert client.get(f"/_mock/records/{sid}").get_json()["plan"]["state"] == "finished"
    assert client.get("/_mock/clock").get_json()["pending"] == 0


def test_forcing_with_an_unknown_rejection_code_is_400(verification, client):
    sid = verification()["sid"]
    response = client.post(
        f"/_mock/records/{sid}/transition", json={"status": "TWILIO_REJECTED", "codes": [12345]}
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == "Unknown rejection codes: 12345"


def test_forcing_with_a_code_that_is_no_code_at_all_is_400(verification, client):
    sid = verification()["sid"]
    response = client.post(
        f"/_mock/records/{sid}/transition", json={"status": "TWILIO_REJECTED", "codes": [123]}
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"codes.0": "unknown rejection or error code"}


def test_forcing_a_rejection_with_a_message_error_code_is_400(verification, client):
    """30003 is a message's error code, not a rejection code."""
    sid = verification()["sid"]
    response = client.post(
        f"/_mock/records/{sid}/transition", json={"status": "TWILIO_REJECTED", "codes": [30003]}
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == "Unknown rejection codes: 30003"


def test_an_oversized_advance_is_400_and_leaves_the_clock_alone(client):
    response = client.post("/_mock/clock/advance", json={"days": 1e12})
    assert response.status_code == 400
    assert client.get("/_mock/clock").get_json()["now"] == "2025-01-01T00:00:00Z"


def test_a_fixed_random_seed_never_repeats_ids_across_restarts(tmp_path, isv_auth):
    store = str(tmp_path / "state.json")
    ids = []
    for _ in range(2):
        app = create_app(Settings(store=store, random_seed=7), clock=ManualClock(T0))
        client = app.test_client()
        sink = client.post(
            "/v1/Sinks",
            headers=isv_auth,
            data={
                "Description": "d",
                "SinkType": "webhook",
                "SinkConfiguration": '{"destination": "http://127.0.0.1:9/x"}',
            },
        ).get_json()["sid"]
        client.post(f"/v1/Sinks/{sink}/Test", headers=isv_auth)
        ids.append(sink)
        app.extensions["mockserver"].close()
    log = create_app(Settings(store=store), clock=ManualClock(T0))
    deliveries = log.extensions["mockserver"].outbox.deliveries()
    log.extensions["mockserver"].close()
    assert ids[0] != ids[1]
    assert len(deliveries) == 2
    assert len({json.loads(d["body"])[0]["data"]["test_id"] for d in deliveries}) == 2
