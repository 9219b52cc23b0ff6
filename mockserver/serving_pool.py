"""cheroot's worker pool as ``mockserver serve`` runs it: daemon workers, a bounded stop, and
workers lent to live streams."""

import contextlib
import socket
import threading
import time

from cheroot.workers.threadpool import _SHUTDOWNREQUEST, ThreadPool, WorkerThread

# Seconds the requests in hand get to finish once ``serve`` is told to stop; a worker still
# busy after that (a client that does not read its answer) has its socket shut down and is
# not waited for (the workers are daemon threads).
STOP_GRACE = 5


class Pool(ThreadPool):
    """cheroot's worker pool with a stop that is bounded: cheroot's joins every worker once
    more without a timeout after shutting down only the reading side of its socket, so a
    worker blocked sending to a client that never reads held the stop for its whole socket
    timeout. Workers are daemon threads: the process can exit without them. A live stream
    borrows a worker of its own (``lend``/``give_back``), so open streams never take the
    threads that answer the API."""

    _lending = threading.Lock()  # the thread list is cheroot's, not thread-safe

    def _spawn_worker(self):
        worker = WorkerThread(self.server)
        worker.name = f"CP Server {worker.name!s}"
        worker.daemon = True
        worker.start()
        return worker

    def lend(self) -> None:
        """Add a worker for the caller to keep (a live stream) for as long as it runs.

        Not cheroot's ``grow``: it waits until the new worker is ready, and one that takes a
        ``give_back`` at once and leaves is never ready, so ``grow`` waited for ever."""
        worker = self._spawn_worker()
        with self._lending:
            self._clear_dead_threads()
            self._threads.append(worker)

    def give_back(self) -> None:
        """The caller is done: one worker leaves (any idle one, or the caller itself)."""
        self._queue.put(_SHUTDOWNREQUEST)

    def stop(self, timeout=STOP_GRACE):
        deadline = time.monotonic() + (timeout or 0)
        for _worker in self._threads:
            self._queue.put(_SHUTDOWNREQUEST)
        workers = list(self._clear_threads())
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))
        for worker in workers:
            conn = worker.conn
            if worker.is_alive() and conn is not None:
                with contextlib.suppress(OSError, AttributeError, TypeError):
                    conn.socket.shutdown(socket.SHUT_RDWR)  # a blocked send fails at once
