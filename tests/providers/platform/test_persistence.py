"""Setups, verifications, edit windows and pending webhooks survive a restart (file store)."""

import json

import requests

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from tests.conftest import T0

from .conftest import PlatformClient, signature_is_valid


def test_a_restart_keeps_setups_records_windows_and_deliveries(tmp_path, receiver):
    settings = Settings(store=str(tmp_path / "state.json"))
    first = create_app(settings, clock=ManualClock(T0))
    with serve_in_thread(first) as url:
        api = PlatformClient(url)
        setup = api.new_setup(api_key="persisted", webhook_url=receiver.url + "/p")
        number = api.new_number(setup["id"], "+18774440102")["id"]
        submitted = api.submit(
            setup=setup["id"], number=number, key="persisted", business_name="Owl [reject:30476]"
        )
        sid = submitted.json()["verification_sid"]
        api.advance(minutes=11)
        receiver.fail_next(1, status=503)
        api.force(sid, action="resubmit")  # its webhook fails and waits for a retry
        api.force(sid, status="twilio-rejected", codes=[30476])
    first.extensions["mockserver"].close()
    assert [r["answered"] for r in receiver.received] == [200, 200, 200, 503]

    second = create_app(settings, clock=ManualClock(T0))
    with serve_in_thread(second) as url:
        api = PlatformClient(url)
        record = api.fetch(setup=setup["id"], number=number, key="persisted").json()
        assert (record["verification_sid"], record["status"]) == (sid, "twilio-rejected")
        summary = api.advance(days=7)
        assert [t["action"] for t in summary["transitions"] if "to" in t] == ["expire"]
        assert api.fetch(setup=setup["id"], number=number, key="persisted").status_code == 404
        assert (
            requests.get(f"{url}/_mock/platform/setups/{setup['id']}", timeout=30).json()[
                "webhook_secret"
            ]
            == setup["webhook_secret"]
        )
    second.extensions["mockserver"].close()
    delivered = [json.loads(r["body"]) for r in receiver.received if r["answered"] == 200]
    assert [(b["type"].split(".")[1], b["data"]["verification"]["status"]) for b in delivered] == [
        ("status_changed", "pending-review"),
        ("status_changed", "in-review"),
        ("status_changed", "twilio-rejected"),
        ("status_changed", "pending-review"),  # the retried resubmission, once
        ("status_changed", "in-review"),
        ("status_changed", "twilio-rejected"),
        ("expired", "twilio-rejected"),
    ]
    assert all(signature_is_valid(r, setup["webhook_secret"]) for r in receiver.received)
