"""Webhook value types and the sender: what is sent, how one send goes, how long to wait.

``Event`` is a provider's status change; a provider's router turns it into signed
``Request``s; the ``Sender`` posts one and reports an ``Attempt`` (it never raises);
``Backoff`` spaces retries. ``mockserver.outbox`` persists, orders and retries deliveries.
``url_problem`` and ``header_problem`` say why a destination or a header value could never
be sent, so providers refuse them when they are declared instead of failing at send time.
"""

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from mockserver.deadline import Watchdog
from mockserver.destinations import sent_url
from mockserver.webhook_http import NETWORK_TROUBLE, Connections


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
    # Why this request can never be sent (say, signing failed): stored as failed, not sent.
    problem: str | None = None


@dataclass(frozen=True)
class Attempt:
    """The outcome of sending once."""

    status: int | None = None
    error: str | None = None
    response: str | None = None
    duration_ms: float = 0.0
    # The request could not be built or sent at all (bad URL or header): retrying cannot help.
    permanent: bool = False

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """Failures worth another try: no answer, 3xx, 429 and 5xx."""
        return (
            not self.ok
            and not self.permanent
            and (
                self.status is None or self.status == 429 or self.status < 400 or self.status >= 500
            )
        )


# Sends one request: (method, url, body, headers, keep) -> (status, the answer's first bytes).
Exchange = Callable[[str, str, bytes, dict[str, str], int], tuple[int, bytes]]


class Sender:
    """Send a delivery once and report the outcome (kept-alive connections per thread).

    ``timeout`` bounds the whole exchange, not each read: a watchdog cuts the connection of
    an endpoint that trickles its headers or body, as of one that never answers (Event
    Streams allows 5 seconds), so no endpoint holds a sender longer than that. ``exchange``
    replaces the network (tests script answers with it).
    """

    def __init__(self, timeout: float = 5.0, exchange: Exchange | None = None):
        self._timeout = timeout
        self._connections = Connections(timeout)
        self._exchange = exchange or self._connections.exchange

    def close(self) -> None:
        """Close the kept-alive connections (a later send opens new ones)."""
        self._connections.close()

    def send(self, delivery: dict, keep: int = 1000) -> Attempt:
        """Send once (``delivery["method"]``, default POST), keeping the first ``keep``
        bytes of the answer; never raises."""
        started = time.perf_counter()
        watchdog = Watchdog(self._timeout)
        try:
            with watchdog:
                status, body = self._exchange(
                    delivery.get("method", "POST"),
                    delivery["url"],
                    delivery["body"].encode(),
                    delivery["headers"],
                    keep,
                )
        except NETWORK_TROUBLE as exc:
            return Attempt(
                error=self._timed_out() if watchdog.fired else f"{type(exc).__name__}: {exc}",
                duration_ms=(time.perf_counter() - started) * 1000,
            )
        except Exception as exc:  # a URL or header no client can send: the same every time
            return Attempt(
                error=f"cannot send: {type(exc).__name__}: {exc}",
                duration_ms=(time.perf_counter() - started) * 1000,
                permanent=True,
            )
        elapsed = time.perf_counter() - started
        if elapsed > self._timeout or watchdog.fired:
            return Attempt(error=self._timed_out(), duration_ms=elapsed * 1000)
        return Attempt(
            status=status, response=body.decode("utf-8", "replace"), duration_ms=elapsed * 1000
        )

    def _timed_out(self) -> str:
        return f"Timeout: no complete answer within {self._timeout:g} s"


def url_problem(url: object) -> str | None:
    """Why ``url`` cannot receive webhooks (None when it can): see ``_url_problem``."""
    if not isinstance(url, str) or not url:
        return "must be an http(s) URL"
    return _url_problem(url)


@lru_cache(maxsize=1024)  # checked at every delivery of the same few URLs
def _url_problem(url: str) -> str | None:
    """Why the text ``url`` cannot receive webhooks (None when it can): it must be an absolute
    http(s) URL with a host that an HTTP client can send to and a signer can encode.

    What requests rewrites before sending (an IDNA or upper-case host, a path or query to
    percent-encode) is accepted: signers sign that URL (``mockserver.destinations``).
    """
    try:
        url.encode("utf-8")
    except UnicodeEncodeError:
        return "must be text that can be encoded as UTF-8 (it holds a lone surrogate)"
    if any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return "must not contain spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return "must be an http(s) URL"
    if not parts.hostname:
        return "must name a host"
    if parts.port == 0:  # requests would drop it and send to the scheme's default port
        return "must name a port from 1 to 65535"
    try:
        host = urlsplit(sent_url(url)).hostname or ""
    except Exception as exc:  # requests' own check: IDNA host names and the like
        return f"is not a valid URL ({exc})"
    if ":" in host:  # an IPv6 address, which has no labels
        return None
    try:
        host.encode("idna")  # what urllib3 checks before it connects
    except UnicodeError:
        return "must name a host whose labels (between dots) hold 1 to 63 characters"
    if len(host.removesuffix(".")) > 253:
        return "must name a host of at most 253 characters (once IDNA-encoded)"
    return None


def require_sendable(setting: str, urls: tuple[str, ...]) -> None:
    """Refuse a configured webhook URL that could never be sent to (ValueError naming it)."""
    for url in urls:
        problem = url_problem(url)
        if problem is not None:
            raise ValueError(f"{setting}: {url!r} {problem}")


def header_problem(value: object) -> str | None:
    """Why ``value`` cannot travel as an HTTP header value (None when it can): printable
    ASCII only, as a receiver reads it back byte for byte."""
    if not isinstance(value, str) or not value:
        return "must not be empty"
    if not all(" " <= char <= "~" for char in value):
        return "must be printable ASCII (no line breaks, control or non-ASCII characters)"
    if value != value.strip():
        return "must not start or end with a space"
    return None


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
    """What one flush (or every flush of an advance) did; sender threads count into it."""

    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    discarded: int = 0
    # Reports that count the same outcomes too (every advance settling meanwhile).
    forward: tuple["FlushReport", ...] = field(default=(), repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, outcome: str) -> None:
        """Add one to ``outcome`` (sender threads count concurrently)."""
        with self._lock:
            setattr(self, outcome, getattr(self, outcome) + 1)
        for other in self.forward:
            other.count(outcome)

    def as_dict(self) -> dict:
        """Counts for the control API."""
        return {
            name: getattr(self, name)
            for name in ("attempted", "delivered", "retrying", "failed", "discarded")
        }


Router = Callable[[Event], list[Request]]
# A stored delivery -> the headers to send with this attempt.
Signer = Callable[[dict], dict[str, str]]
