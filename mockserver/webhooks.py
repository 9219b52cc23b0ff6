"""Webhooks: a persisted outbox, a sender that never raises, retries on the virtual clock.

A status change writes its ``Delivery`` documents in its own transaction (never lost, never
sent for a rolled-back change). ``Outbox.flush(now)`` sends what is due outside the store
lock, in order per (destination, record), then records each attempt::

    outbox.register_router("twilio", backend.deliveries_for)   # event -> signed requests
    outbox.enqueue([event])                                     # inside the change's transaction
    outbox.flush(clock.now())                                   # later: send, retry, log

2xx is delivered; 429, 5xx, 3xx, timeouts and connection errors are retried with exponential
backoff and jitter until ``retry_window`` (virtual time) has passed; other 4xx are discarded.
An attempt is stamped with the virtual time it was due, so one clock jump runs every retry
that falls inside it.
"""

import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests

from mockserver.clock import format_iso_ms
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.store import Store

DELIVERIES = "webhook_deliveries"
PENDING, DELIVERED, FAILED, DISCARDED = "pending", "delivered", "failed", "discarded"


@dataclass(frozen=True)
class Event:
    """Something a provider tells the outside world about (one status change)."""

    provider: str
    type: str
    account: str
    record_id: str
    occurred_at: datetime
    payload: dict


@dataclass(frozen=True)
class Request:
    """One signed HTTP request a router wants sent for an event."""

    destination: str
    url: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Attempt:
    """The outcome of sending once."""

    status: int | None = None
    error: str | None = None
    response: str | None = None
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """Failures worth another try: no answer, 3xx, 429 and 5xx."""
        return not self.ok and (
            self.status is None or self.status == 429 or self.status < 400 or self.status >= 500
        )


class Sender:
    """POST a delivery and report the outcome; one ``requests.Session`` per thread."""

    def __init__(
        self,
        timeout: float = 5.0,
        session_factory: Callable[[], requests.Session] = requests.Session,
    ):
        self._timeout = timeout
        self._session_factory = session_factory
        self._local = threading.local()

    def send(self, delivery: dict) -> Attempt:
        """Send once; never raises."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = self._session_factory()
            # Deliveries go where the sink says: no proxy or netrc from the environment
            # (that lookup also costs a quarter of each request).
            session.trust_env = False
        started = time.perf_counter()
        try:
            response = session.post(
                delivery["url"],
                data=delivery["body"].encode(),
                headers=delivery["headers"],
                timeout=self._timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            return Attempt(
                error=f"{type(exc).__name__}: {exc}",
                duration_ms=(time.perf_counter() - started) * 1000,
            )
        return Attempt(
            status=response.status_code,
            response=response.text[:1000],
            duration_ms=(time.perf_counter() - started) * 1000,
        )


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with ±20% jitter, seeded per delivery so runs replay."""

    first: float = 5.0
    factor: float = 2.0
    cap: float = 1800.0

    def delay(self, delivery_id: str, attempt: int) -> float:
        """Seconds to wait after the ``attempt``-th failure (1-based)."""
        base = min(self.cap, self.first * self.factor ** (attempt - 1))
        jitter = random.Random(f"{delivery_id}:{attempt}").uniform(0.8, 1.2)
        return round(base * jitter, 3)


@dataclass
class FlushReport:
    """What one flush did."""

    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    discarded: int = 0

    def as_dict(self) -> dict:
        """Counts for the control API."""
        return dict(vars(self))


Router = Callable[[Event], list[Request]]


