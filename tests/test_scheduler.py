"""Real time: the scheduler runs due transitions and webhooks without anyone advancing."""

from pathlib import Path

from mockserver.app import create_app
from mockserver.clock import SystemClock
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.providers.twilio.conftest import PATH, submission


def quick_scenarios(tmp_path) -> Path:
    """A folder holding ``quick``: review and approval 100 ms apart."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "quick.yaml").write_text(
        "description: Fast.\nsteps:\n  - {after: 100ms, do: review}\n"
        "  - {after: 100ms, do: approve}\n"
    )
    return folder


def test_create_app_never_starts_the_scheduler(app, runtime):
    assert runtime.scheduler is None


def test_the_scheduler_moves_records_in_real_time(tmp_path):
    scenarios = quick_scenarios(tmp_path)
    with WebhookReceiver() as hooks:
        app = create_app(
            Settings(
                store=":memory:",
                scenarios_dir=str(scenarios),
                scenario="quick",
                tick_seconds=0.05,
                webhook_url=(hooks.url,),
            ),
            clock=SystemClock(),
        )
        runtime = app.extensions["mockserver"]
        runtime.start()
        runtime.start()  # a second start is ignored: one scheduler, one job
        try:
            client = app.test_client()
            sid = client.post(
                PATH, data=submission(), headers=basic(ISV_SID, ISV_TOKEN)
            ).get_json()["sid"]
            hooks.wait_for(3, timeout=10)
        finally:
            runtime.close()
        assert runtime.scheduler is None
    assert [event["data"]["verificationstatus"] for event in hooks.events()] == [
        "pending_review",
        "in_review",
        "twilio_approved",
    ]
    assert all(event["data"]["tollfreeverificationsid"] == sid for event in hooks.events())


def test_a_hung_endpoint_does_not_hold_up_anything_else(tmp_path):
    """Sends run off the tick: a receiver that never answers delays only its own deliveries."""
    import socket
    import threading
    import time

    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen()
    held = []
    stop = threading.Event()

    def accept_and_ignore():
        hung.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(hung.accept()[0])
            except TimeoutError:
                continue

    threading.Thread(target=accept_and_ignore, daemon=True).start()
    scenarios = quick_scenarios(tmp_path)
    with WebhookReceiver() as hooks:
        app = create_app(
            Settings(
                store=":memory:",
                scenarios_dir=str(scenarios),
                scenario="quick",
                tick_seconds=0.05,
                webhook_timeout=3,
                webhook_url=(f"http://127.0.0.1:{hung.getsockname()[1]}/never", hooks.url),
            ),
            clock=SystemClock(),
        )
        runtime = app.extensions["mockserver"]
        runtime.start()
        try:
            started = time.monotonic()
            app.test_client().post(PATH, data=submission(), headers=basic(ISV_SID, ISV_TOKEN))
            hooks.wait_for(3, timeout=10)
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            runtime.close()
            for connection in held:
                connection.close()
            hung.close()
    assert elapsed < 1.5, f"the hung endpoint held up the others for {elapsed:.1f} s"
