"""Event Streams' messaging events: a message's status changes and a handset's message arriving.

Their types, schema versions and ``data`` fields are explained, with their public sources, in
``docs/reference/twilio-event-streams-schemas.md``. A status change is the event
``callbacks.status_event`` makes for the message's ``StatusCallback``; an arrival is
``inbound_event``. Both carry the facts their CloudEvent needs (``message_data``); ``events``
wraps those facts in the envelope, and routing hands the result to subscribed sinks and the
global webhook URLs like any other Event Streams event.
"""

import uuid
from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.webhooks import Event

from .callbacks import MESSAGE_EVENT
from .inbound import webhook_params
from .records import PROVIDER

INBOUND_EVENT = "com.twilio.messaging.inbound-message.received"
STATUS_SCHEMA = "Messaging.MessageStatus"
INBOUND_SCHEMA = "Messaging.InboundMessageV1"
_DOCS = "https://www.twilio.com/docs/events/event-types/messaging/"

# The fields of each version, in the order of the event-types pages' lists.
_STATUS_V3 = (
    "messageSid",
    "timestamp",
    "accountSid",
    "eventName",
    "apiVersion",
    "from",
    "to",
    "messageStatus",
    "messagingServiceSid",
    "errorCode",
    "body",
    "statusCallBackUrl",
)
_STATUS_V4 = (*_STATUS_V3, "tags")
_STATUS_V5 = (*_STATUS_V4, "mnc", "mcc", "rawDlrDoneDate")
_STATUS_V6 = (*_STATUS_V5, "numberOfSegments", "dateUpdated")
_INBOUND_V1 = (
    "messageSid",
    "timestamp",
    "accountSid",
    "eventName",
    "from",
    "to",
    "numMedia",
    "numSegments",
    "body",
    "toCountry",
    "toState",
    "toCity",
    "toZip",
    "fromCountry",
    "fromState",
    "fromCity",
    "fromZip",
)
_INBOUND_V5 = (
    *_INBOUND_V1,
    "mnc",
    "mcc",
    "messagingServiceSid",
    "referralCtwaClid",
    "recipients",
    "optOutType",
)
# (number, date created, fields) per schema, oldest first. Only v6's date (the changelog's) is
# documented; the others are placeholders that keep the order the sources show.
SCHEMA_VERSIONS = {
    STATUS_SCHEMA: (
        (1, "2020-01-01T00:00:00Z", _STATUS_V3),
        (2, "2021-01-01T00:00:00Z", _STATUS_V3),
        (3, "2022-01-01T00:00:00Z", _STATUS_V3),
        (4, "2023-01-01T00:00:00Z", _STATUS_V4),
        (5, "2024-01-01T00:00:00Z", _STATUS_V5),
        (6, "2024-11-21T00:00:00Z", _STATUS_V6),
        (7, "2025-01-01T00:00:00Z", _STATUS_V6),
        (8, "2026-04-01T00:00:00Z", _STATUS_V6),
    ),
    INBOUND_SCHEMA: (
        (1, "2021-01-01T00:00:00Z", _INBOUND_V1),
        (2, "2022-01-01T00:00:00Z", _INBOUND_V1),
        (3, "2023-01-01T00:00:00Z", _INBOUND_V1),
        (4, "2024-01-01T00:00:00Z", _INBOUND_V1),
        (5, "2024-06-01T00:00:00Z", _INBOUND_V5),
        (6, "2025-01-01T00:00:00Z", _INBOUND_V5),
    ),
}
# (type, schema id, description, documentation URL) for ``GET /v1/Types``.
CATALOG = (
    *(
        (
            MESSAGE_EVENT + status,
            STATUS_SCHEMA,
            f"Outbound Message {status.title()}",
            _DOCS + "outbound-message",
        )
        for status in ("queued", "sent", "delivered", "undelivered", "failed", "read")
    ),
    (INBOUND_EVENT, INBOUND_SCHEMA, "Inbound Message Received", _DOCS + "inbound-message"),
)
MESSAGE_TYPES = frozenset(entry[0] for entry in CATALOG)


def inbound_event(message: dict, service_sid: str | None, at: datetime) -> Event:
    """The event of a handset's message reaching one of the account's numbers."""
    return Event(
        provider=PROVIDER,
        type=INBOUND_EVENT,
        account=message["account_sid"],
        record_id=message["sid"],
        occurred_at=at,
        payload={"params": webhook_params(message, service_sid)},
    )


def message_data(event: Event) -> dict:
    """The ``data`` fields that apply to the event, by name (Twilio leaves out the rest)."""
    params = event.payload.get("params") or {}
    moment = format_iso_ms(event.occurred_at)
    data = {
        "messageSid": params.get("MessageSid", event.record_id),
        "timestamp": moment,
        "accountSid": params.get("AccountSid", event.account),
        "eventName": event.type,
        "from": params.get("From", ""),
        "to": params.get("To", ""),
    }
    if params.get("MessagingServiceSid"):
        data["messagingServiceSid"] = params["MessagingServiceSid"]
    if event.type == INBOUND_EVENT:
        return {**data, **_arrival(params)}
    data.update(
        apiVersion=params.get("ApiVersion", "2010-04-01"),
        messageStatus=event.type.removeprefix(MESSAGE_EVENT).upper(),
        # The sandbox keeps no message tags; Twilio sends an empty object then.
        tags={},
        dateUpdated=moment,
    )
    optional = {
        "errorCode": _number(params.get("ErrorCode")),
        "body": event.payload.get("body") or None,
        "statusCallBackUrl": event.payload.get("status_callback") or None,
        "rawDlrDoneDate": params.get("RawDlrDoneDate"),
        "numberOfSegments": _number(event.payload.get("num_segments")),
    }
    return {**data, **{name: value for name, value in optional.items() if value is not None}}


def message_event_id(event: Event) -> str:
    """The CloudEvent ``id``: ``EZ`` and 32 hex digits, the same for every delivery of it."""
    token = event.payload.get("idempotency_token")
    try:
        return "EZ" + uuid.UUID(str(token)).hex
    except ValueError:  # an arrival has no token: its message is its only event
        return "EZ" + event.record_id[2:]


def message_source(event: Event) -> str:
    """The CloudEvent ``source``: the message's REST path."""
    return f"/2010-04-01/Accounts/{event.account}/Messages/{event.record_id}.json"


def _arrival(params: dict) -> dict:
    """The incoming-message webhook's facts under the event's names."""
    names = ("Body", "ToCountry", "ToState", "ToCity", "ToZip")
    names += ("FromCountry", "FromState", "FromCity", "FromZip")
    facts = {name[0].lower() + name[1:]: params.get(name, "") for name in names}
    return {
        **facts,
        "numMedia": _number(params.get("NumMedia")) or 0,
        "numSegments": _number(params.get("NumSegments")) or 1,
        # A group MMS lists its other recipients; a one-to-one message has none.
        "recipients": [],
    }


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
