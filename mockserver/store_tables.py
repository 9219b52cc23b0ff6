"""The TinyDB classes under ``mockserver.store.Store``: tables keyed by the store's string ids,
whose writes cost O(1) (see docs/store.md)."""

from collections.abc import Callable

from tinydb import TinyDB
from tinydb.table import Table


class KeyedTable(Table):
    """A TinyDB table keyed by the store's string ids, whose writes cost O(1)."""

    document_id_class = str  # the store's keys: TinyDB's JSON ids are strings already

    # THE one override of a private TinyDB method. Every TinyDB write funnels through
    # ``Table._update_table(updater)``, whose own version copies the whole table twice (ids to
    # ``document_id_class`` and back) and writes every table back to the storage: O(n) a
    # write. With string ids there is nothing to convert and the storage hands out its live
    # data, so the update happens in place. tests/test_store.py fails if a TinyDB
    # release changes the method this replaces; pyproject.toml bounds TinyDB below 5.
    def _update_table(self, updater: Callable[[dict], None]) -> None:
        updater(self.storage.read().setdefault(self.name, {}))
        self.clear_cache()

    def replace(self, key: str, raw: bytes) -> None:
        """Insert or replace one encoded document, keeping its position if it exists."""
        self._update_table(lambda table: table.__setitem__(key, raw))

    def discard(self, key: str) -> None:
        """Remove one document if present."""
        self._update_table(lambda table: table.pop(key, None))


class KeyedTinyDB(TinyDB):
    """TinyDB whose tables are ``KeyedTable``s."""

    table_class = KeyedTable
