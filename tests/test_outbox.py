"""The outbox: persisted deliveries, retries on the virtual clock, order, the attempt log."""

import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from mockserver.ids import IdFactory
from mockserver.outbox import Outbox
from mockserver.store import Store
from mockserver.webhooks import Backoff, Event, Request, Sender

T0 = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Sent:
    """One request the outbox sent."""

    method: str
    url: str
    body: bytes
    headers: dict[str, str]


class ScriptedExchange:
    """Answer webhook POSTs from a script of statuses (or exceptions) without a socket.

    ``script`` is consumed in order; ``per_event`` maps an event type to its own script,
    for tests where deliveries of different records go out in parallel.
    """

    def __init__(self, script, per_event=None):
        self.script, self.sent = list(script), []
        self.per_event = {kind: list(outcomes) for kind, outcomes in (per_event or {}).items()}
        self._lock = threading.Lock()

    def __call__(self, method, url, body, headers, keep):
        with self._lock:
            self.sent.append(Sent(method, url, body, dict(headers)))
            kind = json.loads(body)["n"]
            queue = self.per_event.get(kind, self.script)
            outcome = queue.pop(0) if queue else 200
        if isinstance(outcome, Exception):
            raise outcome
        return outcome, b"ok"[:keep]


@pytest.fixture(params=["memory", "json"])
def store(request, tmp_path):
    opened = Store(":memory:" if request.param == "memory" else str(tmp_path / "s.json"))
    yield opened
    opened.close()


@pytest.fixture
def make_outbox(store):
    outboxes = []

    def _make(*script, store_=None, per_event=None):
        adapter = ScriptedExchange(script, per_event)
        outbox = Outbox(store_ or store, IdFactory(1), Sender(exchange=adapter), workers=2)
        outbox.register_router(
            "p",
            lambda event: [
                Request(
                    destination=url,
                    url=f"{url}?signed",
                    body=f'{{"n": "{event.type}"}}',
                    headers={"X-Sig": "s"},
                )
                for url in event.payload["urls"]
            ],
        )
        outboxes.append(outbox)
        return outbox, adapter

    yield _make
    for outbox in outboxes:
        outbox.close()


def event(kind="a", record="r1", urls=("http://hook.test/1",), at=T0) -> Event:
    return Event(
        provider="p",
        type=kind,
        account="acct",
        record_id=record,
        occurred_at=at,
        payload={"urls": list(urls)},
    )


def test_a_2xx_answer_delivers_and_logs_the_attempt(make_outbox):
    outbox, adapter = make_outbox(204)
    outbox.enqueue([event()])
    report = outbox.flush(T0)
    assert report.as_dict() == {
        "attempted": 1,
        "delivered": 1,
        "retrying": 0,
        "failed": 0,
        "discarded": 0,
    }
    [delivery] = outbox.deliveries()
    assert delivery["state"] == "delivered"
    assert delivery["url"] == "http://hook.test/1?signed"
    assert delivery["attempts"][0]["status"] == 204
    assert adapter.sent[0].headers["X-Sig"] == "s"
    assert adapter.sent[0].body == b'{"n": "a"}'


def test_nothing_is_sent_before_its_time(make_outbox):
    outbox, _adapter = make_outbox()
    outbox.enqueue([event(at=T0 + timedelta(minutes=5))])
    assert outbox.flush(T0).attempted == 0
    assert outbox.flush(T0 + timedelta(minutes=5)).delivered == 1


@pytest.mark.parametrize(
    "failure", [500, 503, 429, 302, ConnectionRefusedError("refused"), TimeoutError("slow")]
)
def test_retryable_failures_back_off_on_the_virtual_clock(make_outbox, failure):
    outbox, adapter = make_outbox(failure, 200)
    outbox.enqueue([event()])
    assert outbox.flush(T0).retrying == 1
    [delivery] = outbox.deliveries()
    delay = Backoff().delay(delivery["id"], 1)
    assert 4 <= delay <= 6
    assert outbox.flush(T0 + timedelta(seconds=delay - 0.01)).attempted == 0
    assert outbox.flush(T0 + timedelta(seconds=delay)).delivered == 1
    [delivery] = outbox.deliveries()
    assert [a["status"] for a in delivery["attempts"]][1] == 200
    assert len(adapter.sent) == 2


@pytest.mark.parametrize("status", [400, 401, 404, 410])
def test_other_4xx_answers_are_discarded(make_outbox, status):
    outbox, adapter = make_outbox(status)
    outbox.enqueue([event()])
    assert outbox.flush(T0 + timedelta(hours=5)).discarded == 1
    assert outbox.deliveries()[0]["state"] == "discarded"
    assert len(adapter.sent) == 1


def test_one_clock_jump_runs_every_retry_inside_it_then_gives_up_after_four_hours(make_outbox):
    outbox, _adapter = make_outbox(*[500] * 100)
    outbox.enqueue([event()])
    report = outbox.flush(T0 + timedelta(hours=5), since=T0)  # as an advance from T0 does
    [delivery] = outbox.deliveries()
    assert delivery["state"] == "failed"
    assert report.failed == 1
    assert report.attempted == len(delivery["attempts"]) > 5
    times = [datetime.fromisoformat(a["at"]) for a in delivery["attempts"]]
    assert times == sorted(times)
    assert times[-1] <= T0 + timedelta(hours=4)


