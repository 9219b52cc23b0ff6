"""The document store: copies in and out, atomic transactions, indexes, persistence."""

import ast
import inspect
import json
import textwrap

import pytest
from tinydb.table import Table

from mockserver.storage import MemoryStorage, StoreCorrupted
from mockserver.store import KeyedTable, KeyedTinyDB, Store
from mockserver.store_contract import MEMBERS, RecordStore


@pytest.fixture(params=["memory", "json"])
def store_path(request, tmp_path):
    """A store location: in memory or a JSON file."""
    return ":memory:" if request.param == "memory" else str(tmp_path / "store.json")


@pytest.fixture
def store(store_path):
    opened = Store(store_path)
    yield opened
    opened.close()


def test_documents_go_in_and_come_out_as_copies(store):
    doc = {"name": "a", "tags": ["x"]}
    store.put("t", "k1", doc)
    doc["tags"].append("mutated")
    fetched = store.get("t", "k1")
    assert fetched == {"name": "a", "tags": ["x"]}
    fetched["name"] = "changed"
    assert store.get("t", "k1")["name"] == "a"


def test_missing_documents_are_none_and_deletes_report_existence(store):
    assert store.get("t", "nope") is None
    store.put("t", "k", {"v": 1})
    assert store.delete("t", "k") is True
    assert store.delete("t", "k") is False
    assert store.count("t") == 0


def test_a_failing_transaction_leaves_no_trace(store):
    store.put("t", "keep", {"v": 1})
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "keep", {"v": 2})
        store.put("t", "new", {"v": 3})
        store.delete("t", "keep")
        raise RuntimeError("boom")
    assert store.get("t", "keep") == {"v": 1}
    assert store.get("t", "new") is None


def test_nested_transactions_commit_once_at_the_outermost(store):
    with store.transaction():
        store.put("t", "a", {"v": 1})
        with store.transaction():
            store.put("t", "b", {"v": 2})
    assert store.scan("t") == [{"v": 1}, {"v": 2}]


def test_find_uses_the_index_and_follows_updates_and_rollbacks(store):
    store.index("t", "owner")
    store.put("t", "a", {"owner": "x"})
    store.put("t", "b", {"owner": "y"})
    store.put("t", "a", {"owner": "y"})
    assert store.find("t", "owner", "x") == []
    assert store.find("t", "owner", "y") == [{"owner": "y"}, {"owner": "y"}]
    with pytest.raises(RuntimeError), store.transaction():
        store.delete("t", "b")
        raise RuntimeError
    assert len(store.find("t", "owner", "y")) == 2


def test_find_without_an_index_scans(store):
    store.put("t", "a", {"owner": "x"})
    assert store.find("t", "owner", "x") == [{"owner": "x"}]


def test_updates_keep_insertion_order(store):
    for key in "abc":
        store.put("t", key, {"k": key})
    store.put("t", "a", {"k": "a2"})
    assert [doc["k"] for doc in store.scan("t")] == ["a2", "b", "c"]


def test_clear_empties_every_table_and_index(store):
    store.index("t", "owner")
    store.put("t", "a", {"owner": "x"})
    store.clear()
    assert store.count("t") == 0
    assert store.find("t", "owner", "x") == []


def test_a_json_store_survives_reopening(tmp_path):
    path = str(tmp_path / "s.json")
    first = Store(path)
    first.index("t", "owner")
    first.put("t", "a", {"owner": "x"})
    first.put("t", "b", {"owner": "x"})
    first.delete("t", "b")
    first.close()
    second = Store(path)
    second.index("t", "owner")
    assert second.find("t", "owner", "x") == [{"owner": "x"}]
    second.close()


def test_each_commit_is_one_journal_line(tmp_path):
    path = tmp_path / "s.json"
    store = Store(str(path))
    with store.transaction():
        store.put("t", "a", {"v": 1})
        store.put("t", "b", {"v": 2})
    store.put("t", "c", {"v": 3})
    lines = (tmp_path / "s.json.journal").read_text().splitlines()
    assert [len(json.loads(line)) for line in lines] == [2, 1]
    store.close()


def test_a_torn_last_journal_line_is_dropped(tmp_path):
    path = tmp_path / "s.json"
    store = Store(str(path))
    store.put("t", "a", {"v": 1})
    store.close()
    with open(tmp_path / "s.json.journal", "ab") as journal:
        journal.write(b'[["t","b",{"v":')  # the process died mid-write
    reopened = Store(str(path))
    assert reopened.get("t", "a") == {"v": 1}
    assert reopened.get("t", "b") is None
    reopened.close()


def test_a_corrupt_journal_line_in_the_middle_is_refused(tmp_path):
    path = tmp_path / "s.json"
    Store(str(path)).close()
    (tmp_path / "s.json.journal").write_bytes(b'garbage\n[["t","a",{"v":1}]]\n')
    with pytest.raises(StoreCorrupted, match="line 1"):
        Store(str(path))


