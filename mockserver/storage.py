"""TinyDB storages: the in-memory one for tests and ``:memory:``, and a crash-safe file one.

A file store is a snapshot ``<path>`` (plain TinyDB JSON, ``{table: {key: {document}}}``) and
a journal ``<path>.journal`` holding one line per committed transaction: a JSON list of
``[table, key, document or null]``. Opening replays the snapshot, ``<path>.journal.old`` (left
by an unfinished compaction) and the journal, and rewrites nothing. It reads them back
exactly or raises ``StoreCorrupted`` naming the file (empty, unparsable or misshapen
snapshot or line, journal without snapshot, unreadable file); only a torn last journal line
(the process died appending it: its transaction never committed) is dropped, with a warning.

``fsync="never"`` acknowledges a commit once ``os.write`` gave it to the OS (it survives a
crash of the process, not of the OS or the power); ``"always"`` once the journal is fsynced
past its line. Commits waiting together share one fsync, done outside the store lock.

When the journal outgrows the snapshot, a background thread compacts: under the store lock
it copies the tables (shallowly: documents are replaced whole, never changed in place) and
renames the journal to ``<path>.journal.old``; outside the lock it writes the snapshot to a
temp file, fsyncs it, ``os.replace``s it and fsyncs the directory, then deletes the old
segment. Replaying changes the snapshot already holds is harmless (whole-document puts and
deletes), so a crash at any step loses nothing.
"""

import errno
import logging
import os
import threading
import time
from pathlib import Path

from tinydb.storages import Storage

from mockserver.settings import FSYNC_MODES
from mockserver.store_codec import journal_line, tables_snapshot
from mockserver.store_reading import StoreCorrupted, read_snapshot, replay

StoreWrite = tuple[str, str, bytes | None]  # (table, key, encoded document or None)
log = logging.getLogger(__name__)
# fdatasync skips metadata a reader does not need (mtime); the file size is still synced.
_datasync = getattr(os, "fdatasync", os.fsync)
_JOURNAL_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND


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

    def commit(self, changes: list[StoreWrite]) -> int | None:
        """Nothing to persist, so nothing to wait for."""
        return None

    def sync(self, ticket: int) -> None:
        """Nothing to wait for."""

    def close(self) -> None:
        """Nothing to release."""


