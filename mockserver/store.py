"""The document store: named tables of JSON documents keyed by string ids, behind one lock.

Every public method takes the same re-entrant lock, so request threads and the scheduler
never interleave. ``transaction()`` holds it for a whole block: the block's writes are
persisted together when the outermost transaction ends, or undone together if it raises::

    with store.transaction():
        record = store.get("twilio_verifications", sid)
        record["status"] = "IN_REVIEW"
        store.put("twilio_verifications", sid, record)

Documents go in and come out as copies, so callers never alias stored state; a stored
document is only ever replaced whole, never changed in place, which lets the file store
snapshot the tables with shallow copies. Secondary indexes (``index(table, field)``) are
derived data, rebuilt on open, and make ``find(table, field, value)`` cost the same with ten
or ten thousand documents stored. Never hold a transaction open across network I/O.

A file store (``Store(path, fsync=...)``, see ``mockserver.storage``) opens its files exactly
or raises ``StoreCorrupted``. When the outermost transaction returns, its writes are on disk
(``fsync="always"``: it waits, after releasing the lock, for an fsync it shares with the
commits waiting alongside) or handed to the OS (``"never"``). If that fsync fails the
transaction raises ``OSError``: its writes stay in memory, unacknowledged (a crash may or may
not keep them). A memory store ignores ``fsync``.
"""

import math
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from mockserver.storage import Change, JournalStorage, MemoryStorage

MEMORY = ":memory:"


class KeyedTable(Table):
    """A TinyDB table keyed by string ids whose writes cost O(1).

    TinyDB's own ``_update_table`` copies the whole table twice on every write; with string
    ids there is nothing to convert, so the update happens in place.
    """

    document_id_class = str

    def _update_table(self, updater):
        tables = self._storage.read()
        updater(tables.setdefault(self.name, {}))
        self.clear_cache()

    def replace(self, key: str, doc: dict) -> None:
        """Insert or replace one document, keeping its position if it exists."""
        self._update_table(lambda table: table.__setitem__(key, doc))

    def discard(self, key: str) -> None:
        """Remove one document if present."""
        self._update_table(lambda table: table.pop(key, None))


def _clone(doc: Any) -> Any:
    return pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


COUNTERS = "_counters"


