"""The store contract: everything providers and the core may ask of the document store.

``RecordStore`` is the whole interface: named tables of JSON documents keyed by string ids,
with transactions, secondary indexes and persisted counters. ``mockserver.store.Store`` (TinyDB
behind a journal) implements it; another backend (PostgreSQL, say) would implement these
methods and nothing else, without touching a provider. ``docs/store.md`` describes how.

Shared rules:

* A document is a JSON object (a ``dict`` of JSON values). Documents go in and come out as
  copies: the caller may mutate what it gets, and what it put is not seen changing later.
  Only ``get`` and ``select`` with ``shared=True`` may hand out one read-only document to
  several readers instead (``mockserver.shared_docs.SharedDoc``, which refuses changes): a
  store without such a cache returns ``SharedDoc(encoded)`` of a fresh encoding, or any
  read-only mapping the readers may keep derived values on (``derive``).
* Every call is atomic and isolated from other threads' calls; outside ``transaction()`` a
  write is a transaction of its own.
* Listings come oldest first: in the order documents were first stored (replacing a document
  keeps its place; deleting and storing a key again puts it last). A ``find``, ``any`` or
  ``count`` by an indexed field may instead order a document by when its ``field`` last took
  ``value`` (it is not stable across a restart).
* A ``predicate``/``where``/``order`` callback sees a copy of the stored document and must not
  call the store.
"""

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

Predicate = Callable[[dict], bool]


@runtime_checkable
class RecordStore(Protocol):
    """Named tables of JSON documents keyed by string ids, with atomic transactions."""

    @property
    def path(self) -> str | None:
        """Where the data is kept, for display; None when nothing outlives the process."""

    @property
    def commits(self) -> int:
        """How many transactions have stored a change since the store opened: two readings
        tell whether anything was written in between."""

    def transaction(self) -> AbstractContextManager[Any]:
        """Run a block alone; its writes are stored whole at the outermost block's end, or none."""

    def get(self, table: str, key: str, *, shared: bool = False) -> dict | None:
        """A copy of the document stored under ``key`` (``shared``: a read-only
        ``SharedDoc``), or None if there is none."""

    def exists(self, table: str, key: str) -> bool:
        """Whether a document is stored under ``key``."""

    def put(self, table: str, key: str, doc: dict) -> None:
        """Store a copy of ``doc`` under ``key``, replacing any document there whole."""

    def delete(self, table: str, key: str) -> bool:
        """Remove the document under ``key``; return whether there was one."""

    def find(
        self, table: str, field: str, value: Any, where: Predicate | None = None
    ) -> list[dict]:
        """Copies of the documents whose ``field`` equals ``value`` and that pass ``where``."""

    def select(
        self,
        table: str,
        field: str,
        values: Sequence[Any],
        *,
        where: Predicate | None = None,
        newest_first: bool = False,
        order: Callable[[dict], Any] | None = None,
        descending: bool | None = None,
        offset: int = 0,
        limit: int | None = None,
        until: Predicate | None = None,
        shared: bool = False,
    ) -> list[dict]:
        """Copies (``shared``: read-only ``SharedDoc``s) of one page of the documents whose
        ``field`` is one of ``values`` (value by value, oldest first or ``newest_first``) that
        pass ``where``, then stably sorted by ``order`` if given (``descending``: by default as
        ``newest_first``), and cut before the first (in
        that order, before ``where``) for which ``until`` is true; only the page is kept (a
        list costs its page's copies, or with an ``index`` declared with this ``order``, only
        the documents up to the page's end)."""

    def any(self, table: str, field: str, value: Any, where: Predicate) -> bool:
        """Whether a document whose ``field`` equals ``value`` passes ``where`` (reading them
        until one does)."""

    def scan(self, table: str, predicate: Predicate | None = None) -> list[dict]:
        """Copies of the table's documents that pass ``predicate`` (all of them if None)."""

    def count(self, table: str, field: str | None = None, value: Any = None) -> int:
        """How many documents the table holds (whose ``field`` equals ``value``, if given)."""

    def max_of(self, table: str, field: str, default: float = 0) -> float:
        """The largest finite number (not a bool) in ``field`` across the table, or ``default``."""

    def next_number(self, counter: str) -> int:
        """The counter's next value (1, 2, …): persisted, and undone with its transaction."""

    def tally(self, table: str, field: str, values: Sequence[Any], where: Predicate | None) -> int:
        """How many documents whose ``field`` is one of ``values`` pass ``where`` (all if None);
        copies nothing the caller sees."""

    def index(self, table: str, field: str, order: Callable[[dict], Any] | None = None) -> None:
        """Make find/any/count/tally by ``field`` cost its matches, not the table (same
        results); with ``order``, a ``select`` by ``field`` sorted by that same function
        (``descending`` equal to ``newest_first``) costs its page, not its matches."""

    def clear(self) -> None:
        """Delete every document of every table, counters included, as one transaction."""

    def close(self) -> None:
        """Release files and connections after pending writes; the store is unusable after."""


#: The names of the contract's members, for tests that keep callers inside it.
MEMBERS = frozenset(name for name in vars(RecordStore) if not name.startswith("_"))
