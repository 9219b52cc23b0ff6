"""TinyDB storages: the in-memory one for tests and ``:memory:``, and a crash-safe file one.

TinyDB's own ``JSONStorage`` rewrites the whole file on every write, so a create would cost
more with every record already stored. ``JournalStorage`` keeps the data in memory and, per
committed transaction, appends one JSON line to ``<path>.journal``; when the journal outgrows
the snapshot it is folded into ``<path>`` through a temp file and ``os.replace``. A crash
leaves the old or the new snapshot, and at worst a torn last journal line, which is dropped
on load (its transaction never committed). The snapshot is plain TinyDB JSON.
"""

import json
import logging
import os
from pathlib import Path

from tinydb.storages import Storage

from mockserver.errors import MockError

Change = tuple[str, str, dict | None]
log = logging.getLogger(__name__)


class StoreCorrupted(MockError):
    """The store files cannot be read back."""


class MemoryStorage(Storage):
    """Keep every table in a dict; nothing survives the process."""

    def __init__(self):
        self._data: dict = {}

    def read(self) -> dict:
        """Return the live data (not a copy)."""
        return self._data

    def write(self, data: dict) -> None:
        """Replace the live data."""
        self._data = data

    def commit(self, changes: list[Change]) -> None:
        """Nothing to persist."""

    def close(self) -> None:
        """Nothing to release."""


class JournalStorage(MemoryStorage):
    """In-memory data persisted as a snapshot plus an append-only journal."""

    def __init__(self, path: str, *, min_compact_bytes: int = 4 << 20, compact_ratio: float = 2.0):
        super().__init__()
        self._path = Path(path)
        self._journal_path = Path(f"{path}.journal")
        self._min_compact_bytes = min_compact_bytes
        self._compact_ratio = compact_ratio
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._data = self._load()
        # Unbuffered: a failed append must leave nothing behind for a later write to flush.
        self._journal = os.open(self._journal_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._snapshot_bytes = 0
        self._journal_bytes = 0
        self.compact()

    def commit(self, changes: list[Change]) -> None:
        """Append one transaction's changes as a single journal line, or nothing."""
        if not changes:
            return
        line = json.dumps(changes, separators=(",", ":")).encode() + b"\n"
        start = self._journal_bytes
        try:
            written = 0
            while written < len(line):
                written += os.write(self._journal, line[written:])
        except OSError:
            try:
                os.ftruncate(self._journal, start)
            except OSError:
                log.exception("cannot undo a partial journal append in %s", self._journal_path)
            raise
        self._journal_bytes += len(line)
        threshold = max(self._min_compact_bytes, self._compact_ratio * self._snapshot_bytes)
        if self._journal_bytes > threshold:
            try:
                self.compact()
            except OSError:  # the change is already safe in the journal; compact later
                log.exception("cannot compact the store %s", self._path)

    def compact(self) -> None:
        """Write the whole data as a new snapshot and empty the journal."""
        body = json.dumps(self._data, separators=(",", ":")).encode()
        tmp = self._path.with_name(self._path.name + ".tmp")
        with open(tmp, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self._path)
        self._fsync_directory()
        # A crash between the replace and this truncate replays changes already in the
        # snapshot; they are whole-document puts and deletes, so replaying is harmless.
        os.ftruncate(self._journal, 0)
        self._snapshot_bytes = len(body)
        self._journal_bytes = 0

    def close(self) -> None:
        """Close the journal."""
        if self._journal >= 0:
            os.close(self._journal)
            self._journal = -1

    def _load(self) -> dict:
        data: dict = {}
        if self._path.exists():
            try:
                data = json.loads(self._path.read_bytes() or b"{}")
            except ValueError as exc:
                raise StoreCorrupted(f"cannot read store snapshot {self._path}: {exc}") from exc
        if self._journal_path.exists():
            for table, key, doc in self._read_journal():
                if doc is None:
                    data.get(table, {}).pop(key, None)
                else:
                    data.setdefault(table, {})[key] = doc
        return data

    def _read_journal(self) -> list[Change]:
        lines = self._journal_path.read_bytes().split(b"\n")
        changes: list[Change] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                changes.extend(json.loads(line))
            except ValueError as exc:
                if number == len(lines):  # torn tail: that transaction never committed
                    break
                raise StoreCorrupted(
                    f"cannot read line {number} of {self._journal_path}: {exc}"
                ) from exc
        return changes

    def _fsync_directory(self) -> None:
        try:
            fd = os.open(self._path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
