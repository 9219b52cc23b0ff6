"""Twilio Programmable Messaging vocabulary: statuses, the record, error codes and prices.

Values follow twilio-oai ``twilio_api_v2010.json`` (``api.v2010.account.message``) and
Twilio's error dictionary; see ``docs/reference/twilio-messaging.md``.
"""

from enum import StrEnum

from mockserver.lifecycle import message_flow
from mockserver.record_kinds import Field, RecordKind

from .records import PROVIDER


class MessageStatus(StrEnum):
    """``message_enum_status`` (the statuses the sandbox's messages take)."""

    ACCEPTED = "accepted"
    SCHEDULED = "scheduled"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    CANCELED = "canceled"
    RECEIVED = "received"


S = MessageStatus
MESSAGE_LIFECYCLE = message_flow(
    accepted=S.ACCEPTED.value,
    scheduled=S.SCHEDULED.value,
    queued=S.QUEUED.value,
    sending=S.SENDING.value,
    sent=S.SENT.value,
    delivered=S.DELIVERED.value,
    undelivered=S.UNDELIVERED.value,
    failed=S.FAILED.value,
    canceled=S.CANCELED.value,
)
# Nothing more will happen to a message in these statuses: it may be deleted or redacted.
SETTLED = frozenset({S.DELIVERED, S.UNDELIVERED, S.FAILED, S.CANCELED, S.RECEIVED})
# The statuses a status callback reports (the status guide: none for the initial status,
# none for ``sending``; ``queued`` only when a Messaging Service leaves ``accepted``).
CALLBACK_STATUSES = frozenset({S.QUEUED, S.SENT, S.FAILED, S.DELIVERED, S.UNDELIVERED, S.CANCELED})
DEFAULT_SCENARIO = "twilio_message"
MAX_BODY = 1600
MAX_MEDIA = 10

# The error dictionary's titles, which the sandbox uses as ``error_message``.
ASYNC_ERRORS = {
    30001: "Queue overflow",
    30002: "Account suspended",
    30003: "Unreachable destination handset",
    30004: "Message blocked",
    30005: "Unknown destination handset",
    30006: "Landline or unreachable carrier",
    30007: "Message filtered",
    30008: "Unknown error",
    30032: "Toll-Free Number Has Not Been Verified",
    30034: "US A2P 10DLC - Message from an Unregistered Number",
    21703: "The Messaging Service does not have a phone number available to send a message",
}
GATE_ERROR = 30032
NO_SENDER = 21703  # a service's message whose pool lost every number before it was queued

# Twilio's wording of two refusals a send may meet whatever its recipient.
UNREACHABLE = (
    21612,
    "The 'To' phone number: {to}, is not currently reachable using the 'From' phone number: "
    "{sender} via {channel}.",
)
OPTED_OUT = (21610, "Attempt to send to unsubscribed recipient")
# Twilio's test credentials' magic recipients, answered the same way for every account.
MAGIC_RECIPIENTS = {
    "+15005550001": (21211, "The 'To' number {to} is not a valid phone number."),
    "+15005550002": UNREACHABLE,
    "+15005550003": (
        21408,
        "Permission to send an SMS has not been enabled for the region indicated by the "
        "'To' number: {to}.",
    ),
    "+15005550004": OPTED_OUT,
    "+15005550009": (21614, "To number: {to}, is not a mobile number"),
}

# The sandbox's own price list (USD, negative as Twilio renders a charge).
SMS_SEGMENT_PRICE = "0.00790"
MMS_PRICE = "0.02000"
PRICE_UNIT = "USD"


def message_price(num_segments: int, num_media: int) -> str:
    """What a sent message costs, as Twilio renders ``price`` (``"-0.01580"``)."""
    if num_media:
        return f"-{float(MMS_PRICE):.5f}"
    return f"-{num_segments * float(SMS_SEGMENT_PRICE):.5f}"


# The Message resource, in twilio-oai's property order, then what the sandbox keeps besides.
MESSAGE = RecordKind(
    provider=PROVIDER,
    name="message",
    title="Message",
    id_field="sid",
    tenant_field="account_sid",
    lifecycle=MESSAGE_LIFECYCLE,
    extra_statuses=(S.RECEIVED.value,),
    verdict_fields=("codes",),
    default_scenario=DEFAULT_SCENARIO,
    fields=(
        Field("body"),
        Field("num_segments", type="integer", shown_as="string"),
        Field("direction", default="outbound-api"),
        Field("from"),
        Field("to"),
        Field("date_updated", type="datetime"),
        Field("price"),
        Field("error_message"),
        Field("uri", computed=True),
        Field("account_sid"),
        Field("num_media", type="integer", default=0, shown_as="string"),
        Field("status"),
        Field("messaging_service_sid"),
        Field("sid"),
        Field("date_sent", type="datetime"),
        Field("date_created", type="datetime"),
        Field("error_code", type="integer"),
        Field("price_unit"),
        Field("api_version", default="2010-04-01"),
        Field("subresource_uris", type="object", computed=True),
        Field("status_callback", hidden=True, doc="where status callbacks go"),
        Field("media", type="list", item="object", hidden=True, default=[], doc="media.py"),
        Field("validity_period", type="integer", hidden=True),
        Field("sender", hidden=True, doc="the number that sends it (a service's choice)"),
        Field("send_at", type="datetime", hidden=True, doc="when a scheduled message goes"),
        Field("fate", type="integer", hidden=True, doc="the error the carrier will report"),
        Field("scenario", hidden=True, doc="the delivery scenario the message runs"),
    ),
)
