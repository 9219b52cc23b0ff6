"""How long ``POST /_mock/clock/advance`` takes to settle 1,000 due transitions and webhooks.

A real server (threaded werkzeug, in-memory store) holds 1,000 verifications whose review is
due at the same virtual time; an Event Streams sink forwards every ``requested`` event to a
local HTTP receiver running in its own process (as a user's endpoint would). The timed call
advances the clock past that moment and returns only once all 1,000 transitions are applied
and their 1,000 webhooks delivered.

    python bench/settle.py [--records 1000] [--rounds 3]
"""

import argparse
import multiprocessing
import statistics
import sys
import time

import requests
from common import ACCOUNT, VALUES

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

TARGET_SECONDS = 2.0
REQUESTED = "com.twilio.messaging.compliance.toll-free-verification.requested"


def receive(ready, stop, counts) -> None:
    """Run a receiver in this (separate) process until told to stop; report what arrived."""
    with WebhookReceiver() as hooks:
        ready.put(hooks.url)
        stop.wait()
        counts.put(len(hooks.received))


def one_round(records: int) -> tuple[float, dict]:
    """Seconds the advance took, and its summary."""
    ready, counts, stop = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    receiver = multiprocessing.Process(target=receive, args=(ready, stop, counts), daemon=True)
    receiver.start()
    hooks_url = ready.get(timeout=30)
    try:
        app = create_app(Settings(store=":memory:"), clock=ManualClock())
        runtime = app.extensions["mockserver"]
        backend = runtime.backend("twilio")
        sink = backend.streams.create_sink(
            ACCOUNT, "bench", "webhook", {"destination": hooks_url + "/events"}
        )
        backend.streams.create_subscription(ACCOUNT, "bench", sink["sid"], [{"type": REQUESTED}])
        for serial in range(records):
            number = backend.accounts.add_phone_number(ACCOUNT, f"+1888{3000000 + serial:07d}")
            backend.create_verification(
                ACCOUNT, {**VALUES, "tollfree_phone_number_sid": number["sid"]}
            )
        with serve_in_thread(app) as url, requests.Session() as session:
            session.post(f"{url}/_mock/clock/advance", json={"seconds": 0})  # nothing due yet
            start = time.perf_counter()
            summary = session.post(
                f"{url}/_mock/clock/advance", json={"seconds": 30}, timeout=120
            ).json()
            elapsed = time.perf_counter() - start
        runtime.close()
    finally:
        stop.set()
    arrived = counts.get(timeout=30)
    receiver.join(timeout=30)
    if arrived != records:
        raise SystemExit(f"only {arrived} of {records} webhooks arrived")
    return elapsed, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    timings = []
    for _ in range(args.rounds):
        elapsed, summary = one_round(args.records)
        assert len(summary["transitions"]) == args.records, len(summary["transitions"])
        assert summary["deliveries"]["delivered"] == args.records, summary["deliveries"]
        timings.append(elapsed)
    print(
        f"settle {args.records} transitions + {args.records} webhooks: "
        f"median {statistics.median(timings):.3f} s, worst {max(timings):.3f} s "
        f"over {args.rounds} rounds (target < {TARGET_SECONDS} s)"
    )
    return 0 if max(timings) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
