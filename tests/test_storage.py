"""The file store: read back exactly or refused, and compacted in the background."""

import errno
import json
import logging
import re
import subprocess
import sys
import threading

import pytest

import mockserver.storage as storage_module
from mockserver.storage import JournalStorage, StoreCorrupted
from mockserver.store import Store

BIG = {"pad": "x" * 500}  # one commit that outgrows twice the snapshot of ``filled``


class Crash(BaseException):
    """The process dies here: nothing after this point runs."""


def journal(path, suffix=""):
    return path.with_name(path.name + ".journal" + suffix)


def filled(path, **options) -> Store:
    """A file store holding t/a and t/c (t/b was put, then deleted)."""
    store = Store(str(path), **options)
    store.put("t", "a", {"v": 1})
    store.put("t", "b", {"v": 2})
    store.delete("t", "b")
    store.put("t", "c", {"v": 3})
    return store


def contents(path) -> dict:
    store = Store(str(path))
    store._db.storage.wait_for_compaction()
    try:
        return {key: store.get("t", key) for key in "abcdefg" if store.exists("t", key)}
    finally:
        store.close()


# -- read back exactly or not at all -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "is empty (0 bytes)"),
        (b'{"t": {"a": ', "cannot read store snapshot"),
        (b"\xff\xfe", "cannot read store snapshot"),
        (b"[]", "expected an object of tables, got a list"),
        (b"null", "expected an object of tables, got null"),
        (b"7", "expected an object of tables, got a number"),
        (b'{"t": [{"v": 1}]}', "table 't' is a list"),
        (b'{"t": {"a": "text"}}', "document 'a' of table 't' is a string"),
    ],
)
def test_a_bad_snapshot_is_refused_in_one_line_naming_the_file(path, body, reason):
    path.write_bytes(body)
    with pytest.raises(StoreCorrupted) as refused:
        Store(str(path))
    assert str(path) in refused.value.message
    assert reason in refused.value.message
    assert "\n" not in refused.value.message


@pytest.mark.parametrize("segment", ["", ".old"])
def test_a_journal_without_its_snapshot_is_refused(path, segment):
    journal(path, segment).write_bytes(b'[["t","a",{"v":1}]]\n')
    with pytest.raises(StoreCorrupted) as refused:
        Store(str(path))
    assert refused.value.message == (
        f"store snapshot {path} is missing; {journal(path, segment)} is not empty"
    )


def test_no_snapshot_and_an_empty_journal_start_a_fresh_store(path):
    journal(path).write_bytes(b"")
    store = Store(str(path))
    assert store.count("t") == 0
    assert json.loads(path.read_text()) == {}
    store.close()


@pytest.mark.parametrize(
    "line",
    [b"{}", b'"text"', b"[1]", b'[["t","a"]]', b'[["t",1,{"v":1}]]', b'[["t","a",3]]', b""],
)
def test_a_journal_line_of_the_wrong_shape_is_refused_with_its_number(path, line):
    filled(path).close()
    with open(journal(path), "ab") as handle:
        handle.write(line + b"\n" + b'[["t","d",{"v":4}]]\n')
    with pytest.raises(StoreCorrupted, match=re.escape(f"line 5 of {journal(path)}")):
        Store(str(path))


def test_a_torn_line_in_the_older_segment_is_refused(path):
    filled(path).close()
    journal(path).rename(journal(path, ".old"))
    with open(journal(path, ".old"), "ab") as handle:
        handle.write(b'[["t","d",')
    with pytest.raises(StoreCorrupted, match="torn"):
        Store(str(path))


@pytest.mark.parametrize("which", ["snapshot", "journal"])
def test_a_directory_in_place_of_a_store_file_is_refused_in_one_line(path, which):
    (path if which == "snapshot" else journal(path)).mkdir()
    with pytest.raises(StoreCorrupted, match="Is a directory") as refused:
        Store(str(path))
    assert str(path) in refused.value.message


def test_an_unreadable_snapshot_is_refused_in_one_line(path, monkeypatch):
    filled(path).close()
    real = storage_module.Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(storage_module.Path, "open", denied)
    with pytest.raises(StoreCorrupted, match=re.escape(f"cannot open store {path}: Permission")):
        Store(str(path))


def test_a_torn_last_line_is_dropped_with_a_warning_and_cut_before_the_next_append(path, caplog):
    filled(path).close()
    with open(journal(path), "ab") as handle:
        handle.write(b'[["t","d",{"v":4}]]')  # whole JSON, but the newline never made it
    with caplog.at_level(logging.WARNING, logger="mockserver.storage"):
        store = Store(str(path))
    assert [r.getMessage() for r in caplog.records if "torn" in r.getMessage()] == [
        f"dropped the torn last line of {journal(path)} (19 bytes): its transaction never committed"
    ]
    assert not store.exists("t", "d")
    store.put("t", "e", {"v": 5})
    store.close()
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}, "e": {"v": 5}}


def test_serve_refuses_a_bad_store_with_exit_2_and_one_line_naming_it(path):
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", "--store", str(path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"mockserver: store snapshot {path} is empty (0 bytes)"]


# -- compaction ----------------------------------------------------------------------------


