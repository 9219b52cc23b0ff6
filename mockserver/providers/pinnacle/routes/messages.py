"""``/messages/…``: send SMS and MMS, read back what was accepted, dry-run a send, and the
scheduled messages; ``/messages/react``."""

from mockserver.openapi import documented

from ..errors import Forbidden
from ..schemas import examples, load, page_body, previews
from ..schemas import message_answers as answers
from ..schemas import message_records as records
from ..schemas import messages as schema
from ..schemas.answers import EmptyPageAnswer, SuccessAnswer
from . import backend, body, bp, ok, tenant


@bp.post("/messages/send/sms")
@documented(
    body=schema.SmsSchema,
    answers={200: answers.SMS_SENT},
    errors=(400, 403, 404),
    example=examples.SMS,
)
def send_sms():
    """Accept an SMS from a number that may send (or schedule it with ``options.schedule``).

    The sender must be the key's toll-free number, attached to a verified campaign and
    verified itself (403 otherwise; 404 for a number the key does not have).
    """
    values = load(schema.SmsSchema, body())
    return ok(schema.sent(backend().send(tenant(), "SMS", values)))


@bp.post("/messages/send/mms")
@documented(
    body=schema.MmsSchema,
    answers={200: answers.MMS_SENT},
    errors=(400, 403, 404),
    example=examples.MMS,
)
def send_mms():
    """Accept an MMS from a number that may send (or schedule it with ``options.schedule``).

    The sender must be the key's toll-free number, attached to a verified campaign and
    verified itself (403 otherwise; 404 for a number the key does not have).
    """
    values = load(schema.MmsSchema, body())
    return ok(schema.sent(backend().send(tenant(), "MMS", values)))


@bp.get("/messages/<message_id>")
@documented(answers={200: answers.MessageAnswer}, errors=(404,))
def get_message(message_id: str):
    """One message the sandbox accepted for this key."""
    return ok(records.message(backend().get_message(tenant(), message_id)))


@bp.post("/messages/list")
@documented(
    body=records.MessageListSchema,
    answers={200: answers.MessagePageAnswer},
    errors=(400,),
    example=examples.MESSAGE_LIST,
)
def list_messages():
    """The key's messages, newest first, filtered, one page."""
    filters = load(records.MessageListSchema, body())
    return ok(page_body(backend().list_messages(tenant(), filters, records.summary)))


@bp.post("/messages/validate/sms")
@documented(
    body=previews.SmsValidateSchema,
    answers={200: answers.SmsValidationAnswer},
    errors=(400,),
    example=examples.SMS_VALIDATE,
)
def validate_sms():
    """Segments and price of an SMS text in both encodings; nothing is sent."""
    values = load(previews.SmsValidateSchema, body())
    return ok(previews.sms_validation(backend().preview_sms(values["text"])))


@bp.post("/messages/validate/mms")
@documented(
    body=previews.MmsValidateSchema,
    answers={200: answers.MmsValidationAnswer},
    errors=(400,),
    example=examples.MMS_VALIDATE,
)
def validate_mms():
    """Which files an MMS could carry, its segments and price; nothing is sent."""
    values = load(previews.MmsValidateSchema, body())
    found = backend().preview_mms(values["media_urls"], values["text"] or "")
    return ok(previews.mms_validation(found))


@bp.post("/messages/schedules/list")
@documented(
    body=records.ScheduleListSchema,
    answers={200: answers.SchedulePageAnswer},
    errors=(400,),
    example=examples.SCHEDULE_LIST,
)
def list_schedules():
    """The key's scheduled messages, newest first, one page."""
    filters = load(records.ScheduleListSchema, body())
    found = backend().list_schedules(tenant(), filters, records.scheduled)
    return ok(page_body(found))


@bp.delete("/messages/schedule/<schedule_id>")
@documented(answers={200: SuccessAnswer}, errors=(400, 404))
def cancel_schedule(schedule_id: str):
    """Cancel a scheduled message (the sandbox would never have sent it anyway; 400 when
    it already is)."""
    backend().cancel_schedule(tenant(), schedule_id)
    return ok({"success": True})


@bp.post("/messages/blasts/list")
@documented(
    body=records.BlastListSchema,
    answers={200: EmptyPageAnswer},
    errors=(400,),
    example=examples.PAGE,
)
def list_blasts():
    """The key's blasts: always an empty page (the sandbox emulates no audiences)."""
    load(records.BlastListSchema, body())
    return ok(records.empty_page())


@bp.post("/messages/react")
@documented(
    body=records.ReactSchema,
    answers={},
    errors=(400, 403, 404),
    example=examples.REACT,
)
def react():
    """React to a message: 404 for one the key does not have, else 403 (reactions are not
    emulated)."""
    values = load(records.ReactSchema, body())
    backend().get_message(tenant(), values["message_id"])
    raise Forbidden(
        "Reactions are not enabled for this sandbox account: the sandbox sends no reaction "
        "message. It emulates SMS and MMS sends (POST /messages/send/sms, /messages/send/mms)."
    )
