"""The status changes the sandbox made, kept in memory for record timelines (the dashboard's
and ``GET /_mock/records/{id}``'s ``history``).

Like the request journal it is bounded (the oldest change goes first once it is full) and
starts empty: a restart keeps the records and their plans, not this history.
"""

import threading
from collections import deque

CAPACITY = 20_000


class TransitionHistory:
    """A bounded log of status changes, looked up by record."""

    def __init__(self, capacity: int = CAPACITY):
        self._changes: deque[tuple[str | None, dict]] = deque(maxlen=capacity)
        self._lock = threading.Lock()

    def add(self, change: dict, tenant: str | None) -> None:
        """Keep one status change (a transition summary as the control API shows it) of a
        record of ``tenant``."""
        with self._lock:
            self._changes.append((tenant, change))

    def of(self, record_id: str) -> list[dict]:
        """A record's status changes still kept, oldest first."""
        with self._lock:
            return [dict(c) for _, c in self._changes if c.get("record_id") == record_id]

    def forget(self, tenants: set[str]) -> None:
        """Drop the changes of these tenants' records (a per-tenant reset)."""
        with self._lock:
            kept = [(t, c) for t, c in self._changes if t not in tenants]
            self._changes.clear()
            self._changes.extend(kept)

    def clear(self) -> None:
        """Forget every change (a reset)."""
        with self._lock:
            self._changes.clear()
