"""Webhook value types and the sender: what is sent, how one send goes, how long to wait.

``Event`` is a provider's status change; a provider's router turns it into signed
``Request``s; the ``Sender`` posts one and reports an ``Attempt`` (it never raises);
``Backoff`` spaces retries. ``mockserver.outbox`` persists, orders and retries deliveries.
"""

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import requests


@dataclass(frozen=True)
class Event:
    """Something a provider tells the outside world about (one status change)."""

    provider: str
    type: str
    account: str
    record_id: str
    occurred_at: datetime
    payload: dict


@dataclass(frozen=True)
class Request:
    """One signed HTTP request a router wants sent for an event.

    ``target`` names what the destination belongs to (a sink SID), so its deliveries can be
    cancelled when it is deleted.
    """

    destination: str
    url: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    target: str | None = None


@dataclass(frozen=True)
class Attempt:
    """The outcome of sending once."""

    status: int | None = None
    error: str | None = None
    response: str | None = None
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """Failures worth another try: no answer, 3xx, 429 and 5xx."""
        return not self.ok and (
            self.status is None or self.status == 429 or self.status < 400 or self.status >= 500
        )


class Sender:
    """POST a delivery and report the outcome; one ``requests.Session`` per thread.

    ``timeout`` bounds the whole exchange, not each read: an endpoint that trickles its
    answer is cut off like one that never answers (Event Streams allows 5 seconds).
    """

    def __init__(
        self,
        timeout: float = 5.0,
        session_factory: Callable[[], requests.Session] = requests.Session,
    ):
        self._timeout = timeout
        self._session_factory = session_factory
        self._local = threading.local()

    def send(self, delivery: dict) -> Attempt:
        """Send once; never raises."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = self._session_factory()
            # Deliveries go where the sink says: no proxy or netrc from the environment
            # (that lookup also costs a quarter of each request).
            session.trust_env = False
        started = time.perf_counter()
        deadline = started + self._timeout
        try:
            with session.post(
                delivery["url"],
                data=delivery["body"].encode(),
                headers=delivery["headers"],
                timeout=self._timeout,
                allow_redirects=False,
                stream=True,
            ) as response:
                body = b""
                for chunk in response.iter_content(4096):
                    if time.perf_counter() > deadline:
                        raise requests.Timeout(f"no complete answer within {self._timeout:g} s")
                    body = (body + chunk)[:1000]
        except requests.RequestException as exc:
            return Attempt(
                error=f"{type(exc).__name__}: {exc}",
                duration_ms=(time.perf_counter() - started) * 1000,
            )
        elapsed = time.perf_counter() - started
        if elapsed > self._timeout:
            return Attempt(
                error=f"Timeout: no complete answer within {self._timeout:g} s",
                duration_ms=elapsed * 1000,
            )
        return Attempt(
            status=response.status_code,
            response=body.decode("utf-8", "replace"),
            duration_ms=elapsed * 1000,
        )


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with ±20% jitter, seeded per delivery so runs replay."""

    first: float = 5.0
    factor: float = 2.0
    cap: float = 1800.0

    def delay(self, delivery_id: str, attempt: int) -> float:
        """Seconds to wait after the ``attempt``-th failure (1-based)."""
        base = min(self.cap, self.first * self.factor ** (attempt - 1))
        jitter = random.Random(f"{delivery_id}:{attempt}").uniform(0.8, 1.2)
        return round(base * jitter, 3)


@dataclass
class FlushReport:
    """What one flush did."""

    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    discarded: int = 0

    def as_dict(self) -> dict:
        """Counts for the control API."""
        return {
            name: getattr(self, name)
            for name in ("attempted", "delivered", "retrying", "failed", "discarded")
        }


Router = Callable[[Event], list[Request]]
# A stored delivery -> the headers to send with this attempt.
Signer = Callable[[dict], dict[str, str]]
