"""One webhook exchange on kept-alive connections of the standard library's ``http.client``.

The sender posts thousands of small requests when an advance settles. ``requests`` spends
0.85 ms of CPU on each (session merging, hooks, cookie jars, its own adapters) and
``urllib3`` 0.45 ms, against 0.25 ms for ``http.client`` with the same keep-alive (measured
side by side: ``bench/webhook_client.py``). The sandbox needs none of their extras: no
proxies, cookies, redirects, retries or content decoding; only a URL that ``requests``
already prepared (``mockserver.destinations``), headers, a body and a whole-exchange
deadline, which ``mockserver.deadline`` enforces by cutting the socket. ``http.client``
opens and closes the connections; each request's head is written by
``mockserver.webhook_wire`` with ``http.client``'s own checks, in one send with its body,
and its answer read by httptools (``mockserver.webhook_answer``): about half of
``http.client``'s CPU per POST (``bench/webhook_client.py``).

Each thread keeps one connection per origin (scheme, host, port), for the last
``KEPT_ORIGINS`` origins it used and ``IDLE_SECONDS`` at most: a test suite that starts a
receiver per test would otherwise keep a socket (and a receiver thread) per test. A kept
connection the endpoint has closed meanwhile is noticed before it is used again (it reads
as ready at once) and replaced, as ``urllib3`` does.
"""

import base64
import http.client
import select
import ssl
import threading
import time
import weakref
from collections import OrderedDict
from functools import lru_cache
from urllib.parse import SplitResult, unquote, urlsplit

import certifi

from mockserver.deadline import watch
from mockserver.destinations import sent_url
from mockserver.webhook_answer import read_answer
from mockserver.webhook_wire import host_header, request_head

# What an endpoint may have broken: the exchange failed and may succeed next time.
NETWORK_TROUBLE = (OSError, http.client.HTTPException)
KEPT_ORIGINS = 10  # per thread, as requests' pool manager kept 10 pools
IDLE_SECONDS = 30.0


class UnsendableRequest(ValueError):
    """A URL or header that no client can send: it would fail the same way every time."""


@lru_cache(maxsize=1024)  # the same few destinations, once per delivery
def split_url(url: str) -> tuple[tuple[str, str, int], str, str | None]:
    """``(scheme, host, port)``, the request target (path and query) and the Basic
    ``Authorization`` its user and password ask for (None without) of a prepared URL."""
    try:
        parts = urlsplit(sent_url(url))  # as requests sent it: IDNA host, percent-encoded
    except Exception as exc:
        raise UnsendableRequest(f"{type(exc).__name__}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsendableRequest(f"not an absolute http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return (parts.scheme, parts.hostname, port), target, _basic_auth(parts)


def _basic_auth(parts: SplitResult) -> str | None:
    # Credentials in the URL go as HTTP Basic auth, as Twilio sends them (and requests did).
    if parts.username is None:
        return None
    pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode("latin-1")
    return "Basic " + base64.b64encode(pair).decode("ascii")


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    # The CA bundle requests verified against, so https endpoints are trusted as before.
    return ssl.create_default_context(cafile=certifi.where())


class _ThreadConnections:
    """One thread's connections by origin; closed when the thread or the sender goes."""

    def __init__(self):
        # Least recently used first; each with the monotonic time it was last used.
        self.by_origin: OrderedDict[tuple[str, str, int], http.client.HTTPConnection] = (
            OrderedDict()
        )
        self.used: dict[tuple[str, str, int], float] = {}

    def close(self) -> None:
        """Close every connection (each reconnects if used again)."""
        for connection in list(self.by_origin.values()):
            connection.close()

    def retire(self, now: float) -> None:
        """Drop the connections idle too long, and the least used past ``KEPT_ORIGINS``."""
        for origin in list(self.by_origin):
            if len(self.by_origin) > KEPT_ORIGINS or now - self.used[origin] > IDLE_SECONDS:
                self.by_origin.pop(origin).close()
                del self.used[origin]

    __del__ = close


class Connections:
    """Kept-alive HTTP(S) connections, one per origin and thread, and one exchange on them."""

    def __init__(self, timeout: float):
        self._timeout = timeout
        self._local = threading.local()
        self._pools: weakref.WeakSet[_ThreadConnections] = weakref.WeakSet()
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close every thread's idle connections."""
        with self._lock:
            pools = list(self._pools)
        for pool in pools:
            pool.close()

    def exchange(
        self, method: str, url: str, body: bytes, headers: dict[str, str], keep: int
    ) -> tuple[int, bytes]:
        """Send one request; the status and the first ``keep`` bytes of the answer.

        Raises ``UnsendableRequest`` for a request that can never go, one of
        ``NETWORK_TROUBLE`` when the endpoint failed (or was cut off at the deadline).
        """
        origin, target, authorization = split_url(url)
        if authorization is not None and not any(
            name.lower() == "authorization" for name in headers
        ):
            headers = {**headers, "Authorization": authorization}
        connection = self._connection(origin)
        try:
            if connection.sock is None:
                connection.connect()
            watch(connection.sock)
            try:
                head = request_head(method, target, host_header(*origin), headers, body)
            except (ValueError, UnicodeError, http.client.InvalidURL) as exc:
                raise UnsendableRequest(f"{type(exc).__name__}: {exc}") from None
            connection.sock.sendall(head + body)
            status, kept, closing = read_answer(connection.sock, keep)  # GET or POST: no HEAD
        except BaseException:
            connection.close()  # half-used: never hand it to the next request
            raise
        if closing:
            connection.close()
        return status, kept

    def _connection(self, origin: tuple[str, str, int]) -> http.client.HTTPConnection:
        pool = getattr(self._local, "pool", None)
        if pool is None:
            pool = self._local.pool = _ThreadConnections()
            with self._lock:
                self._pools.add(pool)
        now = time.monotonic()
        connection = pool.by_origin.get(origin)
        if connection is not None:
            pool.by_origin.move_to_end(origin)
        pool.used[origin] = now
        if connection is None:
            scheme, host, port = origin
            if scheme == "https":
                connection = http.client.HTTPSConnection(
                    host, port, timeout=self._timeout, context=_tls_context()
                )
            else:
                connection = http.client.HTTPConnection(host, port, timeout=self._timeout)
            pool.by_origin[origin] = connection
        elif connection.sock is not None and _dropped(connection.sock):
            connection.close()  # the endpoint hung up meanwhile: connect afresh
        pool.retire(now)
        return connection


def _dropped(sock) -> bool:
    """Whether an idle kept-alive socket was closed by its peer (it reads as ready)."""
    poller = select.poll()  # not select(): it fails for descriptors past 1023
    try:
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    except (OSError, ValueError):
        return True
