"""``serve --demo``: a few customers at different stages, told through the real routes."""

import pytest

from mockserver import demo
from mockserver.cli_serve import serve
from mockserver.settings import Settings


def test_the_story_leaves_each_customer_at_its_stage(client, app, sandbox):
    demo.tell(app)
    rows = {row["label"]: row for row in client.get("/_mock/records").get_json()["records"]}
    assert rows["Acme Dental"]["status"] == "TWILIO_APPROVED"
    assert rows["Blue Bikes"]["status"] == "IN_REVIEW"
    assert rows["Cobalt Loans"]["status"] == "TWILIO_REJECTED"
    assert rows["Delta Pharmacy"]["status"] == "VERIFIED"
    assert rows["Delta refill reminders"]["status"] == "VERIFIED"
    client.post("/_mock/clock/advance", json={"days": 1})
    messages = client.get("/_mock/twilio/messages").get_json()["messages"]
    assert sorted((m["status"], m["error_code"]) for m in messages) == [
        ("delivered", None),
        ("undelivered", 30032),
    ]
    assert client.get("/_mock/records?q=Blue Bikes").get_json()["records"][0]["status"] == (
        "IN_REVIEW"
    )  # its scenario waits for a person


def test_the_rejection_leaves_the_edit_window_open(client, app):
    demo.tell(app)
    [cobalt] = client.get("/_mock/records?kind=verification&q=Cobalt").get_json()["records"]
    rejected = client.get(f"/_mock/records/{cobalt['id']}").get_json()
    assert rejected["history"][-1]["action"] == "reject"
    assert rejected["plan"]["expires"] is not None


def test_telling_it_again_on_the_same_store_adds_nothing(client, app):
    assert len(demo.tell(app)) == 4
    assert demo.tell(app) == []
    found = client.get("/_mock/records?kind=verification&q=Acme Dental").get_json()
    assert len(found["records"]) == 1


def test_the_serve_flag_and_variable_turn_it_on():
    assert serve.make_context("serve", ["--demo"]).params["demo"] is True
    assert Settings.from_env({"MOCKSERVER_DEMO": "1"}).demo is True
    assert Settings.from_env({}).demo is False


def test_without_the_seed_file_the_story_says_what_it_lacks(runtime):
    from mockserver.app import create_app

    bare = create_app(runtime=type(runtime)(Settings(store=":memory:", seed_file="")))
    with pytest.raises(demo.DemoError):
        demo.tell(bare)
    bare.extensions["mockserver"].close()
