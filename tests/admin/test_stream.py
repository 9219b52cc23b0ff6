"""``GET /_mock/stream``: live events over Server-Sent Events, against a live server."""

import json
import threading
import time

import pytest
import requests
import sseclient

from tests.conftest import ISV_SID, ISV_TOKEN

SENDER = "+14155550100"  # the seed account's local number: it sends without a gate
PINNACLE_KEY = "sandbox_pinnacle_key"


class Watcher:
    """One open stream and the events read from it so far."""

    def __init__(self, url: str, **query):
        self.response = requests.get(
            f"{url}/_mock/stream", params={"heartbeat": 0.2, **query}, stream=True, timeout=5
        )
        self.status = self.response.status_code
        self._events = sseclient.SSEClient(self.response).events() if self.status == 200 else None

    def until(self, kind: str, where=lambda data: True) -> dict:
        """The next event of ``kind`` matching ``where`` (the read times out after 5 s)."""
        for event in self._events:
            data = json.loads(event.data)
            if event.event == kind and where(data):
                return data
        raise AssertionError(f"the stream ended before a {kind} event")

    def rest(self) -> list[tuple[str, dict]]:
        """Every event until the stream ends (a stream with a timeout or limit)."""
        return [(event.event, json.loads(event.data)) for event in self._events]

    def close(self) -> None:
        self.response.close()


@pytest.fixture
def watch(live_url):
    opened = []

    def _open(**query) -> Watcher:
        watcher = Watcher(live_url, **query)
        opened.append(watcher)
        return watcher

    yield _open
    for watcher in opened:
        watcher.close()


