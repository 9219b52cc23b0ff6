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


def _day(doc: dict) -> int:
    return doc["day"]


def _sorted_reference(docs: list[dict], owners: list[str]) -> list[str]:
    """What select gives without an ordered index: the gathering reversed, stably sorted."""
    gathered = [doc for owner in owners for doc in docs if doc["owner"] == owner][::-1]
    return ids(sorted(gathered, key=_day, reverse=True))


@pytest.mark.parametrize("owners", [["a"], ["b"], ["a", "b"], ["b", "a"], ["c"]])
@pytest.mark.parametrize("days", [[1, 1, 2, 2, 3, 4], [1, 3, 2, 4, 4, 1]])
def test_an_ordered_index_walk_gives_the_sorted_pages(owners, days):
    """Pages walked along an index declared with the list's order equal the sorted pages,
    whether the records joined in order (walked) or not (sorted, as before)."""
    store = Store(":memory:")
    store.index("t", "owner", order=_day)
    docs = []
    for number, day in enumerate(days, start=1):
        doc = {"id": f"k{number}", "owner": "ab"[number % 2], "day": day}
        store.put("t", doc["id"], doc)
        docs.append(doc)
    expected = _sorted_reference(docs, owners)
    for offset, limit in [(0, None), (0, 2), (1, 2), (3, 5), (9, 1)]:
        page = store.select(
            "t", "owner", owners, newest_first=True, order=_day, descending=True,
            offset=offset, limit=limit,
        )  # fmt: skip
        end = None if limit is None else offset + limit
        assert ids(page) == expected[offset:end]


def test_a_walk_stops_at_the_page_end_and_only_reads_what_it_passes():
    """The page of an ordered index costs the documents up to its end, not the bucket."""
    store = Store(":memory:")
    store.index("t", "owner", order=_day)
    for number in range(1000):
        store.put("t", f"k{number:04}", {"id": f"k{number:04}", "owner": "a", "day": number})
    seen = []

    def where(doc):
        seen.append(doc["id"])
        return True

    page = store.select(
        "t", "owner", ["a"], where=where, newest_first=True, order=_day, descending=True, limit=3
    )
    assert ids(page) == ["k0999", "k0998", "k0997"] and len(seen) == 3


def test_a_record_whose_rank_moves_is_walked_at_its_new_place():
    """A rank that changes (or a record stamped earlier than the last) moves the record in
    the index's order: the walk still gives the sorted result."""
    store = Store(":memory:")
    store.index("t", "owner", order=_day)
    for number, day in enumerate([1, 2, 3], start=1):
        store.put("t", f"k{number}", {"id": f"k{number}", "owner": "a", "day": day})
    store.put("t", "k3", {"id": "k3", "owner": "a", "day": 0})
    found = store.select("t", "owner", ["a"], newest_first=True, order=_day, descending=True)
    assert ids(found) == ["k2", "k1", "k3"]


def test_tally_counts_matches_with_or_without_a_filter(store):
    assert store.tally("t", "owner", ["a", "b"], None) == 6
    assert store.tally("t", "owner", ["a"], lambda doc: doc["day"] == 2) == 2
    assert store.tally("t", "missing", ["x"], None) == 0


def test_index_values_come_from_what_was_stored_not_the_callers_dict():
    """A tuple is stored as a list: no lookup finds it, before or after the index is built,
    and deleting it leaves no stale key behind."""
    store = Store(":memory:")
    store.index("t", "f")
    store.put("t", "a", {"f": ("x", "y")})
    assert store.find("t", "f", ("x", "y")) == [] and store.count("t", "f", ["x", "y"]) == 0
    store.delete("t", "a")
    assert store.find("t", "f", ("x", "y")) == []


def test_a_damaged_list_value_resaved_under_an_ordered_index_and_rolled_back_stays_in_step():
    store = Store(":memory:")
    store.index("t", "owner", order=_day)
    store.put("t", "a", {"id": "a", "owner": ["x"], "day": 1})
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "b", {"id": "b", "owner": "o", "day": 2})
        store.put("t", "a", {"id": "a", "owner": ["x"], "day": 3})
        raise RuntimeError
    assert store.find("t", "owner", "o") == [] and store.get("t", "a")["day"] == 1


def test_a_lazy_build_that_fails_is_tried_again_whole():
    """An order that cannot rank a document makes the first lookup raise; once the document
    is mended, the next lookup builds the whole index, not what was left half-made."""
    store = Store(":memory:")
    store.put("t", "a", {"id": "a", "owner": "o", "day": 1})
    store.put("t", "b", {"id": "b", "owner": "o"})
    store.index("t", "owner", order=_day)
    with pytest.raises(KeyError):
        store.count("t", "owner", "o")
    store.put("t", "b", {"id": "b", "owner": "o", "day": 2})
    assert store.count("t", "owner", "o") == 2


def test_values_may_be_any_iterable_and_a_negative_offset_counts_from_zero(store):
    walked = Store(":memory:")
    walked.index("t", "owner", order=_day)
    for number, day in enumerate([1, 2, 3]):
        walked.put("t", f"k{number}", {"id": f"k{number}", "owner": "a", "day": day})
    for target in (store, walked):
        page = target.select(
            "t", "owner", iter(["a"]), newest_first=True, order=_day, descending=True,
            offset=-5, limit=2,
        )  # fmt: skip
        assert len(page) == 2


@pytest.mark.parametrize("ordered", [True, False])
def test_until_cuts_the_sorted_walk_at_the_first_document_it_holds_for(ordered):
    """On the index walk it also stops reading there; without the ordered index the sorted
    matches are cut at the same place (before ``where``)."""
    store = Store(":memory:")
    store.index("t", "owner", order=_day if ordered else None)
    for number, day in enumerate([5, 1, 4, 2, 3, 9, 8]):
        store.put("t", f"k{number}", {"id": f"k{number}", "owner": "a", "day": day})
    seen = []

    def odd(doc):
        seen.append(doc["id"])
        return doc["day"] % 2 == 1

    found = store.select("t", "owner", ["a"], where=odd, order=_day, until=lambda d: d["day"] > 4)
    assert [doc["day"] for doc in found] == [1, 3]
    if ordered:
        assert len(seen) == 4  # 1, 2, 3, 4; the walk ended at 5 without asking where


def test_a_mended_record_keeps_its_place_among_equal_ranks_as_after_a_rebuild():
    """Damaged (no rank), then mended to tie with another: the order is the stable sort's,
    whether the index saw the writes or was built after them (as after a restart)."""

    def day(doc: dict):
        return doc["day"]

    orders = []
    for indexed_first in (True, False):
        store = Store()
        store.index("t", "owner", order=day)
        if indexed_first:
            store.count("t", "owner", "o")  # built now: it sees every write below
        store.put("t", "k1", {"owner": "o", "name": "k1", "day": [1]})
        store.put("t", "k2", {"owner": "o", "name": "k2", "day": 1})
        store.put("t", "k1", {"owner": "o", "name": "k1", "day": 1})
        orders.append([doc["name"] for doc in store.select("t", "owner", ["o"], order=day)])
        store.close()
    assert orders == [["k1", "k2"], ["k1", "k2"]]
