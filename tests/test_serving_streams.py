"""Under ``mockserver serve``'s server, open live streams never take the API's threads."""

import threading
import time

import requests

from mockserver.serving import THREADS
from tests.test_serving import production


def test_more_open_streams_than_threads_leave_the_api_answering(app):
    """Each stream adds a worker while it is open, and the pool shrinks back after."""
    with production(app) as port:
        url = f"http://127.0.0.1:{port}"
        streams = [
            requests.get(f"{url}/_mock/stream?heartbeat=1", stream=True, timeout=10)
            for _ in range(THREADS + 5)
        ]
        assert all(stream.status_code == 200 for stream in streams)
        started = time.monotonic()
        answers = [requests.get(f"{url}/_mock/health", timeout=10) for _ in range(THREADS * 2)]
        assert all(answer.status_code == 200 for answer in answers)
        assert time.monotonic() - started < 5
        for stream in streams:
            stream.close()
        workers = lambda: sum(t.name.startswith("CP Server") for t in threading.enumerate())  # noqa: E731
        deadline = time.monotonic() + 10
        while workers() > THREADS and time.monotonic() < deadline:
            time.sleep(0.05)  # a stream ends at its next heartbeat, then its worker leaves
        assert workers() == THREADS


def test_streams_opened_and_closed_at_once_by_many_clients_never_stall_the_server(app):
    """Workers lent to streams that end at once (or are refused) leave the pool as it was."""
    from concurrent.futures import ThreadPoolExecutor

    with production(app) as port:
        url = f"http://127.0.0.1:{port}"

        def churn(_):
            for query in ("timeout=0.05", "kind=bogus", "timeout=0.05&heartbeat=0.05"):
                requests.get(f"{url}/_mock/stream?{query}", timeout=10).close()

        with ThreadPoolExecutor(12) as pool:
            list(pool.map(churn, range(24)))
        assert requests.get(f"{url}/_mock/health", timeout=5).status_code == 200
        workers = lambda: sum(t.name.startswith("CP Server") for t in threading.enumerate())  # noqa: E731
        deadline = time.monotonic() + 10
        while workers() > THREADS and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers() == THREADS
