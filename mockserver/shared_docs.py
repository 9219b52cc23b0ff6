"""Read-only documents shared between readers, and what is derived from them.

A read of the store normally decodes a fresh copy (about 20 µs for a Twilio verification), and
a route then renders it and writes its JSON again, for every request, although the stored
document has not changed. A ``SharedDoc`` is decoded once per stored version and handed to
every reader that asks for one (``Store.get(..., shared=True)``): it refuses to be changed,
and ``derive`` keeps what a pure function of it computed (its rendered JSON), so a poll of
the same record or a list of the same page renders nothing again.

Each stored version is its own entry: the cache is keyed by the identity of the document's
stored bytes (which its entry holds, so no other object can take that identity while it is
cached), and a write stores new bytes, so it is never answered with an old derivation.
``SharedDocs`` holds the most recently read versions (``capacity`` of them, oldest evicted
first).
"""

import threading
from collections.abc import Callable, Hashable
from typing import Any

from mockserver.store_codec import decode

CAPACITY = 2_048  # documents; about 14 MB of Twilio verifications with one rendering each
BUDGET = 16 << 20  # stored bytes of the cached documents (decoded, they take 2 to 4 times more)
LARGEST = 256 << 10  # a larger document is decoded for its reader alone, never cached
_DERIVED_PER_DOC = 8  # renderings per document (an origin, a brand version, …) before reset


def _refuse(self, *args: Any, **kwargs: Any) -> None:
    raise TypeError("a shared document is read-only: read it with shared=False to change it")


class SharedDoc(dict):
    """A decoded stored document, read-only (nested values are not guarded: do not change
    them either), shared by every reader of the same stored version."""

    __slots__ = ("_derived", "stored")
    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __init__(self, stored: bytes, decoded: dict | None = None):  # or a ``msgspec.Raw``
        super().__init__(decode(stored) if decoded is None else decoded)
        self.stored = stored
        self._derived: dict[Hashable, Any] = {}

    def derive(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept under ``key`` for this stored version (``compute`` must be a
        pure function of the document and of what ``key`` names)."""
        derived = self._derived
        try:
            return derived[key]
        except KeyError:
            pass
        value = compute()
        if len(derived) >= _DERIVED_PER_DOC:
            derived.clear()
        derived[key] = value
        return value

    @property
    def version(self) -> "Version":
        """A key naming this stored version (for a derivation that reads this document too)."""
        return Version(self.stored)

    def copy(self) -> dict:
        """A plain, changeable copy."""
        return decode(self.stored)

    def __reduce__(self):
        return (dict, (dict(self),))


class Version:
    """Equal for the same stored bytes only (and keeps them, so their identity stays theirs)."""

    __slots__ = ("stored",)

    def __init__(self, stored: bytes):
        self.stored = stored

    def __hash__(self) -> int:
        return id(self.stored)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and other.stored is self.stored


class Candidate(dict):
    """A plain decoded copy that remembers its stored bytes: what a filter reads, so only
    the documents that make a page are turned into shared ones (``SharedDocs.adopt``)."""

    __slots__ = ("stored",)

    def __init__(self, stored: bytes):
        super().__init__(decode(stored))
        self.stored = stored


class SharedDocs:
    """The ``SharedDoc`` of recently read stored versions (at most ``capacity`` of them and
    ``budget`` stored bytes; a document over ``largest`` bytes is never kept)."""

    def __init__(self, capacity: int = CAPACITY, budget: int = BUDGET, largest: int = LARGEST):
        self.capacity, self.budget, self.largest = capacity, budget, largest
        self._docs: dict[int, SharedDoc] = {}  # by id() of the stored bytes
        self._bytes = 0
        self._lock = threading.Lock()

    def of(self, stored: bytes, decoded: dict | None = None) -> SharedDoc:
        """The shared document of these stored bytes (decoded now, or copied from
        ``decoded``, a decoding of them, if not held)."""
        doc = self._docs.get(id(stored))
        if doc is not None and doc.stored is stored:
            return doc
        doc = SharedDoc(stored, decoded)
        size = len(stored)
        if size > self.largest:
            return doc
        with self._lock:
            docs = self._docs
            while docs and (len(docs) >= self.capacity or self._bytes + size > self.budget):
                # Oldest first (insertion order): cheaper than a true LRU, and a page
                # read again is read again into the newest places.
                for old in list(docs)[: max(1, len(docs) // 8)]:
                    self._bytes -= len(docs.pop(old).stored)
            docs[id(stored)] = doc
            self._bytes += size
            return doc

    def peek(self, stored: bytes) -> dict:
        """The held shared document of these bytes, or a ``Candidate`` (nothing is kept)."""
        doc = self._docs.get(id(stored))
        return doc if doc is not None and doc.stored is stored else Candidate(stored)

    def adopt(self, doc: dict) -> SharedDoc:
        """The shared document of a ``peek``'s result."""
        return doc if isinstance(doc, SharedDoc) else self.of(doc.stored, doc)

    def clear(self) -> None:
        """Forget every document."""
        with self._lock:
            self._docs, self._bytes = {}, 0

    def __len__(self) -> int:
        return len(self._docs)
