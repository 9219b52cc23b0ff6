"""The request journal: what clients sent to the emulated APIs, so tests can verify it.

    journal = RequestJournal(capacity=1000)
    journal.record({"method": "POST", "path": "/v1/Tollfree/Verifications", ...})
    journal.entries(method="POST", path_prefix="/v1/Tollfree", tenant="AC…")

It lives in memory on purpose: it is a verification aid that every reset clears, and
writing it to the store would cost every request a store commit (and a file write on a JSON
store). A ring buffer bounds it: past ``capacity`` entries the oldest are dropped and
counted in ``dropped``. Headers are stored already redacted (``redact``).
"""

import threading
from collections import deque
from collections.abc import Iterable

DEFAULT_CAPACITY = 1000
MAX_BODY_CHARS = 64 * 1024
REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# Credentials hide under many names; a header whose name contains one of these is redacted
# even when no provider declared it.
SECRET_MARKERS = ("api-key", "apikey", "secret", "password", "signature", "auth-token")


def redact(headers: Iterable[tuple[str, str]], also: Iterable[str] = ()) -> dict[str, str]:
    """Headers as a dict, with credentials replaced by ``[redacted]``.

    Redacted: ``Authorization``, ``Proxy-Authorization``, ``Cookie``, every name in ``also``
    (case-insensitive) and every name containing one of ``SECRET_MARKERS``.
    """
    secret = SECRET_HEADERS | {name.lower() for name in also}
    shown = {}
    for name, value in headers:
        lowered = name.lower()
        hidden = lowered in secret or any(marker in lowered for marker in SECRET_MARKERS)
        shown[name] = REDACTED if hidden else value
    return shown


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
