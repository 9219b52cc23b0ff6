"""``/messages/…``: send SMS and MMS, read back what was accepted, dry-run a send, and the
scheduled messages; ``/messages/react``."""

from ..errors import Forbidden
from ..schemas import load, page_body, previews
from ..schemas import message_records as records
from ..schemas import messages as schema
from . import backend, body, bp, ok, tenant


@bp.post("/messages/send/sms")
def send_sms():
    """Accept an SMS from a number that may send."""
    values = load(schema.SmsSchema(), body())
    return ok(schema.sent(backend().send(tenant(), "SMS", values)))


@bp.post("/messages/send/mms")
def send_mms():
    """Accept an MMS from a number that may send."""
    values = load(schema.MmsSchema(), body())
    return ok(schema.sent(backend().send(tenant(), "MMS", values)))


@bp.get("/messages/<message_id>")
def get_message(message_id: str):
    """One message the sandbox accepted for this key."""
    return ok(records.message(backend().get_message(tenant(), message_id)))


@bp.post("/messages/list")
def list_messages():
    """The key's messages, newest first, filtered, one page."""
    filters = load(records.MessageListSchema(), body())
    return ok(page_body(backend().list_messages(tenant(), filters, records.summary)))


@bp.post("/messages/validate/sms")
def validate_sms():
    """Segments and price of an SMS text in both encodings; nothing is sent."""
    values = load(previews.SmsValidateSchema(), body())
    return ok(previews.sms_validation(backend().preview_sms(values["text"])))


@bp.post("/messages/validate/mms")
def validate_mms():
    """Which files an MMS could carry, its segments and price; nothing is sent."""
    values = load(previews.MmsValidateSchema(), body())
    found = backend().preview_mms(values["media_urls"], values["text"] or "")
    return ok(previews.mms_validation(found))


@bp.post("/messages/schedules/list")
def list_schedules():
    """The key's scheduled messages, newest first, one page."""
    filters = load(records.ScheduleListSchema(), body())
    found = backend().list_schedules(tenant(), filters, records.scheduled)
    return ok(page_body(found))


@bp.delete("/messages/schedule/<schedule_id>")
def cancel_schedule(schedule_id: str):
    """Cancel a scheduled message (the sandbox would never have sent it anyway)."""
    backend().cancel_schedule(tenant(), schedule_id)
    return ok({"success": True})


@bp.post("/messages/blasts/list")
def list_blasts():
    """Always empty: the sandbox emulates no audiences, so no blast was ever sent."""
    load(records.BlastListSchema(), body())
    return ok(records.empty_page())


@bp.post("/messages/react")
def react():
    """404 for a message the key does not have; else 403: reactions are not emulated."""
    values = load(records.ReactSchema(), body())
    backend().get_message(tenant(), values["message_id"])
    raise Forbidden(
        "Reactions are not enabled for this sandbox account: the sandbox sends no reaction "
        "message. It emulates SMS and MMS sends (POST /messages/send/sms, /messages/send/mms)."
    )
