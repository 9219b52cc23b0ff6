"""Time for the whole server comes from one injectable clock.

``SystemClock`` is real time plus an offset that only moves forward (the virtual clock a
running sandbox uses); ``ManualClock`` stands still until told to move (tests)::

    clock = ManualClock("2025-01-01T00:00:00Z")
    clock.advance(90)
    assert format_iso(clock.now()) == "2025-01-01T00:01:30Z"
"""

import logging
import math
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from typing import Protocol

ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# Ten years short of datetime's end (year 9999): what a sandbox schedules from the clock's
# time (a review minutes later, a rejection's 7-day edit window) must still be a datetime.
LATEST = datetime(9990, 1, 1, tzinfo=UTC)
log = logging.getLogger(__name__)


class ClockLimitError(ValueError):
    """An advance that would take the clock past ``LATEST``."""


def checked_advance(now: datetime, seconds: float) -> timedelta:
    """``seconds`` as a timedelta that keeps ``now`` at or before ``LATEST``; ValueError
    (``ClockLimitError`` past ``LATEST``) for a negative, infinite or NaN amount."""
    if not math.isfinite(seconds):
        raise ValueError("the clock moves by a finite number of seconds")
    if seconds < 0:
        raise ValueError("the clock only moves forward")
    if seconds > (LATEST - now).total_seconds():
        raise ClockLimitError(f"the clock cannot move past {format_iso(LATEST)}")
    return timedelta(seconds=seconds)


class Clock(Protocol):
    """Anything that tells the current UTC time and can be moved forward."""

    def now(self) -> datetime: ...

    def advance(self, seconds: float) -> datetime: ...

    def state(self) -> dict: ...

    def restore(self, state: dict) -> None: ...


class SystemClock:
    """Real UTC time shifted by a forward-only offset (seconds)."""

    def __init__(self, offset: float = 0.0):
        self._lock = threading.Lock()
        self._offset = float(offset)

    @property
    def offset(self) -> float:
        """Seconds this clock runs ahead of real time."""
        return self._offset

    def now(self) -> datetime:
        """Return the current virtual time."""
        return datetime.now(UTC) + timedelta(seconds=self._offset)

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward and return the new time (ValueError: see
        ``checked_advance``)."""
        with self._lock:
            checked_advance(self.now(), seconds)
            self._offset += seconds
        return self.now()

    def state(self) -> dict:
        """What a restart needs to resume this clock."""
        return {"offset": self._offset}

    def restore(self, state: dict) -> None:
        """Resume from ``state()``; the offset never shrinks, nor takes the clock past
        ``LATEST`` (a damaged state is read as far as it can go: an offset that is not a
        number as none, with a warning)."""
        try:
            offset = float(state.get("offset", 0.0))
        except (TypeError, ValueError, OverflowError):
            log.warning("stored clock offset %.80r is not a number: read as 0", state["offset"])
            offset = 0.0
        room = (LATEST - datetime.now(UTC)).total_seconds()
        with self._lock:
            self._offset = max(self._offset, 0.0 if math.isnan(offset) else min(offset, room))


class ManualClock:
    """A clock that only moves when ``advance`` or ``set`` is called."""

    def __init__(self, start: datetime | str = "2025-01-01T00:00:00Z"):
        self._lock = threading.Lock()
        self._now = parse_iso(start) if isinstance(start, str) else start.astimezone(UTC)

    def now(self) -> datetime:
        """Return the frozen current time."""
        return self._now

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward and return the new time (ValueError: see
        ``checked_advance``)."""
        with self._lock:
            self._now = self._now + checked_advance(self._now, seconds)
        return self._now

    def state(self) -> dict:
        """What a restart needs to resume this clock."""
        return {"now": format_iso_ms(self._now)}

    def restore(self, state: dict) -> None:
        """Resume from ``state()`` unless that would move the clock backwards (or past
        ``LATEST``); a stored time that cannot be read is passed over, with a warning."""
        if "now" in state:
            try:
                stored = parse_iso(state["now"])
            except (AttributeError, TypeError, ValueError):
                log.warning("stored clock time %.80r is not a time: passed over", state["now"])
                return
            with self._lock:
                self._now = max(self._now, min(stored, LATEST))


def format_iso(moment: datetime) -> str:
    """Render a time as ``YYYY-MM-DDTHH:MM:SSZ`` (whole seconds, UTC)."""
    return _format_utc(moment if moment.tzinfo is UTC else moment.astimezone(UTC))


# A tick formats each step's time several times (the record, its summary, the feed), and
# the steps of records created together fall due together.
@lru_cache(maxsize=1024)
def _format_utc(m: datetime) -> str:
    # Not strftime: its %Y does not pad a year before 1000, which parse_iso then refuses.
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"


def format_iso_ms(moment: datetime) -> str:
    """Render a time with milliseconds, as CloudEvents ``time``: ``2021-05-05T05:51:19.000Z``."""
    return format_iso(moment)[:-1] + f".{moment.microsecond // 1000:03d}Z"


def format_rfc2822(moment: datetime) -> str:
    """Render a time as Twilio's 2010 API does: ``Mon, 16 Aug 2010 03:45:01 +0000``."""
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0)).replace("-0000", "+0000")


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 UTC timestamp such as ``2025-01-01T00:00:00Z``."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
