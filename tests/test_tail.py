"""``mockserver tail``: one readable line per live event, from a live server."""

import io
import threading
import time

from mockserver.cli import tail as tail_command
from mockserver.tail import line_for, tail

TRANSITION = {
    "provider": "twilio",
    "tenant": "AC1",
    "record_id": "HH1",
    "previous_status": "PENDING_REVIEW",
    "status": "IN_REVIEW",
    "action": "review",
    "forced": False,
    "at": "2025-01-01T12:00:01Z",
}


def test_a_transition_reads_as_who_what_and_how():
    assert line_for("transition", TRANSITION) == (
        "12:00:01 transition twilio (AC1) HH1 PENDING_REVIEW → IN_REVIEW  review"
    )
    forced = line_for("transition", {**TRANSITION, "forced": True, "action": "approve"})
    assert forced.endswith("forced approve")


def test_a_failed_delivery_reads_as_its_error_and_is_red_on_a_terminal():
    failed = {
        "provider": "pinnacle",
        "tenant": "…_key",
        "id": "WH1",
        "url": "http://h/x",
        "state": "retrying",
        "status": None,
        "error": "ConnectionRefusedError: [Errno 111] Connection refused",
        "duration_ms": 1.5,
        "at": "2025-01-01T12:00:02.000Z",
    }
    plain = line_for("delivery", failed)
    assert plain.startswith("12:00:02 delivery   pinnacle (…_key) WH1 ConnectionRefusedError")
    assert "in 1.5 ms → http://h/x" in plain and "\033" not in plain
    assert "\033[31m" in line_for("delivery", failed, colour=True)
    ok = line_for("delivery", {**failed, "state": "delivered", "status": 200, "error": None}, True)
    assert "\033[31m" not in ok and "\033[32m" in ok


def test_requests_messages_clock_moves_and_overflow_each_have_a_line():
    assert line_for("request", {"provider": None, "method": "GET", "path": "/x", "status": 404})
    assert "+1 → +2 queued" in line_for(
        "message", {"direction": "outbound-api", "from": "+1", "to": "+2", "status": "queued"}
    )
    clock = line_for("clock", {"seconds": 3600, "now": "2025-01-01T13:00:00Z", "transitions": 2})
    assert "moved 3600 s to 2025-01-01T13:00:00Z: 2 transitions, 0 webhooks delivered" in clock
    assert "7 events dropped" in line_for("overflow", {"dropped": 7})


def test_tail_prints_a_live_servers_events_until_it_closes_the_stream(live_url, runtime, sandbox):
    out = io.StringIO()
    codes = []
    reader = threading.Thread(
        target=lambda: codes.append(tail(live_url, kinds=["clock"], out=out, colour=False))
    )
    reader.start()
    deadline = time.monotonic() + 5
    while not runtime.live.watching and time.monotonic() < deadline:
        time.sleep(0.01)  # until its stream is open
    sandbox.clock.advance(minutes=1)
    deadline = time.monotonic() + 5
    while "clock" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    runtime.live.close()
    reader.join(timeout=5)
    assert codes == [0]
    lines = out.getvalue().splitlines()
    assert lines[0] == f"watching {live_url} (Ctrl-C to stop)"
    assert "clock      moved 60 s to" in lines[1]


def test_tail_says_why_when_the_sandbox_refuses_the_stream(live_url, runtime, capsys):
    runtime.live.max_subscribers = 0
    assert tail(live_url, out=io.StringIO()) == 1
    assert "503" in capsys.readouterr().err


def test_tail_reports_a_sandbox_it_cannot_reach(capsys):
    assert tail("http://127.0.0.1:9", out=io.StringIO()) == 1
    assert "cannot read http://127.0.0.1:9" in capsys.readouterr().err


def test_the_tail_command_takes_url_tenant_and_repeated_kinds():
    args = tail_command.make_context(
        "tail", ["--url", "http://h:1", "--tenant", "AC1", "--kind", "clock", "--kind", "message"]
    ).params
    assert (args["url"], args["tenant"], args["kinds"]) == (
        "http://h:1",
        "AC1",
        ("clock", "message"),
    )


def test_escape_sequences_a_client_sent_are_shown_escaped_not_obeyed():
    line = line_for(
        "request", {"method": "GET", "path": "/v1/\x1b]0;PWNED\x07\x1b[2J", "status": 404}
    )
    assert "\x1b" not in line and "\x07" not in line
    assert "PWNED" in line