def send_message(live_url, to="+12025550100", **form) -> dict:
    answer = requests.post(
        f"{live_url}/2010-04-01/Accounts/{ISV_SID}/Messages.json",
        data={"From": SENDER, "To": to, "Body": "hi", **form},
        auth=(ISV_SID, ISV_TOKEN),
        timeout=5,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_message_streams_its_creation_status_changes_and_callbacks(
    watch, live_url, sandbox, receiver
):
    """One send: a ``message`` event, a ``transition`` per status change with the previous
    status, and a ``delivery`` per status callback attempt."""
    watcher = watch()
    sid = send_message(live_url, StatusCallback=receiver.url + "/status")["sid"]
    sandbox.clock.advance(seconds=10)

    message = watcher.until("message")
    assert message["record_id"] == sid and message["provider"] == "twilio"
    assert message["tenant"] == ISV_SID and message["direction"] == "outbound-api"
    assert (message["from"], message["to"], message["status"]) == (
        SENDER,
        "+12025550100",
        "queued",
    )
    sent = watcher.until("transition", lambda d: d["status"] == "sent")
    assert sent["record_id"] == sid and sent["tenant"] == ISV_SID
    assert sent["previous_status"] == "sending" and sent["action"] == "hand_off"
    assert sent["at"].endswith("Z") and sent["forced"] is False
    delivery = watcher.until("delivery", lambda d: d["record_id"] == sid)
    assert delivery["status"] == 200 and delivery["state"] == "delivered"
    assert delivery["url"] == receiver.url + "/status" and delivery["attempt"] == 1
    assert delivery["tenant"] == ISV_SID and delivery["provider"] == "twilio"


def test_a_forced_move_streams_as_forced(watch, live_url, sandbox):
    watcher = watch(kind="transition")
    sid = send_message(live_url)["sid"]
    sandbox.force(sid, action="send")
    moved = watcher.until("transition", lambda d: d["record_id"] == sid)
    assert moved["forced"] is True and moved["status"] == "sending"


def test_an_api_request_streams_and_a_control_request_does_not(watch, live_url, sandbox):
    watcher = watch(kind="request,clock")
    sandbox.clock.advance(seconds=1)  # a control request: no request event
    requests.get(f"{live_url}/v1/Tollfree/Verifications", auth=(ISV_SID, ISV_TOKEN), timeout=5)
    first = watcher.until("clock")
    assert first["seconds"] == 1
    request = watcher.until("request")
    assert (request["method"], request["path"], request["status"]) == (
        "GET",
        "/v1/Tollfree/Verifications",
        200,
    )
    assert request["tenant"] == ISV_SID and request["provider"] == "twilio"


def test_a_request_event_says_whether_the_request_stored_anything(watch, live_url):
    """``wrote`` is the server's: false for reads, Pinnacle's POST list read included, true
    for a create."""
    from tests.providers.twilio.conftest import TOLL_FREE_PN, submission

    watcher = watch(kind="request")
    auth = (ISV_SID, ISV_TOKEN)
    requests.get(f"{live_url}/v1/Tollfree/Verifications", auth=auth, timeout=5)
    requests.post(
        f"{live_url}/brands/list",
        json={"pageIndex": 0, "pageSize": 5},
        headers={"PINNACLE-API-KEY": PINNACLE_KEY},
        timeout=5,
    )
    created = requests.post(
        f"{live_url}/v1/Tollfree/Verifications",
        data=submission(TollfreePhoneNumberSid=TOLL_FREE_PN),
        auth=auth,
        timeout=5,
    )
    assert created.status_code == 201, created.text
    seen = [watcher.until("request") for _ in range(3)]
    assert [(event["method"], event["status"], event["wrote"]) for event in seen] == [
        ("GET", 200, False),
        ("POST", 200, False),
        ("POST", 201, True),
    ]


def test_a_secret_tenant_shows_by_its_fingerprint_and_filters_by_its_whole_key(watch, live_url):
    mine = watch(kind="request", tenant=PINNACLE_KEY)
    other = watch(kind="request", tenant="another-key", timeout=1)
    requests.get(f"{live_url}/brands", headers={"PINNACLE-API-KEY": PINNACLE_KEY}, timeout=5)
    seen = mine.until("request")
    assert seen["tenant"] == "…_key" and PINNACLE_KEY not in json.dumps(seen)
    assert other.rest() == []


def test_the_clock_advance_streams_what_it_settled(watch, sandbox):
    watcher = watch(kind="clock")
    sandbox.clock.advance(hours=1)
    moved = watcher.until("clock")
    assert moved["seconds"] == 3600 and moved["now"].endswith("Z")
    assert moved["transitions"] == 0 and moved["deliveries"]["attempted"] == 0


def test_an_idle_stream_gets_heartbeats(live_url):
    with requests.get(
        f"{live_url}/_mock/stream", params={"heartbeat": 0.05, "timeout": 0.5}, timeout=5
    ) as response:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert response.headers["Cache-Control"] == "no-cache"
        assert response.text.startswith("retry: 2000\n")
        assert response.text.count(": heartbeat\n\n") >= 2


def test_a_limit_ends_the_stream_after_that_many_events(watch, sandbox):
    watcher = watch(kind="clock", limit=2)
    for _ in range(3):
        sandbox.clock.advance(seconds=1)
    assert [kind for kind, _ in watcher.rest()] == ["clock", "clock"]


def test_a_client_that_leaves_is_forgotten(watch, runtime):
    watcher = watch()
    assert runtime.live.watching == 1
    watcher.close()
    deadline = time.monotonic() + 5
    while runtime.live.watching and time.monotonic() < deadline:
        time.sleep(0.02)  # the server notices at its next write (a heartbeat: 0.2 s)
    assert runtime.live.watching == 0


def test_one_stream_too_many_is_refused_with_a_503(watch, runtime):
    runtime.live.max_subscribers = 1
    assert watch().status == 200
    refused = watch()
    assert refused.status == 503
    assert refused.response.json()["error"] == "busy"


@pytest.mark.parametrize(
    "query", [{"kind": "transition,bogus"}, {"kind": ","}, {"heartbeat": "0"}, {"limit": "0"}]
)
def test_a_bad_filter_is_a_control_400(live_url, query):
    answer = requests.get(f"{live_url}/_mock/stream", params=query, timeout=5)
    assert answer.status_code == 400 and answer.json()["error"] == "bad_request"


def test_closing_the_sandbox_ends_every_stream(watch, runtime):
    watchers = [watch(), watch()]
    runtime.live.close()
    ended = [threading.Thread(target=w.rest) for w in watchers]
    for thread in ended:
        thread.start()
    for thread in ended:
        thread.join(timeout=5)
    assert not any(thread.is_alive() for thread in ended)


def test_a_head_request_leaves_no_subscription_behind(client, runtime):
    """HEAD answers the headers and never runs the stream, which would unsubscribe."""
    for _ in range(runtime.live.max_subscribers + 1):
        answer = client.head("/_mock/stream")
        assert answer.status_code == 200
        answer.close()
    assert runtime.live.watching == 0
