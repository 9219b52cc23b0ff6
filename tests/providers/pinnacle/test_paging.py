"""Pinnacle's list paging over the store: a page and its count come from one moment."""

import threading

from mockserver.providers.pinnacle.paging import by_seq, stored_page
from mockserver.store import Store


def test_a_write_landing_while_a_page_is_read_waits_for_its_count():
    store = Store()
    store.index("brands", "tenant", order=by_seq)
    for seq in (1, 2):
        store.put("brands", f"b{seq}", {"id": f"b{seq}", "tenant": "t", "seq": seq})
    real_tally = store.tally
    writer = threading.Thread(
        target=store.put, args=("brands", "b3", {"id": "b3", "tenant": "t", "seq": 3})
    )

    def tally_while_another_thread_writes(*args, **kwargs):
        writer.start()
        writer.join(0.1)  # it cannot land while the page is read (a put takes far less)
        return real_tally(*args, **kwargs)

    store.tally = tally_while_another_thread_writes
    page = stored_page(
        store, "brands", "t", {}, None, newest_first=True, render=dict, kind="brand", key="id"
    )
    writer.join()
    assert [item["id"] for item in page.items] == ["b2", "b1"]
    assert (page.count, page.has_more) == (2, False)
    store.close()
