"""The live feed: filters, bounded queues that drop and count, closing."""

import threading

from mockserver.live import LiveFeed


def test_nothing_is_kept_while_nobody_watches():
    feed = LiveFeed()
    feed.publish("clock", {"n": 1})
    watcher = feed.subscribe()
    feed.publish("clock", {"n": 2})
    batch = watcher.take(timeout=0)
    assert [event.data for event in batch.events] == [{"n": 2}]


def test_events_come_in_order_with_growing_ids():
    feed = LiveFeed()
    watcher = feed.subscribe()
    for n in range(3):
        feed.publish("request", {"n": n})
    events = watcher.take(timeout=0).events
    assert [e.data["n"] for e in events] == [0, 1, 2]
    assert [e.id for e in events] == sorted({e.id for e in events})


def test_kind_and_tenant_filters_pick_what_a_subscription_gets():
    feed = LiveFeed()
    transitions = feed.subscribe(kinds={"transition"})
    mine = feed.subscribe(tenant="AC1")
    feed.publish("transition", {"a": 1}, tenant="AC1")
    feed.publish("transition", {"a": 2}, tenant="AC2")
    feed.publish("request", {"a": 3})
    assert [e.data["a"] for e in transitions.take(timeout=0).events] == [1, 2]
    assert [e.data["a"] for e in mine.take(timeout=0).events] == [1]


def test_a_full_queue_drops_later_events_for_that_subscriber_only_and_counts_them():
    """A slow client misses events and is told how many; a fast one misses nothing, and
    publishing never waits."""
    feed = LiveFeed(capacity=3)
    slow, fast = feed.subscribe(), feed.subscribe()
    for n in range(5):
        feed.publish("request", {"n": n})
        if n in (1, 3):
            assert len(fast.take(timeout=0).events) == 2
    batch = slow.take(timeout=0)
    assert [e.data["n"] for e in batch.events] == [0, 1, 2] and batch.dropped == 2
    assert [e.data["n"] for e in fast.take(timeout=0).events] == [4]
    assert slow.take(timeout=0).dropped == 0  # counted once


def test_take_waits_for_an_event_and_returns_empty_after_its_timeout():
    feed = LiveFeed()
    watcher = feed.subscribe()
    assert watcher.take(timeout=0.01).events == []
    threading.Timer(0.05, feed.publish, ("clock", {})).start()
    assert len(watcher.take(timeout=5).events) == 1


def test_the_subscriber_cap_refuses_one_more_until_one_leaves():
    feed = LiveFeed(max_subscribers=2)
    first, _second = feed.subscribe(), feed.subscribe()
    assert feed.subscribe() is None and feed.watching == 2
    feed.unsubscribe(first)
    assert feed.subscribe() is not None


def test_close_wakes_every_subscriber_for_the_last_time():
    feed = LiveFeed()
    watcher = feed.subscribe()
    threading.Timer(0.05, feed.close).start()
    assert watcher.take(timeout=5).closed
    assert feed.watching == 0


def test_a_tenant_s_subscription_sees_the_clock_move_too():
    feed = LiveFeed()
    mine = feed.subscribe(tenant="AC1")
    feed.publish("clock", {"now": "x"})
    feed.publish("request", {"path": "/"})
    assert [e.kind for e in mine.take(timeout=0).events] == ["clock"]


def test_ids_reach_every_queue_in_order_when_threads_publish_at_once():
    feed = LiveFeed(capacity=100_000)
    watcher = feed.subscribe()
    threads = [
        threading.Thread(target=lambda: [feed.publish("request", {}) for _ in range(2000)])
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [e.id for e in watcher.take(timeout=0).events]
    assert ids == sorted(ids) and len(ids) == 8000