def test_deliveries_keep_their_order_per_destination_and_record(make_outbox):
    outbox, adapter = make_outbox(per_event={"first": [500]})
    outbox.enqueue([event("first"), event("second"), event("other", record="r2")])
    outbox.flush(T0)
    states = {d["event_type"]: d["state"] for d in outbox.deliveries()}
    assert states == {"first": "pending", "second": "pending", "other": "delivered"}
    outbox.flush(T0 + timedelta(minutes=1))
    bodies = [request.body for request in adapter.sent]
    assert bodies.index(b'{"n": "first"}', 1) < bodies.index(b'{"n": "second"}')


def test_each_destination_gets_its_own_delivery(make_outbox):
    outbox, _adapter = make_outbox()
    outbox.enqueue([event(urls=("http://a.test/", "http://b.test/"))])
    assert outbox.flush(T0).delivered == 2
    assert {d["destination"] for d in outbox.deliveries()} == {"http://a.test/", "http://b.test/"}


def test_redeliver_sends_again_and_logs_it(make_outbox):
    outbox, adapter = make_outbox(200, 200)
    outbox.enqueue([event()])
    outbox.flush(T0)
    delivery = outbox.redeliver(outbox.deliveries()[0]["id"], T0 + timedelta(hours=1))
    assert [a["redelivery"] for a in delivery["attempts"]] == [False, True]
    assert len(adapter.sent) == 2


def test_clear_forgets_every_delivery(make_outbox):
    outbox, _ = make_outbox()
    outbox.enqueue([event(), event("b")])
    assert outbox.clear() == 2
    assert outbox.deliveries() == []


def test_a_rolled_back_change_sends_nothing(make_outbox, store):
    outbox, _adapter = make_outbox()
    with pytest.raises(RuntimeError), store.transaction():
        outbox.enqueue([event()])
        raise RuntimeError
    assert outbox.flush(T0).attempted == 0


def test_pending_deliveries_survive_a_restart(tmp_path, make_outbox):
    path = str(tmp_path / "restart.json")
    first_store = Store(path)
    outbox, _ = make_outbox(500, store_=first_store)
    outbox.enqueue([event()])
    outbox.flush(T0)
    outbox.close()
    first_store.close()
    second_store = Store(path)
    again, _adapter = make_outbox(200, store_=second_store)
    assert again.flush(T0 + timedelta(minutes=1)).delivered == 1
    assert [a["status"] for a in again.deliveries()[0]["attempts"]] == [500, 200]
    second_store.close()


def test_a_receiver_slower_than_the_timeout_is_retried(store):
    import http.server
    import threading as _threading
    import time as _time

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            _time.sleep(0.5)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            """Quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    _threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/slow"
    outbox = Outbox(store, IdFactory(1), Sender(timeout=0.1), workers=1)
    outbox.register_router("p", lambda e: [Request(destination=url, url=url, body="[]")])
    try:
        outbox.enqueue([event()])
        assert outbox.flush(T0).retrying == 1
        [attempt] = outbox.deliveries()[0]["attempts"]
        assert attempt["status"] is None
        assert "Timeout" in attempt["error"]
    finally:
        outbox.close()
        server.shutdown()
        server.server_close()


def test_an_overdue_delivery_is_stamped_when_it_is_sent_and_backs_off_from_then(make_outbox):
    """After downtime the first try happens now, not at the long-past due time."""
    outbox, _ = make_outbox(500, 500)
    outbox.enqueue([event()])
    later = T0 + timedelta(hours=3)
    assert outbox.flush(later).retrying == 1
    [delivery] = outbox.deliveries()
    assert delivery["attempts"][0]["at"] == "2025-01-01T03:00:00.000Z"
    assert delivery["next_attempt_at"] > later.timestamp()


def test_a_held_back_delivery_starts_when_its_predecessor_is_done(make_outbox):
    outbox, _ = make_outbox(per_event={"first": [500] * 6})
    outbox.enqueue([event("first"), event("second")])
    outbox.flush(T0 + timedelta(hours=1), since=T0)
    first, second = outbox.deliveries()
    assert first["state"] == "delivered"
    done = first["attempts"][-1]["at"]
    assert [a["at"] for a in second["attempts"]] == [done]
    assert second["state"] == "delivered"


def test_a_delivery_held_back_for_hours_still_gets_its_own_retry_window(make_outbox):
    outbox, _ = make_outbox(per_event={"first": [500] * 12, "second": [500]})
    outbox.enqueue([event("first"), event("second")])
    outbox.flush(T0 + timedelta(hours=3, minutes=50), since=T0)
    first, second = outbox.deliveries()
    assert first["state"] == "delivered"
    assert second["state"] in ("pending", "delivered")
    assert second["deadline"] > (T0 + timedelta(hours=5)).timestamp()


def test_cancel_stops_pending_deliveries_of_a_target(store):
    outbox = Outbox(store, IdFactory(1), Sender(), workers=1)
    outbox.register_router(
        "p", lambda e: [Request(destination="http://x.test/", url="u", body="[]", target="DG1")]
    )
    try:
        outbox.enqueue([event(), event("b")])
        assert outbox.cancel("DG1") == 2
        assert {d["state"] for d in outbox.deliveries()} == {"cancelled"}
        assert outbox.flush(T0 + timedelta(hours=1)).attempted == 0
    finally:
        outbox.close()
