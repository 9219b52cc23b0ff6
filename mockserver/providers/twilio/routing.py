"""Where a Twilio event goes: subscribed Event Streams sinks and the global webhook URLs.

A subaccount's events also reach its parent's subscriptions (the ISV sees ``accountsid`` and
``parentaccountsid``). Each sink receives the event at the schema version its subscription
asked for (``docs/reference/twilio-event-streams-schemas.md``); the global URLs get the latest.
Each request is signed with the auth token of the account that owns the destination; the
global URLs use the record's account.
"""

from mockserver.errors import one_line
from mockserver.webhooks import Event, Request

from .accounts import AccountDirectory
from .event_streams import EventStreams
from .events import TEST_EVENT, at_version, signed_request


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
    owners = [event.account] + ([account["parent_sid"]] if account.get("parent_sid") else [])
    requests = [
        _to_sink(sink, at_version(event, version), _token(accounts, owner))
        for sink, owner, version in streams.destinations(owners, event.type)
    ]
    token = _token(accounts, event.account)
    requests += [_signed(url, event, token) for url in webhook_urls]
    return requests


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
