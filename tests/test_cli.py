"""The ``mockserver`` command, run as a real process."""

import itertools
import os
import re
import socket
import subprocess
import sys
import time

import pytest
import requests


def listening_url(process: subprocess.Popen) -> str:
    """The URL a server started with ``--port 0`` prints (the OS picked a free port: no race
    between choosing a port and binding it)."""
    for line in process.stdout:
        found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if found:
            return found.group(1)
    pytest.fail("the server printed no 'listening on' line")


def start(args: list[str], env: dict | None = None, cwd=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mockserver", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early: {process.stdout.read()}")
        try:
            return requests.get(f"{url}/_mock/health", timeout=1).json()
        except requests.ConnectionError:
            time.sleep(0.05)
    pytest.fail("server did not become healthy")


@pytest.fixture
def served(tmp_path):
    processes = []

    def _served(args, env=None):
        process = start(args, env, cwd=tmp_path)
        processes.append(process)
        return process

    yield _served
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_serve_prints_where_it_listens_and_how_to_point_the_sdk(served, tmp_path):
    process = served(["serve", "--port", "0"])
    url = listening_url(process)
    health = wait_healthy(url, process)
    assert health["status"] == "ok"
    rest = list(itertools.takewhile(lambda line: "twilio_http_client" not in line, process.stdout))
    assert "  store: in memory (state is lost on exit; --store PATH keeps it)\n" in rest


def test_serve_keeps_state_in_memory_unless_a_store_is_named(served, tmp_path):
    """Nothing appears in the working directory, and a restart starts clean."""
    process = served(["serve", "--port", "0"])
    assert wait_healthy(listening_url(process), process)["store"] == ":memory:"
    assert list(tmp_path.iterdir()) == []
    named = served(["serve", "--port", "0"], env={"MOCKSERVER_STORE": "state.json"})
    assert wait_healthy(listening_url(named), named)["store"] == "state.json"
    assert (tmp_path / "state.json").exists()


def test_environment_variables_configure_serve(served):
    process = served(["serve"], env={"MOCKSERVER_PORT": "0", "MOCKSERVER_STORE": ":memory:"})
    assert wait_healthy(listening_url(process), process)["store"] == ":memory:"


def test_state_survives_a_restart_with_the_file_store(served, tmp_path):
    store = str(tmp_path / "state.json")
    process = served(["serve", "--port", "0", "--store", store])
    url = listening_url(process)
    wait_healthy(url, process)
    created = requests.post(f"{url}/_mock/twilio/accounts", json={}, timeout=5).json()
    process.terminate()
    process.wait(timeout=10)
    process = served(["serve", "--port", "0", "--store", store])
    url = listening_url(process)
    wait_healthy(url, process)
    auth = (created["sid"], created["auth_token"])
    assert requests.get(f"{url}/v1/Tollfree/Verifications", auth=auth, timeout=5).status_code == 200
    assert (
        requests.get(
            f"{url}/v1/Tollfree/Verifications", auth=(created["sid"], "x"), timeout=5
        ).status_code
        == 401
    )


