"""``mockserver serve`` on its production server, run as a real process: the access log
(flag and variable), a clean stop on SIGTERM and Ctrl-C, JSON refusals from the server."""

import contextlib
import json
import signal
import socket
import threading
import time

import pytest
import requests

from mockserver.cli_serve import given_on_the_command_line, serve
from mockserver.settings import Settings
from tests.test_cli import listening_url, start, wait_healthy

ACCESS = "mockserver.access: 127.0.0.1 "


@pytest.fixture
def served(tmp_path):
    """Start ``mockserver`` processes in ``tmp_path``; end those still running afterwards."""
    processes = []

    def _served(args, env=None):
        processes.append(start(args, env, cwd=tmp_path))
        return processes[-1]

    yield _served
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        process.stdout.close()


def test_the_access_log_flag_and_variable():
    def parse(args):
        return given_on_the_command_line(serve.make_context("serve", args)).get("access_log")

    assert parse([]) is None  # not given: the variable or the default decides
    assert parse(["--access-log"]) is True
    assert parse(["--no-access-log"]) is False
    assert Settings.from_env({}).access_log is True
    assert Settings.from_env({"MOCKSERVER_ACCESS_LOG": "0"}).access_log is False
    assert Settings.from_env({"MOCKSERVER_ACCESS_LOG": "false"}, access_log=True).access_log
    with pytest.raises(ValueError, match="MOCKSERVER_ACCESS_LOG"):
        Settings.from_env({"MOCKSERVER_ACCESS_LOG": "sometimes"})


def stopped_output(process, signum=signal.SIGTERM, *again: int) -> tuple[int, str]:
    """Stop the server with ``signum`` (then the signals ``again``, 0.05 s apart, while it
    stops); its exit status and everything it printed."""
    output: list[str] = []
    # Read while waiting (a full pipe would block the server's writes); not communicate(),
    # which reads the pipe's descriptor and loses what listening_url's reads buffered.
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()), daemon=True)
    reader.start()
    process.send_signal(signum)
    for other in again:
        time.sleep(0.05)
        if process.poll() is None:
            process.send_signal(other)
    status = process.wait(timeout=15)
    reader.join(timeout=15)
    return status, "".join(output)


@pytest.mark.parametrize(
    ("args", "env", "logged"),
    [
        ([], {}, True),
        (["--no-access-log"], {}, False),
        ([], {"MOCKSERVER_ACCESS_LOG": "off"}, False),
        (["--access-log"], {"MOCKSERVER_ACCESS_LOG": "off"}, True),  # the flag wins
    ],
)
def test_serve_logs_one_line_per_request_unless_told_not_to(served, args, env, logged):
    process = served(["serve", "--port", "0", "--store", ":memory:", *args], env)
    url = listening_url(process)
    wait_healthy(url, process)
    response = requests.get(f"{url}/_mock/clock?from=test", timeout=5)
    assert response.status_code == 200
    status, output = stopped_output(process)
    assert status == 0
    lines = [line for line in output.splitlines() if ACCESS in line]
    clock = [line for line in lines if '"GET /_mock/clock?from=test HTTP/1.1" 200 ' in line]
    assert len(clock) == (1 if logged else 0)
    assert f"access log {'on' if logged else 'off'}" in output  # the banner says which


def serve_with_an_account(served, store):
    """``serve`` on ``store``, healthy, with a Twilio account created: process, URL, account."""
    process = served(["serve", "--port", "0", "--store", str(store), "--no-access-log"])
    url = listening_url(process)
    wait_healthy(url, process)
    created = requests.post(f"{url}/_mock/twilio/accounts", json={}, timeout=5).json()
    return process, url, created


def assert_kept(served, store, created) -> None:
    """A new ``serve`` on ``store`` still knows the account ``created`` before the stop."""
    again = served(["serve", "--port", "0", "--store", str(store), "--no-access-log"])
    url = listening_url(again)
    wait_healthy(url, again)
    auth = (created["sid"], created["auth_token"])
    assert requests.get(f"{url}/v1/Tollfree/Verifications", auth=auth, timeout=5).ok


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_cleanly_and_keeps_what_it_stored(served, tmp_path, signum):
    store = tmp_path / "state.json"
    process, _, created = serve_with_an_account(served, store)
    status, output = stopped_output(process, signum)
    assert status == 0
    assert "Traceback" not in output
    assert_kept(served, store, created)


def test_serve_stops_in_bounded_time_with_a_client_that_never_reads(served, tmp_path):
    """Stop does not wait for a worker blocked sending to a client that reads nothing: the
    requests in hand get STOP_GRACE (5 s), then the store is flushed and the process exits
    (before Docker's 10 s grace runs out), whatever signals come meanwhile.
    (tests/test_serving.py has the blocked worker on the server itself.)"""
    store = tmp_path / "state.json"
    process, url, created = serve_with_an_account(served, store)
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # fills at once
    sock.connect((host, int(port)))
    sock.settimeout(30)

    def pipeline() -> None:  # requests without end, answers never read
        with sock, contextlib.suppress(OSError):
            while True:
                sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n" * 500)

    threading.Thread(target=pipeline, daemon=True).start()
    time.sleep(2)  # the worker blocks in send once the buffers are full
    started = time.monotonic()
    # A second SIGTERM and a Ctrl-C while it stops are ignored: the store is still flushed.
    status, output = stopped_output(process, signal.SIGTERM, signal.SIGTERM, signal.SIGINT)
    assert time.monotonic() - started < 8.5  # STOP_GRACE and the store's flush, with slack
    assert status == 0
    assert "Traceback" not in output
    assert_kept(served, store, created)


def test_serve_answers_a_garbage_request_line_and_a_huge_header_with_json(served):
    process = served(["serve", "--port", "0", "--store", ":memory:", "--no-access-log"])
    url = listening_url(process)
    wait_healthy(url, process)
    host, port = url.removeprefix("http://").split(":")

    def exchange(payload: bytes) -> bytes:
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(payload)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        return answer

    head, _, body = exchange(b"GARBAGE\r\n\r\n").partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    assert json.loads(body)["status"] == 400
    big = b"GET /v1/Tollfree/Verifications HTTP/1.1\r\nHost: x\r\nX-F: " + b"h" * 100_000
    head, _, body = exchange(big + b"\r\n\r\n").partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"431"
    assert json.loads(body)["code"] == 20001  # Twilio's shape
    head, _, body = exchange(b"GET /?" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n").partition(
        b"\r\n\r\n"
    )
    assert json.loads(body)["status"] == 414
