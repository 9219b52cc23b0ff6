"""The Twilio backend's road to Event Streams: sinks, subscriptions and their event types.

Routes call these methods of ``TwilioBackend``, never its ``EventStreams``: each write is one
store transaction, and one that removes a destination cancels its pending deliveries.
"""

from mockserver.clock import Clock
from mockserver.ids import IdFactory
from mockserver.lifecycle import ReviewHooks
from mockserver.store_contract import RecordStore

from .event_streams import EventStreams
from .events import test_event
from .records import PROVIDER


class EventStreamsFacade:
    """Sinks and subscriptions per account (a part of ``TwilioBackend``)."""

    _store: RecordStore
    _clock: Clock
    _ids: IdFactory
    _hooks: ReviewHooks
    streams: EventStreams

    # -- sinks ------------------------------------------------------------------------

    def create_sink(
        self, account_sid: str, description: str, sink_type: str, configuration: dict
    ) -> dict:
        """A new sink, active at once."""
        with self._store.transaction():
            return self.streams.create_sink(account_sid, description, sink_type, configuration)

    def sink(self, account_sid: str, sid: str) -> dict:
        """One of the account's sinks (NotFound otherwise)."""
        return self.streams.sink(account_sid, sid)

    def sinks(
        self, account_sid: str, *, in_use: bool | None = None, status: str | None = None
    ) -> list[dict]:
        """The account's sinks, newest first."""
        return self.streams.sinks(account_sid, in_use=in_use, status=status)

    def update_sink(self, account_sid: str, sid: str, description: str) -> dict:
        """Change a sink's description."""
        return self.streams.update_sink(account_sid, sid, description)

    def delete_sink(self, account_sid: str, sink_sid: str) -> None:
        """Delete a sink with its subscriptions; its pending deliveries are cancelled."""
        with self._store.transaction():
            self.streams.delete_sink(account_sid, sink_sid)
            self._hooks.cancel(PROVIDER, sink_sid)

    def send_test_event(self, account_sid: str, sink_sid: str) -> None:
        """Queue Event Streams' test event for one sink."""
        with self._store.transaction():
            sink = self.streams.sink(account_sid, sink_sid)
            event = test_event(sink, at=self._clock.now(), test_id=self._ids.uuid4())
            self._hooks.emit([event])

    # -- subscriptions -----------------------------------------------------------------

    def create_subscription(
        self, account_sid: str, description: str, sink_sid: str, types: list[dict]
    ) -> dict:
        """Subscribe an active sink of the account to event types."""
        return self.streams.create_subscription(account_sid, description, sink_sid, types)

    def subscription(self, account_sid: str, sid: str) -> dict:
        """One of the account's subscriptions (NotFound otherwise)."""
        return self.streams.subscription(account_sid, sid)

    def subscriptions(self, account_sid: str, sink_sid: str | None = None) -> list[dict]:
        """The account's subscriptions (of one sink, if given), newest first."""
        return self.streams.subscriptions(account_sid, sink_sid)

    def update_subscription(self, account_sid: str, sid: str, description: str | None) -> dict:
        """Change a subscription's description."""
        return self.streams.update_subscription(account_sid, sid, description)

    def delete_subscription(self, account_sid: str, sid: str) -> None:
        """Stop a subscription; deliveries already queued to its sink are still sent."""
        # Unlike delete_sink: the destination remains, and those events were subscribed to.
        self.streams.delete_subscription(account_sid, sid)

    def subscribe_event(
        self, account_sid: str, sid: str, event_type: str, schema_version: int | None
    ) -> tuple[dict, dict]:
        """Add one event type to a subscription: ``(entry, subscription)``."""
        with self._store.transaction():
            entry = self.streams.subscribe(account_sid, sid, event_type, schema_version)
            return entry, self.streams.subscription(account_sid, sid)

    def update_subscribed_event(
        self, account_sid: str, sid: str, event_type: str, schema_version: int | None
    ) -> tuple[dict, dict]:
        """Re-version a subscribed type (NotFound if it is not subscribed)."""
        with self._store.transaction():
            self.streams.subscribed_event(account_sid, sid, event_type)
            entry = self.streams.subscribe(account_sid, sid, event_type, schema_version)
            return entry, self.streams.subscription(account_sid, sid)

    def subscribed_event(self, account_sid: str, sid: str, event_type: str) -> tuple[dict, dict]:
        """One subscribed type and its subscription (NotFound if it lacks the type)."""
        with self._store.transaction():
            entry = self.streams.subscribed_event(account_sid, sid, event_type)
            return entry, self.streams.subscription(account_sid, sid)

    def unsubscribe_event(self, account_sid: str, sid: str, event_type: str) -> None:
        """Remove one event type from a subscription."""
        self.streams.unsubscribe(account_sid, sid, event_type)
