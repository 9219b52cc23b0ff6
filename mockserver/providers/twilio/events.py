"""Twilio Event Streams deliveries: CloudEvents per status change, their schema versions, signing.

Payloads, schema ids and the version table below are explained, with their public sources, in
``docs/reference/twilio-event-streams-schemas.md``; the messaging events' tables and facts are in
``message_events``. An event is built at the latest version of its schema; ``at_version``
gives what a subscription to an older version receives (the same envelope, that version's
``dataschema`` and only that version's ``data`` fields). Each POST
carries a JSON array of events (``batch_events`` true or absent) or one event object
(``batch_events: false``), and is signed the way Twilio signs JSON webhooks:
``bodySHA256=<hex sha256(body)>`` is appended to the URL and ``X-Twilio-Signature`` is
base64(HMAC-SHA1(auth token, that URL)).
"""

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from mockserver.clock import format_iso_ms
from mockserver.destinations import sent_url
from mockserver.lifecycle import Action
from mockserver.rejections import EDIT_WINDOW
from mockserver.webhooks import Event, Request, url_problem

from .message_events import CATALOG, SCHEMA_VERSIONS, message_data, message_event_id, message_source
from .signatures import twilio_signature

PREFIX = "com.twilio.messaging.compliance.toll-free-verification."
SCHEMAS = "https://events-schemas.twilio.com"
TEST_EVENT = "com.twilio.eventstreams.test-event"
EVENT_FOR_ACTION = {
    Action.REVIEW: "requested",
    Action.APPROVE: "request-approved",
    Action.REJECT: "request-rejected",
    Action.EXPIRE: "expired",
    Action.RESUBMIT: "edit",
}


@dataclass(frozen=True)
class SchemaVersion:
    """One published version of an event schema: when it appeared, the ``data`` it carries."""

    number: int
    date_created: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class EventSchema:
    """A schema id and its versions, oldest first; ``suffix`` ends its ``dataschema`` URLs."""

    id: str
    versions: tuple[SchemaVersion, ...]
    suffix: str = ""

    @property
    def latest(self) -> SchemaVersion:
        """The newest version, the one events are built at."""
        return self.versions[-1]

    def version(self, number: int | None) -> SchemaVersion | None:
        """Version ``number`` of this schema, or None if it has no such version."""
        return next((v for v in self.versions if v.number == number), None)

    def raw(self, number: int) -> str:
        """The ``dataschema`` of events at version ``number`` (``raw`` in ``/v1/Schemas``)."""
        return f"{SCHEMAS}/{self.id}/{number}{self.suffix}"


# The official field list of every toll-free verification event (edit and expired v2).
_BASE = (
    "accountsid",
    "parentaccountsid",
    "tollfreeverificationsid",
    "phonenumbersid",
    "customerprofilesid",
    "regulateditemsid",
    "trustproductsid",
    "processeddate",
    "verificationstatus",
)
# request-rejected v4, in the order of the onboarding guide's example.
_REJECTED_V4 = (
    "accountsid",
    "parentaccountsid",
    "tollfreeverificationsid",
    "phonenumber",
    "phonenumbersid",
    "customerprofilesid",
    "trustproductsid",
    "regulateditemsid",
    "verificationstatus",
    "errorcode",
    "errorcodes",
    "errordescription",
    "processeddate",
    "rejectiondate",
    "editexpiration",
    "editallowed",
)
# Sandbox choice: versions 1-3 are undocumented; they lack what the 2024-04 changelog added.
_REJECTED_V1_TO_V3 = tuple(f for f in _REJECTED_V4 if f not in ("phonenumber", "errorcodes"))
# Sandbox choice: version dates are placeholders, except v4's (the changelog's date).
_FIRST = "2023-01-01T00:00:00Z"
_LATER = "2025-01-01T00:00:00Z"


def _one(schema_id: str) -> EventSchema:
    return EventSchema(schema_id, (SchemaVersion(1, _FIRST, _BASE),))


def _two(schema_id: str) -> EventSchema:
    """v2 only changed schema metadata: the same fields as v1."""
    return EventSchema(
        schema_id, (SchemaVersion(1, _FIRST, _BASE), SchemaVersion(2, _LATER, _BASE))
    )


# Every event type the sandbox emits -> its schema and the versions a subscription may ask for.
EVENT_SCHEMAS = {
    PREFIX + "pending-review": _one("TollFree.VerificationPendingReview"),
    PREFIX + "requested": _one("TollFree.VerificationRequested"),
    PREFIX + "request-approved": _one("TollFree.VerificationRequestApproved"),
    PREFIX + "request-rejected": EventSchema(
        "TollFree.VerificationRequestRejected",
        (
            SchemaVersion(1, _FIRST, _REJECTED_V1_TO_V3),
            SchemaVersion(2, "2023-06-01T00:00:00Z", _REJECTED_V1_TO_V3),
            SchemaVersion(3, "2023-11-01T00:00:00Z", _REJECTED_V1_TO_V3),
            SchemaVersion(4, "2024-04-16T00:00:00Z", _REJECTED_V4),
        ),
    ),
    PREFIX + "expired": _two("TollFree.VerificationExpired"),
    PREFIX + "edit": _two("TollFree.VerificationEdit"),
    TEST_EVENT: EventSchema(
        "EventStreams.TestSink", (SchemaVersion(1, _FIRST, ("test_id",)),), suffix=".json"
    ),
}
_MESSAGING = {
    schema_id: EventSchema(schema_id, tuple(SchemaVersion(*v) for v in versions))
    for schema_id, versions in SCHEMA_VERSIONS.items()
}
EVENT_SCHEMAS.update({event_type: _MESSAGING[schema_id] for event_type, schema_id, *_ in CATALOG})
SCHEMAS_BY_ID = {schema.id: schema for schema in EVENT_SCHEMAS.values()}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def _millis(moment: datetime) -> int:
    """Whole milliseconds since the epoch, cut like ``time``'s (``format_iso_ms``): integer
    arithmetic, since a float timestamp can land a millisecond short."""
    return (moment - _EPOCH) // _MILLISECOND


