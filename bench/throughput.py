"""Requests per second of mockserver against a bare Flask app returning the same JSON, on the
same WSGI server, measured with wrk, interleaved (mock, bare, mock, bare…) and as ratios.

Scenarios: fetch one verification, create one, list an account of 1,000 (page 50), and GET a
Pinnacle campaign, each at concurrency 1, 8 and 64. The bare app answers every route with the
body mockserver gave for it (captured first), so the ratio is what mockserver's own work
costs. Both servers run in child processes of this one; the mock uses a file store in a
temporary folder, as ``mockserver serve`` does by default, and a scenario that holds every
record where it is (no scheduled transition runs while a row is measured).

``--server cheroot`` is what ``mockserver serve`` runs (``mockserver.serving``: its threads,
limits and JSON errors; ``--threads`` overrides its thread count, ``--access-log`` turns its
access log on for the mock, written to a file); ``werkzeug`` is the test server
(``serve_in_thread``); ``waitress`` is waitress with its defaults but 4 threads (or
``--threads``), for comparison (docs/serving.md).

    apt-get install wrk         # Debian/Ubuntu (macOS: brew install wrk)
    pip install waitress        # only for --server waitress
    python bench/throughput.py [--server cheroot|werkzeug|waitress] [--threads N] [--access-log]
                               [--seconds 3] [--rounds 2] [--concurrency 1,8,64]
                               [--scenarios fetch,create,list,pinnacle]
                               [--scale 50,10000,100000]

Afterwards it runs ``bench/scale.py`` (unless ``--scale ''``): list p50 for accounts of 50, 10k
and 100k, and ``mockserver serve`` restarting on 100k stored (seconds to healthy, RSS).
"""

import argparse
import base64
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import yaml
from common import ACCOUNT, FORM, HELD_SCENARIO, TOKEN, free_port, write_held_scenario
from wrk import run_wrk, wrk_threads

AUTH = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
# Creates go to the seed's subaccount, so the listed account keeps its 1,000 records.
CREATOR, CREATOR_TOKEN = "AC00000000000000000000000000000002", "sandbox_subaccount_token"
CREATOR_AUTH = "Basic " + base64.b64encode(f"{CREATOR}:{CREATOR_TOKEN}".encode()).decode()
CREATOR_FORM = {**FORM, "CustomerProfileSid": "BU00000000000000000000000000000011"}
PINNACLE_KEY = "sandbox_pinnacle_key"
SEED = Path(__file__).resolve().parents[1] / "mockserver" / "defaults" / "seed.yaml"
LISTED = 1_000  # verifications in the listed account
# The most creates a second one run can use: each needs a number of its own, seeded up front.
CREATES_PER_SECOND = 1_500
SCENARIOS = ("fetch", "create", "list", "pinnacle")


