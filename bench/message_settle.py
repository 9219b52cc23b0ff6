"""How long 1,000 Twilio messages take to send and to settle to ``delivered``, callbacks
included.

A real server (threaded werkzeug, in-memory store, virtual clock) owns a local number; the
timed part sends 1,000 messages over HTTP (``POST …/Messages.json`` with a
``StatusCallback``), then one ``POST /_mock/clock/advance`` runs every delivery step of the
default ``twilio_message`` scenario (queue, send, hand_off, deliver: 4,000 transitions) and
returns once all 2,000 status callbacks (``sent``, ``delivered``) reached a receiver running
in its own process.

    python bench/message_settle.py [--messages 1000] [--rounds 3]
"""

import argparse
import multiprocessing
import statistics
import sys
import time

import requests
from common import ACCOUNT, TOKEN
from settle import receive  # the same receiver, in its own process

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings

TARGET_SECONDS = 2.0
SENDER = "+14155550100"  # the seed account's local number: no toll-free gate


def one_round(messages: int) -> tuple[float, float, dict]:
    """Seconds the sends took, seconds the settling advance took, and its summary."""
    ready, counts, stop = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    receiver = multiprocessing.Process(target=receive, args=(ready, stop, counts), daemon=True)
    receiver.start()
    hooks_url = ready.get(timeout=30)
    try:
        app = create_app(Settings(store=":memory:"), clock=ManualClock())
        path = f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
        form = {"From": SENDER, "Body": "Your code is 123456", "StatusCallback": hooks_url}
        with serve_in_thread(app) as url, requests.Session() as session:
            session.auth = (ACCOUNT, TOKEN)
            start = time.perf_counter()
            for serial in range(messages):
                answer = session.post(url + path, data={**form, "To": f"+1202555{serial:04d}"})
                assert answer.status_code == 201, answer.text
            sending = time.perf_counter() - start
            start = time.perf_counter()
            summary = session.post(
                f"{url}/_mock/clock/advance", json={"seconds": 10}, timeout=300
            ).json()
            settling = time.perf_counter() - start
        app.extensions["mockserver"].close()
    finally:
        stop.set()
    arrived = counts.get(timeout=30)
    receiver.join(timeout=30)
    if arrived != 2 * messages:
        raise SystemExit(f"only {arrived} of {2 * messages} status callbacks arrived")
    return sending, settling, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sends, settles = [], []
    for _ in range(args.rounds):
        sending, settling, summary = one_round(args.messages)
        assert summary["deliveries"]["delivered"] == 2 * args.messages, summary["deliveries"]
        sends.append(sending)
        settles.append(settling)
    print(
        f"send {args.messages} messages: median {statistics.median(sends):.3f} s; "
        f"settle them to delivered ({4 * args.messages} transitions + {2 * args.messages} "
        f"callbacks): median {statistics.median(settles):.3f} s, worst {max(settles):.3f} s "
        f"over {args.rounds} rounds (target < {TARGET_SECONDS} s)"
    )
    return 0 if max(settles) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
