"""Commit latency of the file store with ``--fsync always`` and ``never``, and group commit.

Each case opens a fresh file store in a temporary directory. A single writer does
``--commits`` small ``store.put`` commits, timing each; then ``--writers`` threads share as
many commits, started together, to show how many commits one fsync covers with ``always``
(``never`` alongside for comparison). Rounds alternate the modes, so a noisy machine slows
both alike.

    python bench/commit_latency.py [--commits 2000] [--writers 8] [--rounds 3]
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import mockserver.storage as storage
from mockserver.store import Store

DOC = {"status": "IN_REVIEW", "account_sid": "AC00000000000000000000000000000001", "n": 0}


def percentile(samples: list[float], fraction: float) -> float:
    """The sample below which ``fraction`` of ``samples`` fall (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(mode: str, commits: int, writers: int) -> dict:
    """Latencies (s), throughput and fsyncs of ``commits`` puts by ``writers`` threads."""
    fsyncs = [0]
    real = storage._datasync

    def counted(fd):
        """The real fsync, counted."""
        fsyncs[0] += 1
        real(fd)

    storage._datasync = counted
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(str(Path(folder) / "store.json"), fsync=mode)
            latencies: list[float] = []
            start = threading.Barrier(writers + 1)

            def write(worker: int) -> None:
                """This worker's share of the commits, each timed."""
                mine = []
                start.wait()
                for n in range(worker, commits, writers):
                    began = time.perf_counter()
                    store.put("bench", f"{worker}-{n}", {**DOC, "n": n})
                    mine.append(time.perf_counter() - began)
                latencies.extend(mine)

            threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
            for thread in threads:
                thread.start()
            start.wait()
            began = time.perf_counter()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
            store.close()
    finally:
        storage._datasync = real
    return {
        "p50": percentile(latencies, 0.50),
        "p99": percentile(latencies, 0.99),
        "rate": commits / elapsed,
        "fsyncs_per_commit": fsyncs[0] / commits,
    }


def line(label: str, result: dict) -> str:
    """One case's figures on one line."""
    return (
        f"  {label:<22} p50 {result['p50'] * 1e3:8.3f} ms  p99 {result['p99'] * 1e3:8.3f} ms  "
        f"{result['rate']:9.0f} commits/s  {result['fsyncs_per_commit']:.3f} fsyncs/commit"
    )


def main() -> int:
    """Run every case ``--rounds`` times; print each round and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cases = [(f"{mode}, 1 writer", mode, 1) for mode in ("never", "always")] + [
        (f"{mode}, {args.writers} writers", mode, args.writers) for mode in ("never", "always")
    ]
    results: dict[str, list[dict]] = {label: [] for label, _, _ in cases}
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number} ({args.commits} commits per case)")
        for label, mode, writers in cases:
            results[label].append(run(mode, args.commits, writers))
            print(line(label, results[label][-1]), flush=True)
    print(f"median over {args.rounds} rounds")
    for label, rounds in results.items():
        print(line(label, {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
