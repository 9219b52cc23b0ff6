"""What the request journal costs a request, and what reading it back costs.

Times, in one process, on a typical Twilio SDK ``GET /v1/Tollfree/Verifications/{Sid}`` and
a form ``POST /v1/Tollfree/Verifications`` (the headers twilio-python sends):

- ``hooks``: the app's own before- and after-request hooks (the control guard, keeping the
  body, journaling), called directly in a request context as Flask calls them, µs per request;
- ``client``: the whole request through Flask's test client, µs per request, with the app's
  hooks and without them (the difference is what they cost end to end);
- ``listing``: ``GET /_mock/requests`` over a full journal of 1,000 such entries, ms.

``--compare DIR`` also runs this script against the source tree in ``DIR`` (say a worktree of
the revision before a change: ``git worktree add -f /tmp/jrnl-old HEAD``), interleaving the
two trees round by round in fresh processes, and prints both side by side (the best round
of each). Times are this thread's CPU time, so other load on the machine (a test suite
running next to it) disturbs them less than it would wall-clock time:

    python bench/journal_cost.py [--rounds 5] [--compare /tmp/jrnl-old]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ACCOUNT, FORM, TOKEN, toll_free_numbers

SDK_HEADERS = {
    "User-Agent": "twilio-python/9.4.1 (Linux x86_64) Python/3.11.7",
    "Accept-Charset": "utf-8",
    "Accept-Encoding": "gzip, deflate",
    "Accept": "application/json",
    "Connection": "keep-alive",
}
PATH = "/v1/Tollfree/Verifications"
FIGURES = ("hooks GET", "hooks POST", "client GET", "client GET, no hooks", "client POST")
FIGURES += ("client POST, no hooks", "listing 1,000")


def measure(rounds: int) -> dict[str, float]:
    """One process's figures (best of ``rounds``): µs per request, ms per listing."""
    import base64

    from werkzeug.test import EnvironBuilder

    from mockserver.app import create_app
    from mockserver.settings import Settings

    app = create_app(Settings(store=":memory:"))
    client = app.test_client()
    accounts = app.extensions["mockserver"].backend("twilio").accounts
    supply = toll_free_numbers()
    token = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
    headers = {**SDK_HEADERS, "Authorization": f"Basic {token}"}

    def create() -> dict:
        """A create of a verification for a fresh number the account owns."""
        number = accounts.add_phone_number(ACCOUNT, next(supply))["sid"]
        data = {**FORM, "TollfreePhoneNumberSid": number}
        return {"path": PATH, "method": "POST", "data": data, "headers": headers}

    created = client.open(**create())
    assert created.status_code == 201, created.get_json()
    get = {"path": f"{PATH}/{created.get_json()['sid']}", "headers": headers}

    def hooks(request: dict, count: int) -> float:
        """The app's own before- and after-request hooks (the control guard, the journal),
        called as Flask calls them; µs per request."""
        environ = EnvironBuilder(**request).get_environ()
        response = app.response_class(b"{}", status=200)
        before = [app.ensure_sync(f) for f in app.before_request_funcs[None]]
        after = [app.ensure_sync(f) for f in reversed(app.after_request_funcs[None])]
        with app.request_context(environ):
            start = time.thread_time()
            for _ in range(count):
                for function in before:
                    function()
                for function in after:
                    function(response)
            return (time.thread_time() - start) / count * 1e6

    def through_client(request: dict | None, count: int) -> float:
        """Seconds for ``count`` requests; ``None``: a fresh create each time."""
        requests = [create() if request is None else request for _ in range(count)]
        start = time.thread_time()
        for one in requests:
            client.open(**one)
        return time.thread_time() - start

    def without_hooks(request: dict | None, count: int) -> float:
        """The same with the app's own hooks taken out (so no journal either)."""
        before, after = app.before_request_funcs[None], app.after_request_funcs[None]
        app.before_request_funcs[None], app.after_request_funcs[None] = [], []
        try:
            return through_client(request, count)
        finally:
            app.before_request_funcs[None], app.after_request_funcs[None] = before, after

    def with_and_without(request: dict | None, count: int) -> tuple[float, float]:
        """µs per request with the hooks and without, in alternating batches of ``count``
        (so both see the same store as creates fill it)."""
        timed = [0.0, 0.0]
        for _ in range(10):
            timed[0] += through_client(request, count)
            timed[1] += without_hooks(request, count)
        return timed[0] / count / 10 * 1e6, timed[1] / count / 10 * 1e6

    def listing(count: int) -> float:
        for number in range(1000):  # a full journal: half fetches, half creates
            client.open(**(get if number % 2 else create()))
        start = time.thread_time()
        for _ in range(count):
            assert len(client.get("/_mock/requests").get_json()["requests"]) == 1000
        return (time.thread_time() - start) / count * 1e3

    samples: dict[str, list[float]] = {name: [] for name in FIGURES}
    for _ in range(rounds):
        samples["hooks GET"].append(hooks(get, 5000))
        samples["hooks POST"].append(hooks(create(), 5000))
        for kind, request, count in (("GET", get, 100), ("POST", None, 30)):
            hooked, bare = with_and_without(request, count)
            samples[f"client {kind}"].append(hooked)
            samples[f"client {kind}, no hooks"].append(bare)
        samples["listing 1,000"].append(listing(3))
    app.extensions["mockserver"].close()
    return {name: min(values) for name, values in samples.items()}


def run_tree(tree: Path, rounds: int) -> dict[str, float]:
    """This script's figures with ``tree``'s ``mockserver`` imported first, in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, __file__, "--rounds", str(rounds), "--json"]
    output = subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another source tree to run side by side")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.rounds)))
        return 0
    here = Path(__file__).resolve().parents[1]
    trees = {"this tree": here} | ({"compared": args.compare.resolve()} if args.compare else {})
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):  # interleaved, one round per process, so drift hits both
        for name, tree in trees.items():
            runs[name].append(run_tree(tree, 1))
    figures = {
        name: {key: min(run[key] for run in found) for key in FIGURES}
        for name, found in runs.items()
    }
    print(f"best of {args.rounds} interleaved rounds; µs per request, ms per listing")
    print(
        f"{'':28}"
        + "".join(f"{name:>14}" for name in trees)
        + ("         ratio" * (len(trees) > 1))
    )
    for key in FIGURES:
        row = "".join(f"{figures[name][key]:14.1f}" for name in trees)
        if len(trees) > 1:
            row += f"{figures['this tree'][key] / figures['compared'][key]:13.2f}x"
        print(f"{key:28}{row}")
    for name, tree in trees.items():
        print(f"{name}: {tree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
