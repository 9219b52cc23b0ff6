"""How much a TFV create costs with 10,000 verifications stored, against an empty store.

Runs a real server (threaded werkzeug, the default file store in a temp dir) and times
``POST /v1/Tollfree/Verifications`` over HTTP with keep-alive. Between the two timed runs the
store is filled to 10,000 verifications through the backend (same code path, no HTTP, to save
time). Prints p50/p99 for both and the ratio; exits 1 if the p50 ratio is over the target.

    python bench/create_latency.py [--samples 300] [--fill 10000] [--store file|memory]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from common import ACCOUNT, FORM, TOKEN, VALUES, percentile, toll_free_numbers

from mockserver.app import create_app
from mockserver.server import serve_in_thread
from mockserver.settings import Settings

TARGET_RATIO = 1.5


def timed_creates(session, url, numbers) -> list[float]:
    """Milliseconds per create, one per number."""
    samples = []
    for pn in numbers:
        start = time.perf_counter()
        response = session.post(
            f"{url}/v1/Tollfree/Verifications", data={**FORM, "TollfreePhoneNumberSid": pn}
        )
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 201:
            raise SystemExit(f"create failed: {response.status_code} {response.text}")
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--fill", type=int, default=10_000)
    parser.add_argument("--store", choices=("file", "memory"), default="file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "bench-store.json") if args.store == "file" else ":memory:"
        app = create_app(Settings(store=store))
        runtime = app.extensions["mockserver"]
        accounts = runtime.backend("twilio").accounts
        supply = toll_free_numbers()

        def own(count: int) -> list[str]:
            return [accounts.add_phone_number(ACCOUNT, next(supply))["sid"] for _ in range(count)]

        with serve_in_thread(app) as url, requests.Session() as session:
            session.auth = (ACCOUNT, TOKEN)
            timed_creates(session, url, own(20))  # warm-up
            empty = timed_creates(session, url, own(args.samples))
            backend = runtime.backend("twilio")
            fill = own(args.fill - runtime.store.count("twilio_verifications"))
            for pn in fill:
                backend.create_verification(ACCOUNT, {**VALUES, "tollfree_phone_number_sid": pn})
            stored = runtime.store.count("twilio_verifications")
            full = timed_creates(session, url, own(args.samples))
        runtime.close()

    ratio = statistics.median(full) / statistics.median(empty)
    mean_ratio = statistics.mean(full) / statistics.mean(empty)
    print(f"store: {args.store}, {args.samples} timed creates per phase")
    print(
        f"near-empty store : p50 {statistics.median(empty):6.2f} ms   "
        f"p99 {percentile(empty, 0.99):6.2f} ms"
    )
    print(
        f"{stored:>6} stored     : p50 {statistics.median(full):6.2f} ms   "
        f"p99 {percentile(full, 0.99):6.2f} ms"
    )
    print(f"ratio p50 {ratio:.2f}x, mean {mean_ratio:.2f}x (target <= {TARGET_RATIO}x)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
