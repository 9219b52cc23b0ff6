"""SMS and MMS send bodies in; ``SentSmsDetails``/``SentMmsDetails``/``ScheduledMessage`` out."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, fields, validate, validates_schema

from mockserver.sms_segments import ENCODINGS

from ..models import MESSAGE
from . import CamelSchema, StrictBoolean, json_field
from .answer_fields import always, answer, nested, one_of_these, strings, written


class ScheduleSchema(CamelSchema):
    send_at = fields.String(data_key="sendAt", required=True)
    recurrence = fields.String(allow_none=True)
    timezone = fields.String(allow_none=True)
    end_date = fields.String(data_key="endDate", allow_none=True)

    @validates_schema
    def _when(self, data: dict, **kwargs) -> None:
        try:
            zone = ZoneInfo(data["timezone"]) if data.get("timezone") else UTC
        except (ValueError, ZoneInfoNotFoundError):
            raise ValidationError("Unknown IANA time zone.", "timezone") from None
        for key, wire in (("send_at", "sendAt"), ("end_date", "endDate")):
            if data.get(key):
                try:
                    moment = datetime.fromisoformat(data[key])
                except ValueError:
                    raise ValidationError("Must be an ISO 8601 date-time.", wire) from None
                try:
                    data[key + "_utc"] = (
                        moment if moment.tzinfo else moment.replace(tzinfo=zone)
                    ).astimezone(UTC)
                except OverflowError:  # 0001-01-01 east of UTC, 9999-12-31 west of it
                    raise ValidationError("Date-time out of range.", wire) from None


class SmsOptionsSchema(CamelSchema):
    schedule = fields.Nested(ScheduleSchema, allow_none=True)
    tracking = fields.String(allow_none=True, validate=validate.OneOf(["ID", "HIDDEN"]))


class MmsOptionsSchema(SmsOptionsSchema):
    multiple_messages = StrictBoolean(required=True)
    validate = StrictBoolean(required=True)


def _party(name: str) -> fields.Field:
    """``from`` or ``to``: a send names the parties as stored, a ``Message`` shows them as
    sender and receiver."""
    return json_field(MESSAGE.field(name), data_key=name)


class SmsSchema(CamelSchema.from_dict({"from": _party("from"), "to": _party("to")}, name="Sms")):
    """``POST /messages/send/sms``."""

    # An SMS needs text, an MMS may go without (one check, so one error names both bounds).
    text = json_field(MESSAGE.field("text"), min_length=1)
    options = json_field(MESSAGE.field("options"), nested=SmsOptionsSchema)


class MmsSchema(CamelSchema.from_dict({"from": _party("from"), "to": _party("to")}, name="Mms")):
    """``POST /messages/send/mms``."""

    text = json_field(MESSAGE.field("text"))
    # An MMS carries at least one file.
    media_urls = json_field(
        MESSAGE.field("media_urls"), required=True, allow_none=False, min_length=1
    )
    options = json_field(MESSAGE.field("options"), nested=MmsOptionsSchema)


# -- answers: each shape is the answer's schema (``message_answers``) and what is written -

SENT_STATUS = "queued"  # what a send answers; the message itself is QUEUED
SEGMENTS = {"count": always(fields.Integer), "encoding": one_of_these(*ENCODINGS)}
_SENT = {
    "total_cost": always(fields.Float, data_key="totalCost"),
    "sender": always(),
    "recipient": always(),
    "status": one_of_these(SENT_STATUS),
}
# The id and segments first, as the sandbox always wrote them (and rcs's models list them).
SENT_SMS = {
    "message_id": always(data_key="messageId"),
    "segments": nested(
        answer("SmsSegmentsAnswer", SEGMENTS, "An SMS's segments: how many, in which encoding.")
    ),
    **_SENT,
}
SENT_MMS = {
    "message_ids": strings(data_key="messageIds"),
    "segments": always(fields.Integer),
    **_SENT,
}
SCHEDULE_CONFIG = {
    "send_at": always(data_key="sendAt"),
    "timezone": always(),
    "recurrence": fields.String(),  # as asked for: left out when not
    "end_date": fields.String(data_key="endDate"),
}
SCHEDULED_SEND = {
    "schedule_id": always(data_key="scheduleId"),
    "config": nested(
        answer(
            "ScheduleConfigAnswer",
            SCHEDULE_CONFIG,
            "When a scheduled message would go, as it was asked for.",
        )
    ),
}


def sent(message: dict) -> dict:
    """The send response: the message, or its schedule."""
    schedule = message["schedule"]
    if schedule:
        config = {"send_at": schedule["send_at"], "timezone": schedule.get("timezone") or "UTC"}
        for key in ("recurrence", "end_date"):
            if schedule.get(key):
                config[key] = schedule[key]
        values = {"schedule_id": message["id"], "config": written(SCHEDULE_CONFIG, config)}
        return written(SCHEDULED_SEND, values)
    values = {
        "total_cost": message["cost"],
        "sender": message["from"],
        "recipient": message["to"],
        "status": SENT_STATUS,
    }
    if message["type"] == "SMS":
        segments = {"count": message["segments"], "encoding": message["encoding"]}
        values.update(message_id=message["id"], segments=written(SEGMENTS, segments))
        return written(SENT_SMS, values)
    values.update(message_ids=[message["id"]], segments=message["segments"])
    return written(SENT_MMS, values)


def logged(message: dict) -> dict:
    """A message as ``GET /_mock/pinnacle/messages`` lists it; a field a damaged record lacks is
    shown as null (the log is a debugging aid: better a gap than a failed listing)."""
    return {
        name: message.get(field)
        for name, field in (
            ("id", "id"),
            ("api_key", "tenant"),
            ("type", "type"),
            ("from", "from"),
            ("to", "to"),
            ("text", "text"),
            ("media_urls", "media_urls"),
            ("segments", "segments"),
            ("encoding", "encoding"),
            ("total_cost", "cost"),
            ("status", "status"),
            ("schedule", "schedule"),
            ("created_at", "created_at"),
        )
    }
