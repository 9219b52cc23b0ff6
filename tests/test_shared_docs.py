"""Shared reads: one read-only document per stored version, and what is derived from it."""

import copy
import pickle

import pytest

from mockserver.shared_docs import SharedDoc, SharedDocs
from mockserver.store import Store
from mockserver.store_codec import encode


@pytest.fixture
def store():
    made = Store()
    yield made
    made.close()


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc.__setitem__("a", 2),
        lambda doc: doc.__delitem__("a"),
        lambda doc: doc.update(a=2),
        lambda doc: doc.pop("a"),
        lambda doc: doc.popitem(),
        lambda doc: doc.setdefault("b", 1),
        lambda doc: doc.clear(),
        lambda doc: doc.__ior__({"a": 2}),
    ],
)
def test_a_shared_document_refuses_every_change(change):
    doc = SharedDoc(encode({"a": 1}))
    with pytest.raises(TypeError, match="read-only"):
        change(doc)
    assert doc == {"a": 1}


def test_copies_of_a_shared_document_are_plain_changeable_dicts():
    doc = SharedDoc(encode({"a": [1]}))
    for plain in (doc.copy(), copy.deepcopy(doc), pickle.loads(pickle.dumps(doc))):
        assert type(plain) is dict and plain == {"a": [1]}
        plain["a"].append(2)
    assert doc == {"a": [1]}


def test_a_derivation_is_computed_once_per_key():
    doc, calls = SharedDoc(encode({"a": 1})), []
    for _ in range(3):
        assert doc.derive("k", lambda: calls.append(1) or len(calls)) == 1
    assert doc.derive("other", lambda: "x") == "x" and len(calls) == 1


def test_the_cache_keeps_at_most_its_capacity_and_the_newest():
    docs = SharedDocs(capacity=16)
    stored = [encode({"n": n}) for n in range(40)]
    for raw in stored:
        docs.of(raw)
    assert len(docs) <= 16
    assert docs.of(stored[-1]) is docs.of(stored[-1])


def test_shared_reads_of_one_stored_version_are_one_object(store):
    store.put("t", "k", {"a": 1})
    first = store.get("t", "k", shared=True)
    assert isinstance(first, SharedDoc) and store.get("t", "k", shared=True) is first
    assert type(store.get("t", "k")) is dict


def test_a_write_gives_the_next_shared_read_the_new_version(store):
    store.put("t", "k", {"a": 1})
    old = store.get("t", "k", shared=True)
    old.derive("rendered", lambda: "a=1")
    store.put("t", "k", {"a": 2})
    new = store.get("t", "k", shared=True)
    assert new == {"a": 2} and new.derive("rendered", lambda: "a=2") == "a=2"


def test_a_rolled_back_write_leaves_the_old_version_shared_with_what_it_derived(store):
    store.put("t", "k", {"a": 1})
    old = store.get("t", "k", shared=True)
    old.derive("rendered", lambda: "a=1")
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "k", {"a": 2})
        assert store.get("t", "k", shared=True) == {"a": 2}  # the transaction reads its write
        raise RuntimeError
    back = store.get("t", "k", shared=True)
    assert back is old and back.derive("rendered", lambda: "recomputed") == "a=1"


def test_a_filtered_select_shares_only_its_page_and_keeps_what_the_cache_held(store):
    store.index("t", "owner")
    for n in range(200):
        store.put("t", f"k{n}", {"owner": "o", "n": n})
    held = store.get("t", "k5", shared=True)
    page = store.select("t", "owner", ["o"], where=lambda doc: doc["n"] in (5, 150), shared=True)
    assert [doc["n"] for doc in page] == [5, 150] and page[0] is held
    assert all(isinstance(doc, SharedDoc) for doc in page)
    assert len(store._shared) == 2  # not the 200 the filter read


def test_clearing_the_store_forgets_its_shared_documents(store):
    store.put("t", "k", {"a": 1})
    store.get("t", "k", shared=True)
    store.clear()
    assert len(store._shared) == 0 and store.get("t", "k", shared=True) is None


def test_the_cache_keeps_within_its_byte_budget_and_never_keeps_a_huge_document():
    docs = SharedDocs(budget=100, largest=50)
    for n in range(20):
        docs.of(encode({"n": f"{n:020d}"}))  # 30 bytes each
    assert docs._bytes <= 100 and len(docs) <= 3
    for n in range(5):  # larger ones after many small: still within the budget
        docs.of(encode({"n": "x" * (40 + n)}))
    assert docs._bytes <= 100
    huge = encode({"text": "x" * 60})
    assert docs.of(huge) is not docs.of(huge) and docs.of(huge) == {"text": "x" * 60}


@pytest.mark.parametrize("indexed", [True, False])
def test_select_gives_shared_documents_with_or_without_an_index(store, indexed):
    if indexed:
        store.index("t", "owner")
    for n in range(3):
        store.put("t", f"k{n}", {"owner": "o", "n": n})
    page = store.select("t", "owner", ["o"], where=lambda doc: doc["n"] > 0, shared=True)
    assert [doc["n"] for doc in page] == [1, 2]
    assert all(isinstance(doc, SharedDoc) for doc in page)
    assert page[0] is store.get("t", "k1", shared=True)


def test_a_deep_page_reads_and_shares_only_its_own_documents(store, monkeypatch):
    import mockserver.shared_docs
    import mockserver.store

    def by_n(doc: dict) -> int:
        return doc["n"]

    store.index("t", "owner", order=by_n)
    for n in range(300):
        store.put("t", f"k{n:03d}", {"owner": "o", "n": n})
    store.count("t", "owner", "o")  # builds the index
    decoded = []
    for module in (mockserver.store, mockserver.shared_docs):
        real = module.decode
        monkeypatch.setattr(module, "decode", lambda raw, real=real: decoded.append(1) or real(raw))
    page = store.select("t", "owner", ["o"], order=by_n, offset=250, limit=10, shared=True)
    assert [doc["n"] for doc in page] == list(range(250, 260))
    assert len(decoded) == 10 and len(store._shared) == 10