def test_a_bad_seed_file_is_refused_at_start_with_its_reason(tmp_path):
    seed = tmp_path / "seed.yaml"
    seed.write_text("twilio:\n  accounts:\n    - sid: nope\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--seed-file",
            str(seed),
            "--store",
            ":memory:",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert str(seed) in result.stderr
    assert "twilio.accounts.0.sid" in result.stderr


def test_a_busy_port_is_reported(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mockserver",
                "serve",
                "--port",
                str(port),
                "--store",
                ":memory:",
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert f"Port {port} is in use" in result.stderr


def test_version_and_help():
    result = subprocess.run(
        [sys.executable, "-m", "mockserver", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.startswith("mockserver ")
    helped = subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    for flag in ("--host", "--port", "--store", "--seed-file", "--strict-auth", "MOCKSERVER_PORT"):
        assert flag in helped.stdout


def test_serve_runs_scenarios_in_real_time_and_posts_webhooks(served, tmp_path):
    from mockserver.testing import WebhookReceiver

    scenarios = tmp_path / "mine"
    scenarios.mkdir()
    (scenarios / "quick.yaml").write_text(
        "description: Fast.\nsteps:\n  - {after: 200ms, do: review}\n"
        "  - {after: 200ms, do: approve}\n"
    )
    with WebhookReceiver() as hooks:
        process = served(
            [
                "serve",
                "--port",
                "0",
                "--store",
                ":memory:",
                "--scenarios-dir",
                str(scenarios),
                "--scenario",
                "quick",
                "--twilio-webhook-url",
                hooks.url + "/a",
                "--webhook-url",  # the old name, kept for one release
                hooks.url + "/b",
            ]
        )
        url = listening_url(process)
        wait_healthy(url, process)
        from tests.providers.twilio.conftest import submission

        response = requests.post(
            f"{url}/v1/Tollfree/Verifications",
            data=submission(),
            auth=("AC00000000000000000000000000000001", "sandbox_auth_token"),
            timeout=5,
        )
        assert response.status_code == 201
        hooks.wait_for(6, timeout=15)
    assert sorted({r["path"].split("?")[0] for r in hooks.received}) == ["/a", "/b"]


def test_scenarios_validate_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("description: x\nsteps:\n  - {after: soon, do: review}\n")
    result = subprocess.run(
        [sys.executable, "-m", "mockserver", "scenarios", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert f"{bad}:3: steps.0.after" in result.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "mockserver", "scenarios", "list"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "reject_then_approve: Rejected" in listed.stdout


def test_a_bad_scenario_file_is_refused_at_start(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "broken.yaml").write_text("description: x\nsteps:\n  - {after: 1s, do: approve}\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--store",
            ":memory:",
            "--scenarios-dir",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"{folder / 'broken.yaml'}:3: steps.0.do: cannot approve" in result.stderr


def refused(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mockserver serve`` expecting it to refuse to start."""
    return subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    ("flag", "value", "named"),
    [
        ("--port", "-1", "MOCKSERVER_PORT"),
        ("--tick-seconds", "nan", "MOCKSERVER_TICK_SECONDS"),
        ("--webhook-timeout", "inf", "MOCKSERVER_WEBHOOK_TIMEOUT"),
    ],
)
def test_a_setting_out_of_range_refuses_to_start_in_one_line(flag, value, named):
    """Exit 2 naming the variable (port -1 was a traceback, a NaN tick a dead scheduler)."""
    result = refused(["--store", ":memory:", "--port", "0", flag, value])  # the last flag wins
    assert result.returncode == 2
    assert result.stderr.startswith(f"mockserver: {named}: ")
    assert result.stderr.count("\n") == 1


def test_an_empty_control_token_variable_refuses_to_start():
    """``-e MOCKSERVER_CONTROL_TOKEN=$UNSET`` would have opened the control API."""
    result = refused(["--store", ":memory:", "--port", "0"], {"MOCKSERVER_CONTROL_TOKEN": ""})
    assert result.returncode == 2
    assert result.stderr.startswith("mockserver: MOCKSERVER_CONTROL_TOKEN is set but empty")


def test_fsync_takes_its_mode_in_any_case():
    from mockserver.cli_serve import serve

    assert serve.make_context("serve", ["--fsync", "ALWAYS"]).params["fsync"] == "always"


def test_provider_flags_come_from_their_declared_options():
    """Each provider option is a --<provider>-<name> flag; a tuple option repeats; the old
    --webhook-url still sets Twilio's."""
    from mockserver.cli_serve import given_on_the_command_line, serve

    args = serve.make_context(
        "serve",
        [
            "--twilio-webhook-url",
            "http://a.example/",
            "--webhook-url",
            "http://b.example/",
            "--pinnacle-signing-secret",
            "s3",
        ],
    )
    given = given_on_the_command_line(args)
    assert given["twilio_webhook_url"] == ("http://a.example/", "http://b.example/")
    assert given["pinnacle_signing_secret"] == "s3"
    assert "pinnacle_webhook_url" not in given


def test_the_banner_shows_provider_settings_that_are_set_but_never_a_secret():
    from mockserver.cli_banner import banner
    from mockserver.runtime import Runtime
    from mockserver.settings import Settings

    options = {"twilio_webhook_url": ("http://a.example/",), "pinnacle_signing_secret": "x"}
    runtime = Runtime(Settings(store=":memory:", options=options))
    try:
        shown = banner(runtime, 8080)
    finally:
        runtime.close()
    assert "twilio-webhook-url: http://a.example/" in shown
    assert "pinnacle-signing-secret: (set)" in shown
    # Kinds of their own are listed in registration order (a message kind may come first).
    assert "default scenario: happy_path (" in shown
    assert "pinnacle campaign: pinnacle_campaign, pinnacle phone_number: pinnacle_number)" in shown


def test_a_bad_variable_refuses_to_start_in_one_line_naming_it():
    """Click shows the variables; Settings reads them, so its message names the variable."""
    result = refused(["--store", ":memory:"], {"MOCKSERVER_PORT": "eighty"})
    assert result.returncode == 2
    assert result.stderr.startswith("mockserver: MOCKSERVER_PORT: ")
    assert result.stderr.count("\n") == 1


def test_the_banner_says_whether_state_outlives_the_process():
    from mockserver.cli_banner import store_line
    from mockserver.settings import Settings

    assert store_line(Settings()) == "in memory (state is lost on exit; --store PATH keeps it)"
    assert store_line(Settings(store="state.json")) == "state.json (kept across restarts)"
