"""One APScheduler interval job that calls the runtime's tick.

Only ``mockserver serve`` starts it (never ``create_app``: Flask's reloader would run the app
twice and double the job). Due times live in the store, so the job itself holds no state.
"""

import logging
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)


class Scheduler:
    """Call ``tick`` every ``seconds`` on a background thread, never two at once."""

    def __init__(self, tick: Callable[[], object], seconds: float):
        self._scheduler = BackgroundScheduler(daemon=True)
        self._scheduler.add_job(
            tick,
            "interval",
            seconds=seconds,
            id="tick",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )

    @property
    def running(self) -> bool:
        """Whether the job is being run."""
        return self._scheduler.running

    def start(self) -> None:
        """Begin ticking."""
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop ticking and wait for a running tick to finish."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)