def test_reopening_rewrites_nothing_and_compact_folds_the_journal_into_a_tinydb_snapshot(
    tmp_path,
):
    path = tmp_path / "s.json"
    store = Store(str(path))
    store.put("t", "a", {"v": 1})
    store.close()
    reopened = Store(str(path))
    assert json.loads(path.read_text()) == {}
    assert (tmp_path / "s.json.journal").read_bytes() == b'[["t","a",{"v":1}]]\n'
    reopened._db.storage.compact()
    assert json.loads(path.read_text()) == {"t": {"a": {"v": 1}}}
    assert (tmp_path / "s.json.journal").read_bytes() == b""
    reopened.close()


def test_the_journal_is_compacted_in_the_background_when_it_outgrows_the_snapshot(tmp_path):
    store = Store(str(tmp_path / "s.json"), min_compact_bytes=200)
    for i in range(20):
        store.put("t", str(i), {"v": i})
    store._db.storage.wait_for_compaction()
    assert (tmp_path / "s.json.journal").stat().st_size <= 200
    assert len(json.loads((tmp_path / "s.json").read_text())["t"]) >= 10
    store.close()
    reopened = Store(str(tmp_path / "s.json"))
    assert [doc["v"] for doc in reopened.scan("t")] == list(range(20))
    reopened.close()


def test_a_failed_disk_write_rolls_the_transaction_back(tmp_path, monkeypatch):
    store = Store(str(tmp_path / "s.json"))

    def disk_full(changes):
        raise OSError("disk full")

    monkeypatch.setattr(store._db.storage, "commit", disk_full)
    with pytest.raises(OSError):
        store.put("t", "a", {"v": 1})
    assert store.get("t", "a") is None
    store.close()


