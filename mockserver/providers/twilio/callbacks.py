"""Status callbacks: the form-encoded POST Twilio makes to a message's ``StatusCallback``.

The parameters, headers and signature follow ``docs/reference/twilio-messaging.md`` §6:
``X-Twilio-Signature`` is Base64(HMAC-SHA1(auth token, URL + each parameter name and value
in name order)), which twilio-python's ``RequestValidator`` checks. The idempotency token is
drawn when the event is made, so every retry of one callback carries the same one.
"""

from datetime import datetime
from functools import lru_cache
from urllib.parse import quote_plus

from mockserver.destinations import sent_url
from mockserver.webhooks import Event, Request, url_problem

from .message_models import MessageStatus
from .records import PROVIDER
from .signatures import twilio_signature

MESSAGE_EVENT = "com.twilio.messaging.message."
_ERRORED = (MessageStatus.FAILED, MessageStatus.UNDELIVERED)
_DLR = (MessageStatus.DELIVERED, MessageStatus.UNDELIVERED)
# quote_plus of ASCII text, one character at a time: what it leaves as is, a space as "+",
# anything else as %XX.
_ASCII_FORM = {
    code: "+" if code == 0x20 else f"%{code:02X}"
    for code in range(128)
    if not (chr(code).isalnum() or chr(code) in "_.-~")
}


def status_event(record: dict, at: datetime, *, idempotency_token: str) -> Event:
    """The event of a message reaching its current status (callback and CloudEvent facts)."""
    status = record["status"]
    params = {
        "AccountSid": record["account_sid"],
        "ApiVersion": record["api_version"],
        "From": record["from"] or "",
        "MessageSid": record["sid"],
        "MessageStatus": status,
        "SmsSid": record["sid"],
        "SmsStatus": status,
        "To": record["to"],
    }
    if record.get("messaging_service_sid"):
        params["MessagingServiceSid"] = record["messaging_service_sid"]
    if status in _ERRORED and record.get("error_code"):
        params["ErrorCode"] = str(record["error_code"])
    if status in _DLR:
        # The carrier's %y%m%d%H%M, no zone (formatted by hand: strftime costs more).
        params["RawDlrDoneDate"] = (
            f"{at.year % 100:02d}{at.month:02d}{at.day:02d}{at.hour:02d}{at.minute:02d}"
        )
    return Event(
        provider=PROVIDER,
        type=MESSAGE_EVENT + status,
        account=record["account_sid"],
        record_id=record["sid"],
        occurred_at=at,
        payload={
            "status_callback": record.get("status_callback"),
            "params": params,
            "idempotency_token": idempotency_token,
            # What the Event Streams CloudEvent adds to the callback (``message_events``).
            "body": record.get("body") or "",
            "num_segments": record.get("num_segments"),
        },
    )


def callback_request(event: Event, auth_token: str) -> Request | None:
    """The signed POST to the message's ``StatusCallback`` (None when it has none)."""
    destination = event.payload.get("status_callback")
    if not destination:
        return None
    params = event.payload["params"]
    url = sent_url(destination)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "X-Twilio-Signature": form_signature(url, params, auth_token),
        "I-Twilio-Idempotency-Token": event.payload["idempotency_token"],
        "User-Agent": "TwilioProxy/1.1",
        "X-Home-Region": "us1",
    }
    return Request(destination=destination, url=url, body=form_body(params), headers=headers)


def form_signature(
    url: str, params: dict[str, str], auth_token: str, *, what: str = "StatusCallback"
) -> str:
    """``X-Twilio-Signature`` of a form POST to ``url`` (a URL no client can send to
    raises ValueError naming ``what`` it is)."""
    problem = url_problem(url)
    if problem is not None:
        raise ValueError(f"the {what} {problem}")
    return twilio_signature(url, params, auth_token)


def form_body(params: dict) -> str:
    """``urlencode(params)``, ASCII text quoted by one ``str.translate`` (a callback is
    built at every status change)."""
    return "&".join([f"{_quote(name)}={_quote(value)}" for name, value in params.items()])


def _quote(value: object) -> str:
    text = str(value)
    if not text.isascii():
        return quote_plus(text)
    return text if text.isalnum() else _translated(text)


# Only text with something to quote is cached (its numbers, dates and versions recur at
# every callback); alphanumeric text, most of a callback, is itself at once.
@lru_cache(maxsize=4096)
def _translated(text: str) -> str:
    return text.translate(_ASCII_FORM)
