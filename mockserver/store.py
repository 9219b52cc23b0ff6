"""The document store: ``RecordStore`` (see ``mockserver.store_contract``) on TinyDB.

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

TinyDB is used through its documented extension points: a custom ``Storage``
(``mockserver.storage``), ``TinyDB.table_class`` and, on the table, ``document_id_class``,
``document_class`` and ``query_cache_class``. Reads go through ``Table.get``, ``contains``,
``search`` and ``len``, except the lookups of the store's own indexes (``KeyedTable.documents``).
Writes go through one override of a private method, ``KeyedTable._update_table``, which
``tests/test_store.py`` pins to the TinyDB release it was written against.

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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from mockserver.storage import JournalStorage, MemoryStorage, StoreWrite

MEMORY = ":memory:"


class Stored:
    """TinyDB's ``document_class`` here: a stored document, not copied, and its key.

    TinyDB's own ``Document`` copies every document it hands out, matching or not; the store
    copies only what leaves it, once.
    """

    __slots__ = ("doc", "key")

    def __init__(self, doc: dict, key: str):
        self.doc = doc
        self.key = key


class NoQueryCache(dict):
    """TinyDB's ``query_cache_class`` here: caches nothing.

    The store's predicates close over changing state (a filter, the clock) and its results
    are copied anyway; TinyDB would key its cache by the predicate and keep whole result lists.
    """

    def __init__(self, capacity: int | None = None):
        super().__init__()

    def get(self, key: Any, default: Any = None) -> Any:
        """Know nothing (without hashing ``key``: a predicate need not be hashable)."""
        return default

    def __setitem__(self, key: Any, value: Any) -> None:
        """Keep nothing."""


class KeyedTable(Table):
    """A TinyDB table keyed by the store's string ids, whose writes cost O(1)."""

    document_id_class = str  # the store's keys: TinyDB's JSON ids are strings already
    document_class = Stored
    query_cache_class = NoQueryCache

    # THE one override of a private TinyDB method. Every TinyDB write funnels through
    # ``Table._update_table(updater)``, whose own version copies the whole table twice (ids to
    # ``document_id_class`` and back) and writes every table back to the storage: O(n) a
    # write. With string ids there is nothing to convert and the storage hands out its live
    # data, so the update happens in place. tests/test_store.py fails if a TinyDB
    # release changes the method this replaces; pyproject.toml bounds TinyDB below 5.
    def _update_table(self, updater: Callable[[dict], None]) -> None:
        updater(self.storage.read().setdefault(self.name, {}))
        self.clear_cache()

    def replace(self, key: str, doc: dict) -> None:
        """Insert or replace one document, keeping its position if it exists."""
        self._update_table(lambda table: table.__setitem__(key, doc))

    def discard(self, key: str) -> None:
        """Remove one document if present."""
        self._update_table(lambda table: table.pop(key, None))

    def documents(self) -> dict[str, dict]:
        """The live documents by key (read only), for the store's index lookups.

        ``get(doc_id=key)`` costs about 1 us a lookup against 0.05 us here, and an index
        lookup makes one per match: 20 times slower for ``find``/``any`` by an indexed field.
        """
        return self.storage.read().get(self.name, {})


class KeyedTinyDB(TinyDB):
    """TinyDB whose tables are ``KeyedTable``s."""

    table_class = KeyedTable


def _clone(doc: Any) -> Any:
    return pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _everything(doc: dict) -> bool:
    return True


def _equals(field: str, value: Any) -> Callable[[dict], bool]:
    return lambda doc: doc.get(field) == value


COUNTERS = "_counters"


