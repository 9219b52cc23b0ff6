"""Running wrk from the benchmarks: how many of its threads, and its req/s and failures."""

import re
import subprocess
from pathlib import Path


def wrk_threads(concurrency: int) -> int:
    """wrk threads for a concurrency: one per core here (two), never more than connections."""
    return min(concurrency, 2)


def run_wrk(url: str, script: Path, concurrency: int, seconds: int) -> dict:
    """wrk's req/s, non-2xx count and socket errors for ``script`` against ``url``."""
    threads = wrk_threads(concurrency)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate,
        "failed": int(failed.group(1)) if failed else 0,
        "socket_errors": errors.group(0) if errors else "",
    }
