"""Store.select: one page of an index's matches, filtered and sorted on the stored documents,
with only the page copied."""

import pytest

from mockserver.store import Store


@pytest.fixture
def store():
    store = Store(":memory:")
    store.index("t", "owner")
    for number, (owner, day) in enumerate(
        [("a", 1), ("b", 1), ("a", 2), ("a", 2), ("b", 3), ("a", 1)], start=1
    ):
        store.put("t", f"k{number}", {"id": f"k{number}", "owner": owner, "day": day})
    yield store
    store.close()


def ids(docs: list[dict]) -> list[str]:
    return [doc["id"] for doc in docs]


def test_matches_come_value_by_value_in_index_order():
    with_store = Store(":memory:")
    for key, owner in (("1", "a"), ("2", "b"), ("3", "a")):
        with_store.put("t", key, {"id": key, "owner": owner})
    assert ids(with_store.select("t", "owner", ["b", "a"])) == ["2", "1", "3"]


def test_newest_first_reverses_the_whole_gathering(store):
    assert ids(store.select("t", "owner", ["a", "b"], newest_first=True)) == [
        "k5", "k2", "k6", "k4", "k3", "k1",
    ]  # fmt: skip


def test_the_sort_is_stable_and_may_descend(store):
    """Equal keys keep their gathered order, whichever direction (as list.sort does)."""
    found = store.select(
        "t", "owner", ["a", "b"], newest_first=True, order=lambda d: d["day"], descending=True
    )
    assert ids(found) == ["k5", "k4", "k3", "k2", "k6", "k1"]


def test_where_filters_and_offset_and_limit_cut_the_page(store):
    def odd(doc):
        return int(doc["id"][1:]) % 2 == 1

    assert ids(store.select("t", "owner", ["a"], where=odd)) == ["k1", "k3"]
    assert ids(store.select("t", "owner", ["a"], offset=1, limit=2)) == ["k3", "k4"]
    assert store.select("t", "owner", ["a"], offset=10) == []


def test_only_copies_leave_the_store(store):
    [first] = store.select("t", "owner", ["a"], limit=1)
    first["day"] = 99
    assert store.get("t", "k1")["day"] == 1


def test_without_an_index_the_table_is_scanned_with_the_same_result(store):
    store.put("u", "x", {"id": "x", "owner": "a"})
    assert ids(store.select("u", "owner", ["a"])) == ["x"]
