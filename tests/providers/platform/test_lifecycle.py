"""Review on the virtual clock, resubmission inside and after the edit window, and forcing."""

import pytest

from .conftest import TOLL_FREE


def moves(summary: dict) -> list[tuple[str, str]]:
    return [(t["action"], t["to"]) for t in summary["transitions"] if "to" in t]


def test_the_default_scenario_reviews_then_approves(api, submitted):
    sid = submitted()["verification_sid"]
    assert api.advance(seconds=29)["transitions"] == []
    assert moves(api.advance(seconds=1)) == [("review", "in-review")]
    record = api.fetch().json()
    assert record["status"] == "in-review"
    assert record["updated_at"] == "2025-01-01T00:00:30Z"
    assert record["created_at"] == "2025-01-01T00:00:00Z"
    assert moves(api.advance(minutes=15)) == [("approve", "twilio-approved")]
    assert api.fetch().json()["verification_sid"] == sid
    assert api.status() == "twilio-approved"
    assert api.advance(days=30)["transitions"] == []


def test_a_rejection_lists_code_and_description_and_allows_an_edit(api, submitted):
    submitted(business_name="Sandbox Reject Then Approve")
    api.advance(minutes=11)
    record = api.fetch().json()
    assert record["status"] == "twilio-rejected"
    assert record["rejection_reasons"] == [
        {"code": 30473, "description": "Cannot validate business website URL"}
    ]
    assert record["edit_allowed"] is True
    assert record["updated_at"] == "2025-01-01T00:10:30Z"


def test_resubmitting_inside_the_edit_window_updates_in_place(api, submitted):
    sid = submitted(business_name="Sandbox Reject Then Approve")["verification_sid"]
    api.advance(days=6, minutes=11)
    response = api.submit(business_name="Owl Fixed", business_website="https://owl.example")
    assert response.status_code == 201
    record = response.json()
    assert record["verification_sid"] == sid
    assert record["status"] == "pending-review"
    assert record["business_name"] == "Owl Fixed"
    assert record["rejection_reasons"] is None and record["edit_allowed"] is None
    assert record["created_at"] == "2025-01-01T00:00:00Z"
    assert record["updated_at"] == "2025-01-07T00:11:00Z"
    # The scenario's on_resubmit: reviewed after 1 minute, approved 10 minutes later.
    assert moves(api.advance(minutes=11)) == [
        ("review", "in-review"),
        ("approve", "twilio-approved"),
    ]
    assert api.fetch().json()["verification_sid"] == sid


def test_an_edit_replaces_fields_not_sent_again_with_null(api, submitted):
    submitted(business_name="Sandbox Reject Then Approve", additional_information="first")
    api.advance(minutes=11)
    record = api.submit(business_name="Owl").json()
    assert record["additional_information"] is None


def test_the_expired_record_is_removed_when_the_edit_window_closes(runtime, api, submitted):
    sid = submitted(business_name="Sandbox Reject Then Expire")["verification_sid"]
    api.advance(minutes=11)
    assert api.status() == "twilio-rejected"
    summary = api.advance(days=7)
    assert [(t["action"], t["at"]) for t in summary["transitions"]] == [
        ("expire", "2025-01-08T00:10:30Z")
    ]
    response = api.fetch()
    assert response.status_code == 404
    assert response.json() == {"detail": "Toll-free verification not found"}
    assert api.control("GET", f"/records/{sid}").status_code == 404
    assert runtime.store.get("engine_plans", f"platform:{sid}") is None  # no plan is left behind
    fresh = api.submit(business_name="Owl again")
    assert fresh.status_code == 201
    assert fresh.json()["verification_sid"] != sid
    assert fresh.json()["created_at"] == "2025-01-08T00:11:00Z"
    # A fresh submission runs its own scenario from the start.
    assert moves(api.advance(minutes=16)) == [
        ("review", "in-review"),
        ("approve", "twilio-approved"),
    ]


