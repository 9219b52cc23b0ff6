"""The messages the sandbox holds, as ``messages.get``/``list``, the schedule routes and
``messages.react`` read them: filters in; ``Message``, ``MessageSummary`` and
``ScheduledMessageSummary`` out."""

from datetime import UTC, datetime

from marshmallow import ValidationError, fields, validate, validates_schema

from ..models import MESSAGE
from . import CamelSchema, StrictBoolean, page_fields, shown

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
    direction = _one_of("INBOUND", "OUTBOUND")
    status = _one_of(*MESSAGE_STATUSES)
    type = _one_of("SMS", "MMS", "RCS")
    method = _one_of("API", "SDK", "OTHER")
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
    status = _one_of("ACTIVE", "CANCELLED", "FAILED")
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


def content(record: dict) -> dict:
    """``SmsContent`` or ``MmsContent``."""
    if record["type"] == "MMS":
        return {"mediaUrls": list(record["media_urls"]), "text": record["text"]}
    return {"text": record["text"]}


# Every sandbox message is sent through the API and never delivered.
_MESSAGE_COMPUTED = {
    "content": content,
    "method": lambda record: "API",
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
    return {
        "id": record["id"],
        "status": record["status"],
        "direction": record.get("direction", "OUTBOUND"),
        "type": record["type"],
        "method": record.get("method", "API"),
        "numSegments": record["segments"],
        "cost": record["cost"],
        "from": record["from"],
        "to": record["to"],
        "content": content(record),
        "error": None,
        "isTest": False,
        "blastId": None,
        "sentAt": record.get("sent_at"),
        "deliveredAt": record.get("delivered_at"),
        "createdAt": record["created_at"],
        "updatedAt": record.get("updated_at") or record["created_at"],
    }


def scheduled(record: dict) -> dict:
    """``ScheduledMessageSummary``: the schedule as sent, and the message it would send."""
    schedule = record["schedule"]
    payload = {"type": record["type"], "from": record["from"], "to": record["to"]}
    payload.update(content(record))
    return {
        "id": record["id"],
        "sendAt": schedule["send_at"],
        "status": SCHEDULE_STATUSES[record["status"]],
        "recurrence": schedule.get("recurrence"),
        "timezone": schedule.get("timezone") or "UTC",
        "endDate": schedule.get("end_date"),
        "payload": payload,
        "createdAt": record["created_at"],
        "updatedAt": record.get("updated_at") or record["created_at"],
    }


def empty_page() -> dict:
    """A list of what the sandbox never holds (blasts, 10DLC and RCS campaigns)."""
    return {"data": [], "hasMore": False, "count": 0}
