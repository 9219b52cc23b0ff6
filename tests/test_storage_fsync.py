"""The file store's durability modes: when a commit is fsynced, and commits sharing one."""

import errno
import re
import threading

import pytest

import mockserver.storage as storage_module
from mockserver.store import Store


def test_always_fsyncs_once_when_the_outermost_transaction_ends_not_before(path, datasyncs):
    store = Store(str(path), fsync="always")
    with store.transaction():
        with store.transaction():
            store.put("t", "a", {"v": 1})
        store.put("t", "b", {"v": 2})
        assert datasyncs == []
    assert len(datasyncs) == 1
    store.put("t", "c", {"v": 3})
    assert len(datasyncs) == 2
    store.close()


def test_never_does_not_fsync_on_commit(path, datasyncs, monkeypatch):
    store = Store(str(path), fsync="never")
    fsyncs = []
    monkeypatch.setattr(storage_module.os, "fsync", fsyncs.append)
    for n in range(5):
        store.put("t", str(n), {"v": n})
    assert (datasyncs, fsyncs) == ([], [])
    store.close()


def test_a_memory_store_ignores_fsync(datasyncs):
    store = Store(":memory:", fsync="always")
    store.put("t", "a", {"v": 1})
    assert datasyncs == []


def test_concurrent_commits_share_one_fsync(path, monkeypatch):
    """Eight writers committing while the first fsync is blocked need two fsyncs, not eight."""
    store = Store(str(path), fsync="always")
    storage = store._db.storage
    calls, first_blocked, release = [], threading.Event(), threading.Event()

    def blocking_datasync(fd):
        calls.append(fd)
        if len(calls) == 1:
            first_blocked.set()
            release.wait()

    monkeypatch.setattr(storage_module, "_datasync", blocking_datasync)
    real_commit, tickets, all_appended = storage.commit, [], threading.Event()

    def counted_commit(changes):
        tickets.append(real_commit(changes))
        if len(tickets) == 8:
            all_appended.set()
        return tickets[-1]

    monkeypatch.setattr(storage, "commit", counted_commit)
    failures = []

    def write(n):
        try:
            store.put("t", str(n), {"v": n})
        except Exception as exc:  # reported below: a thread cannot fail the test itself
            failures.append(exc)

    writers = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for writer in writers:
        writer.start()
    assert first_blocked.wait(30)
    assert all_appended.wait(30)  # nobody waits for the fsync holding the store lock
    release.set()
    for writer in writers:
        writer.join()
    assert failures == []
    assert len(calls) <= 2
    assert store.count("t") == 8
    store.close()


def test_a_failed_fsync_raises_to_the_writer_and_later_commits_sync_again(path, monkeypatch):
    store = Store(str(path), fsync="always")

    def failing(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage_module, "_datasync", failing)
    with pytest.raises(OSError, match=re.escape(f"cannot fsync the store journal {path}.journal")):
        store.put("t", "a", {"v": 1})
    monkeypatch.undo()
    store.put("t", "b", {"v": 2})
    store.close()