class Store:
    """Tables of documents with atomic, persisted transactions and secondary indexes."""

    def __init__(
        self, path: str | None = MEMORY, *, fsync: str = "never", min_compact_bytes: int = 4 << 20
    ):
        self.path = None if path in (None, MEMORY) else str(path)
        self._lock = threading.RLock()
        if self.path is None:
            self._db = TinyDB(storage=MemoryStorage)
        else:
            self._db = TinyDB(
                self.path,
                storage=JournalStorage,
                fsync=fsync,
                lock=self._lock,
                min_compact_bytes=min_compact_bytes,
            )
        self._db.table_class = KeyedTable
        self._depth = 0
        self._undo: list[Change] = []
        self._touched: set[tuple[str, str]] = set()
        self._changes: dict[tuple[str, str], dict | None] = {}
        self._indexes: dict[str, dict[str, dict[Any, dict[str, None]]]] = {}

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Hold the lock; commit all writes at the end of the outermost block, or undo them."""
        ticket = None
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self._undo, self._touched, self._changes = [], set(), {}
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outermost:
                    self._rollback()
                raise
            self._depth -= 1
            if outermost:
                ticket = self._commit()
        if ticket is not None:  # outside the lock, so concurrent commits share one fsync
            self._db.storage.sync(ticket)

    def get(self, table: str, key: str) -> dict | None:
        """Return a copy of one document, or None."""
        with self._lock:
            doc = self._raw(table).get(key)
            return None if doc is None else _clone(doc)

    def exists(self, table: str, key: str) -> bool:
        """Whether a document with this key exists."""
        with self._lock:
            return key in self._raw(table)

    def put(self, table: str, key: str, doc: dict) -> None:
        """Insert or replace a whole document."""
        with self.transaction():
            self._write(table, key, _clone(doc))

    def delete(self, table: str, key: str) -> bool:
        """Remove a document; return whether it existed."""
        with self.transaction():
            if key not in self._raw(table):
                return False
            self._write(table, key, None)
            return True

    def find(
        self, table: str, field: str, value: Any, where: Callable[[dict], bool] | None = None
    ) -> list[dict]:
        """Copies of the documents whose ``field`` equals ``value`` (and that pass ``where``,
        which sees the stored document and must not change it), oldest first.

        Only matches are copied, so a narrow ``where`` keeps a large bucket cheap.
        """
        with self._lock:
            return [
                _clone(doc)
                for doc in self._matching(table, field, value)
                if where is None or where(doc)
            ]

    def any(self, table: str, field: str, value: Any, where: Callable[[dict], bool]) -> bool:
        """Whether a document with ``field`` equal to ``value`` passes ``where`` (no copies)."""
        with self._lock:
            return any(where(doc) for doc in self._matching(table, field, value))

    def scan(self, table: str, predicate: Callable[[dict], bool] | None = None) -> list[dict]:
        """Return copies of the documents matching ``predicate`` (all if None), oldest first."""
        with self._lock:
            docs = self._raw(table).values()
            return [_clone(doc) for doc in docs if predicate is None or predicate(doc)]

    def max_of(self, table: str, field: str, default: float = 0) -> float:
        """The largest number in ``field`` of a table, without copying its documents (a
        document that lacks the field, or holds no finite number in it, is passed over)."""
        with self._lock:
            values = (doc.get(field) for doc in self._raw(table).values())
            return max((value for value in values if _is_number(value)), default=default)

    def next_number(self, counter: str) -> int:
        """The next value of a persisted counter (1, 2, …): creation order that survives a
        restart and rolls back with the transaction that drew it."""
        with self.transaction():
            current = self.get(COUNTERS, counter) or {"value": 0}
            self.put(COUNTERS, counter, {"value": current["value"] + 1})
            return current["value"] + 1

    def count(self, table: str, field: str | None = None, value: Any = None) -> int:
        """Number of documents in a table (whose ``field`` equals ``value``), without copies."""
        with self._lock:
            if field is None:
                return len(self._raw(table))
            return sum(1 for _ in self._matching(table, field, value))

    def index(self, table: str, field: str) -> None:
        """Maintain an index on ``field`` so ``find(table, field, …)`` avoids a scan."""
        with self._lock:
            index: dict[Any, dict[str, None]] = {}
            for key, doc in self._raw(table).items():
                self._index_add(index, doc.get(field), key)
            self._indexes.setdefault(table, {})[field] = index

    def clear(self) -> None:
        """Delete every document of every table, as one transaction."""
        with self.transaction():
            for table, docs in list(self._db.storage.read().items()):
                for key in list(docs):
                    self._write(table, key, None)

    def close(self) -> None:
        """Release the files, after a running compaction (which needs the lock) ends."""
        self._db.storage.close()

    # -- internals ---------------------------------------------------------------------

    def _raw(self, table: str) -> dict[str, dict]:
        return self._db.storage.read().get(table, {})

    def _matching(self, table: str, field: str, value: Any) -> Iterator[dict]:
        raw = self._raw(table)
        index = self._indexes.get(table, {}).get(field)
        if index is not None:
            return (raw[key] for key in index.get(value, ()))
        return (doc for doc in raw.values() if doc.get(field) == value)

    def _write(self, table: str, key: str, doc: dict | None) -> None:
        if (table, key) not in self._touched:
            self._touched.add((table, key))
            self._undo.append((table, key, self._raw(table).get(key)))
        self._apply(table, key, doc)
        self._changes[(table, key)] = doc

    def _apply(self, table: str, key: str, doc: dict | None) -> None:
        tiny = self._db.table(table)
        old = self._raw(table).get(key)
        if doc is None:
            tiny.discard(key)
        else:
            tiny.replace(key, doc)
        for field, index in self._indexes.get(table, {}).items():
            before = None if old is None else old.get(field)
            after = None if doc is None else doc.get(field)
            if before == after:  # keep the key's place in its bucket (insertion order)
                continue
            self._index_remove(index, before, key)
            self._index_add(index, after, key)

    def _commit(self) -> int | None:
        changes = [(table, key, doc) for (table, key), doc in self._changes.items()]
        try:
            return self._db.storage.commit(changes)
        except BaseException:
            self._rollback()
            raise
        finally:
            self._undo, self._touched, self._changes = [], set(), {}

    def _rollback(self) -> None:
        for table, key, doc in reversed(self._undo):
            self._apply(table, key, doc)
        self._undo, self._touched, self._changes = [], set(), {}

    @staticmethod
    def _index_add(index: dict, value: Any, key: str) -> None:
        if value is not None:
            index.setdefault(value, {})[key] = None

    @staticmethod
    def _index_remove(index: dict, value: Any, key: str) -> None:
        keys = index.get(value)
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del index[value]
