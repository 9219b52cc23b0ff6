"""How documents are held and written: JSON bytes in memory, one document per snapshot line,
read back exactly; indexes built at first use."""

import json
import logging
from datetime import UTC, datetime

import pytest

from mockserver.document_fields import ABSENT
from mockserver.store import Store
from mockserver.store_codec import decode, encode


@pytest.fixture
def path(tmp_path):
    return tmp_path / "s.json"


def reopened(path, docs: dict[str, dict]) -> Store:
    store = Store(str(path))
    for key, doc in docs.items():
        store.put("t", key, doc)
    store._db.storage.compact()
    store.close()
    return Store(str(path))


def test_a_snapshot_holds_one_document_per_line_and_is_plain_json(path):
    reopened(path, {"a": {"v": 1}, "b": {"v": 2}}).close()
    lines = path.read_text().splitlines()
    assert '"a":{"v":1},' in lines and '"b":{"v":2}' in lines
    assert json.loads(path.read_text())["t"] == {"a": {"v": 1}, "b": {"v": 2}}


def test_big_integers_lone_surrogates_and_unicode_survive_memory_and_file(path):
    docs = {"big": {"n": 2**70, "m": -(2**65)}, "odd": {"s": "\ud800x"}, "uni": {"s": "é🙂"}}
    store = reopened(path, docs)
    assert {key: store.get("t", key) for key in docs} == docs
    store.close()


def test_nan_is_stored_as_null():
    """Strict JSON has no NaN; the providers refuse it before it reaches a document."""
    assert decode(encode({"x": float("nan"), "y": float("inf")})) == {"x": None, "y": None}


def test_an_older_single_line_snapshot_is_read(path):
    path.write_text(json.dumps({"t": {"a": {"v": [1, {"w": None}]}}}))
    store = Store(str(path))
    assert store.get("t", "a") == {"v": [1, {"w": None}]}
    store.close()


def test_a_document_that_is_not_an_object_is_refused_by_name(path):
    from mockserver.storage import StoreCorrupted

    path.write_text('{\n"t":{\n"a":[1]\n}\n}\n')
    with pytest.raises(StoreCorrupted, match="document 'a' of table 't' is a list"):
        Store(str(path))


def test_an_index_declared_on_stored_data_is_built_at_first_use_and_kept_in_step(path):
    store = reopened(path, {"a": {"owner": "x"}, "b": {"owner": "y"}})
    store.index("t", "owner")
    store.put("t", "c", {"owner": "x"})  # before the index is built
    store.delete("t", "a")
    assert store.find("t", "owner", "x") == [{"owner": "x"}]
    store.put("t", "d", {"owner": "x"})  # after
    assert store.count("t", "owner", "x") == 2
    store.close()


def test_a_damaged_indexed_value_is_left_out_with_a_warning_and_the_store_opens(path, caplog):
    """A delivery whose state is a list (hand-edited file) no longer stops the sandbox: no
    lookup by that field finds it, and a warning names it."""
    path.write_text(json.dumps({"t": {"bad": {"state": ["x"]}, "ok": {"state": "pending"}}}))
    store = Store(str(path))
    store.index("t", "state")
    with caplog.at_level(logging.WARNING, logger="mockserver.store_index"):
        assert store.find("t", "state", "pending") == [{"state": "pending"}]
    assert "document bad left out of the index on 'state': its value is list" in caplog.text
    store.close()


def test_the_sandbox_starts_on_a_store_holding_a_damaged_delivery(path):
    from mockserver.app import create_app
    from mockserver.settings import Settings

    path.write_text(json.dumps({"webhook_deliveries": {"WH1": {"id": "WH1", "state": ["x"]}}}))
    app = create_app(Settings(store=str(path)))
    assert app.test_client().get("/_mock/health").status_code == 200
    app.extensions["mockserver"].close()


def test_close_folds_a_journal_over_min_compact_bytes_and_a_quarter_snapshot(path):
    """So the next start reads the snapshot alone; a smaller journal is left as it is. (The
    snapshot is made large first, so no background compaction, due past twice its size,
    runs meanwhile.)"""
    journal = path.with_name(path.name + ".journal")
    store = Store(str(path))
    for number in range(10):
        store.put("t", f"big{number}", {"v": "x" * 1000})
    store._db.storage.compact()
    store.close()
    store = Store(str(path), min_compact_bytes=2000)
    for number in range(3):
        store.put("t", f"k{number}", {"v": "y" * 1000})
    assert journal.stat().st_size > 2000
    store.close()
    assert journal.stat().st_size == 0
    store = Store(str(path), min_compact_bytes=2000)
    store.put("t", "small", {"v": 1})
    store.close()
    assert 0 < journal.stat().st_size < 2000
    store = Store(str(path), min_compact_bytes=0)  # over 0 bytes, under a quarter snapshot
    store.put("t", "small2", {"v": 1})
    store.close()
    assert 0 < journal.stat().st_size < path.stat().st_size / 4
    store = Store(str(path))
    assert store.count("t") == 15
    store.close()


def test_a_snapshot_that_is_not_utf8_is_refused_when_opened(path):
    from mockserver.storage import StoreCorrupted

    path.write_bytes(b'{"t":{"a":{"s":"\xff"}}}')
    with pytest.raises(StoreCorrupted, match="cannot read store snapshot"):
        Store(str(path))


def test_a_number_past_a_floats_range_reads_as_infinity_as_json_loads_reads_it(path):
    path.write_text('{"t":{"a":{"n":1e999}}}')
    store = Store(str(path))
    assert store.get("t", "a") == {"n": float("inf")}
    store.close()


@pytest.mark.parametrize(
    "value", [datetime.now(UTC), {1, 2}, b"x", object(), ABSENT, {"k": [datetime.now(UTC)]}]
)
def test_a_value_json_lacks_is_refused_as_json_dumps_refuses_it(value):
    """msgspec would write it (an ISO string, a list, base64, an enum's value): a leaked
    sentinel or object must fail loudly instead of becoming a stored string."""
    with pytest.raises(TypeError):
        json.dumps({"v": value})
    with pytest.raises(TypeError):
        encode({"v": value})
    store = Store()
    with pytest.raises(TypeError):
        store.put("t", "a", {"v": value})
    assert store.get("t", "a") is None


def test_tuples_int_keys_and_str_enums_are_stored_as_json_stores_them():
    from mockserver.providers.twilio.models import Status

    doc = {"t": (1, 2), "k": {1: "one"}, "s": Status.TWILIO_APPROVED}
    assert decode(encode(doc)) == json.loads(json.dumps(doc))
