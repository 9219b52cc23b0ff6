"""A secondary index of the store: a table's keys by one field's value, derived data kept in
step with every write (``mockserver.store``).

Each bucket (the keys holding one value) keeps the order its keys joined it. An index
declared with an ``order`` also keeps each bucket sorted by rank (``sortedcontainers``), the
rank being ``order(document)``, so ``ranked`` walks it in rank order however the records
came in (a clock set back, a delivery rescheduled), ties in join order: exactly as a stable
sort of the bucket would order them.
"""

import heapq
import itertools
import logging
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sortedcontainers import SortedList

from mockserver.document_fields import is_number

Order = Callable[[dict], Any]
Entry = tuple[tuple, int, str]  # (rank, join number, key)
log = logging.getLogger(__name__)
_KEY_OF_ENTRY = operator.itemgetter(2)  # a ranked entry is (rank, join, key)


def _rank(value: Any) -> tuple | None:
    """A rank every other rank compares with (None, numbers, text, each among its own kind,
    as a sort by the raw values orders them), or None for what cannot be ranked."""
    if value is None:
        return (0,)
    if is_number(value):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return None


class FieldIndex:
    """A table's keys by one field's value, in join order, and by rank when ordered."""

    __slots__ = ("buckets", "field", "joins", "loading", "order", "ranks", "unranked")

    def __init__(self, field: str, order: Order | None):
        self.field, self.order = field, order
        self.buckets: dict[Any, dict[str, Entry | None]] = {}
        self.ranks: dict[Any, SortedList] = {}
        # Per value, its keys that cannot be ranked, with their join numbers (kept so a key
        # ranked again keeps its place among equal ranks, as a stable sort would).
        self.unranked: dict[Any, dict[str, int]] = {}
        self.joins = itertools.count()
        self.loading: dict[Any, list[Entry]] | None = None  # entries of a build, sorted once

    def start_build(self) -> None:
        """Collect the entries ``add`` files from now on, to sort each bucket once."""
        self.loading = {}

    def finish_build(self) -> None:
        """Sort each bucket of the collected entries at once (not a key at a time)."""
        loaded, self.loading = self.loading or {}, None
        self.ranks = {value: SortedList(entries) for value, entries in loaded.items()}

    def add(self, doc: dict, key: str) -> None:
        """File ``key`` under its document's value (a document without one, or whose value is
        a list or an object, is not filed: no lookup by the field finds it)."""
        value = self._value(doc, key)
        if value is not None:
            self.buckets.setdefault(value, {})[key] = None
            self._rerank(value, doc, key, next(self.joins))

    def remove(self, doc: dict, key: str) -> None:
        """Take ``key`` out of its document's bucket."""
        value = self._value(doc, None)
        bucket = self.buckets.get(value)
        if bucket is None or key not in bucket:  # a value that was never filed
            return
        entry = bucket.pop(key)
        if entry is not None:
            self.ranks[value].remove(entry)
        self._ranked(value, key)
        if not bucket:
            del self.buckets[value]
            self.ranks.pop(value, None)

    def update(self, old: dict | None, new: dict | None, key: str) -> None:
        """Move ``key`` from ``old``'s bucket to ``new``'s (None: absent)."""
        before = None if old is None else self._value(old, None)
        after = None if new is None else self._value(new, None)
        if old is not None and new is not None and before == after:
            if before is not None and self.order is not None:  # keeps its place; re-ranked
                entry = self.buckets[before].get(key)
                if entry is not None:
                    self.ranks[before].remove(entry)
                    join = entry[1]
                else:  # an ordered index files every key it cannot rank as unranked
                    join = self.unranked[before][key]
                self._rerank(before, new, key, join)
            return
        if old is not None:
            self.remove(old, key)
        if new is not None:
            self.add(new, key)

    def bucket(self, value: Any) -> dict[str, Any]:
        """The keys filed under ``value`` (none for a value no document can be filed under)."""
        try:
            return self.buckets.get(value, {})
        except TypeError:  # a list or an object: never filed
            return {}

    def keys(self, values: Sequence[Any], newest_first: bool) -> Iterator[str]:
        """The keys of ``values``' buckets, value by value in join order (or all reversed)."""
        buckets = [self.bucket(value) for value in values]
        if newest_first:
            return (key for bucket in reversed(buckets) for key in reversed(bucket))
        return (key for bucket in buckets for key in bucket)

    def ranked(self, values: Sequence[Any], descending: bool) -> Iterator[str] | None:
        """The keys of ``values``' buckets by rank, ties as a stable sort of ``keys(values,
        descending)`` orders them (by value, then join order); None when one cannot be
        ranked."""
        if self.order is None or any(self.bucket(v) and self.unranked.get(v) for v in values):
            return None
        if len(values) == 1:  # nothing to merge: the keys straight from the ranked entries
            entries = self.ranks.get(values[0], ()) if self.bucket(values[0]) else ()
            return map(_KEY_OF_ENTRY, reversed(entries) if descending else entries)
        streams = [
            self._stream(value, position, descending) for position, value in enumerate(values)
        ]
        merged = heapq.merge(*streams, reverse=descending)  # one value returned above
        return (entry[3] for entry in merged)

    def _stream(self, value: Any, position: int, descending: bool) -> Iterator[tuple]:
        """``value``'s entries in rank order as ``(rank, position, join, key)``."""
        entries = self.ranks.get(value, ()) if self.bucket(value) else ()
        for rank, join, key in reversed(entries) if descending else entries:
            yield rank, position, join, key

    def _rerank(self, value: Any, doc: dict, key: str, join: int) -> None:
        if self.order is None:
            return
        rank = _rank(self.order(doc))
        if rank is None:
            self.unranked.setdefault(value, {})[key] = join
            self.buckets[value][key] = None
            return
        self._ranked(value, key)
        entry = (rank, join, key)
        self.buckets[value][key] = entry
        if self.loading is not None:
            self.loading.setdefault(value, []).append(entry)
        else:
            self.ranks.setdefault(value, SortedList()).add(entry)

    def _ranked(self, value: Any, key: str) -> None:
        """``key`` no longer counts as unranked under ``value``."""
        keys = self.unranked.get(value)
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del self.unranked[value]

    def _value(self, doc: dict, key: str | None) -> Any:
        value = doc.get(self.field)
        if isinstance(value, list | dict):  # a damaged document (JSON gives no other unhashable)
            if key is not None:
                log.warning(
                    "document %s left out of the index on %r: its value is %s",
                    key,
                    self.field,
                    type(value).__name__,
                )
            return None
        return value
