"""Scenario delays: ``30s``, ``2m``, ``2h``, ``3d``, ``250ms``, business days (``2bd``) and
``manual``.

Business days are Monday to Friday on the virtual clock, in UTC: Friday 15:00 plus one is
Monday 15:00, and from a Saturday or Sunday the count starts on Monday at midnight. No
public holidays are skipped.
"""

import re
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ms|s|m|h|d)\Z")
_BUSINESS_DAYS = re.compile(r"^([1-9]\d*)bd\Z")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
MANUAL = "manual"
# A century: the longest delay a scenario step may have and the longest single clock advance.
MAX_SECONDS = 100 * 365 * 86400
MAX_BUSINESS_DAYS = 100 * 52 * 5


def parse_duration(text: str) -> float | None:
    """Seconds in ``30s``/``2m``/``2h``/``3d``/``250ms``; None for ``manual``; a business-day
    delay (``2bd``) is not a fixed number of seconds: see ``parse_business_days``."""
    text = str(text).strip()
    if text == MANUAL:
        return None
    match = _DURATION.match(text)
    if not match:
        business = _BUSINESS_DAYS.match(text)
        if business and int(business.group(1)) <= MAX_BUSINESS_DAYS:
            return None
        if business:
            raise ValueError(f"{text!r} is more than {MAX_BUSINESS_DAYS}bd (a century)")
        raise ValueError(
            f"{text!r} is not a duration like 30s, 2m, 2h, 3d, 2bd (1 or more business "
            "days) or 'manual'"
        )
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds > MAX_SECONDS:
        raise ValueError(f"{text!r} is more than a century")
    return seconds


def parse_business_days(text: str) -> int:
    """The whole number of business days in ``2bd`` (0 for any other delay)."""
    match = _BUSINESS_DAYS.match(str(text).strip())
    return int(match.group(1)) if match else 0


def add_business_days(moment: float, days: int) -> float:
    """``moment`` (a UTC timestamp) plus ``days`` weekdays: Friday 15:00 + 1 is Monday 15:00;
    a weekend start counts from Monday 00:00."""
    start = datetime.fromtimestamp(moment, UTC)
    if start.weekday() >= 5:
        start = (start + timedelta(days=7 - start.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    weeks, days = divmod(days, 5)
    start += timedelta(weeks=weeks)
    while days > 0:
        start += timedelta(days=1)
        if start.weekday() < 5:
            days -= 1
    return start.timestamp()
