"""The webhook outbox: persisted deliveries, ordered, retried on the virtual clock, logged.

A status change writes its ``Delivery`` documents in its own transaction (never lost, never
sent for a rolled-back change). ``Outbox.flush(now)`` claims what is due, sends it outside
every lock on a thread pool, in order per (destination, record), and records each attempt::

    outbox.register_router("twilio", backend.deliveries_for)   # event -> signed requests
    outbox.enqueue([event])                                     # inside the change's transaction
    outbox.flush(clock.now())                                   # later: send, retry, log

2xx is delivered; 429, 5xx, 3xx, timeouts and connection errors are retried with exponential
backoff and jitter until ``retry_window`` (virtual time) has passed; other 4xx are discarded.
An attempt is stamped with the virtual time it happens, so one clock jump runs every retry
that falls inside it. A delivery that cannot be built, signed or sent (a router, signer or
HTTP client raising) is ``failed`` with its reason and one log line; nothing waits on it.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from mockserver.chains import free, holding_back, next_in_chain
from mockserver.deliveries import (
    DELIVERIES,
    PENDING,
    Delivery,
    cancelled,
    due_at,
    log_outcome,
    new_delivery,
    pending_delivery,
    sequence_of,
    set_aside,
)
from mockserver.document_fields import UNREADABLE, problem_of
from mockserver.errors import NotFound, ValidationFailed, one_line
from mockserver.ids import IdFactory
from mockserver.listing import DAMAGE, name_of
from mockserver.send_batch import SendBatch
from mockserver.store_contract import RecordStore
from mockserver.webhooks import (
    Attempt,
    Backoff,
    Event,
    FlushReport,
    Request,
    Router,
    Sender,
    Signer,
)

log = logging.getLogger(__name__)


class Outbox:
    """Persisted deliveries with retries and a full attempt log.

    Sending never holds the store lock or the runtime's tick lock: due deliveries are
    claimed (marked in flight), sent on a thread pool, and each outcome is recorded by the
    thread that sent it. A slow endpoint therefore delays only its own deliveries.
    """

    def __init__(
        self,
        store: RecordStore,
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
        self._signers: dict[str, Signer] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook")
        self._workers = workers
        self._in_flight: set[str] = set()
        self._flight = threading.Condition()
        store.index(DELIVERIES, "state", order=due_at)
        store.index(DELIVERIES, "target")
        store.index(DELIVERIES, "chain")
        # Ordering only needs a number that grows; gaps from rolled-back changes are harmless.
        self._sequence = store.max_of(DELIVERIES, "sequence")
        self._unreadable: set[str] = set()  # damaged deliveries with no id to fail them by
        # Told the id of each delivery whose attempt was just stored (the live feed).
        self.on_attempt: Callable[[str], None] = lambda delivery_id: None

    def register_router(self, provider: str, router: Router) -> None:
        """Tell the outbox how a provider turns an event into signed requests."""
        self._routers[provider] = router

    def register_signer(self, provider: str, signer: Signer) -> None:
        """Re-sign a provider's deliveries at each attempt (signatures that cover the send
        time, like Standard Webhooks' ``webhook-timestamp``)."""
        self._signers[provider] = signer

    def enqueue(self, events: Iterable[Event]) -> list[dict]:
        """Write a pending delivery per destination of each event (call inside the change)."""
        created = []
        with self._store.transaction():
            for event in events:
                for request in self._route(event):
                    created.append(self._add(event, request))
        return created

    def flush(
        self,
        now: datetime,
        *,
        since: datetime | None = None,
        wait: bool = True,
        report: FlushReport | None = None,
    ) -> FlushReport:
        """Send what is due by ``now``, in order per destination and record.

        An attempt is stamped with the virtual time it happens: its due time, but never
        before ``since`` (the start of the stretch of time being processed; default ``now``).
        ``wait=False`` starts the sends and returns; otherwise it repeats until nothing this
        call can send is due.
        """
        report = report or FlushReport()
        moment = now.timestamp()
        floor = (since or now).timestamp()
        while True:
            batch = self._claim(moment)
            if not batch:
                return report
            sends = SendBatch(
                batch, lambda d: self._deliver(d, max(d.next_attempt_at, floor), report)
            )
            for _ in range(min(self._workers, len(batch))):
                self._pool.submit(sends.drain)
            if not wait:
                return report
            if not sends.wait():
                return report  # nothing could be recorded (the store fails): next tick

    def settle(
        self,
        now: datetime,
        since: datetime | None = None,
        report: FlushReport | None = None,
        earlier: set[str] | None = None,
    ) -> FlushReport:
        """Flush, wait for the sends started meanwhile (by this or another thread), and
        repeat until quiet. Sends already under way before it (``earlier``, default: at its
        start) are waited for only while a due delivery of their chain waits behind them:
        one of them may be a webhook whose handler is the caller of this very settle."""
        report = report or FlushReport()
        earlier = self.in_flight() if earlier is None else earlier
        while True:
            self.flush(now, since=since, report=report)
            flying = self.in_flight()
            wanted = (flying - earlier) | holding_back(
                self._store, flying & earlier, now.timestamp()
            )
            if not wanted:
                return report
            with self._flight:
                self._flight.wait_for(lambda w=wanted: not self._in_flight & w, timeout=60)

    def in_flight(self) -> set[str]:
        """The deliveries being sent right now."""
        with self._flight:
            return set(self._in_flight)

    def redeliver(self, delivery_id: str, now: datetime) -> dict:
        """Send one delivery again now, whatever its state."""
        try:
            headers, attempt = self._attempt(Delivery.from_dict(self.get(delivery_id)))
            with self._store.transaction():
                self._record(delivery_id, headers, attempt, at=now.timestamp(), forced=True)
        except DAMAGE as exc:
            raise ValidationFailed(f"webhook delivery {delivery_id} is damaged: {exc!r}") from None
        self.on_attempt(delivery_id)
        return self.get(delivery_id)

    def cancel(self, target: str) -> int:
        """Stop the pending deliveries to a destination that no longer exists."""
        with self._store.transaction():
            pending = [
                d
                for d in self._store.find(DELIVERIES, "target", target)
                if d.get("state") == PENDING
                and d.get("id", "") not in self._in_flight
                and d.get("id")  # a damaged delivery without an id cannot be saved back
            ]
            for stored in pending:
                self._store.put(DELIVERIES, stored["id"], cancelled(stored))
        return len(pending)

    def get(self, delivery_id: str) -> dict:
        """One delivery with its attempts, as stored."""
        delivery = self._store.get(DELIVERIES, delivery_id)
        if delivery is None:
            raise NotFound(f"webhook delivery {delivery_id} not found")
        return delivery

    def deliveries(self, **filters: str) -> list[dict]:
        """Deliveries as stored, oldest first, whose fields equal every given filter."""
        wanted = {key: value for key, value in filters.items() if value is not None}

        def matches(delivery: dict) -> bool:
            return all(delivery.get(k) == v for k, v in wanted.items())

        indexed = next((key for key in ("target", "state") if key in wanted), None)
        found = (
            self._store.find(DELIVERIES, indexed, wanted[indexed], where=matches)
            if indexed
            else self._store.scan(DELIVERIES, matches)
        )
        return sorted(found, key=sequence_of)

    def clear(self) -> int:
        """Forget every delivery; return how many there were."""
        with self._store.transaction():
            ids = [d["id"] for d in self._store.scan(DELIVERIES)]
            for delivery_id in ids:
                self._store.delete(DELIVERIES, delivery_id)
        return len(ids)

    def forget(self, provider: str, accounts: Iterable[str]) -> int:
        """Delete the deliveries of some accounts of one provider; return how many went."""
        gone = set(accounts)
        with self._store.transaction():
            doomed = self._store.scan(
                DELIVERIES,
                lambda d: d.get("provider") == provider and d.get("account") in gone,
            )
            for delivery in doomed:
                if delivery.get("id"):
                    self._store.delete(DELIVERIES, delivery["id"])
        return len(doomed)

    def close(self) -> None:
        """Stop the sending threads and close their connections."""
        self._pool.shutdown(wait=True)
        self._sender.close()

    # -- internals ---------------------------------------------------------------------

    def _route(self, event: Event) -> list[Request]:
        """The event's requests; a router that raises yields one failed placeholder."""
        try:
            return self._routers[event.provider](event)
        except Exception as exc:
            problem = f"cannot route {event.type} for {event.record_id}: {one_line(exc)}"
            return [Request(destination="", url="", body="", problem=problem)]

    def _add(self, event: Event, request: Request) -> dict:
        delivery = new_delivery(
            event, request, self._fresh_id(), self._next_sequence(), self._retry_window
        )
        stored = delivery.to_dict()
        self._store.put(DELIVERIES, delivery.id, stored)
        return stored

    def _fresh_id(self) -> str:
        while True:
            delivery_id = f"WH{self._ids.hex(32)}"
            if not self._store.exists(DELIVERIES, delivery_id):
                return delivery_id

    def _next_sequence(self) -> int:
        with self._store.transaction():  # the store lock serialises writers
            self._sequence += 1
            return self._sequence

    def _claim(self, moment: float) -> list[Delivery]:
        """The first pending delivery of each (destination, record) chain, if due and idle.

        The pending deliveries are walked by due time along the state index, and the walk
        ends at the first one not due: a tick stays cheap when thousands wait for a receiver
        that is down. One the outbox cannot read (a stored record that lacks a field) is set
        aside, not sent: nothing else waits on it.
        """

        def idle(stored: dict) -> bool:
            key = stored.get("id")
            return not isinstance(key, str) or key not in self._in_flight

        def not_due(stored: dict) -> bool:
            return due_at(stored) > moment

        with self._store.transaction(), self._flight:
            due = []
            pending = self._store.select(
                DELIVERIES, "state", [PENDING], where=idle, order=due_at, until=not_due
            )
            for stored in pending:
                try:
                    due.append(pending_delivery(stored))
                except UNREADABLE as exc:
                    self._set_aside(stored, problem_of(exc), moment)
            batch = free(self._store, due)
            batch.sort(key=lambda d: d.sequence)
            self._in_flight.update(d.id for d in batch)
            return batch

    def _set_aside(self, stored: dict, problem: str, moment: float) -> None:
        """Fail a damaged pending delivery with its reason (logged once); one without an id
        to store it by stays as it is and is only logged, once."""
        key, name = stored.get("id"), name_of(stored, "id")
        if isinstance(key, str) and self._store.get(DELIVERIES, key) == stored:
            self._store.put(DELIVERIES, key, set_aside(stored, problem, moment))
        elif name in self._unreadable:
            return
        else:
            self._unreadable.add(name)
        log.warning("webhook %s set aside, its stored record is damaged: %s", name, problem)

    def _deliver(self, delivery: Delivery, at: float, report: FlushReport) -> bool:
        """Send once and record the attempt (False: the store could not record it)."""
        try:
            headers, attempt = self._attempt(delivery)
            with self._store.transaction():
                outcomes = self._record(delivery.id, headers, attempt, at=at)
            for outcome in outcomes:  # counted only once stored: a rollback counts nothing
                report.count(outcome)
            if outcomes:
                self.on_attempt(delivery.id)
            return True
        except Exception as exc:  # the delivery stays pending for a later tick
            log.error("cannot record webhook %s: %s", delivery.id, one_line(exc))
            return False
        finally:
            with self._flight:
                self._in_flight.discard(delivery.id)
                self._flight.notify_all()

    def _attempt(self, delivery: Delivery) -> tuple[dict[str, str], Attempt]:
        """Sign (if the provider re-signs) and send once: the headers that went out, and how
        it went. Signers and the sender read the delivery as stored."""
        sent = delivery.to_dict()
        signer = self._signers.get(delivery.provider)
        try:
            if signer is not None:
                sent["headers"] = signer(sent)
        except Exception as exc:
            return delivery.headers, Attempt(error=f"cannot sign: {one_line(exc)}", permanent=True)
        return sent["headers"], self._sender.send(sent)

    def _record(
        self,
        delivery_id: str,
        headers: dict[str, str],
        attempt: Attempt,
        *,
        at: float,
        forced: bool = False,
    ) -> list[str]:
        """Store one attempt's outcome; return what to count once that is committed."""
        stored = self._store.get(DELIVERIES, delivery_id)
        if stored is None:  # cleared while it was being sent
            return []
        delivery = Delivery.from_dict(stored)
        delivery.headers = headers  # what went out (a signer may have changed it)
        was_pending = delivery.state == PENDING
        outcomes = delivery.record(attempt, at, self._backoff, forced)
        log_outcome(delivery, delivery.attempts[-1])
        self._store.put(DELIVERIES, delivery_id, delivery.to_dict())
        if was_pending and delivery.state != PENDING:
            self._release_next(delivery, at)
        return outcomes

    def _release_next(self, finished: Delivery, at: float) -> None:
        """The next delivery of the chain could not go before ``at``: due then, window from then."""
        following = next_in_chain(self._store, finished.chain)
        if following is not None and following.next_attempt_at < at:
            following.next_attempt_at = at
            following.deadline = max(following.deadline, at + self._retry_window)
            self._store.put(DELIVERIES, following.id, following.to_dict())
