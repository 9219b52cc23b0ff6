"""What Pinnacle's message and preview routes answer, for the OpenAPI document.

``MessageAnswer`` is built from ``MESSAGE.shown()``, as ``message_records.message`` renders
it; the rest are literal bodies (``sent``, ``summary``, ``sms_validation``…), written out and
closed so that the tests validating real answers catch a member added on one side only.
"""

from marshmallow import Schema, fields

from ..models import MESSAGE
from .answer_fields import answer_fields, one_of_these
from .answers import PageAnswer
from .message_records import MESSAGE_STATUSES, SCHEDULE_STATUSES

# -- messages -------------------------------------------------------------------------


class MessageContentAnswer(Schema):
    """``SmsContent`` or ``MmsContent`` (``message_records.content``)."""

    text = fields.String(required=True)
    media_urls = fields.List(fields.String(), data_key="mediaUrls")


class MessageAnswer(
    Schema.from_dict(
        answer_fields(
            MESSAGE.shown(),
            nested={"content": MessageContentAnswer},
            nullable=["sent_at", "delivered_at", "error"],
        ),
        name="MessageFields",
    )
):
    """``Message``: QUEUED, never sent nor delivered."""


class MessageSummaryAnswer(Schema):
    """``MessageSummary`` (``message_records.summary``): ``from``/``to``, an object error."""

    id = fields.String(required=True)
    status = one_of_these(*MESSAGE_STATUSES)
    direction = one_of_these("INBOUND", "OUTBOUND")
    type = one_of_these("SMS", "MMS", "RCS")
    method = one_of_these("API", "SDK", "OTHER")
    num_segments = fields.Integer(data_key="numSegments", required=True)
    cost = fields.Float(required=True)
    sender = fields.String(data_key="from", required=True)
    to = fields.String(required=True)
    content = fields.Nested(MessageContentAnswer, required=True)
    error = fields.Dict(required=True, allow_none=True)
    is_test = fields.Boolean(data_key="isTest", required=True)
    blast_id = fields.String(data_key="blastId", required=True, allow_none=True)
    sent_at = fields.String(data_key="sentAt", required=True, allow_none=True)
    delivered_at = fields.String(data_key="deliveredAt", required=True, allow_none=True)
    created_at = fields.String(data_key="createdAt", required=True)
    updated_at = fields.String(data_key="updatedAt", required=True)


class MessagePageAnswer(PageAnswer):
    """``POST /messages/list``."""

    data = fields.List(fields.Nested(MessageSummaryAnswer), required=True)


class SmsSegmentsAnswer(Schema):
    """An SMS's segments: how many, in which encoding."""

    count = fields.Integer(required=True)
    encoding = one_of_these("gsm7", "utf16")


class _SentAnswer(Schema):
    total_cost = fields.Float(data_key="totalCost", required=True)
    sender = fields.String(required=True)
    recipient = fields.String(required=True)
    status = one_of_these("queued")


class SentSmsAnswer(_SentAnswer):
    """``SentSmsDetails``."""

    message_id = fields.String(data_key="messageId", required=True)
    segments = fields.Nested(SmsSegmentsAnswer, required=True)


class SentMmsAnswer(_SentAnswer):
    """``SentMmsDetails``: one id per message (the sandbox sends one)."""

    message_ids = fields.List(fields.String(), data_key="messageIds", required=True)
    segments = fields.Integer(required=True)


class ScheduleConfigAnswer(Schema):
    """When a scheduled message would go, as it was asked for."""

    send_at = fields.String(data_key="sendAt", required=True)
    timezone = fields.String(required=True)
    recurrence = fields.String()
    end_date = fields.String(data_key="endDate")


class ScheduledSendAnswer(Schema):
    """``ScheduledMessage``: a send with ``options.schedule`` (never sent in the sandbox)."""

    schedule_id = fields.String(data_key="scheduleId", required=True)
    config = fields.Nested(ScheduleConfigAnswer, required=True)


# A send answers the message, or its schedule when ``options.schedule`` is given.
SMS_SENT = (SentSmsAnswer, ScheduledSendAnswer)
MMS_SENT = (SentMmsAnswer, ScheduledSendAnswer)


class ScheduledSummaryAnswer(Schema):
    """``ScheduledMessageSummary`` (``message_records.scheduled``)."""

    id = fields.String(required=True)
    send_at = fields.String(data_key="sendAt", required=True)
    status = one_of_these(*SCHEDULE_STATUSES.values())
    recurrence = fields.String(required=True, allow_none=True)
    timezone = fields.String(required=True)
    end_date = fields.String(data_key="endDate", required=True, allow_none=True)
    payload = fields.Dict(keys=fields.String(), required=True)
    created_at = fields.String(data_key="createdAt", required=True)
    updated_at = fields.String(data_key="updatedAt", required=True)


class SchedulePageAnswer(PageAnswer):
    """``POST /messages/schedules/list``."""

    data = fields.List(fields.Nested(ScheduledSummaryAnswer), required=True)


# -- previews -------------------------------------------------------------------------


class Gsm7SegmentsAnswer(Schema):
    """The text as GSM-7 segments, and the characters GSM-7 cannot carry."""

    total_bytes = fields.Integer(data_key="totalBytes", required=True)
    unsupported = fields.List(fields.String(), required=True)
    value = fields.List(fields.String(), required=True)


class Utf16SegmentsAnswer(Schema):
    """The text as UTF-16 segments."""

    total_bytes = fields.Integer(data_key="totalBytes", required=True)
    value = fields.List(fields.String(), required=True)


class SmsEncodingsAnswer(Schema):
    """The text in both encodings."""

    gsm7 = fields.Nested(Gsm7SegmentsAnswer, required=True)
    utf16 = fields.Nested(Utf16SegmentsAnswer, required=True)


class SmsPricesAnswer(Schema):
    """What the text would cost in each encoding."""

    gsm7 = fields.Float(required=True)
    utf16 = fields.Float(required=True)


class SmsValidationAnswer(Schema):
    """``SmsValidationResult`` (``previews.sms_validation``)."""

    segments = fields.Nested(SmsEncodingsAnswer, required=True)
    total = fields.Nested(SmsPricesAnswer, required=True)
    unit = fields.Float(required=True)
    is_over_segment_limit = fields.Boolean(data_key="isOverSegmentLimit", required=True)


class MmsSegmentAnswer(Schema):
    """One MMS segment: its supported files and the text."""

    files = fields.List(fields.String(), required=True)
    size = fields.Integer(required=True)
    text = fields.String(required=True)


class MmsSegmentsAnswer(Schema):
    """How many segments, the files no MMS could carry, and the segments."""

    count = fields.Integer(required=True)
    unsupported_files = fields.List(fields.String(), data_key="unsupportedFiles", required=True)
    value = fields.List(fields.Nested(MmsSegmentAnswer), required=True)


class MmsValidationAnswer(Schema):
    """``MmsValidationResult`` (``previews.mms_validation``)."""

    segments = fields.Nested(MmsSegmentsAnswer, required=True)
    total = fields.Float(required=True)
    unit = fields.Float(required=True)
