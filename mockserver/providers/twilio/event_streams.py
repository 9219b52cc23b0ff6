"""Event Streams sinks and subscriptions: where an account's events go.

Sinks are active as soon as they are created (Twilio no longer requires validation);
subscriptions name the event types a sink receives, each at a schema version: one the
sandbox emits, or (0 or omitted) the latest, stored as its number
(``docs/reference/twilio-event-streams-schemas.md``). ``destinations(account, type)`` is what
routing asks: the account's own subscriptions and, for a subaccount, its parent's.
"""

from mockserver.clock import Clock, format_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.store_contract import RecordStore
from mockserver.webhooks import url_problem

from .errors import InvalidParameter
from .events import EVENT_SCHEMAS
from .records import SINK, SUBSCRIPTION

SINKS = "twilio_sinks"
SUBSCRIPTIONS = "twilio_subscriptions"


class EventStreams:
    """Sinks, subscriptions and their subscribed event types, per account."""

    def __init__(self, store: RecordStore, clock: Clock, ids: IdFactory):
        self._store, self._clock, self._ids = store, clock, ids
        store.index(SINKS, "account_sid")
        store.index(SUBSCRIPTIONS, "account_sid")
        store.index(SUBSCRIPTIONS, "sink_sid")

    # -- sinks ------------------------------------------------------------------------

    def create_sink(
        self, account_sid: str, description: str, sink_type: str, configuration: dict
    ) -> dict:
        """A new sink, active at once."""
        if sink_type == "webhook":
            _check_webhook(configuration)
        now = self._now()
        sink = SINK.new_record(
            {
                "description": description,
                "sink_type": sink_type,
                "sink_configuration": configuration,
            },
            sid=self._fresh(SINKS, "DG"),
            account_sid=account_sid,
            date_created=now,
            date_updated=now,
        )
        self._store.put(SINKS, sink["sid"], sink)
        return sink

    def sink(self, account_sid: str, sid: str) -> dict:
        """One of the account's sinks (NotFound otherwise)."""
        return self._owned(SINKS, account_sid, sid)

    def sinks(
        self, account_sid: str, *, in_use: bool | None = None, status: str | None = None
    ) -> list[dict]:
        """The account's sinks, newest first."""
        # Filters read with .get: a damaged record is left to the list's renderer to skip.
        used = {
            sub.get("sink_sid")
            for sub in self._store.find(SUBSCRIPTIONS, "account_sid", account_sid)
        }
        return [
            sink
            for sink in reversed(self._store.find(SINKS, "account_sid", account_sid))
            if (in_use is None or (sink.get("sid") in used) == in_use)
            and (status is None or sink.get("status") == status)
        ]

    def update_sink(self, account_sid: str, sid: str, description: str) -> dict:
        """Change a sink's description (the only updatable field)."""
        with self._store.transaction():
            sink = self.sink(account_sid, sid)
            sink.update(description=description, date_updated=self._now())
            self._store.put(SINKS, sid, sink)
            return sink

    def delete_sink(self, account_sid: str, sid: str) -> None:
        """Delete a sink and the subscriptions that use it."""
        with self._store.transaction():
            self.sink(account_sid, sid)
            for subscription in self._store.find(SUBSCRIPTIONS, "sink_sid", sid):
                self._store.delete(SUBSCRIPTIONS, subscription["sid"])
            self._store.delete(SINKS, sid)

    # -- subscriptions -----------------------------------------------------------------

    def create_subscription(
        self, account_sid: str, description: str, sink_sid: str, types: list[dict]
    ) -> dict:
        """Subscribe an active sink of the account to event types."""
        with self._store.transaction():
            try:
                sink = self.sink(account_sid, sink_sid)
            except NotFound:
                raise InvalidParameter(f"Sink {sink_sid} was not found") from None
            if sink["status"] != "active":
                raise InvalidParameter("Sink must be active for the subscription to be created.")
            now = self._now()
            sid = self._fresh(SUBSCRIPTIONS, "DF")  # drawn before a bad version is refused
            subscription = SUBSCRIPTION.new_record(
                {
                    "description": description,
                    "sink_sid": sink_sid,
                    "types": _unique(types, "Types schema_version"),
                },
                sid=sid,
                account_sid=account_sid,
                date_created=now,
                date_updated=now,
            )
            self._store.put(SUBSCRIPTIONS, subscription["sid"], subscription)
            return subscription

    def subscription(self, account_sid: str, sid: str) -> dict:
        """One of the account's subscriptions (NotFound otherwise)."""
        return self._owned(SUBSCRIPTIONS, account_sid, sid)

    def subscriptions(self, account_sid: str, sink_sid: str | None = None) -> list[dict]:
        """The account's subscriptions, newest first."""
        return [
            sub
            for sub in reversed(self._store.find(SUBSCRIPTIONS, "account_sid", account_sid))
            if sink_sid is None or sub.get("sink_sid") == sink_sid
        ]

    def update_subscription(self, account_sid: str, sid: str, description: str | None) -> dict:
        """Change a subscription's description."""
        with self._store.transaction():
            subscription = self.subscription(account_sid, sid)
            if description is not None:
                subscription["description"] = description
            subscription["date_updated"] = self._now()
            self._store.put(SUBSCRIPTIONS, sid, subscription)
            return subscription

    def delete_subscription(self, account_sid: str, sid: str) -> None:
        """Stop a subscription."""
        with self._store.transaction():
            self.subscription(account_sid, sid)
            self._store.delete(SUBSCRIPTIONS, sid)

    def subscribe(
        self, account_sid: str, sid: str, event_type: str, schema_version: int | None
    ) -> dict:
        """Add (or re-version) one event type of a subscription."""
        with self._store.transaction():
            subscription = self.subscription(account_sid, sid)
            kept = [t for t in subscription["types"] if t["type"] != event_type]
            version = schema_version_for(event_type, schema_version, "SchemaVersion")
            entry = {"type": event_type, "schema_version": version}
            subscription["types"] = [*kept, entry]
            subscription["date_updated"] = self._now()
            self._store.put(SUBSCRIPTIONS, sid, subscription)
            return entry

    def subscribed_event(self, account_sid: str, sid: str, event_type: str) -> dict:
        """One subscribed type (NotFound if the subscription lacks it)."""
        for entry in self.subscription(account_sid, sid)["types"]:
            if entry["type"] == event_type:
                return entry
        raise NotFound(f"{event_type} is not subscribed")

    def unsubscribe(self, account_sid: str, sid: str, event_type: str) -> None:
        """Remove one event type from a subscription."""
        with self._store.transaction():
            self.subscribed_event(account_sid, sid, event_type)
            subscription = self.subscription(account_sid, sid)
            subscription["types"] = [t for t in subscription["types"] if t["type"] != event_type]
            self._store.put(SUBSCRIPTIONS, sid, subscription)

    # -- routing ---------------------------------------------------------------------

    def destinations(
        self, owners: list[str], event_type: str
    ) -> list[tuple[dict, str, int | None]]:
        """``(sink, owner account, schema version)`` for every active webhook sink subscribed
        to the type: once per sink and version, however many subscriptions ask for it."""
        found: dict[tuple[str, int | None], tuple[dict, str, int | None]] = {}
        for owner in owners:
            for subscription in self._store.find(SUBSCRIPTIONS, "account_sid", owner):
                versions = [
                    t.get("schema_version")
                    for t in subscription.get("types") or []
                    if t.get("type") == event_type
                ]
                if not versions:
                    continue
                sink = self._store.get(SINKS, subscription["sink_sid"])
                if sink and sink["status"] == "active" and sink["sink_type"] == "webhook":
                    for version in versions:
                        found.setdefault((sink["sid"], version), (sink, owner, version))
        return list(found.values())

    def remove_accounts(self, account_sids: list[str]) -> None:
        """Delete the accounts' sinks and subscriptions."""
        with self._store.transaction():
            for sid in account_sids:
                for table in (SUBSCRIPTIONS, SINKS):
                    for doc in self._store.find(table, "account_sid", sid):
                        self._store.delete(table, doc["sid"])

    # -- internals -------------------------------------------------------------------

    def _owned(self, table: str, account_sid: str, sid: str) -> dict:
        record = self._store.get(table, sid)
        if record is None or record["account_sid"] != account_sid:
            raise NotFound(f"{sid} not found")
        return record

    def _fresh(self, table: str, prefix: str) -> str:
        while True:
            sid = self._ids.sid(prefix)
            if not self._store.exists(table, sid):
                return sid

    def _now(self) -> str:
        return format_iso(self._clock.now())


