"""Request latency of ``mockserver serve`` with 20 live streams open against none.

Starts ``mockserver serve`` (cheroot, in-memory store) in a child process and times
``GET /v1/Tollfree/Verifications`` over one keep-alive connection, in interleaved rounds:
no stream open; 20 idle streams open (``?kind=clock``: heartbeats only); 20 streams that
read every event, each timed request being one (a journaled request); 20 streams that
never read, so their sockets and then their queues fill and overflow. Prints p50/p99 per
case and the ratios to no streams; exits 1 if a p50 ratio is over the target.

    python bench/stream_latency.py [--samples 500] [--rounds 3] [--streams 20]
"""

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import threading
import time

import requests
from common import ACCOUNT, TOKEN, free_port, percentile

TARGET_RATIO = 1.25


@contextlib.contextmanager
def serving():
    """``mockserver serve`` on a free port, until the block ends; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port)]
    command += ["--store", ":memory:", "--no-access-log", "--log-level", "WARNING"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{url}/_mock/health", timeout=1).ok:
                    break
            time.sleep(0.05)
        yield url
    finally:
        child.terminate()
        child.wait(timeout=30)


def open_streams(url: str, count: int, how: str) -> list:
    """``count`` open streams: ``idle`` (clock events only), ``reading`` (every event, read
    by a thread each) or ``stalled`` (raw sockets that never read a byte)."""
    if how != "stalled":
        kinds = {"kind": "clock"} if how == "idle" else {}
        streams = [
            requests.get(
                f"{url}/_mock/stream", params={"heartbeat": 1, **kinds}, stream=True, timeout=10
            )
            for _ in range(count)
        ]
        for stream in streams:
            threading.Thread(target=_drain, args=(stream,), daemon=True).start()
        return streams
    host, port = url.removeprefix("http://").split(":")
    stalled = []
    for _ in range(count):
        sock = socket.create_connection((host, int(port)))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(f"GET /_mock/stream HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        stalled.append(sock)
    return stalled


def _drain(stream) -> None:
    with contextlib.suppress(requests.RequestException, AttributeError, ValueError):
        for _ in stream.iter_content(4096):
            pass


def timed(url: str, samples: int) -> list[float]:
    """Milliseconds per request, one keep-alive connection."""
    with requests.Session() as session:
        session.auth = (ACCOUNT, TOKEN)
        session.get(f"{url}/v1/Tollfree/Verifications")  # connect before timing
        times = []
        for _ in range(samples):
            start = time.perf_counter()
            answer = session.get(f"{url}/v1/Tollfree/Verifications")
            times.append((time.perf_counter() - start) * 1000)
            if answer.status_code != 200:
                raise SystemExit(f"request failed: {answer.status_code} {answer.text}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--streams", type=int, default=20)
    args = parser.parse_args()
    cases = {"no streams": None}
    for how in ("idle", "reading", "stalled"):
        cases[f"{args.streams} {how} streams"] = how
    found: dict[str, list[float]] = {name: [] for name in cases}
    with serving() as url:
        for _ in range(args.rounds):
            for name, how in cases.items():
                streams = [] if how is None else open_streams(url, args.streams, how)
                try:
                    found[name] += timed(url, args.samples)
                finally:
                    for stream in streams:
                        stream.close()
                time.sleep(1.5)  # closed streams end at their next heartbeat or write
    base = statistics.median(found["no streams"])
    worst = 0.0
    for name, samples in found.items():
        p50, p99 = statistics.median(samples), percentile(samples, 0.99)
        worst = max(worst, p50 / base)
        print(f"{name:24} p50 {p50:.2f} ms, p99 {p99:.2f} ms ({p50 / base:.2f}x the p50 alone)")
    print(f"target: every p50 within {TARGET_RATIO}x of no streams")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
