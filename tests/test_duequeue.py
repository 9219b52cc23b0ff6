"""The due-time heap the engine ticks from."""

from mockserver.duequeue import DueQueue


def test_entries_come_out_soonest_first_and_only_when_due():
    queue = DueQueue()
    queue.push(30.0, "b")
    queue.push(10.0, "a")
    assert queue.pop_due(5.0) is None
    assert queue.pop_due(100.0) == (10.0, "a")
    assert queue.pop_due(100.0) == (30.0, "b")
    assert queue.pop_due(100.0) is None


def test_ties_keep_push_order():
    queue = DueQueue()
    for key in "xyz":
        queue.push(1.0, key)
    assert [queue.pop_due(1.0)[1] for _ in range(3)] == ["x", "y", "z"]


def test_reset_replaces_every_entry():
    queue = DueQueue()
    queue.push(1.0, "old")
    queue.reset([(2.0, "new")])
    assert queue.pop_due(10.0) == (2.0, "new")
    assert queue.pop_due(10.0) is None