def verification_event(
    kind: str, record: dict, *, at: datetime, parent_sid: str | None, event_id: str, source: str
) -> Event:
    """The CloudEvent Twilio sends for one status change of a verification (latest version)."""
    event_type = PREFIX + kind
    schema = EVENT_SCHEMAS[event_type]
    facts = {
        "accountsid": record["account_sid"],
        # The official field doc: "Id of the top level Twilio account".
        "parentaccountsid": parent_sid or record["account_sid"],
        "tollfreeverificationsid": record["sid"],
        "phonenumbersid": record["tollfree_phone_number_sid"],
        "customerprofilesid": record["customer_profile_sid"],
        "trustproductsid": record["trust_product_sid"],
        "regulateditemsid": record["regulated_item_sid"],
        "processeddate": _millis(at),
        "verificationstatus": record["status"].lower(),
    }
    if kind == "request-rejected":
        reasons = record["rejection_reasons"]
        facts.update(
            phonenumber=record["tollfree_phone_number"],
            errorcode=record["error_code"],
            errorcodes=",".join(str(reason["code"]) for reason in reasons),
            errordescription="; ".join(reason["reason"] for reason in reasons),
            rejectiondate=_millis(at),
            # From the rejection time itself: the record keeps whole seconds only.
            editexpiration=_millis(at + EDIT_WINDOW),
            editallowed=record["edit_allowed"],
        )
    return _cloud_event(
        event_type,
        record["account_sid"],
        record["sid"],
        at,
        {name: facts[name] for name in schema.latest.fields},
        event_id=event_id,
        source=source,
        dataschema=schema.raw(schema.latest.number),
    )


def test_event(sink: dict, *, at: datetime, test_id: str) -> Event:
    """The event ``POST /v1/Sinks/{Sid}/Test`` sends to one sink, as Twilio's examples show it."""
    schema = EVENT_SCHEMAS[TEST_EVENT]
    return _cloud_event(
        TEST_EVENT,
        sink["account_sid"],
        sink["sid"],
        at,
        {"test_id": test_id},
        event_id=sink["account_sid"],
        source="Sink",
        dataschema=schema.raw(schema.latest.number),
    )


def message_cloud_event(event: Event) -> Event:
    """The CloudEvent Event Streams sends for a message event, at its schema's latest version."""
    schema = EVENT_SCHEMAS[event.type]
    data = message_data(event)
    return _cloud_event(
        event.type,
        event.account,
        event.record_id,
        event.occurred_at,
        {name: data[name] for name in schema.latest.fields if name in data},
        event_id=message_event_id(event),
        source=message_source(event),
        dataschema=schema.raw(schema.latest.number),
    )


def at_version(event: Event, version: int | None) -> Event:
    """``event`` as a subscription to ``version`` of its schema receives it.

    None, or a version the schema lacks (a stored record from elsewhere), means the latest,
    which is what the event already is.
    """
    schema = EVENT_SCHEMAS.get(event.type)
    chosen = schema.version(version) if schema else None
    if chosen is None or chosen == schema.latest:
        return event
    data = event.payload["data"]
    payload = {
        **event.payload,
        "dataschema": schema.raw(chosen.number),
        "data": {name: data[name] for name in chosen.fields if name in data},
    }
    return replace(event, payload=payload)


def _cloud_event(
    event_type: str,
    account: str,
    record_id: str,
    at: datetime,
    data: dict,
    *,
    event_id: str,
    source: str,
    dataschema: str,
) -> Event:
    payload = {
        "specversion": "1.0",
        "type": event_type,
        "source": source,
        "id": event_id,
        "dataschema": dataschema,
        "datacontenttype": "application/json",
        "time": format_iso_ms(at),
        "data": data,
    }
    return Event(
        provider="twilio",
        type=event_type,
        account=account,
        record_id=record_id,
        occurred_at=at,
        payload=payload,
    )


def signed_request(
    destination: str,
    event: Event,
    auth_token: str,
    *,
    batch: bool = True,
    target: str | None = None,
) -> Request:
    """The POST Twilio makes to ``destination`` for ``event``, signed with ``auth_token``."""
    body = json.dumps([event.payload] if batch else event.payload, separators=(",", ":"))
    url, signature = sign(destination, body, auth_token)
    headers = {
        "Content-Type": "application/json",
        "X-Twilio-Signature": signature,
        "User-Agent": "TwilioProxy/1.1",
    }
    return Request(destination=destination, url=url, body=body, headers=headers, target=target)


def sign(destination: str, body: str, auth_token: str) -> tuple[str, str]:
    """Append ``bodySHA256`` to the URL and sign it; return ``(url to request, signature)``.

    The URL is ``destination`` as requests sends it (``sent_url``: IDNA and lower-case
    host, path and query percent-encoded, ``/`` for an empty path).
    The fragment is dropped (it is never sent), and the signature covers the URL without
    ``user:password@`` (which travels as an Authorization header), i.e. the URL the
    receiving application sees and hands to ``RequestValidator``. A destination no client
    can send to (``url_problem``) raises ValueError.
    """
    problem = url_problem(destination)
    if problem is not None:
        raise ValueError(f"the destination {problem}")
    digest = hashlib.sha256(body.encode()).hexdigest()
    parts = urlsplit(sent_url(destination))
    query = f"{parts.query}&bodySHA256={digest}" if parts.query else f"bodySHA256={digest}"
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return url, twilio_signature(url, {}, auth_token)
