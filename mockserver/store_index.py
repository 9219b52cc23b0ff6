"""A secondary index of the store: a table's keys by one field's value, derived data kept in
step with every write (``mockserver.store``)."""

import heapq
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Order = Callable[[dict], Any]
log = logging.getLogger(__name__)


class FieldIndex:
    """A table's keys by one field's value. Each bucket keeps the order keys joined it and,
    when the index has an ``order``, each key's rank by it, so a bucket that joined in rank
    order (records stamped by a clock that never goes back) is walked without sorting."""

    __slots__ = ("buckets", "field", "order", "unsorted")

    def __init__(self, field: str, order: Order | None):
        self.field, self.order = field, order
        self.buckets: dict[Any, dict[str, Any]] = {}
        self.unsorted: set = set()  # values whose bucket did not join in rank order

    def add(self, doc: dict, key: str) -> None:
        """File ``key`` under its document's value (a document without one, or whose value is
        a list or an object, is not filed: no lookup by the field finds it)."""
        value = self._value(doc, key)
        if value is None:
            return
        bucket = self.buckets.setdefault(value, {})
        rank = None if self.order is None else self.order(doc)
        if bucket and self.order is not None and value not in self.unsorted:
            try:
                if rank < next(reversed(bucket.values())):
                    self.unsorted.add(value)
            except TypeError:
                self.unsorted.add(value)
        bucket[key] = rank

    def remove(self, doc: dict, key: str) -> None:
        """Take ``key`` out of its document's bucket."""
        value = self._value(doc, None)
        bucket = self.buckets.get(value)
        if bucket is not None:
            bucket.pop(key, None)
            if not bucket:
                del self.buckets[value]
                self.unsorted.discard(value)

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

    def update(self, old: dict | None, new: dict | None, key: str) -> None:
        """Move ``key`` from ``old``'s bucket to ``new``'s (None: absent)."""
        before = None if old is None else old.get(self.field)
        after = None if new is None else new.get(self.field)
        if old is not None and new is not None and before == after:
            # The key keeps its place in its bucket; only its rank may change.
            if self.order is not None and before is not None:
                rank, bucket = self.order(new), self.buckets[before]
                if bucket.get(key) != rank:
                    bucket[key] = rank
                    self.unsorted.add(before)
            return
        if old is not None:
            self.remove(old, key)
        if new is not None:
            self.add(new, key)

    def keys(self, values: Sequence[Any], newest_first: bool) -> Iterator[str]:
        """The keys of ``values``' buckets, value by value in join order (or all reversed)."""
        buckets = [self.buckets.get(value, {}) for value in values]
        if newest_first:
            return (key for bucket in reversed(buckets) for key in reversed(bucket))
        return (key for bucket in buckets for key in bucket)

    def ranked(self, values: Sequence[Any], descending: bool) -> Iterator[str] | None:
        """The keys of ``values``' buckets by rank, ties as a stable sort of ``keys(values,
        descending)`` orders them; None when a bucket did not join in rank order."""
        if self.order is None or any(value in self.unsorted for value in values):
            return None
        buckets = [self.buckets.get(value, {}) for value in values]
        if descending:
            streams = [reversed(bucket.items()) for bucket in reversed(buckets)]
        else:
            streams = [iter(bucket.items()) for bucket in buckets]
        if len(streams) == 1:
            return (key for key, _ in streams[0])
        merged = heapq.merge(*streams, key=lambda item: item[1], reverse=descending)
        return (key for key, _ in merged)
