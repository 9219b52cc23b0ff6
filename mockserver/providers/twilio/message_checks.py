"""What Twilio checks before it accepts a message, in the order it reports the first problem
(codes and wording: ``docs/reference/twilio-messaging.md`` §4, scheduling §9)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from mockserver.clock import parse_iso
from mockserver.nanp import E164
from mockserver.webhooks import url_problem

from .errors import MessageError
from .message_models import (
    ASYNC_ERRORS,
    MAGIC_RECIPIENTS,
    MAX_BODY,
    MAX_MEDIA,
    NO_SENDER,
    OPTED_OUT,
    UNREACHABLE,
)

SCHEDULE_EARLIEST = timedelta(seconds=300)  # the newest scheduling pages (§9)
SCHEDULE_LATEST = timedelta(days=35)
_ALPHANUMERIC_SENDER = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")


@dataclass(frozen=True)
class CheckedSend:
    """An accepted send: the number that will send it (chosen from the pool for a service
    send without ``From``), its Messaging Service, and when a scheduled one goes out."""

    sender: dict
    service: dict | None = None
    send_at: datetime | None = None


@dataclass(frozen=True)
class SendContext:
    """What the checks look up, for the sending account: its number by E.164, its service by
    SID, a service's pool (number entries, oldest first), and opt-outs."""

    number: Callable[[str], dict | None]
    service: Callable[[str], dict | None]
    pool: Callable[[str], list[dict]]
    opted_out: Callable[[dict, dict | None, str], bool]


def check_send(values: dict, context: SendContext, now: datetime) -> CheckedSend:
    """Raise Twilio's error for the first thing wrong with a send, or say how it goes."""
    to, given_sender = values.get("to"), values.get("from")
    body, media = values.get("body"), values.get("media_url") or []
    service_sid = values.get("messaging_service_sid")
    if not to:
        raise MessageError(21604, "A 'To' phone number is required.")
    if not given_sender and not service_sid:
        raise MessageError(21603, "A 'From' phone number is required.")
    if not body and not media and not values.get("content_sid"):
        raise MessageError(21619, "A text message body or media urls must be specified.")
    if body and len(body) > MAX_BODY:
        raise MessageError(21617, "The concatenated message body exceeds the 1600 character limit.")
    if not E164.match(to):
        raise MessageError(21211, f"The 'To' number {to} is not a valid phone number.")
    service = _service(service_sid, context) if service_sid else None
    pool = context.pool(service["sid"]) if service else []
    if service and not pool:  # at send time, synchronously (docs §4)
        raise MessageError(21704, "The Messaging Service contains no phone numbers")
    send_at = _schedule(values, service, now)
    sender = _sender(given_sender, pool, service is not None, context)
    channel = "MMS" if media else "SMS"
    if to in MAGIC_RECIPIENTS:
        _refuse(MAGIC_RECIPIENTS[to], to, sender["phone_number"], channel)
    if context.opted_out(sender, service, to):
        _refuse(OPTED_OUT, to, sender["phone_number"], channel)
    _check_media(media)
    if media and not to.startswith("+1"):  # MMS reaches the US and Canada only
        _refuse(UNREACHABLE, to, sender["phone_number"], channel)
    _check_callback(values.get("status_callback"))
    _check_validity(values.get("validity_period"))
    return CheckedSend(sender, service, send_at)


def _check_callback(callback: str | None) -> None:
    """At most 4,000 characters, an http(s) URL, a hostname without ``_`` (21609's page)."""
    if not callback:
        return
    host = urlsplit(callback).hostname or "" if url_problem(callback) is None else ""
    if len(callback) > 4000 or not host or "_" in host:
        raise MessageError(21609, f"The StatusCallback URL {callback} is not a valid URL.")


def _check_validity(value: str | None) -> None:
    """``ValidityPeriod``: whole seconds from 1 to 36,000."""
    if value is None:
        return
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 5 and 1 <= int(text) <= 36000):
        raise MessageError(21624, "Invalid validity period value")


def _refuse(error: tuple[int, str], to: str, sender: str, channel: str) -> None:
    code, wording = error
    raise MessageError(code, wording.format(to=to, sender=sender, channel=channel))


def _service(sid: str, context: SendContext) -> dict:
    if not (len(sid) == 34 and sid.startswith("MG")):
        raise MessageError(21705, "The Messaging Service is invalid")
    service = context.service(sid)
    if service is None:
        raise MessageError(21701, "The Messaging Service does not exist")
    return service


def _schedule(values: dict, service: dict | None, now: datetime) -> datetime | None:
    """When a ``ScheduleType=fixed`` send goes out (``SendAt`` alone schedules nothing, as
    Twilio's FAQ describes it)."""
    kind = values.get("schedule_type")
    if kind is None:
        return None
    if service is None:
        raise MessageError(35118, "MessagingServiceSid is required to schedule a message")
    if kind != "fixed":
        raise MessageError(
            35126, "The ScheduleType value provided is not supported for this channel"
        )
    if not values.get("send_at"):
        raise MessageError(35111, "SendAt timestamp is missing")
    try:
        send_at = parse_iso(values["send_at"].strip())
    except (ValueError, OverflowError):
        send_at = None
    if send_at is None or not now + SCHEDULE_EARLIEST <= send_at <= now + SCHEDULE_LATEST:
        raise MessageError(35114, "Scheduling does not support this timestamp")
    return send_at


def _sender(given: str | None, pool: list[dict], pooled: bool, context: SendContext) -> dict:
    """The number that sends: ``From`` (which must be the account's, and in the service's
    ``pool`` when sent through one: ``pooled``), else the pool's first number."""
    if given is None:
        number = context.number(pool[0]["phone_number"])
        if number is None:  # the pool outlived the number: nothing can send
            raise MessageError(NO_SENDER, ASYNC_ERRORS[NO_SENDER])
        return number
    if not (E164.match(given) or _alphanumeric(given)):
        raise MessageError(
            21212,
            f"The 'From' number {given} is not a valid phone number, shortcode, or "
            "alphanumeric sender ID.",
        )
    number = context.number(given)
    in_pool = not pooled or any(entry["sid"] == (number or {}).get("sid") for entry in pool)
    if number is None or not in_pool:
        raise MessageError(
            21606,
            f"The From phone number {given} is not a valid, SMS-capable inbound phone "
            "number or short code for your account.",
        )
    return number


def _alphanumeric(sender: str) -> bool:
    return 1 <= len(sender) <= 11 and set(sender) <= _ALPHANUMERIC_SENDER and not sender.isdigit()


def _check_media(media: list[str]) -> None:
    if len(media) > MAX_MEDIA:
        raise MessageError(21623, "Number of media files exceeds allowed limit")
    for url in media:
        if url_problem(url) is not None or not url.lower().startswith(("http://", "https://")):
            raise MessageError(21620, "Invalid media URL(s)")