def _check_webhook(configuration: dict) -> None:
    problem = url_problem(configuration.get("destination"))
    if problem is not None:
        raise InvalidParameter(f"SinkConfiguration.destination {problem}")
    if str(configuration.get("method", "POST")).upper() not in ("POST", "GET"):
        raise InvalidParameter("SinkConfiguration.method must be POST or GET")
    if not isinstance(configuration.get("batch_events", True), bool):
        raise InvalidParameter("SinkConfiguration.batch_events must be true or false")


def schema_version_for(event_type: str, requested: int | None, name: str) -> int:
    """The version a subscription to ``event_type`` gets: ``requested``, or the latest for 0
    or None; a version the sandbox does not emit is a 400 naming ``name``."""
    schema = EVENT_SCHEMAS.get(event_type)
    if schema is None:  # a type the sandbox never emits: nothing to check the version against
        return requested or 1
    if not requested:
        return schema.latest.number
    if schema.version(requested) is None:
        known = ", ".join(str(v.number) for v in schema.versions)
        raise InvalidParameter(
            f"{name} {requested} is not a version of {event_type}; its versions are {known}"
        )
    return requested


def _unique(types: list[dict], name: str) -> list[dict]:
    by_type: dict[str, dict] = {}
    for entry in types:
        version = schema_version_for(entry["type"], entry.get("schema_version"), name)
        by_type[entry["type"]] = {"type": entry["type"], "schema_version": version}
    return list(by_type.values())