def test_compaction_writes_the_snapshot_outside_the_store_lock(path):
    store = filled(path)
    storage = store._db.storage
    writing, release = threading.Event(), threading.Event()
    real_write = storage._write_snapshot

    def slow_write(body):
        writing.set()
        release.wait()
        real_write(body)

    storage._write_snapshot = slow_write
    compactor = threading.Thread(target=storage.compact)
    compactor.start()
    assert writing.wait(30)
    committed = threading.Event()
    threading.Thread(target=lambda: (store.put("t", "d", {"v": 4}), committed.set())).start()
    assert committed.wait(30)  # the put did not wait for the snapshot
    release.set()
    compactor.join()
    assert json.loads(path.read_text()) == {"t": {"a": {"v": 1}, "c": {"v": 3}}}
    assert journal(path).read_bytes() == b'[["t","d",{"v":4}]]\n'
    assert not journal(path, ".old").exists()
    store.close()
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}, "d": {"v": 4}}


def test_close_waits_for_a_running_compaction(path):
    store = filled(path, min_compact_bytes=0)
    storage = store._db.storage
    storage.wait_for_compaction()
    writing, release = threading.Event(), threading.Event()
    real_write = storage._write_snapshot
    storage._write_snapshot = lambda body: (writing.set(), release.wait(), real_write(body))
    store.put("t", "d", BIG)  # over the threshold: compaction starts in the background
    assert writing.wait(30)
    closed = threading.Event()
    threading.Thread(target=lambda: (store.close(), closed.set())).start()
    assert not closed.is_set()
    release.set()
    assert closed.wait(30)
    assert not journal(path, ".old").exists()
    assert json.loads(path.read_text())["t"]["d"] == BIG


def test_each_compaction_logs_one_info_line(path, caplog):
    store = filled(path)
    with caplog.at_level(logging.INFO, logger="mockserver.storage"):
        store._db.storage.compact()
    [line] = [r.getMessage() for r in caplog.records if r.name == "mockserver.storage"]
    assert line.startswith(f"compacted store {path}: 77 journal bytes folded into a 37-byte")
    store.close()


def test_a_failing_background_compaction_logs_and_keeps_every_change(path, caplog, monkeypatch):
    store = filled(path, min_compact_bytes=0)
    store._db.storage.wait_for_compaction()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module.os, "replace", disk_full)
    with caplog.at_level(logging.ERROR, logger="mockserver.storage"):
        store.put("t", "d", BIG)  # over the threshold: compaction starts in the background
        store._db.storage.wait_for_compaction()
    assert "cannot compact store" in caplog.text and "No space left" in caplog.text
    store.put("t", "e", {"v": 5})
    monkeypatch.undo()
    store.close()
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}, "d": BIG, "e": {"v": 5}}
    assert not journal(path, ".old").exists()  # the next open folded it
    assert not path.with_name("s.json.tmp").exists()


def test_a_crash_after_the_rotation_before_the_new_journal_exists_loses_nothing(path):
    filled(path).close()
    journal(path).rename(journal(path, ".old"))
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}}


def test_a_crash_before_the_snapshot_replace_loses_nothing(path, monkeypatch):
    store = filled(path)

    def crash(src, dst):
        raise Crash

    monkeypatch.setattr(storage_module.os, "replace", crash)
    with pytest.raises(Crash):
        store._db.storage.compact()
    monkeypatch.undo()
    assert journal(path, ".old").exists() and path.with_name("s.json.tmp").exists()
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}}
    assert not journal(path, ".old").exists()
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}}
    store.close()


def test_a_crash_after_the_snapshot_replace_replays_the_older_segment_harmlessly(path):
    store = filled(path)
    storage = store._db.storage
    real_write = storage._write_snapshot

    def write_then_crash(body):
        real_write(body)
        raise Crash

    storage._write_snapshot = write_then_crash
    with pytest.raises(Crash):
        storage.compact()
    # The snapshot holds everything and the older segment repeats it: b is put and deleted again.
    assert json.loads(path.read_text()) == {"t": {"a": {"v": 1}, "c": {"v": 3}}}
    assert journal(path, ".old").read_bytes().count(b"\n") == 4
    assert contents(path) == {"a": {"v": 1}, "c": {"v": 3}}
    assert not journal(path, ".old").exists()
    store.close()


def test_the_older_segment_is_replayed_before_the_journal(path):
    filled(path).close()
    journal(path).rename(journal(path, ".old"))
    journal(path).write_bytes(b'[["t","a",null],["t","b",{"v":22}]]\n')
    assert contents(path) == {"b": {"v": 22}, "c": {"v": 3}}


def test_an_unknown_fsync_mode_is_refused(path):
    with pytest.raises(ValueError, match="fsync"):
        JournalStorage(str(path), fsync="sometimes")


@pytest.mark.parametrize("mode", ["always", "never"])
def test_writers_racing_background_compactions_lose_nothing(path, mode, caplog):
    store = Store(str(path), fsync=mode, min_compact_bytes=500)

    def write(worker):
        for n in range(100):
            with store.transaction():
                store.put("t", f"{worker}-{n}", {"n": n})
                store.delete("t", f"{worker}-{n - 1}")

    writers = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    with caplog.at_level(logging.INFO, logger="mockserver.storage"):
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        store.close()
    assert "compacted store" in caplog.text
    reopened = Store(str(path))
    reopened._db.storage.wait_for_compaction()
    assert reopened.scan("t") == [{"n": 99}] * 4  # each writer's last put, nothing else
    reopened.close()
