"""The request journal: what clients sent to the emulated APIs, so tests can verify it.

    journal = RequestJournal(capacity=1000)
    journal.record({"method": "POST", "path": "/v1/Tollfree/Verifications", ...})
    journal.entries(method="POST", path_prefix="/v1/Tollfree", tenant="AC…")

It lives in memory on purpose: it is a verification aid that every reset clears, and
writing it to the store would cost every request a store commit (and a file write on a JSON
store). A ring buffer bounds it: past ``capacity`` entries the oldest are dropped and
counted in ``dropped``. Headers and query parameters are stored already redacted
(``redact``, ``redact_query``, ``redact_query_string``).
"""

import threading
from collections import deque
from collections.abc import Iterable, Mapping
from urllib.parse import unquote_plus

DEFAULT_CAPACITY = 1000
MAX_BODY_CHARS = 64 * 1024
REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# Credentials hide under many names; a header or query parameter whose name contains one of
# these (case-insensitive, "_" read as "-") is redacted even when no provider declared it.
SECRET_MARKERS = ("api-key", "apikey", "secret", "password", "signature", "token")


def is_secret_name(name: str) -> bool:
    """Whether a header or parameter name contains one of ``SECRET_MARKERS``."""
    lowered = name.lower().replace("_", "-")
    return any(marker in lowered for marker in SECRET_MARKERS)


def redact(headers: Iterable[tuple[str, str]], also: Iterable[str] = ()) -> dict[str, str]:
    """Headers as a dict, with credentials replaced by ``[redacted]``.

    Redacted: ``Authorization``, ``Proxy-Authorization``, ``Cookie``, every name in ``also``
    (case-insensitive) and every name containing one of ``SECRET_MARKERS``.
    """
    secret = SECRET_HEADERS | {name.lower() for name in also}
    shown = {}
    for name, value in headers:
        hidden = name.lower() in secret or is_secret_name(name)
        shown[name] = REDACTED if hidden else value
    return shown


def redact_query(query: Mapping[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Parsed query parameters with the values of secret-named ones (``api_key``, ``token``,
    ``client_secret``, …) replaced by ``[redacted]`` (a list stays a list)."""
    return {
        name: ([REDACTED] * len(value) if isinstance(value, list) else REDACTED)
        if is_secret_name(name)
        else value
        for name, value in query.items()
    }


def redact_query_string(query_string: str) -> str:
    """The raw query string with the values of secret-named parameters replaced by
    ``[redacted]``; every other byte is kept as sent."""
    pieces = []
    for piece in query_string.split("&"):
        name, separator, _value = piece.partition("=")
        hidden = separator and is_secret_name(unquote_plus(name))
        pieces.append(f"{name}={REDACTED}" if hidden else piece)
    return "&".join(pieces)


class RequestJournal:
    """A thread-safe ring buffer of request entries, oldest first."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        self.capacity = capacity
        self._entries: deque[dict] = deque(maxlen=capacity)
        self._lock = threading.Lock()
        self._sequence = 0
        self.dropped = 0

    def record(self, entry: dict) -> dict:
        """Append an entry (numbered ``id`` 1, 2, …); the oldest goes once the buffer is full."""
        with self._lock:
            self._sequence += 1
            entry = {"id": self._sequence, **entry}
            if len(self._entries) == self.capacity:
                self.dropped += 1
            self._entries.append(entry)
            return entry

    def entries(
        self,
        *,
        method: str | None = None,
        path_prefix: str | None = None,
        provider: str | None = None,
        tenant: str | None = None,
        status: int | None = None,
        limit: int | None = None,
    ) -> list[dict]:
        """Entries matching every given filter, oldest first; ``limit`` keeps the newest."""
        with self._lock:
            found = [
                entry
                for entry in self._entries
                if (method is None or entry["method"] == method.upper())
                and (path_prefix is None or entry["path"].startswith(path_prefix))
                and (provider is None or entry["provider"] == provider)
                and (tenant is None or entry["tenant"] == tenant)
                and (status is None or entry["status"] == status)
            ]
        return found[-limit:] if limit else found

    def clear(self) -> int:
        """Forget every entry; return how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            self.dropped = 0
            return count

    def forget(self, provider: str, tenants: Iterable[str]) -> int:
        """Forget the entries of some tenants of one provider; return how many went."""
        gone = set(tenants)
        with self._lock:
            kept = [
                entry
                for entry in self._entries
                if not (entry["provider"] == provider and entry["tenant"] in gone)
            ]
            count = len(self._entries) - len(kept)
            self._entries = deque(kept, maxlen=self.capacity)
            return count
