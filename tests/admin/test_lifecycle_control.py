"""The control API for time and review: clock, transitions, scenarios, the webhook log."""

import pytest

from mockserver.lifecycle import MESSAGE_ACTIONS
from tests.providers.twilio.conftest import PATH, TOLL_FREE_PN, submission


def test_the_clock_reads_and_advances_by_any_unit(client):
    assert client.get("/_mock/clock").get_json() == {"now": "2025-01-01T00:00:00Z", "pending": 0}
    body = client.post(
        "/_mock/clock/advance", json={"days": 1, "hours": 1, "minutes": 1, "seconds": 1}
    ).get_json()
    assert body["now"] == "2025-01-02T01:01:01Z"
    assert body["advanced_seconds"] == 90061
    assert body["deliveries"]["attempted"] == 0


@pytest.mark.parametrize("body", [{}, {"seconds": -1}, {"seconds": "soon"}, {"weeks": 1}])
def test_bad_advances_are_400(client, body):
    response = client.post("/_mock/clock/advance", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"


@pytest.mark.parametrize("raw", ['{"seconds": 1e400}', '{"days": NaN}', '{"hours": -1e400}'])
def test_infinite_or_nan_advances_are_400_naming_the_field(client, raw):
    response = client.post("/_mock/clock/advance", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {raw[2:].split('"')[0]}


def test_repeated_century_advances_stop_with_a_400_before_datetimes_run_out(client):
    """Each call is within the per-call limit; their sum is what reaches year 9999."""
    for _ in range(79):
        assert client.post("/_mock/clock/advance", json={"days": 36500}).status_code == 200
    refused = client.post("/_mock/clock/advance", json={"days": 36500})
    assert refused.status_code == 400
    assert refused.get_json()["fields"] == {
        "days": "the clock cannot move past 9990-01-01T00:00:00Z"
    }
    now = client.get("/_mock/clock").get_json()["now"]
    assert now.startswith("99")
    assert client.post("/_mock/clock/advance", json={"days": 1}).status_code == 200


def test_pending_counts_running_scenarios(client, isv_auth):
    client.post(PATH, data=submission(), headers=isv_auth)
    assert client.get("/_mock/clock").get_json()["pending"] == 1


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"status": "IN_REVIEW", "action": "review"}, 400, "bad_request"),
        ({}, 400, "bad_request"),
        ({"action": "dance"}, 400, "bad_request"),
        ({"status": "APPROVED"}, 400, "bad_request"),
        ({"action": "approve"}, 409, "invalid_transition"),
    ],
)
def test_bad_transitions(client, isv_auth, body, status, error):
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    response = client.post(f"/_mock/records/{sid}/transition", json=body)
    assert (response.status_code, response.get_json()["error"]) == (status, error)


@pytest.mark.parametrize("action", [action.value for action in MESSAGE_ACTIONS])
def test_a_review_record_refuses_a_message_action(client, isv_auth, action):
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    response = client.post(f"/_mock/records/{sid}/transition", json={"action": action})
    assert response.status_code == 409
    assert response.get_json()["message"] == (
        f"cannot {action} a record in status PENDING_REVIEW (allowed: review)"
    )
    assert client.get(f"/_mock/records/{sid}").get_json()["status"] == "PENDING_REVIEW"


def test_transitions_of_unknown_records_are_404(client):
    response = client.post("/_mock/records/HHnope/transition", json={"status": "IN_REVIEW"})
    assert response.status_code == 404
    assert client.get("/_mock/records/HHnope").status_code == 404


def test_a_record_shows_its_scenario_plan(client, isv_auth):
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    assert client.get(f"/_mock/records/{sid}").get_json() == {
        "record_id": sid,
        "provider": "twilio",
        "status": "PENDING_REVIEW",
        "plan": {
            "scenario": "happy_path",
            "phase": "steps",
            "state": "active",
            "next_step": {"do": "review", "after": "30s"},
            "next_step_due": "2025-01-01T00:00:30Z",
            "expires": None,
            "upcoming": [
                {"do": "review", "after": "30s", "due": "2025-01-01T00:00:30Z"},
                {"do": "approve", "after": "15m", "due": "2025-01-01T00:15:30Z"},
            ],
        },
        "history": [],
    }


def test_scenarios_are_listed_with_descriptions_and_markers(client):
    body = client.get("/_mock/scenarios").get_json()
    assert body["default"] == "happy_path"
    names = [scenario["name"] for scenario in body["scenarios"]]
    assert {
        "happy_path",
        "realistic",
        "reject_then_approve",
        "rejected_final",
        "reject_then_expire",
        "stuck_in_review",
    } <= set(names)
    assert all(scenario["description"] for scenario in body["scenarios"])
    assert "[reject:CODE,CODE]" in body["markers"]


def test_bindings_are_listed_and_removed(client):
    client.post(
        "/_mock/scenarios/bind", json={"phone_number_sid": TOLL_FREE_PN, "scenario": "realistic"}
    )
    assert client.get("/_mock/scenarios").get_json()["bindings"] == [
        {"phone_number": TOLL_FREE_PN, "scenario": "realistic"}
    ]
    client.post("/_mock/scenarios/bind", json={"phone_number_sid": TOLL_FREE_PN, "scenario": None})
    assert client.get("/_mock/scenarios").get_json()["bindings"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"phone_number": "+18005550100", "scenario": "nope"},
        {"scenario": "realistic"},
        {"phone_number": "+1", "phone_number_sid": "PN1", "scenario": "realistic"},
    ],
)
def test_bad_bindings_are_400(client, body):
    assert client.post("/_mock/scenarios/bind", json=body).status_code == 400


def test_the_webhook_log_filters(client, isv_auth, runtime):
    client.post(
        "/v1/Sinks",
        headers=isv_auth,
        data={
            "Description": "d",
            "SinkType": "webhook",
            "SinkConfiguration": '{"destination": "http://127.0.0.1:9/x", "batch_events": true}',
        },
    )
    sink = client.get("/v1/Sinks", headers=isv_auth).get_json()["sinks"][0]["sid"]
    client.post(
        "/v1/Subscriptions",
        headers=isv_auth,
        data={
            "Description": "d",
            "SinkSid": sink,
            "Types": [
                '{"type": "com.twilio.messaging.compliance.toll-free-verification.pending-review"}'
            ],
        },
    )
    sid = client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"]
    log = client.get(f"/_mock/webhooks?record_id={sid}&state=pending").get_json()["deliveries"]
    assert len(log) == 1
    assert log[0]["destination"] == "http://127.0.0.1:9/x"
    assert client.get("/_mock/webhooks?state=delivered").get_json()["deliveries"] == []
    assert client.post("/_mock/webhooks/WHnope/redeliver").status_code == 404
