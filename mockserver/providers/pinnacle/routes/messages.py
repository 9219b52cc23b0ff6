"""``/messages/send/sms`` and ``/messages/send/mms``."""

from ..schemas import load
from ..schemas import messages as schema
from . import backend, body, bp, ok, tenant


@bp.post("/messages/send/sms")
def send_sms():
    """Accept an SMS from a number that may send."""
    values = load(schema.SmsSchema(), body())
    return ok(schema.sent(backend().send(tenant(), {**values, "kind": "SMS"})))


@bp.post("/messages/send/mms")
def send_mms():
    """Accept an MMS from a number that may send."""
    values = load(schema.MmsSchema(), body())
    return ok(schema.sent(backend().send(tenant(), {**values, "kind": "MMS"})))