def test_a_failed_journal_append_is_not_resurrected_by_the_next_one(tmp_path, monkeypatch):
    import os

    import mockserver.storage as storage

    path = str(tmp_path / "s.json")
    store = Store(path)
    store.put("t", "a", {"v": 1})
    real_write = os.write

    def half_then_fail(fd, data):
        real_write(fd, data[: len(data) // 2])
        raise OSError(27, "File too large")

    monkeypatch.setattr(storage.os, "write", half_then_fail)
    with pytest.raises(OSError):
        store.put("t", "b", {"v": 2})
    monkeypatch.setattr(storage.os, "write", real_write)
    store.put("t", "c", {"v": 3})
    store.close()
    reopened = Store(path)
    assert [doc["v"] for doc in reopened.scan("t")] == [1, 3]
    reopened.close()


def test_clear_is_one_transaction_and_survives_reopening(tmp_path):
    path = str(tmp_path / "s.json")
    store = Store(path)
    store.put("t", "a", {"v": 1})
    with pytest.raises(RuntimeError), store.transaction():
        store.clear()
        raise RuntimeError
    assert store.get("t", "a") == {"v": 1}
    store.clear()
    store.close()
    assert Store(path).count("t") == 0


def test_find_where_filters_before_copying_and_any_copies_nothing(store):
    store.index("t", "owner")
    for n in range(5):
        store.put("t", str(n), {"owner": "x", "n": n})
    assert [d["n"] for d in store.find("t", "owner", "x", where=lambda d: d["n"] >= 3)] == [3, 4]
    assert store.any("t", "owner", "x", where=lambda d: d["n"] == 4)
    assert not store.any("t", "owner", "y", where=lambda d: True)


def test_max_of_reads_the_largest_value_and_a_default_for_an_empty_table(store):
    assert store.max_of("deliveries", "sequence") == 0
    for number in (3, 9, 4):
        store.put("deliveries", f"d{number}", {"sequence": number})
    assert store.max_of("deliveries", "sequence") == 9


def test_max_of_passes_over_documents_without_a_number_in_the_field(store):
    """A damaged document (no field, text, NaN) neither raises nor wins."""
    store.put("deliveries", "a", {"sequence": 4})
    for key, doc in {"b": {}, "c": {"sequence": "9"}, "d": {"sequence": float("nan")}}.items():
        store.put("deliveries", key, doc)
    assert store.max_of("deliveries", "sequence") == 4


def test_counters_grow_by_one_and_roll_back_with_their_transaction(store):
    assert store.next_number("things") == 1
    with pytest.raises(RuntimeError), store.transaction():
        assert store.next_number("things") == 2
        raise RuntimeError("rolled back")
    assert store.next_number("things") == 2


def test_count_by_field_uses_the_index_and_sees_updates(store):
    store.index("plans", "state")
    store.put("plans", "a", {"state": "active"})
    store.put("plans", "b", {"state": "finished"})
    store.put("plans", "c", {"state": "active"})
    assert store.count("plans", "state", "active") == 2
    store.put("plans", "c", {"state": "finished"})
    assert (store.count("plans", "state", "active"), store.count("plans")) == (1, 3)


def test_a_predicate_is_asked_again_rather_than_answered_from_a_query_cache(store):
    store.put("t", "a", {"due": 5})
    moment = {"now": 0}

    def due(doc):
        return doc["due"] <= moment["now"]

    assert store.scan("t", due) == []
    moment["now"] = 10  # no write in between: TinyDB's query cache would answer []
    assert store.scan("t", due) == [{"due": 5}]


def test_a_predicate_need_not_be_hashable(store):
    class Due:
        __hash__ = None  # as a dataclass with eq=True

        def __call__(self, doc):
            return doc["due"] <= 5

    store.put("t", "a", {"due": 5})
    assert store.scan("t", Due()) == [{"due": 5}]
    assert store.find("t", "due", 5, where=Due()) == [{"due": 5}]


# -- the contract ---------------------------------------------------------------------------


def _shape(function) -> list[tuple[str, object, object]]:
    """Parameter names, kinds and defaults: what a caller relies on (annotations may differ)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_store_implements_every_member_of_the_record_store_contract(store):
    assert isinstance(store, RecordStore)
    assert {"get", "put", "delete", "scan", "transaction", "clear", "close", "path"} <= MEMBERS
    for name in sorted(MEMBERS - {"path", "commits"}):  # those two are values, not methods
        assert _shape(getattr(Store, name)) == _shape(getattr(RecordStore, name)), name
    assert store.path is None or isinstance(store.path, str)
    assert isinstance(store.commits, int)


def test_commits_count_the_transactions_that_stored_a_change(store):
    """A read, an empty transaction and a rolled-back one leave the count; a write, however
    many documents it stores, adds one."""
    start = store.commits
    store.get("t", "a")
    with store.transaction():
        pass
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "a", {"n": 1})
        raise RuntimeError("undo")
    assert store.commits == start
    with store.transaction():
        store.put("t", "a", {"n": 1})
        store.put("t", "b", {"n": 2})
    store.delete("t", "b")
    assert store.commits == start + 2


# -- the one private TinyDB method the store overrides --------------------------------------

# What TinyDB's Table._update_table does in the releases pyproject.toml allows (4.8.0 to 4.9.0,
# docstring, comments and annotations aside). KeyedTable._update_table replaces it with an
# in-place update; if this test fails, TinyDB changed the method: check that the override
# still does what TinyDB's writes expect of it, then update this text.
TINYDB_UPDATE_TABLE = """\
tables = self._storage.read()
if tables is None:
    tables = {}
try:
    raw_table = tables[self.name]
except KeyError:
    raw_table = {}
table = {self.document_id_class(doc_id): doc for doc_id, doc in raw_table.items()}
updater(table)
tables[self.name] = {str(doc_id): doc for doc_id, doc in table.items()}
self._storage.write(tables)
self.clear_cache()"""


def test_tinydb_update_table_is_still_the_method_keyed_table_overrides():
    assert list(inspect.signature(Table._update_table).parameters) == ["self", "updater"]
    assert list(inspect.signature(KeyedTable._update_table).parameters) == ["self", "updater"]
    node = ast.parse(textwrap.dedent(inspect.getsource(Table._update_table))).body[0]
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    assert ast.unparse(ast.Module(body=body, type_ignores=[])) == TINYDB_UPDATE_TABLE
    overrides = [
        name
        for name, member in vars(KeyedTable).items()
        if name.startswith("_") and not name.startswith("__") and callable(member)
    ]
    assert overrides == ["_update_table"]


def _spy_on_writes(monkeypatch, db):
    """Count calls of the override, and refuse TinyDB's whole-database ``storage.write``."""
    calls = []
    override = KeyedTable._update_table

    def counted(self, updater):
        calls.append(self.name)
        override(self, updater)

    def whole_write(data):
        raise AssertionError("a write went around KeyedTable._update_table")

    monkeypatch.setattr(KeyedTable, "_update_table", counted)
    monkeypatch.setattr(db.storage, "write", whole_write)
    return calls


def test_store_writes_go_through_the_override_in_place(monkeypatch):
    store = Store()
    calls = _spy_on_writes(monkeypatch, store._db)
    store.put("t", "a", {"v": 1})
    live = store._db.storage.read()["t"]
    store.put("t", "b", {"v": 2})
    store.delete("t", "a")
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "c", {"v": 3})
        raise RuntimeError  # the rollback writes through the override too
    assert calls == ["t"] * 5
    assert store._db.storage.read()["t"] is live  # updated in place, never copied
    assert store.scan("t") == [{"v": 2}]


def test_tinydb_documented_writes_reach_the_override_with_string_ids(monkeypatch):
    db = KeyedTinyDB(storage=MemoryStorage)
    table = db.table("t")
    table.replace("a", {"v": 1})
    table.replace("b", {"v": 2})
    calls = _spy_on_writes(monkeypatch, db)
    table.update({"w": 0}, doc_ids=["a"])
    table.remove(doc_ids=["b"])
    assert calls == ["t", "t"]
    found = table.get(doc_id="a")
    assert (found.doc_id, dict(found)) == ("a", {"v": 1, "w": 0})
    table.truncate()
    assert len(table) == 0 and calls == ["t"] * 3
