"""The messages the sandbox holds, as ``messages.get``/``list``, the schedule routes and
``messages.react`` read them: filters in; ``Message``, ``MessageSummary`` and
``ScheduledMessageSummary`` out."""

from datetime import UTC, datetime

from marshmallow import ValidationError, fields, validate, validates_schema

from ..models import MESSAGE
from . import CamelSchema, StrictBoolean, page_fields, shown
from .answer_fields import always, answer, nested, one_of_these, written

MESSAGE_STATUSES = (
    "QUEUED",
    "PENDING",
    "SENT",
    "SEND_FAILED",
    "DELIVERED",
    "DELIVERY_FAILED",
    "RECEIVED",
    "READ",
    "FALLBACK_SENT",
)
SCHEDULE_STATUSES = {"SCHEDULED": "ACTIVE", "CANCELLED": "CANCELLED", "FAILED": "FAILED"}
DIRECTIONS = ("INBOUND", "OUTBOUND")
MESSAGE_TYPES = ("SMS", "MMS", "RCS")
METHODS = ("API", "SDK", "OTHER")
OUTBOUND, API = "OUTBOUND", "API"  # every message the sandbox holds was sent through the API


class IsoDateTime(fields.Field):
    """An ISO 8601 date-time, as a UTC ``datetime`` (a time without an offset is UTC)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ValidationError("Must be an ISO 8601 date-time.")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError("Must be an ISO 8601 date-time.") from None
        try:
            return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
        except OverflowError:  # 0001-01-01 east of UTC, 9999-12-31 west of it
            raise ValidationError("Date-time out of range.") from None


def _one_of(*choices: str) -> fields.String:
    return fields.String(allow_none=True, validate=validate.OneOf(choices))


class MessageListSchema(CamelSchema):
    """``POST /messages/list`` (an empty body lists the first page of everything)."""

    page_index, page_size = page_fields().values()
    direction = _one_of(*DIRECTIONS)
    status = _one_of(*MESSAGE_STATUSES)
    type = _one_of(*MESSAGE_TYPES)
    method = _one_of(*METHODS)
    sender = fields.String(data_key="from", allow_none=True)
    to = fields.String(allow_none=True)
    content = fields.String(allow_none=True)
    date_from = IsoDateTime(data_key="dateFrom", allow_none=True)
    date_to = IsoDateTime(data_key="dateTo", allow_none=True)

    @validates_schema
    def _range(self, data: dict, **kwargs) -> None:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("Must not be before dateFrom.", "dateTo")


class ScheduleListSchema(CamelSchema):
    """``POST /messages/schedules/list``."""

    page_index, page_size = page_fields().values()
    status = _one_of(*SCHEDULE_STATUSES.values())
    schedule_type = fields.String(
        data_key="scheduleType", allow_none=True, validate=validate.OneOf(["MESSAGE", "BLAST"])
    )
    content = fields.String(allow_none=True)


class BlastListSchema(CamelSchema):
    """``POST /messages/blasts/list``."""

    page_index, page_size = page_fields().values()
    audience_id = fields.String(data_key="audienceId", allow_none=True)
    sender = fields.String(allow_none=True)
    content = fields.String(allow_none=True)


class ReactOptionsSchema(CamelSchema):
    force = StrictBoolean(allow_none=True)


class ReactSchema(CamelSchema):
    """``POST /messages/react``."""

    message_id = fields.String(data_key="messageId", required=True)
    reaction = fields.String(allow_none=True)
    options = fields.Nested(ReactOptionsSchema, allow_none=True)


# -- answers: each shape is the answer's schema (``message_answers``) and what is written -

CONTENT = {  # an MMS's media first, as the sandbox always wrote them (rcs's MmsContent too)
    "media_urls": fields.List(fields.String(), data_key="mediaUrls"),  # an MMS's only
    "text": always(),
}
MessageContentAnswer = answer(
    "MessageContentAnswer", CONTENT, "``SmsContent`` or ``MmsContent`` (``content``)."
)
SUMMARY = {
    "id": always(),
    "status": one_of_these(*MESSAGE_STATUSES),
    "direction": one_of_these(*DIRECTIONS),
    "type": one_of_these(*MESSAGE_TYPES),
    "method": one_of_these(*METHODS),
    "num_segments": always(fields.Integer, data_key="numSegments"),
    "cost": always(fields.Float),
    "sender": always(data_key="from"),
    "to": always(),
    "content": nested(MessageContentAnswer),
    "error": always(fields.Dict, allow_none=True),
    "is_test": always(fields.Boolean, data_key="isTest"),
    "blast_id": always(data_key="blastId", allow_none=True),
    "sent_at": always(data_key="sentAt", allow_none=True),
    "delivered_at": always(data_key="deliveredAt", allow_none=True),
    "created_at": always(data_key="createdAt"),
    "updated_at": always(data_key="updatedAt"),
}
SCHEDULED = {
    "id": always(),
    "send_at": always(data_key="sendAt"),
    "status": one_of_these(*SCHEDULE_STATUSES.values()),
    "recurrence": always(allow_none=True),
    "timezone": always(),
    "end_date": always(data_key="endDate", allow_none=True),
    "payload": always(fields.Dict, keys=fields.String()),
    "created_at": always(data_key="createdAt"),
    "updated_at": always(data_key="updatedAt"),
}


def content(record: dict) -> dict:
    """``SmsContent`` or ``MmsContent``."""
    values = {"text": record["text"]}
    if record["type"] == "MMS":
        values["media_urls"] = list(record["media_urls"])
    return written(CONTENT, values)


# Every sandbox message is sent through the API and never delivered.
_MESSAGE_COMPUTED = {
    "content": content,
    "method": lambda record: API,
    "sent_at": lambda record: None,
    "delivered_at": lambda record: None,
    "error": lambda record: None,
}


def message(record: dict) -> dict:
    """``Message``: ``QUEUED`` with null ``sentAt``/``deliveredAt``/``error``, as the
    sandbox never delivers."""
    return shown(MESSAGE.shown(), record, _MESSAGE_COMPUTED)


def summary(record: dict) -> dict:
    """``MessageSummary`` (``from``/``to``, and ``error`` an object, unlike ``Message``)."""
    # A model of its own, not the declared ``Message`` shape.
    values = {
        "id": record["id"],
        "status": record["status"],
        "direction": record.get("direction", OUTBOUND),
        "type": record["type"],
        "method": record.get("method", API),
        "num_segments": record["segments"],
        "cost": record["cost"],
        "sender": record["from"],
        "to": record["to"],
        "content": content(record),
        "error": None,
        "is_test": False,
        "blast_id": None,
        "sent_at": record.get("sent_at"),
        "delivered_at": record.get("delivered_at"),
        "created_at": record["created_at"],
        "updated_at": record.get("updated_at") or record["created_at"],
    }
    return written(SUMMARY, values)


def scheduled(record: dict) -> dict:
    """``ScheduledMessageSummary``: the schedule as sent, and the message it would send."""
    schedule = record["schedule"]
    payload = {"type": record["type"], "from": record["from"], "to": record["to"]}
    payload.update(content(record))
    values = {
        "id": record["id"],
        "send_at": schedule["send_at"],
        "status": SCHEDULE_STATUSES[record["status"]],
        "recurrence": schedule.get("recurrence"),
        "timezone": schedule.get("timezone") or "UTC",
        "end_date": schedule.get("end_date"),
        "payload": payload,
        "created_at": record["created_at"],
        "updated_at": record.get("updated_at") or record["created_at"],
    }
    return written(SCHEDULED, values)


def empty_page() -> dict:
    """A list of what the sandbox never holds (blasts, 10DLC and RCS campaigns)."""
    return {"data": [], "hasMore": False, "count": 0}