class JournalStorage(MemoryStorage):
    """In-memory data persisted as a snapshot plus an append-only journal."""

    def __init__(
        self,
        path: str,
        *,
        fsync: str = "never",
        lock: "threading.RLock | None" = None,
        min_compact_bytes: int = 4 << 20,
        compact_ratio: float = 2.0,
    ):
        if fsync not in FSYNC_MODES:
            raise ValueError(f"fsync: expected {' or '.join(FSYNC_MODES)}, got {fsync!r}")
        super().__init__()
        self._path = Path(path)
        self._journal_path = Path(f"{path}.journal")
        self._old_path = Path(f"{path}.journal.old")
        self._always = fsync == "always"
        # The store's lock: held around every transaction, so under it the data is committed.
        self._lock = lock or threading.RLock()
        self._min_compact_bytes = min_compact_bytes
        self._compact_ratio = compact_ratio
        self._compact_mutex = threading.Lock()
        self._compactor: threading.Thread | None = None
        self._retry_after = 0
        self._closed = False
        # Group commit; ``_sync_cond`` guards these and the swap of ``_journal`` on rotation.
        self._sync_cond = threading.Condition(threading.Lock())
        self._appended = 0  # bytes appended to every segment since opening
        self._synced = 0
        self._failed_from = self._failed_upto = 0  # commits never acknowledged: (from, upto]
        self._sync_failure: OSError | None = None
        self._syncing = False
        self._retired: list[int] = []  # rotated segments not yet fsynced (``always``)
        self._dir_dirty = True  # the journal's directory entry may not be on disk yet
        self._journal = -1
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._data, self._snapshot_bytes, valid = self._load()
            # Unbuffered: a failed append must leave nothing behind for a later write to flush.
            self._journal = os.open(self._journal_path, _JOURNAL_FLAGS, 0o644)
            if os.fstat(self._journal).st_size > valid:
                os.ftruncate(self._journal, valid)  # the torn line, or the next append joins it
        except OSError as exc:
            if self._journal >= 0:
                os.close(self._journal)
            raise StoreCorrupted(
                f"cannot open store {exc.filename or self._path}: {exc.strerror or exc}"
            ) from exc
        self._journal_bytes = valid
        if self._old_path.exists() or self._due_for_compaction():
            self._start_compaction()

    def commit(self, changes: list[StoreWrite]) -> int | None:
        """Append one transaction as one journal line; return a ticket to ``sync`` on, or None."""
        if not changes:
            return None
        line = journal_line(changes)
        with self._lock:
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
            with self._sync_cond:
                self._appended += len(line)
                ticket = self._appended
            if self._due_for_compaction():
                self._start_compaction()
        return ticket if self._always else None

    def sync(self, ticket: int) -> None:
        """Return once the journal is on disk up to ``ticket`` (call it outside the lock)."""
        # Group commit: the first waiter fsyncs everything appended so far, the rest wait.
        with self._sync_cond:
            while True:
                if self._failed_from < ticket <= self._failed_upto:
                    raise OSError(*self._sync_failure.args)
                if self._synced >= ticket:
                    return
                if not self._syncing:
                    break
                self._sync_cond.wait()
            self._syncing = True
            target = self._appended
            retired, self._retired = self._retired, []
            dir_dirty, self._dir_dirty = self._dir_dirty, False
            fds = [*retired, self._journal]
        try:
            for fd in fds:
                _datasync(fd)
            if dir_dirty:
                _fsync_directory(self._journal_path.parent)
        except OSError as exc:
            with self._sync_cond:
                self._syncing = False
                # After a failed fsync the kernel may have dropped those pages: a later
                # successful fsync proves nothing about them, so they are never acknowledged.
                if self._failed_upto == 0:
                    self._failed_from = self._synced
                self._failed_upto = max(self._failed_upto, target)
                self._sync_failure = OSError(
                    exc.errno, f"cannot fsync the store journal {self._journal_path}: {exc}"
                )
                self._retired[:0] = retired
                self._dir_dirty = self._dir_dirty or dir_dirty
                self._sync_cond.notify_all()
            raise OSError(*self._sync_failure.args) from exc
        for fd in retired:
            os.close(fd)
        with self._sync_cond:
            self._synced = target
            self._syncing = False
            self._sync_cond.notify_all()

    def compact(self) -> None:
        """Fold the journal into the snapshot now (after a running compaction); raise on failure."""
        with self._compact_mutex:
            started = time.monotonic()
            with self._lock:
                if self._closed:
                    return
                tables = {name: dict(docs) for name, docs in self._data.items()}
                # An older segment left by a failed or interrupted compaction stays the only
                # one: the journal keeps growing this time and is rotated the next.
                if not self._old_path.exists():
                    self._rotate()
            folded = self._old_path.stat().st_size if self._old_path.exists() else 0
            body = tables_snapshot(tables)
            self._write_snapshot(body)
            with self._lock:
                self._snapshot_bytes = len(body)
                self._retry_after = 0
            self._old_path.unlink(missing_ok=True)
            log.info(
                "compacted store %s: %d journal bytes folded into a %d-byte snapshot in %.3f s",
                self._path,
                folded,
                len(body),
                time.monotonic() - started,
            )

    def wait_for_compaction(self) -> None:
        """Return once no background compaction is running (never call it holding the lock)."""
        thread = self._compactor
        if thread is not None:
            thread.join()

    def close(self) -> None:
        """Wait for a running compaction and any fsync, fold a journal over
        ``min_compact_bytes`` and over a quarter of the snapshot into the snapshot (so the next
        start reads the snapshot alone), then close the journal."""
        self.wait_for_compaction()
        with self._lock:
            # Replaying a journal costs far less than rewriting the snapshot (a 5.7 MB journal
            # replays in 0.02 s; folding it into a 90 MB snapshot took 0.67 s): a stop only
            # pays for it once the journal is a fair part of what a start reads.
            threshold = max(self._min_compact_bytes, self._snapshot_bytes / 4)
            fold = not self._closed and self._journal_bytes > threshold
        try:
            if fold:
                self.compact()
        except Exception as exc:  # the journal still holds every change
            log.error("cannot compact store %s on close: %s", self._path, exc)
        finally:
            with self._lock:
                self._closed = True
        self.wait_for_compaction()
        with self._lock, self._sync_cond:
            while self._syncing:
                self._sync_cond.wait()
            for fd in [*self._retired, self._journal]:
                if fd >= 0:
                    os.close(fd)
            self._retired, self._journal = [], -1

    # -- internals ---------------------------------------------------------------------

    def _due_for_compaction(self) -> bool:
        threshold = max(
            self._min_compact_bytes, self._compact_ratio * self._snapshot_bytes, self._retry_after
        )
        return self._journal_bytes > threshold

    def _start_compaction(self) -> None:
        """Start a background compaction unless one is running (call it under the lock)."""
        if self._closed or (self._compactor is not None and self._compactor.is_alive()):
            return
        thread = threading.Thread(
            target=self._compact_in_background, name="store-compaction", daemon=True
        )
        thread.start()
        self._compactor = thread  # only once started: ``join`` refuses a thread that is not

    def _compact_in_background(self) -> None:
        try:
            self.compact()
        except Exception as exc:
            with self._lock:  # not at every commit: wait until the journal doubles
                self._retry_after = 2 * max(self._journal_bytes, self._min_compact_bytes)
            log.error(
                "cannot compact store %s (the journal keeps every change): %s", self._path, exc
            )

    def _rotate(self) -> None:
        """Move the journal aside and start a fresh one (under the lock)."""
        os.rename(self._journal_path, self._old_path)
        try:
            fresh = os.open(self._journal_path, _JOURNAL_FLAGS, 0o644)
        except OSError:
            os.rename(self._old_path, self._journal_path)
            raise
        with self._sync_cond:
            old, self._journal = self._journal, fresh
            self._dir_dirty = True
            if self._always:  # its last lines may still await their fsync
                self._retired.append(old)
                old = -1
        self._journal_bytes = 0
        if old >= 0:
            os.close(old)

    def _write_snapshot(self, body: bytes) -> None:
        tmp = self._path.with_name(self._path.name + ".tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_directory(self._path.parent)

    def _load(self) -> tuple[dict, int, int]:
        """The data, the snapshot's size, and how many journal bytes hold whole lines."""
        old = _read(self._old_path) or b""
        journal = _read(self._journal_path) or b""
        if not self._path.exists():
            if old or journal:
                holder = self._old_path if old else self._journal_path
                raise StoreCorrupted(
                    f"store snapshot {self._path} is missing; {holder} is not empty"
                )
            self._write_snapshot(tables_snapshot({}))  # a journal always has its snapshot
        data = read_snapshot(self._path)
        replay(self._old_path, old, old.rfind(b"\n") + 1, data)
        valid = journal.rfind(b"\n") + 1
        replay(self._journal_path, journal, valid, data)
        if old.rfind(b"\n") + 1 < len(old):
            raise StoreCorrupted(f"the last line of {self._old_path} is torn (no newline)")
        if valid < len(journal):
            log.warning(
                "dropped the torn last line of %s (%d bytes): its transaction never committed",
                self._journal_path,
                len(journal) - valid,
            )
        return data, self._path.stat().st_size, valid


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _fsync_directory(directory: Path) -> None:
    """Make renames and new files in ``directory`` durable."""
    if os.name == "nt":  # no directory handles; NTFS journals its metadata
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):  # file systems that cannot
            raise
    finally:
        os.close(fd)
