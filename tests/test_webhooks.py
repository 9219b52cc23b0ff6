"""Webhook value types: the backoff schedule and the sender's limits."""

from mockserver.webhooks import Backoff, Sender


def test_backoff_grows_exponentially_up_to_its_cap_and_replays():
    backoff = Backoff()
    delays = [backoff.delay("WHx", n) for n in range(1, 12)]
    assert delays == [Backoff().delay("WHx", n) for n in range(1, 12)]
    assert 4 <= delays[0] <= 6 and 8 <= delays[1] <= 12
    assert max(delays) <= 1800 * 1.2


def test_the_default_timeout_is_five_seconds():
    assert Sender()._timeout == 5.0
