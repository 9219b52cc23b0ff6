"""What one webhook POST costs the sandbox's CPU, per HTTP client, side by side.

Each client posts the same Twilio status callback (form body, the headers the sandbox
sends) over one kept-alive connection to a receiver running in its own process, so only
the sending side is timed (process CPU time). Rounds interleave the clients; the figures
are medians, and the ratio is each client's cost over the sandbox sender's.

    python bench/webhook_client.py [--posts 2000] [--rounds 3]
"""

import argparse
import http.client
import multiprocessing
import statistics
import sys
import time

import requests
import urllib3
from settle import receive  # the testing kit's receiver, in its own process

from mockserver.webhooks import Sender

BODY = (
    "AccountSid=AC00000000000000000000000000000001&ApiVersion=2010-04-01&From=%2B14155550100"
    "&MessageSid=SM00000000000000000000000000000001&MessageStatus=sent"
    "&SmsSid=SM00000000000000000000000000000001&SmsStatus=sent&To=%2B12025550000"
)
HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
    "User-Agent": "TwilioProxy/1.1",
    "X-Twilio-Signature": "0123456789abcdefghijklmnopqr=",
    "I-Twilio-Idempotency-Token": "00000000-0000-0000-0000-000000000000",
}


def clients(url: str) -> dict:
    """One callable per client, each posting once over its own kept-alive connection."""
    session = requests.Session()
    session.trust_env = False
    pool = urllib3.PoolManager()
    host, port = url.removeprefix("http://").split(":")
    plain = http.client.HTTPConnection(host, int(port), timeout=5)
    sender = Sender(timeout=5)
    delivery = {"url": f"{url}/cb", "body": BODY, "headers": HEADERS}

    def with_http_client():
        plain.request("POST", "/cb", body=BODY.encode(), headers=HEADERS)
        plain.getresponse().read()

    def with_sender():
        assert sender.send(delivery).ok

    return {
        "sandbox Sender": with_sender,
        "requests.Session": lambda: session.post(f"{url}/cb", data=BODY, headers=HEADERS),
        "urllib3.PoolManager": lambda: pool.request(
            "POST", f"{url}/cb", body=BODY, headers=HEADERS
        ),
        "bare http.client": with_http_client,
    }


def cpu_ms_per_post(post, posts: int) -> float:
    """Process CPU milliseconds per call of ``post``."""
    started = time.process_time()
    for _ in range(posts):
        post()
    return (time.process_time() - started) * 1000 / posts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ready, counts, stop = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    receiver = multiprocessing.Process(target=receive, args=(ready, stop, counts), daemon=True)
    receiver.start()
    try:
        posting = clients(ready.get(timeout=30))
        costs = {name: [] for name in posting}
        for _ in range(args.rounds):
            for name, post in posting.items():
                costs[name].append(cpu_ms_per_post(post, args.posts))
    finally:
        stop.set()
    receiver.join(timeout=30)
    ours = statistics.median(costs["sandbox Sender"])
    for name, samples in costs.items():
        median = statistics.median(samples)
        print(f"{name:20} {median:.3f} ms CPU per POST ({median / ours:.2f}x the sandbox's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