def test_the_window_is_seven_days_to_the_second(api, submitted):
    submitted(business_name="Sandbox Reject Then Expire")
    api.advance(minutes=10, seconds=30)
    api.advance(seconds=7 * 86400 - 1)
    assert api.status() == "twilio-rejected"
    assert moves(api.advance(seconds=1)) == [("expire", "twilio-rejected")]
    assert api.fetch().status_code == 404


def test_a_non_resubmittable_rejection_is_replaced_by_a_new_record(api, submitted):
    sid = submitted(business_name="Sandbox Rejected Final")["verification_sid"]
    api.advance(minutes=11)
    record = api.fetch().json()
    assert record["status"] == "twilio-rejected"
    assert record["edit_allowed"] is False
    assert record["rejection_reasons"] == [
        {"code": 30442, "description": "Business associated with a known Spam campaign"}
    ]
    # No edit window: nothing expires, the record stays until it is replaced.
    assert api.advance(days=30)["transitions"] == []
    assert api.status() == "twilio-rejected"
    response = api.submit(business_name="Owl, new business")
    assert response.status_code == 201
    replacement = response.json()
    assert replacement["verification_sid"] != sid
    assert replacement["status"] == "pending-review"
    assert replacement["created_at"] == replacement["updated_at"] == "2025-01-31T00:11:00Z"
    assert api.control("GET", f"/records/{sid}").status_code == 404


def test_a_late_resubmission_before_the_expiry_ran_replaces_the_record(runtime, api, submitted):
    """The window closed but no tick has removed the record yet (a real-time server between
    ticks): the POST replaces it instead of editing it."""
    sid = submitted(business_name="Sandbox Reject Then Expire")["verification_sid"]
    api.advance(minutes=11)
    runtime.clock.advance(8 * 86400)  # time passes without a tick
    response = api.submit()
    assert response.status_code == 201
    assert response.json()["verification_sid"] != sid
    assert api.advance(seconds=0)["transitions"] == []


def test_magic_markers_select_the_scenario_and_the_codes(api, submitted):
    submitted(business_name="Owl [reject:30446,30451]")
    api.advance(minutes=11)
    record = api.fetch().json()
    assert [reason["code"] for reason in record["rejection_reasons"]] == [30446, 30451]
    assert record["edit_allowed"] is True
    other = api.new_number("00000000-0000-4000-8000-000000000001", "+18775550123")
    assert api.submit(number=other["id"], business_name="x [scenario:stuck_in_review]").ok
    api.advance(days=10)
    assert api.status(number=other["id"]) == "in-review"


def test_a_rejection_with_a_non_resubmittable_code_disallows_the_edit(api, submitted):
    submitted(business_name="Owl [reject:30441]")
    api.advance(minutes=11)
    assert api.fetch().json()["edit_allowed"] is False


@pytest.mark.parametrize("key", ["phone_number_id", "phone_number"])
def test_a_binding_by_number_id_or_e164_selects_the_scenario(api, key):
    value = TOLL_FREE if key == "phone_number_id" else "+18005550100"
    bound = api.control("POST", "/scenarios/bind", json={key: value, "scenario": "stuck_in_review"})
    assert bound.status_code == 200
    assert bound.json() == {"phone_number": value, "scenario": "stuck_in_review"}
    assert api.submit().json()["status"] == "pending-review"
    api.advance(days=5)
    assert api.status() == "in-review"


@pytest.mark.parametrize("value", ["zzz", "", "1234", 5])
def test_a_binding_by_number_id_needs_a_uuid(api, value):
    response = api.control(
        "POST", "/scenarios/bind", json={"phone_number_id": value, "scenario": "stuck_in_review"}
    )
    assert response.status_code == 400
    assert "phone_number_id" in response.json()["fields"]
    assert api.control("GET", "/scenarios").json()["bindings"] == []