class Outbox:
    """Persisted deliveries with retries and a full attempt log."""

    def __init__(
        self,
        store: Store,
        ids: IdFactory,
        sender: Sender,
        *,
        retry_window: float = 4 * 3600,
        backoff: Backoff | None = None,
        workers: int = 8,
    ):
        self._store, self._ids, self._sender = store, ids, sender
        self._retry_window = retry_window
        self._backoff = backoff or Backoff()
        self._routers: dict[str, Router] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook")
        store.index(DELIVERIES, "state")
        # Ordering only needs a number that grows; gaps from rolled-back changes are harmless.
        self._sequence = max((d["sequence"] for d in store.scan(DELIVERIES)), default=0)

    def register_router(self, provider: str, router: Router) -> None:
        """Tell the outbox how a provider turns an event into signed requests."""
        self._routers[provider] = router

    def enqueue(self, events: Iterable[Event]) -> list[dict]:
        """Write a pending delivery per destination of each event (call inside the change)."""
        created = []
        with self._store.transaction():
            for event in events:
                for request in self._routers[event.provider](event):
                    created.append(self._add(event, request))
        return created

    def flush(self, now: datetime) -> FlushReport:
        """Send every due delivery (in order per destination and record) until none is due."""
        report = FlushReport()
        moment = now.timestamp()
        while True:
            batch = self._due(moment)
            if not batch:
                return report
            outcomes = list(self._pool.map(self._sender.send, batch))
            with self._store.transaction():
                for delivery, attempt in zip(batch, outcomes, strict=True):
                    self._record(delivery["id"], attempt, report, at=delivery["next_attempt_at"])

    def redeliver(self, delivery_id: str, now: datetime) -> dict:
        """Send one delivery again now, whatever its state."""
        delivery = self.get(delivery_id)
        attempt = self._sender.send(delivery)
        with self._store.transaction():
            self._record(delivery_id, attempt, FlushReport(), at=now.timestamp(), forced=True)
        return self.get(delivery_id)

    def get(self, delivery_id: str) -> dict:
        """One delivery with its attempts."""
        delivery = self._store.get(DELIVERIES, delivery_id)
        if delivery is None:
            raise NotFound(f"webhook delivery {delivery_id} not found")
        return delivery

    def deliveries(self, **filters: str) -> list[dict]:
        """Deliveries, oldest first, whose fields equal every given filter."""
        wanted = {key: value for key, value in filters.items() if value is not None}
        return sorted(
            self._store.scan(DELIVERIES, lambda d: all(d.get(k) == v for k, v in wanted.items())),
            key=lambda d: d["sequence"],
        )

    def clear(self) -> int:
        """Forget every delivery; return how many there were."""
        with self._store.transaction():
            ids = [d["id"] for d in self._store.scan(DELIVERIES)]
            for delivery_id in ids:
                self._store.delete(DELIVERIES, delivery_id)
        return len(ids)

    def close(self) -> None:
        """Stop the sending threads."""
        self._pool.shutdown(wait=True)

    # -- internals ---------------------------------------------------------------------

    def _add(self, event: Event, request: Request) -> dict:
        sequence = self._next_sequence()
        created = event.occurred_at.timestamp()
        delivery = {
            "id": f"WH{self._ids.hex(32)}",
            "sequence": sequence,
            "provider": event.provider,
            "event_type": event.type,
            "account": event.account,
            "record_id": event.record_id,
            "destination": request.destination,
            "url": request.url,
            "method": "POST",
            "headers": dict(request.headers),
            "body": request.body,
            "state": PENDING,
            "created_at": created,
            "next_attempt_at": created,
            "deadline": created + self._retry_window,
            "attempts": [],
        }
        self._store.put(DELIVERIES, delivery["id"], delivery)
        return delivery

    def _next_sequence(self) -> int:
        with self._store.transaction():  # the store lock serialises writers
            self._sequence += 1
            return self._sequence

    def _due(self, moment: float) -> list[dict]:
        with self._store.transaction():
            heads: dict[tuple[str, str], dict] = {}
            for delivery in self._store.find(DELIVERIES, "state", PENDING):
                key = (delivery["destination"], delivery["record_id"])
                if key not in heads or delivery["sequence"] < heads[key]["sequence"]:
                    heads[key] = delivery
            return sorted(
                (d for d in heads.values() if d["next_attempt_at"] <= moment),
                key=lambda d: d["sequence"],
            )

    def _record(
        self,
        delivery_id: str,
        attempt: Attempt,
        report: FlushReport,
        *,
        at: float,
        forced: bool = False,
    ) -> None:
        delivery = self._store.get(DELIVERIES, delivery_id)
        if delivery is None:  # cleared while it was being sent
            return
        entry = {
            "at": _iso_ms(at),
            "status": attempt.status,
            "error": attempt.error,
            "response": attempt.response,
            "duration_ms": round(attempt.duration_ms, 2),
            "redelivery": forced,
        }
        delivery["attempts"].append(entry)
        report.attempted += 1
        if attempt.ok:
            delivery["state"], delivery["next_attempt_at"] = DELIVERED, None
            report.delivered += 1
        elif forced and delivery["state"] != PENDING:
            pass  # a manual redelivery does not revive a finished delivery's retries
        elif not attempt.retryable:
            delivery["state"], delivery["next_attempt_at"] = DISCARDED, None
            report.discarded += 1
        else:
            retry_at = at + self._backoff.delay(delivery_id, len(delivery["attempts"]))
            if retry_at > delivery["deadline"]:
                delivery["state"], delivery["next_attempt_at"] = FAILED, None
                report.failed += 1
            else:
                delivery["next_attempt_at"] = retry_at
                report.retrying += 1
        entry["next_attempt_at"] = (
            _iso_ms(delivery["next_attempt_at"]) if delivery["next_attempt_at"] else None
        )
        self._store.put(DELIVERIES, delivery_id, delivery)


def describe(delivery: dict) -> dict:
    """A delivery as the control API shows it (times as ISO-8601)."""
    body = dict(delivery)
    for key in ("created_at", "next_attempt_at", "deadline"):
        if body[key] is not None:
            body[key] = _iso_ms(body[key])
    return body


def _iso_ms(timestamp: float) -> str:
    return format_iso_ms(datetime.fromtimestamp(timestamp, UTC))
