"""How list and restart costs grow with the store: list p50 for an account of 50, 10k and
100k verifications (page 50), and ``mockserver serve`` starting on a store of 100k: seconds to
healthy and resident memory once healthy.

Each store is filled through the backend (the create path without HTTP), written to a file
store in a temporary folder, then served by ``mockserver serve`` in a child process, as a
user's restart would. The records run a scenario of this benchmark's own whose first step
waits for a forced move, so no scheduled move runs while restart, memory and lists are
measured. Targets (issue 13): list at 100k within 3x of 50; restart at 100k under 3 s and
under 400 MB.

    python bench/scale.py [--sizes 50,10000,100000] [--samples 5]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from common import (
    ACCOUNT,
    HELD_SCENARIO,
    TOKEN,
    VALUES,
    free_port,
    toll_free_numbers,
    write_held_scenario,
)

from mockserver.app import create_app
from mockserver.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,10000,100000")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    lists = {}
    with tempfile.TemporaryDirectory(prefix="mockserver-scale-") as folder:
        write_held_scenario(Path(folder))
        for size in sizes:
            store = Path(folder) / f"store-{size}.json"
            seconds = fill(store, size)
            print(f"{size:>7} verifications: filled in {seconds:.1f} s", flush=True)
            server = Served(store)
            try:
                megabytes = store.stat().st_size / 1e6
                print(
                    f"{size:>7} verifications: healthy after {server.started:.2f} s, "
                    f"RSS {server.rss_mb():.0f} MB (store file {megabytes:.0f} MB)",
                    flush=True,
                )
                first, lists[size] = list_p50(server.url, args.samples)
                print(
                    f"{size:>7} verifications: list p50 {lists[size]:.1f} ms (the first after "
                    f"the restart, which builds the account index: {first:.0f} ms); "
                    f"RSS {server.rss_mb():.0f} MB after the lists",
                    flush=True,
                )
            finally:
                server.stop()
    smallest = min(lists)
    for size in sorted(lists):
        print(f"list p50 at {size}: {lists[size] / lists[smallest]:.1f}x the account of {smallest}")
    return 0


def fill(store: Path, size: int) -> float:
    """Create ``size`` verifications in the seed account through the backend."""
    started = time.perf_counter()
    settings = Settings(
        store=str(store), random_seed=1, scenario=HELD_SCENARIO, scenarios_dir=str(store.parent)
    )
    app = create_app(settings)
    runtime = app.extensions["mockserver"]
    backend = runtime.backend("twilio")
    numbers = toll_free_numbers()
    for _ in range(size):
        number = backend.accounts.add_phone_number(ACCOUNT, next(numbers))
        backend.create_verification(ACCOUNT, {**VALUES, "tollfree_phone_number_sid": number["sid"]})
    runtime.close()
    return time.perf_counter() - started


class Served:
    """``mockserver serve`` on a store, timed from launch to its first healthy answer."""

    def __init__(self, store: Path):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        launched = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mockserver",
                "serve",
                "--scenarios-dir",
                str(store.parent),
                "--scenario",
                HELD_SCENARIO,
                "--store",
                str(store),
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"mockserver exited with {self.process.returncode}")
            try:
                if requests.get(self.url + "/_mock/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.02)
        self.started = time.perf_counter() - launched

    def rss_mb(self) -> float:
        """Resident memory of the server process (Linux ``/proc``)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        return int(kilobytes.split()[1]) / 1024

    def stop(self) -> None:
        """Stop the server (killed if it takes over a minute), and say how long it took."""
        started = time.perf_counter()
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        print(f"        stopped in {time.perf_counter() - started:.1f} s", flush=True)


def list_p50(url: str, samples: int) -> tuple[float, float]:
    """Milliseconds for the account's first page of 50: the first request, and the median of
    the ``samples`` after it."""
    session = requests.Session()
    session.auth = (ACCOUNT, TOKEN)
    timings = []
    for _ in range(samples + 1):
        started = time.perf_counter()
        session.get(f"{url}/v1/Tollfree/Verifications?PageSize=50").raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    return timings[0], statistics.median(timings[1:])


if __name__ == "__main__":
    sys.exit(main())
