"""GET /_mock/kinds lists every provider's record kinds from their declarations."""

from mockserver.providers import all_providers


def test_every_declared_kind_is_listed_with_its_fields_statuses_and_actions(client):
    body = client.get("/_mock/kinds").get_json()
    declared = [kind for provider in all_providers() for kind in provider.record_kinds]
    assert [(k["provider"], k["kind"]) for k in body["kinds"]] == [
        (kind.provider, kind.name) for kind in declared
    ]
    verification = next(k for k in body["kinds"] if k["kind"] == "verification")
    assert verification["statuses"] == [
        "PENDING_REVIEW",
        "IN_REVIEW",
        "TWILIO_APPROVED",
        "TWILIO_REJECTED",
    ]
    assert verification["actions"] == ["review", "approve", "reject", "expire", "resubmit"]
    assert verification["verdict_fields"] == ["codes", "edit_allowed"]
    business_name = next(f for f in verification["fields"] if f["name"] == "business_name")
    assert business_name == {
        "name": "business_name",
        "type": "string",
        "output": "business_name",
        "required": True,
        "create": True,
        "update": True,
    }


def test_each_reviewed_kind_says_which_scenario_a_new_record_runs_and_others_none(client):
    kinds = client.get("/_mock/kinds").get_json()["kinds"]
    for kind in kinds:
        if kind["actions"]:
            assert kind["runs"] == (kind["default_scenario"] or "happy_path")
        else:
            assert kind["runs"] is None
    assert any(kind["runs"] is None for kind in kinds)


def test_a_scenario_chosen_for_the_whole_sandbox_runs_for_every_reviewed_kind():
    """A review scenario chosen with --scenario runs for every kind under review; messages
    keep their delivery scenario (a review story cannot deliver a message)."""
    from mockserver.app import create_app
    from mockserver.settings import Settings

    app = create_app(Settings(store=":memory:", scenario="fast"))
    kinds = app.test_client().get("/_mock/kinds").get_json()["kinds"]
    runs = {(kind["provider"], kind["kind"]): kind["runs"] for kind in kinds if kind["actions"]}
    assert runs.pop(("twilio", "message")) == "twilio_message"
    assert set(runs.values()) == {"fast"}


def test_a_twilio_numbers_settings_are_listed_as_settable_within_its_config(client):
    kinds = client.get("/_mock/kinds").get_json()["kinds"]
    number = next(k for k in kinds if (k["provider"], k["kind"]) == ("twilio", "phone_number"))
    sms_url = next(f for f in number["fields"] if f["name"] == "sms_url")
    assert (sms_url["create"], sms_url["update"], sms_url["within"]) == (True, True, "config")


def test_the_scenario_a_kind_says_it_runs_is_the_one_a_new_record_runs(client):
    """What /_mock/kinds reports matches the plan the engine binds to a new record."""
    from tests.conftest import ISV_SID, ISV_TOKEN, basic
    from tests.providers.pinnacle.helpers import KEY, WIRE_CAMPAIGN
    from tests.providers.twilio.conftest import submission

    runs = {
        (k["provider"], k["kind"]): k["runs"]
        for k in client.get("/_mock/kinds").get_json()["kinds"]
    }
    auth = basic(ISV_SID, ISV_TOKEN)
    sid = client.post("/v1/Tollfree/Verifications", data=submission(), headers=auth).get_json()
    plan = client.get(f"/_mock/records/{sid['sid']}").get_json()["plan"]
    assert plan["scenario"] == runs[("twilio", "verification")] == "happy_path"

    body = {**WIRE_CAMPAIGN, "brand": "b_0000000001"}
    campaign = client.post("/campaigns/toll-free", json=body, headers=KEY).get_json()
    campaign_id = campaign["campaignId"]
    assert client.post(f"/campaigns/toll-free/submit/{campaign_id}", headers=KEY).status_code == 200
    plan = client.get(f"/_mock/records/{campaign_id}").get_json()["plan"]
    assert plan["scenario"] == runs[("pinnacle", "campaign")] == "pinnacle_campaign"
