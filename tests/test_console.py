"""What ``serve`` prints: a readable line per transition and clock move, as text or JSON."""

import json
import logging

import pytest

from mockserver import console
from mockserver.settings import Settings
from tests.providers.twilio.conftest import submission

from .conftest import ISV_SID, ISV_TOKEN, basic


@pytest.fixture
def restored_logging():
    """Leave the root logger as the test found it (``configure`` replaces its handlers)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def lines(caplog, name: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == name]


def test_an_advance_logs_each_transition_and_the_clock_move(client, caplog):
    caplog.set_level(logging.INFO)
    sid = client.post(
        "/v1/Tollfree/Verifications", data=submission(), headers=basic(ISV_SID, ISV_TOKEN)
    ).get_json()["sid"]
    client.post("/_mock/clock/advance", json={"seconds": 60})
    assert lines(caplog, "mockserver.transitions") == [
        f"twilio {sid} PENDING_REVIEW → IN_REVIEW (review, happy_path)"
    ]
    assert lines(caplog, "mockserver.clock") == [
        "clock moved 60 s to 2025-01-01T00:01:00Z: 1 transition, 0 webhooks delivered"
    ]


def test_a_forced_move_says_it_was_forced(client, caplog):
    caplog.set_level(logging.INFO)
    sid = client.post(
        "/v1/Tollfree/Verifications", data=submission(), headers=basic(ISV_SID, ISV_TOKEN)
    ).get_json()["sid"]
    client.post(f"/_mock/records/{sid}/transition", json={"status": "TWILIO_APPROVED"})
    assert lines(caplog, "mockserver.transitions") == [
        f"twilio {sid} PENDING_REVIEW → IN_REVIEW (forced review, happy_path)",
        f"twilio {sid} IN_REVIEW → TWILIO_APPROVED (forced approve, happy_path)",
    ]


def test_a_step_that_changes_nothing_is_not_logged(client, caplog):
    """A message sent from its number starts queued: its queue step is silent."""
    caplog.set_level(logging.INFO)
    form = {"To": "+14155550123", "From": "+14155550100", "Body": "hi"}
    path = f"/2010-04-01/Accounts/{ISV_SID}/Messages.json"
    client.post(path, data=form, headers=basic(ISV_SID, ISV_TOKEN))
    client.post("/_mock/clock/advance", json={"seconds": 10})
    logged = lines(caplog, "mockserver.transitions")
    moves = [line.split(" (")[0].split(" ", 2)[2] for line in logged]
    assert moves == ["queued → sending", "sending → sent", "sent → delivered"]


def test_json_lines_carry_the_transition_as_fields(restored_logging, capsys):
    console.configure("INFO", "json")
    console.log_transitions(
        [{"provider": "twilio", "record_id": "HH1", "action": "approve", "from": "IN_REVIEW",
          "to": "TWILIO_APPROVED", "at": "2025-01-01T00:00:00Z", "scenario": "happy_path"}]
    )  # fmt: skip
    [line] = capsys.readouterr().err.splitlines()
    logged = json.loads(line)
    assert logged["logger"] == "mockserver.transitions"
    assert logged["time"].endswith("+00:00")  # ISO 8601, UTC
    assert logged["level"] == "INFO"
    assert (logged["record_id"], logged["from"], logged["to"]) == (
        "HH1",
        "IN_REVIEW",
        "TWILIO_APPROVED",
    )
    assert logged["message"] == "twilio HH1 IN_REVIEW → TWILIO_APPROVED (approve, happy_path)"


def test_a_warning_level_hides_transitions_but_not_failures(restored_logging, capsys):
    console.configure("WARNING", "text")
    console.log_clock_move(60, {"now": "x", "transitions": [], "deliveries": {}})
    logging.getLogger("mockserver.deliveries").warning("webhook WH1 failed")
    assert capsys.readouterr().err.splitlines()[-1].endswith("webhook WH1 failed")
    assert "clock moved" not in capsys.readouterr().err


@pytest.mark.parametrize(("level", "fmt"), [("LOUD", "text"), ("INFO", "xml")])
def test_an_unknown_level_or_format_is_refused_naming_its_variable(level, fmt):
    with pytest.raises(ValueError, match="MOCKSERVER_LOG_"):
        Settings(store=":memory:", log_level=level, log_format=fmt)


def test_the_level_and_format_are_read_from_the_environment_in_any_case():
    settings = Settings.from_env(
        {"MOCKSERVER_LOG_LEVEL": "debug", "MOCKSERVER_LOG_FORMAT": "JSON"}, declared=()
    )
    assert (settings.log_level, settings.log_format) == ("DEBUG", "json")


def test_the_banner_lists_each_providers_paths_and_seed_credentials():
    """A person giving a demo copies the seeded account, key and bearer token from it."""
    from mockserver.app import create_app
    from mockserver.cli_banner import banner

    app = create_app(Settings(store=":memory:"))
    try:
        banner = banner(app.extensions["mockserver"], 8080)
    finally:
        app.extensions["mockserver"].close()
    assert "  twilio: /v1/, /v2/, /v3/, /2010-04-01/" in banner
    assert f"    account {ISV_SID} / {ISV_TOKEN}" in banner
    assert "      API key SK00000000000000000000000000000001 / sandbox_api_key_secret" in banner
    assert "    PINNACLE-API-KEY: sandbox_pinnacle_key" in banner
    assert "Authorization: Bearer sandbox_platform_api_key" in banner
    assert "  dashboard: http://127.0.0.1:8080/_mock/ui/" in banner


def test_a_seed_without_credentials_lists_paths_only():
    from mockserver.app import create_app
    from mockserver.cli_banner import banner

    app = create_app(Settings(store=":memory:", seed_file=""))
    try:
        banner = banner(app.extensions["mockserver"], 8080)
    finally:
        app.extensions["mockserver"].close()
    assert "  platform: /v1/setups" in banner
    assert "Bearer" not in banner and "account AC" not in banner
