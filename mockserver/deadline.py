"""A whole-exchange deadline for a webhook: a watchdog that cuts the connection.

Socket timeouts bound each socket operation, not the exchange: an endpoint that answers one
header line (or one body byte) a second keeps a sender busy for ever, and a shared sandbox
has few senders. The client calls ``watch`` with the socket each request uses; the
thread's ``Watchdog`` shuts that socket down when the deadline passes, so the blocked read
fails at once and the sender moves on::

    with Watchdog(5.0) as watchdog:
        watch(connection.sock)
        ...  # send and read the answer
    watchdog.fired  # True if the exchange was cut
"""

import contextlib
import heapq
import itertools
import logging
import socket
import threading
import time

_current = threading.local()
log = logging.getLogger(__name__)


class Watchdog:
    """Cut the calling thread's HTTP connection once ``seconds`` have passed."""

    def __init__(self, seconds: float):
        self._seconds = seconds
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self.fired = False
        self.done = False

    def __enter__(self) -> "Watchdog":
        _current.watchdog = self
        _REAPER.watch(time.monotonic() + self._seconds, self)
        return self

    def __exit__(self, *exc) -> None:
        _current.watchdog = None
        with self._lock:
            self.done = True
            self._sock = None

    def watch(self, sock: socket.socket | None) -> None:
        """The socket the current request uses (cut at once if the deadline has passed)."""
        with self._lock:
            self._sock = sock
            late = self.fired
        if late:
            self.cut()

    def cut(self) -> None:
        """The deadline passed: shut the socket down (a blocked read then fails at once)."""
        # Under the lock: once ``__exit__`` has run, no late cut can reach a socket that a
        # kept-alive connection hands to the next request (shutdown does not block).
        with self._lock:
            if self.done:
                return
            self.fired = True
            if self._sock is not None:
                with contextlib.suppress(OSError):  # already closed: nothing left to cut
                    self._sock.shutdown(socket.SHUT_RDWR)


class _Reaper:
    """One daemon thread for every watchdog: it sleeps until the earliest deadline (a
    thread per send would cost more than many sends)."""

    def __init__(self):
        self._heap: list[tuple[float, int, Watchdog]] = []
        self._wake = threading.Condition()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: float, watchdog: Watchdog) -> None:
        """Cut ``watchdog`` at ``deadline`` (monotonic seconds) unless it is done by then."""
        with self._wake:
            heapq.heappush(self._heap, (deadline, next(self._order), watchdog))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="deadline", daemon=True)
                self._thread.start()
            if self._heap[0][2] is watchdog:  # a new earliest deadline: sleep less
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    timeout = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._wake.wait(timeout)
                _deadline, _order, watchdog = heapq.heappop(self._heap)
            try:
                watchdog.cut()
            except Exception:  # the reaper must outlive any one watchdog
                log.exception("cannot cut a webhook connection at its deadline")


_REAPER = _Reaper()


def watch(sock: socket.socket | None) -> None:
    """Tell the calling thread's watchdog (if any) which socket its request uses."""
    watchdog = getattr(_current, "watchdog", None)
    if watchdog is not None:
        watchdog.watch(sock)
