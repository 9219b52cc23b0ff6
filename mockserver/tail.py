"""``mockserver tail``: a running sandbox's live events (``GET /_mock/stream``), one line each.

    12:00:01 transition twilio HH3f… (AC00…01) PENDING_REVIEW → IN_REVIEW  review
    12:00:01 delivery   twilio WH9a… 200 in 3 ms → http://localhost:9000/hooks  delivered
    12:00:02 request    twilio POST /v1/Tollfree/Verifications 201

Lines are coloured on a terminal and plain otherwise (or with ``NO_COLOR`` set).
"""

import json
import os
import sys
from collections.abc import Iterable
from typing import TextIO

import requests
import sseclient

from mockserver.access_log import printable_text

# ANSI colours per event kind; failures are red whatever their kind.
_COLOURS = {
    "transition": "36",
    "delivery": "32",
    "request": "90",
    "message": "35",
    "clock": "33",
}
_RED, _RESET = "\033[31m", "\033[0m"


def tail(
    url: str,
    *,
    kinds: Iterable[str] = (),
    tenant: str | None = None,
    token: str | None = None,
    out: TextIO = sys.stdout,
    colour: bool | None = None,
) -> int:
    """Print the sandbox's events until it stops or the user interrupts; the exit status."""
    if colour is None:
        colour = out.isatty() and "NO_COLOR" not in os.environ
    params = {"kind": ",".join(kinds)} if kinds else {}
    if tenant:
        params["tenant"] = tenant
    headers = {"Accept": "text/event-stream"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with requests.get(
            url.rstrip("/") + "/_mock/stream",
            params=params,
            headers=headers,
            stream=True,
            timeout=(10, None),
        ) as response:
            if response.status_code != 200:
                print(f"mockserver tail: {response.status_code} {response.text}", file=sys.stderr)
                return 1
            print(f"watching {url} (Ctrl-C to stop)", file=out, flush=True)
            for event in sseclient.SSEClient(response).events():
                print(line_for(event.event, json.loads(event.data), colour), file=out, flush=True)
    except KeyboardInterrupt:
        return 0
    except requests.RequestException as exc:
        print(f"mockserver tail: cannot read {url}: {exc}", file=sys.stderr)
        return 1
    print("mockserver tail: the sandbox closed the stream", file=sys.stderr)
    return 0


def line_for(kind: str, data: dict, colour: bool = False) -> str:
    """One event as a readable line; what clients sent (a path, a number) cannot move the
    cursor or retitle the terminal: control characters are escaped."""
    data = {key: printable_text(v) if isinstance(v, str) else v for key, v in data.items()}
    kind = printable_text(kind)
    at = str(data.get("at") or data.get("now") or "")
    clock = at[11:19] if len(at) >= 19 else at
    text, failed = _describe(kind, data)
    label = f"{kind:<10}"
    if colour:
        label = f"\033[{_COLOURS.get(kind, '0')}m{label}{_RESET}"
        if failed:
            text = f"{_RED}{text}{_RESET}"
    return f"{clock} {label} {text}".strip()


def _describe(kind: str, data: dict) -> tuple[str, bool]:
    """The line's text after its kind, and whether it tells of a failure."""
    get = data.get
    who = f"{get('provider') or '-'}" + (f" ({get('tenant')})" if get("tenant") else "")
    if kind == "transition":
        how = ("forced " if get("forced") else "") + str(get("action"))
        return f"{who} {get('record_id')} {get('previous_status')} → {get('status')}  {how}", False
    if kind == "delivery":
        duration = get("duration_ms")
        took = f" in {duration:g} ms" if isinstance(duration, int | float) else ""
        outcome = f"{get('error') or get('status')}{took} → {get('url')}  {get('state')}"
        failed = bool(get("error")) or get("state") not in ("delivered", "pending")
        return f"{who} {get('id')} {outcome}", failed
    if kind == "request":
        status = get("status")
        failed = isinstance(status, int) and status >= 500
        return f"{who} {get('method')} {get('path')} {status}", failed
    if kind == "message":
        route = f"{get('direction')} {get('from')} → {get('to')}"
        return f"{who} {get('record_id')} {route} {get('status')}", False
    if kind == "clock":
        delivered = (get("deliveries") or {}).get("delivered", 0)
        seconds = get("seconds")
        shown = f"{seconds:g}" if isinstance(seconds, int | float) else seconds
        moved = f"moved {shown} s to {get('now')}"
        return f"{moved}: {get('transitions')} transitions, {delivered} webhooks delivered", False
    if kind == "overflow":
        return f"{get('dropped')} events dropped: this client read too slowly", True
    return json.dumps(data), False
