"""The document store: ``RecordStore`` (see ``mockserver.store_contract``) on TinyDB.

Every public method takes the same re-entrant lock, so request threads and the scheduler
never interleave. ``transaction()`` holds it for a whole block: the block's writes are
persisted together when the outermost transaction ends, or undone together if it raises::

    with store.transaction():
        record = store.get("twilio_verifications", sid)
        record["status"] = "IN_REVIEW"
        store.put("twilio_verifications", sid, record)

Documents are held encoded, as JSON bytes (``mockserver.store_codec``): a read decodes a
fresh copy, a write encodes one, and a document is only ever replaced whole, which lets the
file store snapshot the tables with shallow copies and write its journal from the same bytes.
Secondary indexes (``index(table, field)``) are derived data: a table's indexes are built
together, decoding each document once, the first time one of them is used (so opening a
large store does not wait for them), then kept up to date. Never hold a transaction open
across network I/O.

TinyDB is used through its documented extension points: a custom ``Storage``
(``mockserver.storage``), ``TinyDB.table_class`` and, on the table, ``document_id_class``;
reads go to the storage's live documents by key. Writes go through
one override of a private method, ``KeyedTable._update_table`` (``mockserver.store_tables``),
which ``tests/test_store.py`` pins to the TinyDB release it was written against.

``get(..., shared=True)`` and ``select(..., shared=True)`` give read-only ``SharedDoc``s
instead of copies: one per stored version, kept with what routes derived from it (their
rendered JSON), for the read-only paths that poll or list (``mockserver.shared_docs``).

A file store (``Store(path, fsync=...)``, see ``mockserver.storage``) opens its files exactly
or raises ``StoreCorrupted``. When the outermost transaction returns, its writes are on disk
(``fsync="always"``: it waits, after releasing the lock, for an fsync it shares with the
commits waiting alongside) or handed to the OS (``"never"``). If that fsync fails the
transaction raises ``OSError``: its writes stay in memory, unacknowledged (a crash may or may
not keep them). A memory store ignores ``fsync``.
"""

import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, takewhile
from typing import Any

from mockserver.document_fields import is_number
from mockserver.shared_docs import SharedDocs
from mockserver.storage import JournalStorage, MemoryStorage
from mockserver.store_codec import decode, encode, fields_decoder
from mockserver.store_index import FieldIndex, Order
from mockserver.store_tables import KeyedTable, KeyedTinyDB