class Store:
    """Tables of documents with atomic, persisted transactions and secondary indexes.

    Implements ``mockserver.store_contract.RecordStore``.
    """

    def __init__(
        self, path: str | None = MEMORY, *, fsync: str = "never", min_compact_bytes: int = 4 << 20
    ):
        self.path = None if path in (None, MEMORY) else str(path)
        self._lock = threading.RLock()
        if self.path is None:
            self._db = KeyedTinyDB(storage=MemoryStorage)
        else:
            self._db = KeyedTinyDB(
                self.path,
                storage=JournalStorage,
                fsync=fsync,
                lock=self._lock,
                min_compact_bytes=min_compact_bytes,
            )
        self._depth = 0
        self._undo: list[StoreWrite] = []
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
            found = self._table(table).get(doc_id=key)
            return None if found is None else _clone(found.doc)

    def exists(self, table: str, key: str) -> bool:
        """Whether a document with this key exists."""
        with self._lock:
            return self._table(table).contains(doc_id=key)

    def put(self, table: str, key: str, doc: dict) -> None:
        """Insert or replace a whole document."""
        with self.transaction():
            self._write(table, key, _clone(doc))

    def delete(self, table: str, key: str) -> bool:
        """Remove a document; return whether it existed."""
        with self.transaction():
            if not self._table(table).contains(doc_id=key):
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
        return self.select(table, field, (value,), where=where)

    def select(
        self,
        table: str,
        field: str,
        values: Sequence[Any],
        *,
        where: Callable[[dict], bool] | None = None,
        newest_first: bool = False,
        order: Callable[[dict], Any] | None = None,
        descending: bool = False,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[dict]:
        """Copies of one page of the documents whose ``field`` is one of ``values`` and that
        pass ``where``: the matches are gathered value by value (oldest first, or newest first:
        the whole gathering reversed), stably sorted by ``order``, and only the page copied.
        ``where`` and ``order`` see the stored documents and must not change them."""
        with self._lock:
            gathered = [doc for value in values for doc in self._matching(table, field, value)]
            if newest_first:
                gathered.reverse()
            matches = [doc for doc in gathered if where is None or where(doc)]
            if order is not None:
                matches.sort(key=order, reverse=descending)
            end = None if limit is None else offset + limit
            return [_clone(doc) for doc in matches[offset:end]]

    def any(self, table: str, field: str, value: Any, where: Callable[[dict], bool]) -> bool:
        """Whether a document with ``field`` equal to ``value`` passes ``where`` (no copies)."""
        with self._lock:
            if self._index(table, field) is None:
                match = _equals(field, value)
                return self._table(table).contains(lambda doc: match(doc) and where(doc))
            return any(where(doc) for doc in self._matching(table, field, value))

    def scan(self, table: str, predicate: Callable[[dict], bool] | None = None) -> list[dict]:
        """Return copies of the documents matching ``predicate`` (all if None), oldest first."""
        with self._lock:
            found = self._table(table).search(predicate or _everything)
            return [_clone(each.doc) for each in found]

    def max_of(self, table: str, field: str, default: float = 0) -> float:
        """The largest number in ``field`` of a table, without copying its documents (a
        document that lacks the field, or holds no finite number in it, is passed over)."""
        with self._lock:
            found = self._table(table).search(lambda doc: _is_number(doc.get(field)))
            return max((each.doc[field] for each in found), default=default)

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
                return len(self._table(table))
            index = self._index(table, field)
            if index is None:
                return self._table(table).count(_equals(field, value))
            return len(index.get(value, ()))

    def index(self, table: str, field: str) -> None:
        """Maintain an index on ``field`` so ``find(table, field, …)`` avoids a scan."""
        with self._lock:
            index: dict[Any, dict[str, None]] = {}
            for each in self._table(table).search(_everything):
                self._index_add(index, each.doc.get(field), each.key)
            self._indexes.setdefault(table, {})[field] = index

    def clear(self) -> None:
        """Delete every document of every table, as one transaction."""
        with self.transaction():
            for table in sorted(self._db.tables()):
                for each in self._table(table).search(_everything):
                    self._write(table, each.key, None)

    def close(self) -> None:
        """Release the files, after a running compaction (which needs the lock) ends."""
        self._db.close()

    # -- internals ---------------------------------------------------------------------

    def _table(self, name: str) -> KeyedTable:
        return self._db.table(name)

    def _index(self, table: str, field: str) -> dict[Any, dict[str, None]] | None:
        return self._indexes.get(table, {}).get(field)

    def _matching(self, table: str, field: str, value: Any) -> Iterator[dict]:
        index = self._index(table, field)
        if index is None:
            return (each.doc for each in self._table(table).search(_equals(field, value)))
        docs = self._table(table).documents()
        return (docs[key] for key in index.get(value, ()))

    def _stored(self, table: str, key: str) -> dict | None:
        found = self._table(table).get(doc_id=key)
        return None if found is None else found.doc

    def _write(self, table: str, key: str, doc: dict | None) -> None:
        old = self._stored(table, key)
        if (table, key) not in self._touched:
            self._touched.add((table, key))
            self._undo.append((table, key, old))
        self._apply(table, key, old, doc)
        self._changes[(table, key)] = doc

    def _apply(self, table: str, key: str, old: dict | None, doc: dict | None) -> None:
        if doc is None:
            self._table(table).discard(key)
        else:
            self._table(table).replace(key, doc)
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
            self._apply(table, key, self._stored(table, key), doc)
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