@pytest.mark.parametrize(
    "spelling", [TOLL_FREE.upper(), "{" + TOLL_FREE + "}", TOLL_FREE.replace("-", "")]
)
def test_a_binding_by_number_id_is_stored_canonically(api, spelling):
    """Any UUID spelling binds the number the API looks up in lower-case hyphenated form."""
    body = {"phone_number_id": spelling, "scenario": "stuck_in_review"}
    bound = api.control("POST", "/scenarios/bind", json=body)
    assert bound.json() == {"phone_number": TOLL_FREE, "scenario": "stuck_in_review"}
    api.submit()
    api.advance(days=5)
    assert api.status() == "in-review"


def test_binding_needs_exactly_one_number_key(api):
    response = api.control(
        "POST",
        "/scenarios/bind",
        json={"phone_number_id": TOLL_FREE, "phone_number": "+18005550100", "scenario": None},
    )
    assert response.status_code == 400
    assert "exactly one of" in response.json()["fields"]["phone_number"]


def test_forcing_moves_a_record_through_every_intermediate_status(api, submitted):
    sid = submitted()["verification_sid"]
    summary = api.force(sid, status="twilio-approved")
    assert summary["provider"] == "platform"
    assert summary["status"] == "twilio-approved"
    assert [t["to"] for t in summary["transitions"]] == ["in-review", "twilio-approved"]
    assert api.status() == "twilio-approved"
    plan = api.control("GET", f"/records/{sid}").json()
    assert (plan["provider"], plan["status"]) == ("platform", "twilio-approved")


def test_a_forced_rejection_takes_codes_and_edit_allowed(api, submitted):
    sid = submitted()["verification_sid"]
    api.force(sid, status="twilio-rejected", codes=[30449], edit_allowed=False)
    record = api.fetch().json()
    assert record["rejection_reasons"] == [
        {"code": 30449, "description": "High risk - Public URL shortener in sample message"}
    ]
    assert record["edit_allowed"] is False


def test_forced_resubmit_and_expire_follow_the_edit_rules(runtime, api, submitted):
    sid = submitted()["verification_sid"]
    api.force(sid, status="twilio-rejected", codes=[30445])
    assert api.force(sid, action="resubmit")["status"] == "pending-review"
    assert api.fetch().json()["verification_sid"] == sid
    api.force(sid, status="twilio-rejected", codes=[30445])
    assert api.force(sid, action="expire")["status"] == "twilio-rejected"
    assert api.fetch().status_code == 404
    assert runtime.store.get("engine_plans", f"platform:{sid}") is None  # no orphan plan
    assert api.control("GET", "/clock").json()["pending"] == 0


def test_impossible_forced_moves_are_409(api, submitted):
    sid = submitted()["verification_sid"]
    api.force(sid, status="twilio-approved")
    response = api.control("POST", f"/records/{sid}/transition", json={"status": "in-review"})
    assert response.status_code == 409
    assert response.json()["error"] == "invalid_transition"
    other = api.new_number("00000000-0000-4000-8000-000000000001", "+18665550123")
    rejected = api.submit(number=other["id"]).json()["verification_sid"]
    api.force(rejected, status="twilio-rejected", codes=[30442])
    blocked = api.control("POST", f"/records/{rejected}/transition", json={"action": "resubmit"})
    assert blocked.status_code == 409
    unknown = api.control("POST", f"/records/{sid}/transition", json={"status": "approved"})
    assert unknown.status_code == 400


def test_a_rejection_without_an_edit_refuses_expire_and_resubmit_in_the_platforms_words(
    api, submitted
):
    sid = submitted()["verification_sid"]
    api.force(sid, status="twilio-rejected", codes=[30449], edit_allowed=False)
    for action in ("expire", "resubmit"):
        response = api.control("POST", f"/records/{sid}/transition", json={"action": action})
        assert response.status_code == 409, response.text
        assert response.json()["message"] == (
            f"cannot {action} {sid}: its rejection does not allow an edit "
            "(POST again to replace it)"
        )
