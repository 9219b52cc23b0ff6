"""What Pinnacle's message and preview routes answer, for the OpenAPI document.

``MessageAnswer`` is built from ``MESSAGE.shown()``, as ``message_records.message`` renders
it; every other schema is the shape its renderer writes (``message_records.summary`` and
``scheduled``, ``messages.sent``, ``previews.sms_validation`` and ``mms_validation``), one
dict of fields for both, so a member cannot be added on one side only.
"""

from marshmallow import Schema

from ..models import MESSAGE
from . import message_records as records
from . import messages as sends
from . import previews
from .answer_fields import answer, answer_fields
from .answers import page_answer

MessageContentAnswer = records.MessageContentAnswer


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


MessageSummaryAnswer = answer(
    "MessageSummaryAnswer",
    records.SUMMARY,
    "``MessageSummary`` (``message_records.summary``): ``from``/``to``, an object error.",
)


MessagePageAnswer = page_answer(
    "MessagePageAnswer", MessageSummaryAnswer, "``POST /messages/list``."
)


SentSmsAnswer = answer("SentSmsAnswer", sends.SENT_SMS, "``SentSmsDetails``.")
SentMmsAnswer = answer(
    "SentMmsAnswer",
    sends.SENT_MMS,
    "``SentMmsDetails``: one id per message (the sandbox sends one).",
)
ScheduledSendAnswer = answer(
    "ScheduledSendAnswer",
    sends.SCHEDULED_SEND,
    "``ScheduledMessage``: a send with ``options.schedule`` (never sent in the sandbox).",
)
# A send answers the message, or its schedule when ``options.schedule`` is given.
SMS_SENT = (SentSmsAnswer, ScheduledSendAnswer)
MMS_SENT = (SentMmsAnswer, ScheduledSendAnswer)

ScheduledSummaryAnswer = answer(
    "ScheduledSummaryAnswer",
    records.SCHEDULED,
    "``ScheduledMessageSummary`` (``message_records.scheduled``).",
)


SchedulePageAnswer = page_answer(
    "SchedulePageAnswer", ScheduledSummaryAnswer, "``POST /messages/schedules/list``."
)


SmsValidationAnswer = answer(
    "SmsValidationAnswer",
    previews.SMS_VALIDATION,
    "``SmsValidationResult`` (``previews.sms_validation``).",
)
MmsValidationAnswer = answer(
    "MmsValidationAnswer",
    previews.MMS_VALIDATION,
    "``MmsValidationResult`` (``previews.mms_validation``).",
)
