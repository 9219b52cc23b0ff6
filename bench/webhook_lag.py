"""Real-time lag from a transition's due time to its webhook arriving, with the scheduler on.

A server with the real-time clock and the APScheduler tick (default 0.1 s) holds verifications
submitted 10 ms apart under a scenario that reviews each one 1 s after submission and approves
it 1 s later. Every event goes to a receiver in its own process, which measures arrival time
minus the event's ``time`` (the transition's due time). Prints p50/p99/max over all events.

    python bench/webhook_lag.py [--records 300] [--tick 0.1]
"""

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import requests
from common import ACCOUNT, FORM, TOKEN

from mockserver.app import create_app
from mockserver.clock import SystemClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

TARGET_P99_MS = 250
SCENARIO = (
    "description: Bench.\nsteps:\n  - {after: 1s, do: review}\n  - {after: 1s, do: approve}\n"
)


def receive(ready, expected: int, lags) -> None:
    """Collect ``expected`` events in this process; report each one's lag in ms."""
    with WebhookReceiver() as hooks:
        ready.put(hooks.url)
        hooks.wait_for(expected, timeout=120)
        result = []
        for request in hooks.received:
            for event in json.loads(request["body"]):
                due = datetime.fromisoformat(event["time"].replace("Z", "+00:00")).timestamp()
                result.append(
                    (event["data"]["verificationstatus"], (request["received_at"] - due) * 1000)
                )
        lags.put(result)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--tick", type=float, default=0.1)
    args = parser.parse_args()
    expected = 3 * args.records
    ready, lags = multiprocessing.Queue(), multiprocessing.Queue()
    receiver = multiprocessing.Process(target=receive, args=(ready, expected, lags), daemon=True)
    receiver.start()
    hooks_url = ready.get(timeout=30)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "lag.yaml").write_text(SCENARIO)
        settings = Settings(
            store=":memory:",
            scenarios_dir=tmp,
            scenario="lag",
            tick_seconds=args.tick,
            options={"twilio_webhook_url": (hooks_url + "/events",)},
        )
        app = create_app(settings, clock=SystemClock())
        runtime = app.extensions["mockserver"]
        accounts = runtime.backend("twilio").accounts
        numbers = [
            accounts.add_phone_number(ACCOUNT, f"+1877{4000000 + i:07d}")["sid"]
            for i in range(args.records)
        ]
        runtime.start()
        with serve_in_thread(app) as url, requests.Session() as session:
            session.auth = (ACCOUNT, TOKEN)
            for pn in numbers:
                started = time.perf_counter()
                response = session.post(
                    f"{url}/v1/Tollfree/Verifications", data={**FORM, "TollfreePhoneNumberSid": pn}
                )
                assert response.status_code == 201, response.text
                time.sleep(max(0.0, 0.01 - (time.perf_counter() - started)))
            measured = lags.get(timeout=120)
        runtime.close()
    receiver.join(timeout=30)
    values = sorted(lag for _, lag in measured)
    p99 = values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]
    by_status = {
        status: statistics.median(lag for s, lag in measured if s == status)
        for status in ("pending_review", "in_review", "twilio_approved")
    }
    print(
        f"{len(values)} webhooks, tick {args.tick} s: lag p50 {statistics.median(values):.1f} ms,"
        f" p99 {p99:.1f} ms, max {values[-1]:.1f} ms (target p99 < {TARGET_P99_MS} ms)"
    )
    print("median by event: " + ", ".join(f"{k} {v:.1f} ms" for k, v in by_status.items()))
    return 0 if p99 < TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
