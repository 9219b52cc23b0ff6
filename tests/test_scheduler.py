"""Real time: the scheduler runs due transitions and webhooks without anyone advancing."""

import logging
import threading
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
                options={"twilio_webhook_url": (hooks.url,)},
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
                options={
                    "twilio_webhook_url": (
                        f"http://127.0.0.1:{hung.getsockname()[1]}/never",
                        hooks.url,
                    )
                },
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


def test_a_failing_tick_is_logged_in_one_line_and_the_next_tick_still_comes(caplog):
    """Each failure is one ERROR line and is counted in ``status()``; ticking goes on."""
    import threading

    from mockserver.scheduler import Scheduler

    calls = []
    third = threading.Event()

    def tick():
        calls.append(1)
        if len(calls) >= 3:
            third.set()
        if len(calls) == 1:
            raise RuntimeError("store on fire\nsecond line")
        if len(calls) == 2:
            raise RuntimeError("disk full")

    scheduler = Scheduler(tick, 0.01)
    with caplog.at_level(logging.DEBUG, logger="mockserver.scheduler"):
        scheduler.start()
        try:
            assert third.wait(10)
        finally:
            scheduler.shutdown()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        "tick failed (1 so far): RuntimeError: store on fire",
        "tick failed (2 so far): RuntimeError: disk full",
    ]
    status = scheduler.status()
    assert (status["failures"], status["last_error"], status["running"]) == (
        2,
        "RuntimeError: disk full",
        False,
    )
    assert status["ticks"] >= 3


def test_ticks_never_overlap_and_apscheduler_stays_quiet(caplog):
    """A tick slower than the interval delays the next one instead of being skipped with a
    'maximum number of running instances' warning."""
    import threading

    from mockserver.scheduler import Scheduler

    running, overlaps, done = [0], [], threading.Event()
    calls = []

    def slow_tick():
        running[0] += 1
        overlaps.append(running[0] > 1)
        calls.append(1)
        done.wait(0.03)  # three intervals long
        running[0] -= 1
        if len(calls) == 5:
            done.set()

    scheduler = Scheduler(slow_tick, 0.01)
    with caplog.at_level(logging.INFO, logger="apscheduler"):
        scheduler.start()
        try:
            assert done.wait(10)
        finally:
            scheduler.shutdown()
    assert not any(overlaps)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_an_advance_under_the_scheduler_counts_every_delivery_it_made(tmp_path):
    """The background tick waits while an advance settles, so the advance's summary counts
    each webhook the receiver got after it started (it once reported about half)."""
    from mockserver.clock import ManualClock

    with WebhookReceiver() as hooks:
        app = create_app(
            Settings(
                store=":memory:", tick_seconds=0.001, options={"twilio_webhook_url": (hooks.url,)}
            ),
            clock=ManualClock("2025-01-01T00:00:00Z"),
        )
        runtime = app.extensions["mockserver"]
        client = app.test_client()
        toll_free = [
            client.post(
                "/_mock/twilio/phone-numbers",
                json={"account_sid": ISV_SID, "phone_number": f"+1833555{n:04d}"},
            ).get_json()["sid"]
            for n in range(40)
        ]
        runtime.start()
        try:
            for sid in toll_free:
                client.post(
                    PATH,
                    data=submission(TollfreePhoneNumberSid=sid),
                    headers=basic(ISV_SID, ISV_TOKEN),
                )
            hooks.wait_for(len(toll_free))  # the pending-review events, sent by the scheduler
            before = len(hooks.received)
            summary = client.post("/_mock/clock/advance", json={"minutes": 16}).get_json()
        finally:
            runtime.close()
        made = len(hooks.received) - before
    assert made == 2 * len(toll_free)
    assert summary["deliveries"]["delivered"] == made


def test_real_time_goes_on_for_others_while_an_advance_waits_on_a_slow_receiver(
    answering_endpoint,
):
    """An advance blocked on one tenant's slow endpoint does not pause the scheduler: a
    webhook that falls due meanwhile for another destination goes out at once."""
    from datetime import timedelta

    from mockserver.clock import ManualClock
    from mockserver.webhooks import Event, Request

    release, arrived = threading.Event(), threading.Event()

    def slow(raw: bytes) -> None:
        arrived.set()
        release.wait(20)

    with WebhookReceiver() as fast:
        app = create_app(
            Settings(store=":memory:", tick_seconds=0.01, webhook_timeout=20),
            clock=ManualClock("2025-01-01T00:00:00Z"),
        )
        runtime = app.extensions["mockserver"]
        urls = {"slow": answering_endpoint(slow), "fast": fast.url}
        runtime.outbox.register_router(
            "twilio", lambda event: [Request(urls[event.type], urls[event.type], "{}")]
        )
        runtime.start()
        try:
            due = runtime.clock.now() + timedelta(seconds=30)  # falls due inside the advance
            runtime.outbox.enqueue([Event("twilio", "slow", "AC1", "HH1", due, {})])
            advancing = threading.Thread(target=runtime.advance, args=(60,), daemon=True)
            advancing.start()
            assert arrived.wait(10)  # the advance now waits on the slow endpoint
            later = runtime.clock.now()
            runtime.outbox.enqueue([Event("twilio", "fast", "AC2", "HH2", later, {})])
            fast.wait_for(1, timeout=10)
            assert advancing.is_alive()  # still settling: the scheduler sent it
        finally:
            release.set()
            runtime.close()


def test_the_same_failure_tick_after_tick_is_logged_once_then_now_and_then(caplog):
    """A full disk fails every tick: one line, then one every ``REPEAT_EVERY`` failures,
    while ``failures`` counts them all."""
    import logging
    import threading

    from mockserver.scheduler import REPEAT_EVERY, Scheduler

    calls, enough = [], threading.Event()

    def tick():
        calls.append(1)
        if len(calls) == REPEAT_EVERY + 5:
            enough.set()
        raise OSError(28, "No space left on device")

    scheduler = Scheduler(tick, 0.0001)
    with caplog.at_level(logging.ERROR, logger="mockserver.scheduler"):
        scheduler.start()
        try:
            assert enough.wait(20)
        finally:
            scheduler.shutdown()
    assert [r.getMessage() for r in caplog.records] == [
        "tick failed (1 so far): OSError: [Errno 28] No space left on device",
        f"tick failed ({REPEAT_EVERY} so far): OSError: [Errno 28] No space left on device",
    ]
    assert scheduler.status()["failures"] >= REPEAT_EVERY + 5
