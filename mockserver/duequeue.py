"""A min-heap of due times: derived data, like a store index, so a tick costs what is due.

Entries are hints. Whoever pops one checks it against the stored record, so an entry left
behind by a plan that moved (or by a rolled-back change) is simply skipped.

    queue = DueQueue()
    queue.push(when, "twilio:HH…")
    while (entry := queue.pop_due(now)) is not None: ...
"""

import heapq
import itertools
import threading
from collections.abc import Iterable


class DueQueue:
    """(due time, key) pairs, soonest first; ties keep push order."""

    def __init__(self):
        self._heap: list[tuple[float, int, str]] = []
        self._pushes = itertools.count()
        self._lock = threading.Lock()

    def reset(self, entries: Iterable[tuple[float, str]]) -> None:
        """Replace every entry."""
        with self._lock:
            self._heap = [(when, next(self._pushes), key) for when, key in entries]
            heapq.heapify(self._heap)

    def push(self, when: float, key: str) -> None:
        """Add an entry."""
        with self._lock:
            heapq.heappush(self._heap, (when, next(self._pushes), key))

    def pop_due(self, moment: float) -> tuple[float, str] | None:
        """The soonest entry if it is due by ``moment``, else None."""
        with self._lock:
            if self._heap and self._heap[0][0] <= moment:
                when, _, key = heapq.heappop(self._heap)
                return when, key
            return None