MEMORY = ":memory:"
log = logging.getLogger(__name__)
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
        self._storage, self._tables = self._db.storage, {}
        self._depth = 0
        self.commits = 0  # transactions that stored a change (RecordStore.commits)
        self._undo: list[tuple[str, str, bytes | None]] = []
        self._changes: dict[tuple[str, str], bytes | None] = {}
        self._indexes: dict[str, dict[str, FieldIndex]] = {}
        self._unbuilt: set[str] = set()  # tables whose indexes wait for their first use
        # How a write reads what it replaces and stores: the indexed fields (all for an order).
        self._index_reads: dict[str, tuple[Callable[[bytes], dict], Callable[[bytes], dict]]] = {}
        self._shared = SharedDocs()
        self._transaction = _Transaction(self)

    def transaction(self) -> "_Transaction":
        """Hold the lock; commit all writes at the end of the outermost block, or undo them."""
        return self._transaction

    def get(self, table: str, key: str, *, shared: bool = False) -> dict | None:
        """Return a copy of one document (``shared``: a read-only ``SharedDoc``), or None."""
        with self._lock:
            raw = self._docs(table).get(key)
            if raw is None:
                return None
            return self._shared.of(raw) if shared else decode(raw)

    def exists(self, table: str, key: str) -> bool:
        """Whether a document with this key exists."""
        with self._lock:
            return key in self._docs(table)

    def put(self, table: str, key: str, doc: dict) -> None:
        """Insert or replace a whole document."""
        raw = encode(doc)  # outside the lock: it reads only the caller's document
        with self._lock:
            if self._depth:  # this thread's transaction commits it: no block of its own
                self._write(table, key, raw)
                return
        with self.transaction():
            self._write(table, key, raw)

    def delete(self, table: str, key: str) -> bool:
        """Remove a document; return whether it existed."""
        with self.transaction():
            if key not in self._docs(table):
                return False
            self._write(table, key, None)
            return True

    def find(
        self, table: str, field: str, value: Any, where: Callable[[dict], bool] | None = None
    ) -> list[dict]:
        """Copies of the documents whose ``field`` equals ``value`` (and that pass ``where``),
        oldest first."""
        with self._lock:  # without select's paging and ordering: chains ask at each send
            return list(self._passing(self._matching(table, field, [value]), where))

    def select(
        self,
        table: str,
        field: str,
        values: Sequence[Any],
        *,
        where: Callable[[dict], bool] | None = None,
        newest_first: bool = False,
        order: Order | None = None,
        descending: bool | None = None,
        offset: int = 0,
        limit: int | None = None,
        until: Callable[[dict], bool] | None = None,
        shared: bool = False,
    ) -> list[dict]:
        """Copies (``shared``: read-only ``SharedDoc``s) of one page of the documents whose
        ``field`` is one of ``values`` and that pass ``where``: the matches are gathered value
        by value (oldest first, or newest first: the whole gathering reversed), stably sorted
        by ``order`` (``descending``: by default as ``newest_first`` says), cut before the
        first (in that order, ``where`` or not) for which ``until`` is true, and only the page
        kept.

        When ``field``'s index was declared with this same ``order`` and ``descending``
        matches ``newest_first``, the walk follows the index and stops at the page's end (or
        at ``until``): the page costs its own documents (and those ``where`` refuses)."""
        descending = newest_first if descending is None else descending
        values = list(values)
        # A client's page number may point past any list (and past what islice accepts).
        offset = min(max(offset, 0), sys.maxsize)
        end = None if limit is None else min(offset + max(limit, 0), sys.maxsize)
        with self._lock:
            index = self._index(table, field)
            ranked = None
            if index is not None and order is index.order and descending == newest_first:
                ranked = index.ranked(values, descending)
            if ranked is not None and where is None and until is None:
                # Nothing to test: the keys before the page are skipped, not read, and every
                # document read is on the page.
                keys = islice(ranked, offset, end)
                return list(self._decoded(table, keys, self._shared.of if shared else decode))
            # A shared walk reads plain copies (or what is held already): only the page
            # becomes shared, so documents skipped or refused neither take cache entries
            # nor evict the documents the cache holds.
            read = self._shared.peek if shared else decode
            if ranked is not None:
                walked = self._decoded(table, ranked, read)
            else:
                walked = list(self._matching(table, field, values, newest_first, read))
                if order is not None:
                    walked.sort(key=order, reverse=descending)
            if until is not None:
                walked = takewhile(lambda doc: not until(doc), walked)
            page = list(islice(self._passing(walked, where), offset, end))
            return [self._shared.adopt(doc) for doc in page] if shared else page

    def tally(
        self, table: str, field: str, values: Sequence[Any], where: Callable[[dict], bool] | None
    ) -> int:
        """How many documents whose ``field`` is one of ``values`` pass ``where`` (without
        ``where``, counted from the index alone)."""
        values = list(values)
        distinct = [value for n, value in enumerate(values) if value not in values[:n]]
        with self._lock:
            index = self._index(table, field)
            if where is None and index is not None:
                return sum(len(index.bucket(value)) for value in distinct)
            return sum(1 for _ in self._passing(self._matching(table, field, distinct), where))

    def any(self, table: str, field: str, value: Any, where: Callable[[dict], bool]) -> bool:
        """Whether a document with ``field`` equal to ``value`` passes ``where`` (it stops at
        the first that does)."""
        with self._lock:
            matches = self._passing(self._matching(table, field, [value]), where)
            return next(matches, None) is not None

    def scan(self, table: str, predicate: Callable[[dict], bool] | None = None) -> list[dict]:
        """Return copies of the documents matching ``predicate`` (all if None), oldest first."""
        with self._lock:
            docs = (decode(raw) for raw in list(self._docs(table).values()))
            return list(self._passing(docs, predicate))

    def max_of(self, table: str, field: str, default: float = 0) -> float:
        """The largest number in ``field`` of a table (a document that lacks the field, or
        holds no finite number in it, is passed over)."""
        with self._lock:
            found = (decode(raw).get(field) for raw in self._docs(table).values())
            return max((value for value in found if is_number(value)), default=default)

    def next_number(self, counter: str) -> int:
        """The next value of a persisted counter (1, 2, …): creation order that survives a
        restart and rolls back with the transaction that drew it."""
        with self.transaction():
            current = self.get(COUNTERS, counter) or {"value": 0}
            self.put(COUNTERS, counter, {"value": current["value"] + 1})
            return current["value"] + 1

    def count(self, table: str, field: str | None = None, value: Any = None) -> int:
        """Number of documents in a table (whose ``field`` equals ``value``: from the index
        alone when there is one)."""
        with self._lock:
            if field is None:
                return len(self._docs(table))
            return self.tally(table, field, (value,), None)

    def index(self, table: str, field: str, order: Order | None = None) -> None:
        """Maintain an index on ``field`` so lookups by it avoid a scan; with ``order`` (a
        function of a document), ``select`` by ``field`` sorted by that same function walks
        the index instead of sorting."""
        with self._lock:
            indexes = self._indexes.setdefault(table, {})
            indexes[field] = FieldIndex(field, order)
            fields = fields_decoder(indexes)
            ordered = any(index.order is not None for index in indexes.values())
            self._index_reads[table] = (fields, decode if ordered else fields)
            self._unbuilt.add(table)

    def clear(self) -> None:
        """Delete every document of every table, as one transaction."""
        with self.transaction():
            for table in sorted(self._db.tables()):
                for key in list(self._docs(table)):
                    self._write(table, key, None)
        self._shared.clear()  # nothing a reset removed stays in memory

    def close(self) -> None:
        """Release the files, after a running compaction (which needs the lock) ends."""
        self._db.close()
        self._shared.clear()

    # -- internals ---------------------------------------------------------------------

    def _table(self, name: str) -> KeyedTable:
        if name not in self._tables:  # TinyDB's table() costs more than the dict update
            self._tables[name] = self._db.table(name)
        return self._tables[name]

    def _docs(self, table: str) -> dict[str, bytes]:
        return self._storage.read().get(table, {})

    def _index(self, table: str, field: str) -> FieldIndex | None:
        indexes = self._indexes.get(table)
        if indexes is None or field not in indexes:
            return None
        if table in self._unbuilt:
            # Into fresh indexes, swapped in whole: a build that raises leaves none half-made.
            built = {name: FieldIndex(name, index.order) for name, index in indexes.items()}
            for index in built.values():
                index.start_build()
            for key, raw in self._docs(table).items():
                doc = decode(raw)
                for index in built.values():
                    index.add(doc, key)
            for index in built.values():
                index.finish_build()
            self._indexes[table] = indexes = built
            self._unbuilt.discard(table)
        return indexes[field]

    def _matching(
        self,
        table: str,
        field: str,
        values: list[Any],
        newest_first: bool = False,
        read: Callable[[bytes], dict] = decode,
    ) -> Iterator[dict]:
        """Copies of the documents whose ``field`` is one of ``values``, value by value (the
        whole gathering reversed when ``newest_first``): through the index when there is one,
        else decoding each document once."""
        index = self._index(table, field)
        if index is not None:
            return self._decoded(table, index.keys(values, newest_first), read)
        if len(values) == 1 and not newest_first:  # lazily, so ``any`` stops at the first
            wanted = values[0]
            docs = (read(raw) for raw in list(self._docs(table).values()))
            return (doc for doc in docs if doc.get(field) == wanted)
        grouped: list[list[dict]] = [[] for _ in values]
        for raw in list(self._docs(table).values()):
            doc = read(raw)
            value = doc.get(field)
            for position, candidate in enumerate(values):
                if value == candidate:  # each time a value is asked for, as the index gives it
                    grouped[position].append(doc)
        gathered = [doc for group in grouped for doc in group]
        return iter(reversed(gathered) if newest_first else gathered)

    def _decoded(
        self, table: str, keys: Iterable[str], read: Callable[[bytes], dict]
    ) -> Iterator[dict]:
        return map(read, map(self._docs(table).__getitem__, keys))

    @staticmethod
    def _passing(docs: Iterable[dict], where: Callable[[dict], bool] | None) -> Iterator[dict]:
        return iter(docs) if where is None else (doc for doc in docs if where(doc))

    def _write(self, table: str, key: str, raw: bytes | None) -> None:
        old = self._docs(table).get(key)
        if (table, key) not in self._changes:  # its value before the transaction, once
            self._undo.append((table, key, old))
        self._apply(table, key, old, raw)
        self._changes[(table, key)] = raw

    def _apply(self, table: str, key: str, old: bytes | None, raw: bytes | None) -> None:
        if raw is None:
            self._table(table).discard(key)
        else:
            self._table(table).replace(key, raw)
        indexes = self._indexes.get(table)
        if not indexes or table in self._unbuilt:
            return
        try:
            # From what was stored, not the caller's dict (a tuple is stored as a list).
            replaced, stored = self._index_reads[table]
            before = None if old is None else replaced(old)
            after = None if raw is None else stored(raw)
            for index in indexes.values():
                index.update(before, after, key)
        except Exception:  # rebuilt from the stored documents at the next lookup instead
            log.exception("index of %s out of step at %s: rebuilt at its next use", table, key)
            self._unbuilt.add(table)

    def _commit(self) -> int | None:
        changes = [(table, key, raw) for (table, key), raw in self._changes.items()]
        try:
            ticket = self._storage.commit(changes)
            self.commits += bool(changes)
            return ticket
        except BaseException:
            self._rollback()
            raise
        finally:
            self._undo, self._changes = [], {}

    def _rollback(self) -> None:
        for table, key, raw in reversed(self._undo):
            self._apply(table, key, self._docs(table).get(key), raw)
        self._undo, self._changes = [], {}


class _Transaction:
    """``Store.transaction()``, stateless (a generator-based one cost more than a write)."""

    __slots__ = ("_store",)

    def __init__(self, store: Store):
        self._store = store

    def __enter__(self) -> Store:
        store = self._store
        store._lock.acquire()
        if store._depth == 0:
            store._undo, store._changes = [], {}
        store._depth += 1
        return store

    def __exit__(self, kind, exc, traceback) -> None:
        store = self._store
        ticket = None
        try:
            store._depth -= 1
            if store._depth == 0:  # the outermost block: under the lock, only its thread's
                ticket = store._commit() if kind is None else store._rollback()
        finally:
            store._lock.release()
        if ticket is not None:  # outside the lock, so concurrent commits share one fsync
            store._storage.sync(ticket)
