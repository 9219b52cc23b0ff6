"""Live events for people watching a sandbox: ``/_mock/stream``, ``mockserver tail`` and the
dashboard subscribe; the runtime publishes one event per status change, delivery attempt,
recorded request, message and clock move.

Publishing never waits for a watcher. Each subscription holds a bounded queue: when a slow
or vanished client lets it fill, later events are dropped for that client alone and counted,
and the client is told how many it missed (``Batch.dropped``). With nobody subscribed,
``publish`` costs one check, so the API pays nothing for the feature while nobody watches.
"""

import itertools
import json
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

STREAM_PATH = "/_mock/stream"  # where watchers read the feed (``mockserver.admin.stream``)
# The WSGI environ key of the server's way to add a worker for an accepted stream (cheroot's,
# ``mockserver.serving``; a thread-per-connection server has none).
LEND_WORKER = "mockserver.lend_worker"
KINDS = ("transition", "delivery", "request", "message", "clock")
# How a backend tells watchers of something other than a status change:
# ``announce(kind, provider, data, tenant)``, once the write has committed.
Announce = Callable[[str, str, dict, str | None], None]
CAPACITY = 1000  # events one subscription holds before it drops
MAX_SUBSCRIBERS = 32  # streams open at once; each holds a server thread while it is open


def unannounced(kind: str, provider: str, data: dict, tenant: str | None) -> None:
    """The ``Announce`` of a backend nobody watches (built outside a runtime)."""


@dataclass(frozen=True)
class LiveEvent:
    """One thing that happened, as watchers see it."""

    id: int  # grows by one per published event, across kinds
    kind: str
    data: dict
    # Whom it concerns (an account SID, an API key, a setup), matched by a tenant filter;
    # never shown (``data`` says what may be shown of it).
    tenant: str | None = None

    @cached_property
    def sse(self) -> str:
        """The event as Server-Sent Events text (made once, whatever the streams)."""
        return sse_text(self.id, self.kind, self.data)


def sse_text(event_id: int | None, kind: str, data: dict) -> str:
    """One Server-Sent Event: its id, type and data as a single JSON line."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


@dataclass
class Batch:
    """What a subscriber takes at once: events in order, then how many were dropped after
    them because its queue was full."""

    events: list[LiveEvent] = field(default_factory=list)
    dropped: int = 0
    closed: bool = False


class Subscription:
    """One watcher's filter and queue."""

    def __init__(self, kinds: Iterable[str] | None, tenant: str | None, capacity: int):
        self.kinds = frozenset(kinds) if kinds else None
        self.tenant = tenant
        self._capacity = capacity
        self._queue: deque[LiveEvent] = deque()
        self._dropped = 0
        self._closed = False
        self._ready = threading.Condition()

    def wants(self, event: LiveEvent) -> bool:
        """Whether the event passes this subscription's filters."""
        if self.kinds is not None and event.kind not in self.kinds:
            return False
        # The clock is everyone's: a tenant's view sees it move too.
        return self.tenant is None or event.tenant == self.tenant or event.kind == "clock"

    def offer(self, event: LiveEvent) -> None:
        """Queue the event, or count it as dropped when the queue is full; never blocks."""
        with self._ready:
            if len(self._queue) >= self._capacity:
                self._dropped += 1
                return
            self._queue.append(event)
            self._ready.notify()

    def take(self, timeout: float) -> Batch:
        """Everything queued (waiting up to ``timeout`` seconds for something)."""
        with self._ready:
            self._ready.wait_for(
                lambda: self._queue or self._dropped or self._closed, timeout=timeout
            )
            batch = Batch(list(self._queue), self._dropped, self._closed)
            self._queue.clear()
            self._dropped = 0
            return batch

    def close(self) -> None:
        """Wake the subscriber for the last time (the sandbox is stopping)."""
        with self._ready:
            self._closed = True
            self._ready.notify_all()


class LiveFeed:
    """Where live events are published and subscribed to."""

    def __init__(self, capacity: int = CAPACITY, max_subscribers: int = MAX_SUBSCRIBERS):
        self._capacity = capacity
        self.max_subscribers = max_subscribers
        self._subscribers: tuple[Subscription, ...] = ()
        self._lock = threading.Lock()
        self._publishing = threading.Lock()
        self._ids = itertools.count(1)

    def subscribe(self, kinds: Iterable[str] | None = None, tenant: str | None = None):
        """A new subscription (None when ``max_subscribers`` are already watching)."""
        subscription = Subscription(kinds, tenant, self._capacity)
        with self._lock:
            if len(self._subscribers) >= self.max_subscribers:
                return None
            self._subscribers = (*self._subscribers, subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Stop queueing for a subscription (its watcher left)."""
        with self._lock:
            self._subscribers = tuple(s for s in self._subscribers if s is not subscription)

    @property
    def watching(self) -> int:
        """How many subscriptions are open."""
        return len(self._subscribers)

    def publish(self, kind: str, data: dict, tenant: str | None = None) -> None:
        """Offer an event to every subscription that wants it (nothing when none watch)."""
        if not self._subscribers:  # a tuple replaced whole: read without the lock
            return
        with self._publishing:  # ids reach every queue in the order they grow
            event = LiveEvent(next(self._ids), kind, data, tenant)
            for subscription in self._subscribers:
                if subscription.wants(event):
                    subscription.offer(event)

    def close(self) -> None:
        """End every subscription (their streams finish)."""
        with self._lock:
            subscribers, self._subscribers = self._subscribers, ()
        for subscription in subscribers:
            subscription.close()
