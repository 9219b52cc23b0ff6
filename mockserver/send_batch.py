"""One claimed batch of webhook deliveries, drained by the outbox's sender threads.

``Outbox.flush`` hands a batch to at most one task per sender thread, not one task per
delivery: each task takes the next delivery until none is left, so deliveries still start in
order, as threads come free, and a slow endpoint holds up only its own delivery; the flush
wakes once, when the whole batch is done. (A task per delivery cost a future, the pool's
semaphore and a wake-up of the flushing thread each: with instant sends, about a quarter of
settling went in handing deliveries to threads.)
"""

import threading
from collections.abc import Callable, Sequence
from queue import Empty, SimpleQueue
from typing import Generic, TypeVar

Item = TypeVar("Item")


class SendBatch(Generic[Item]):
    """Deliveries to send, in order, and whether any send could be recorded."""

    def __init__(self, items: Sequence[Item], send: Callable[[Item], bool]):
        self._queue: SimpleQueue[Item] = SimpleQueue()
        for item in items:
            self._queue.put(item)
        self._send = send
        self._left = len(items)
        self._recorded = False
        self._error: BaseException | None = None
        self._finished = threading.Condition(threading.Lock())

    def drain(self) -> None:
        """Send deliveries until none is left (one sender thread's share of the batch)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except Empty:
                return
            recorded, error = False, None
            try:
                recorded = self._send(item)
            except BaseException as exc:  # as a task per delivery did, it reaches the waiter
                error = exc
            with self._finished:
                self._left -= 1
                self._recorded = self._recorded or recorded
                self._error = self._error or error
                if self._left == 0:
                    self._finished.notify_all()

    def wait(self) -> bool:
        """Whether any send was recorded, once every delivery of the batch has been sent (a
        send that raised past the outbox raises here)."""
        with self._finished:
            self._finished.wait_for(lambda: self._left == 0)
            if self._error is not None:
                raise self._error
            return self._recorded
