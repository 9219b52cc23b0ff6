"""Where a Twilio event goes: subscribed Event Streams sinks and the global webhook URLs;
a message's status change also goes to its ``StatusCallback`` (``callbacks.py``).

A subaccount's events also reach its parent's subscriptions (the ISV sees ``accountsid`` and
``parentaccountsid``). Each sink receives the event at the schema version its subscription
asked for (``docs/reference/twilio-event-streams-schemas.md``); the global URLs get the latest.
A messaging event (``message_events``) reaches sinks and global URLs as its CloudEvent; a
status Event Streams has no type for (``canceled``) reaches the status callback only.
Each request is signed with the auth token of the account that owns the destination; the
global URLs and status callbacks use the record's account.
"""

from mockserver.errors import one_line
from mockserver.webhooks import Event, Request

from .accounts import AccountDirectory
from .callbacks import MESSAGE_EVENT, callback_request
from .event_streams import EventStreams
from .events import TEST_EVENT, at_version, message_cloud_event, signed_request
from .message_events import MESSAGE_TYPES


def route(
    event: Event,
    *,
    accounts: AccountDirectory,
    streams: EventStreams,
    webhook_urls: tuple[str, ...],
) -> list[Request]:
    """The signed requests that deliver ``event``."""
    if event.type == TEST_EVENT:
        sink = streams.sink(event.account, event.record_id)
        if sink["sink_type"] != "webhook":  # kinesis, segment and email are not emulated
            return []
        return [_to_sink(sink, event, _token(accounts, event.account))]
    account = accounts.account(event.account) or {}
    token = account.get("auth_token") or ""
    requests = []
    if event.type.startswith(MESSAGE_EVENT):
        requests += _status_callbacks(event, token)
    if event.type.startswith(MESSAGE_EVENT) and event.type not in MESSAGE_TYPES:
        return requests  # a status Event Streams has no type for (canceled)
    owners = [event.account] + ([account["parent_sid"]] if account.get("parent_sid") else [])
    destinations = streams.destinations(owners, event.type)
    if event.type in MESSAGE_TYPES and (destinations or webhook_urls):
        event = message_cloud_event(event)  # built only when someone receives it
    requests += [
        _to_sink(sink, at_version(event, version), _token(accounts, owner))
        for sink, owner, version in destinations
    ]
    requests += [_signed(url, event, token) for url in webhook_urls]
    return requests


def _status_callbacks(event: Event, token: str) -> list[Request]:
    """A message's status callback, or a failed request saying why it cannot be signed."""
    try:
        request = callback_request(event, token)
    except Exception as exc:
        destination = str(event.payload.get("status_callback"))
        problem = f"cannot sign for {destination!r}: {one_line(exc)}"
        return [Request(destination=destination, url=destination, body="", problem=problem)]
    return [request] if request is not None else []


def _to_sink(sink: dict, event: Event, token: str) -> Request:
    config = sink["sink_configuration"]
    return _signed(
        config.get("destination"),
        event,
        token,
        target=sink["sid"],
        batch=config.get("batch_events", True) is not False,
    )


def _signed(destination, event: Event, token: str, **options) -> Request:
    """The signed request, or a failed one saying why it cannot be signed (a sink stored
    before its URL was checked, an auth token that cannot be encoded): it fails alone."""
    try:
        return signed_request(destination, event, token, **options)
    except Exception as exc:
        return Request(
            destination=str(destination),
            url=str(destination),
            body="",
            target=options.get("target"),
            problem=f"cannot sign for {destination!r}: {one_line(exc)}",
        )


def _token(accounts: AccountDirectory, account_sid: str) -> str:
    account = accounts.account(account_sid) or {}
    return account.get("auth_token") or ""