def main() -> int:
    args = _arguments()
    if args.child:
        return _serve_child(args)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk (or brew install wrk)", file=sys.stderr)
        return 2
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    scenarios = args.scenarios.split(",")
    # Every create needs a number of its own (one open verification per number).
    creates = _create_budget(args, concurrencies) if "create" in scenarios else 0
    with tempfile.TemporaryDirectory(prefix="mockserver-throughput-") as folder:
        work = Path(folder)
        listed, pool_numbers = _seed_file(work / "seed.yaml", LISTED + 1, creates)
        (work / "scenarios").mkdir()
        write_held_scenario(work / "scenarios")
        mock = _start("mock", args, work)
        try:
            targets = _prepare(mock.url, listed)
            (work / "bodies.json").write_text(json.dumps(targets["bodies"]))
            bare = _start("bare", args, work)
            try:
                pool = iter(_chunks(pool_numbers, args))
                rows = _measure(args, mock, bare, targets, concurrencies, scenarios, pool, work)
            finally:
                bare.stop()
        finally:
            mock.stop()
    _report(args, rows)
    if args.scale:
        # The store-size figures of issue 13 (list p50 at 10k and 100k, restart and RSS at
        # 100k), from bench/scale.py in a child process of this one.
        print(f"\nbench/scale.py --sizes {args.scale}", flush=True)
        scale = Path(__file__).with_name("scale.py")
        return subprocess.run([sys.executable, str(scale), "--sizes", args.scale]).returncode
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("cheroot", "werkzeug", "waitress"), default="cheroot")
    parser.add_argument("--threads", type=int, default=None, help="(cheroot, waitress)")
    parser.add_argument("--access-log", action="store_true", help="the mock's (cheroot)")
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", default="1,8,64")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument(
        "--scale",
        default="50,10000,100000",
        help="store sizes for bench/scale.py afterwards ('' skips it; 100,000 takes a minute)",
    )
    parser.add_argument("--child", choices=("mock", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    return parser.parse_args()


# -- the two servers -------------------------------------------------------------------------


class Child:
    """A server in a child process."""

    def __init__(self, process: subprocess.Popen, url: str):
        self.process, self.url = process, url

    def stop(self) -> None:
        """Stop the server and reap it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _start(kind: str, args: argparse.Namespace, folder: Path) -> Child:
    port = free_port()
    command = [sys.executable, __file__, "--child", kind, "--server", args.server]
    command += ["--port", str(port), "--folder", str(folder)]
    command += ["--threads", str(args.threads)] if args.threads else []
    command += ["--access-log"] if args.access_log else []
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the {kind} server exited with {process.returncode}")
        try:
            requests.get(url + "/_mock/health", timeout=1)
            return Child(process, url)
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"the {kind} server did not start within 60 s")


def _serve_child(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    app = _mock_app(folder) if args.child == "mock" else _bare_app(folder)
    if args.server == "cheroot":
        from mockserver.serving import THREADS, build_production_server

        logged = args.access_log and args.child == "mock"
        # To a file: what a terminal costs is not the server's.
        log = open(folder / "access.log", "a", buffering=1) if logged else None  # noqa: SIM115
        threads = args.threads or THREADS
        server = build_production_server(
            app, "127.0.0.1", args.port, access_log=log, threads=threads
        )
        server.serve_forever()
        return 0
    if args.server == "waitress":
        import waitress

        # A line per queued task would drown the report (and cost time under load).
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        threads = args.threads or 4
        waitress.serve(app, host="127.0.0.1", port=args.port, threads=threads, _quiet=True)
        return 0
    from mockserver.server import build_server

    build_server(app, "127.0.0.1", args.port).serve_forever()
    return 0


def _mock_app(folder: Path):
    from mockserver.app import create_app
    from mockserver.settings import Settings

    settings = Settings(
        store=str(folder / "store.json"),
        seed_file=str(folder / "seed.yaml"),
        random_seed=1,
        # Records never move on their own: under the default scenario the 1,000 listed
        # verifications would all go into review 30 s in, and the creates' own 30 s after
        # them, while later rows are measured (bench/settle.py measures that work).
        scenario=HELD_SCENARIO,
        scenarios_dir=str(folder / "scenarios"),
    )
    app = create_app(settings)
    app.extensions["mockserver"].start()  # the scheduler ticks, as under ``mockserver serve``
    return app


def _bare_app(folder: Path):
    """Flask answering each measured path with the body mockserver gave for it."""
    from flask import Flask, Response

    bodies = json.loads((folder / "bodies.json").read_text())
    app = Flask("bare")

    def answer(name: str, status: int):
        payload = json.dumps(bodies[name], separators=(",", ":"))
        return lambda **_: Response(payload, status=status, mimetype="application/json")

    app.add_url_rule("/_mock/health", "health", answer("health", 200))
    app.add_url_rule("/v1/Tollfree/Verifications/<sid>", "fetch", answer("fetch", 200))
    app.add_url_rule(
        "/v1/Tollfree/Verifications", "create", answer("create", 201), methods=["POST"]
    )
    app.add_url_rule("/v1/Tollfree/Verifications", "list", answer("list", 200), methods=["GET"])
    app.add_url_rule("/campaigns/toll-free/<campaign_id>", "pinnacle", answer("pinnacle", 200))
    return app


# -- what is measured ------------------------------------------------------------------------


def _seed_file(path: Path, listed: int, creates: int) -> tuple[list[str], list[str]]:
    """The default seed plus toll-free numbers: ``listed`` in the account, ``creates`` in its
    subaccount; their SIDs."""
    seed = yaml.safe_load(SEED.read_text())
    account = seed["twilio"]["accounts"][0]
    sids = [f"PN{index:032x}" for index in range(0x1000, 0x1000 + listed + creates)]
    numbers = [
        {"sid": sid, "phone_number": f"+1888{2000000 + index:07d}"}
        for index, sid in enumerate(sids)
    ]
    account["phone_numbers"] += numbers[:listed]
    account["subaccounts"][0]["phone_numbers"] += numbers[listed:]
    path.write_text(yaml.safe_dump(seed))
    return sids[:listed], sids[listed:]


def _prepare(url: str, numbers: list[str]) -> dict:
    """Fill the listed account, make a campaign, and capture every measured body."""
    headers = {"Authorization": AUTH}
    session = requests.Session()
    sids = []
    for sid in numbers[:LISTED]:
        created = session.post(
            f"{url}/v1/Tollfree/Verifications",
            data={**FORM, "TollfreePhoneNumberSid": sid},
            headers=headers,
        )
        created.raise_for_status()
        sids.append(created.json()["sid"])
    campaign = session.post(
        f"{url}/campaigns/toll-free",
        json={"brand": "b_0000000001", "name": "Throughput"},
        headers={"PINNACLE-API-KEY": PINNACLE_KEY},
    ).json()["campaignId"]
    paths = {
        "fetch": f"/v1/Tollfree/Verifications/{sids[0]}",
        "list": "/v1/Tollfree/Verifications?PageSize=50",
        "pinnacle": f"/campaigns/toll-free/{campaign}",
    }
    bodies = {"health": session.get(f"{url}/_mock/health").json()}
    for name, path in paths.items():
        key = {"PINNACLE-API-KEY": PINNACLE_KEY} if name == "pinnacle" else headers
        bodies[name] = session.get(url + path, headers=key).json()
    # Created in the listed account from its spare number, so the body is a real answer.
    bodies["create"] = session.post(
        f"{url}/v1/Tollfree/Verifications",
        data={**FORM, "TollfreePhoneNumberSid": numbers[LISTED]},
        headers=headers,
    ).json()
    session.delete(f"{url}/v1/Tollfree/Verifications/{bodies['create']['sid']}", headers=headers)
    return {"paths": paths, "bodies": bodies}


def _create_budget(args: argparse.Namespace, concurrencies: list[int]) -> int:
    """Numbers enough for every create run (more creates than that show as non-2xx)."""
    return len(concurrencies) * args.rounds * int(CREATES_PER_SECOND * args.seconds)


def _chunks(numbers: list[str], args: argparse.Namespace):
    size = int(CREATES_PER_SECOND * args.seconds)
    for start in range(0, len(numbers), size):
        yield numbers[start : start + size]


def _measure(args, mock, bare, targets, concurrencies, scenarios, pool, work) -> list[dict]:
    rows = []
    for scenario in scenarios:
        for concurrency in concurrencies:
            pairs = []
            for _ in range(args.rounds):
                numbers = next(pool) if scenario == "create" else []
                script = _script(work, scenario, targets, numbers, wrk_threads(concurrency))
                path = targets["paths"].get(scenario, "/v1/Tollfree/Verifications")
                mocked = run_wrk(mock.url + path, script, concurrency, args.seconds)
                _drained(mock.url)
                plain = run_wrk(bare.url + path, script, concurrency, args.seconds)
                _drained(bare.url)
                pairs.append((mocked, plain))
            rows.append({"scenario": scenario, "concurrency": concurrency, "pairs": pairs})
            _print_row(rows[-1])
    return rows


def _drained(url: str) -> None:
    """Wait until the server has worked off what the last run left queued (a health check
    answers within 50 ms), so a backlog never counts against the next run."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            requests.get(url + "/_mock/health", timeout=5)
        except requests.RequestException:
            continue
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def _script(work: Path, scenario: str, targets: dict, numbers: list[str], threads: int) -> Path:
    """A wrk Lua script: the scenario's headers, and for create one number per request
    (split between wrk's threads so no two requests share one)."""
    header = "PINNACLE-API-KEY" if scenario == "pinnacle" else "Authorization"
    value = {"pinnacle": PINNACLE_KEY, "create": CREATOR_AUTH}.get(scenario, AUTH)
    lines = [f'wrk.headers["{header}"] = "{value}"']
    if scenario == "create":
        form = "&".join(
            f"{key}={requests.utils.quote(item, safe='')}"
            for key, values in CREATOR_FORM.items()
            for item in (values if isinstance(values, list) else [values])
        )
        lines += [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
            f"local form = {json.dumps(form + '&TollfreePhoneNumberSid=')}",
            "local sids = {" + ",".join(json.dumps(sid) for sid in numbers) + "}",
            f"local threads, next_thread = {threads}, 0",
            "function setup(thread) thread:set('offset', next_thread); "
            "next_thread = next_thread + 1 end",
            "local i = nil",
            "function request()",
            "  if i == nil then i = offset + 1 end",
            "  local sid = sids[i] or 'PN0'",
            "  i = i + threads",
            "  return wrk.format(nil, nil, nil, form .. sid)",
            "end",
        ]
    path = work / f"{scenario}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


# -- the report ------------------------------------------------------------------------------


def _print_row(row: dict) -> None:
    mocked = [m["rate"] for m, _ in row["pairs"]]
    plain = [b["rate"] for _, b in row["pairs"]]
    ratios = [m / b for m, b in zip(mocked, plain, strict=True) if b]
    failed = sum(m["failed"] for m, _ in row["pairs"])
    notes = "".join({f"  {m['socket_errors']}" for m, _ in row["pairs"] if m["socket_errors"]})
    print(
        f"{row['scenario']:<9} c={row['concurrency']:<3} "
        f"mock {statistics.median(mocked):8.0f} req/s   bare {statistics.median(plain):8.0f} "
        f"req/s   ratio {statistics.median(ratios):.2f}x "
        f"({min(ratios):.2f}-{max(ratios):.2f})"
        + (f"   {failed} non-2xx from the mock" if failed else "")
        + notes,
        flush=True,
    )


def _report(args: argparse.Namespace, rows: list[dict]) -> None:
    threads = f" ({args.threads} threads)" if args.threads else ""
    log = ", access log on (mock)" if args.access_log else ""
    print(
        f"server {args.server}{threads}{log}; {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s per row; ratio = mock / bare, median of the rounds (min-max)"
    )


if __name__ == "__main__":
    sys.exit(main())
