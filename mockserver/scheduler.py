"""The real-time heartbeat: APScheduler calls the runtime's tick, one tick at a time.

Only ``mockserver serve`` starts it (never ``create_app``: Flask's reloader would run the app
twice and double the job). Each tick is a one-shot job that schedules the next one when it
ends, so ticks never overlap and APScheduler never has a run to skip or a misfire to warn
about: a slow tick (a thousand transitions, an advance holding the tick lock) just delays
the next. A tick that raises is logged in one line and counted; the next one still comes. If
the next tick cannot be
scheduled, that is logged in one line and the scheduler stops (``running`` turns false).
Due times live in the store, so the jobs themselves hold no state.
"""

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from mockserver.errors import one_line

log = logging.getLogger(__name__)
REPEAT_EVERY = 100  # a failure that repeats is logged once, then every REPEAT_EVERY ticks


class Scheduler:
    """Call ``tick`` every ``seconds`` (measured from the end of the previous tick)."""

    def __init__(self, tick: Callable[[], object], seconds: float):
        self._tick, self._seconds = tick, seconds
        self._scheduler = BackgroundScheduler(daemon=True)
        self._lock = threading.Lock()
        self._stopping = False
        self.ticks = 0  # ticks that ran (failures included)
        self.failures = 0
        self.last_error: str | None = None
        self.last_error_at: str | None = None

    @property
    def running(self) -> bool:
        """Whether ticks are being scheduled."""
        return self._scheduler.running and not self._stopping

    def start(self) -> None:
        """Begin ticking."""
        self._scheduler.start()
        self._schedule(0)

    def shutdown(self) -> None:
        """Stop ticking and wait for a running tick to finish."""
        with self._lock:
            self._stopping = True
        if self._scheduler.running:
            # Under the job-store lock, so APScheduler has finished removing the last one-shot
            # job it ran (shutting down midway made that removal raise in its thread).
            self._scheduler.remove_all_jobs()
            self._scheduler.shutdown(wait=True)

    def status(self) -> dict:
        """What the control API shows: whether it runs, how often it ticked and failed."""
        return {
            "running": self.running,
            "tick_seconds": self._seconds,
            "ticks": self.ticks,
            "failures": self.failures,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at,
        }

    def _schedule(self, delay: float) -> None:
        with self._lock:
            if self._stopping:
                return
            self._scheduler.add_job(
                self._run,
                "date",
                run_date=datetime.now(UTC) + timedelta(seconds=delay),
                misfire_grace_time=None,
            )

    def _run(self) -> None:
        try:
            self._tick()
        except Exception as exc:
            self.failures += 1
            error = one_line(exc)
            # The same failure ten times a second (a full disk) is one line now and then.
            if error != self.last_error or self.failures % REPEAT_EVERY == 0:
                log.error("tick failed (%d so far): %s", self.failures, error)
            self.last_error = error
            self.last_error_at = datetime.now(UTC).isoformat(timespec="milliseconds")
            log.debug("tick failure", exc_info=exc)
        finally:
            self.ticks += 1
            self._schedule_next()

    def _schedule_next(self) -> None:
        """Schedule the next tick, or stop ticking (one log line) if that fails: no job is
        left, and ``shutdown`` still ends APScheduler's thread (this is one of its own)."""
        try:
            self._schedule(self._seconds)
        except Exception as exc:
            with self._lock:
                self._stopping = True
            self.last_error = f"cannot schedule the next tick: {one_line(exc)}"
            self.last_error_at = datetime.now(UTC).isoformat(timespec="milliseconds")
            log.error("scheduler stopped: %s", self.last_error)
