"""Sending SMS and MMS: who may send, segment counts, and the log the control API shows.

Nothing reaches a handset: accepted messages are recorded (``GET /_mock/pinnacle/messages``), like
LocalStack's SES and SNS outboxes, and stay ``QUEUED``: the sandbox simulates no delivery.
A scheduled message is a schedule (``msg_sched_…``), never a message: the sandbox never
fires it, so it is listed with the schedules, not with the messages.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from mockserver.clock import format_iso_ms, parse_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.sms_segments import count as count_segments
from mockserver.store_contract import RecordStore

from . import previews, prices
from .errors import BadRequest, Forbidden
from .models import MESSAGE, MESSAGE_PREFIX, SCHEDULE_PREFIX, MessageStatus, NumberStatus
from .numbers import NumberBook
from .paging import Page, Render, by_seq, stored_page

MESSAGES = "pinnacle_messages"
MIN_SCHEDULE_LEAD = timedelta(minutes=5)
QUEUED, SCHEDULED, CANCELLED = (status.value for status in MessageStatus)


class Messaging:
    """Accept messages from senders that may send, and remember them."""

    def __init__(self, store: RecordStore, ids: IdFactory, numbers: NumberBook):
        self._store, self._ids, self._numbers = store, ids, numbers
        store.index(MESSAGES, "tenant", order=by_seq)

    def send(self, tenant: str, kind: str, message: dict, at: datetime) -> dict:
        """Record an SMS or MMS (``kind``) from one of the tenant's numbers (``from``)."""
        with self._store.transaction():
            sender = self._numbers.get(tenant, message["from"])
            self._check_may_send(sender)
            count, encoding = count_segments(message.get("text") or "")
            options = message.get("options") or {}
            schedule = options.get("schedule")
            if schedule:
                schedule = _checked_schedule(schedule, at)
            sms = kind == "SMS"
            system = {
                "id": self._fresh_id(SCHEDULE_PREFIX if schedule else MESSAGE_PREFIX),
                "seq": self._store.next_number(MESSAGES),
                "tenant": tenant,
                "type": kind,
                "from": sender["number"],
                "segments": count if sms else 1,
                "encoding": encoding,
                "cost": prices.sms_cost(count) if sms else prices.mms_cost(1),
                "status": SCHEDULED if schedule else QUEUED,
                "schedule": schedule,
                "created_at": format_iso_ms(at),
            }
            record = MESSAGE.new_record({**message, "options": options}, **system)
            self._store.put(MESSAGES, record["id"], record)
            return record

    def sent(
        self,
        *,
        tenant: str | None = None,
        sender: str | None = None,
        to: str | None = None,
        type: str | None = None,
    ) -> list[dict]:
        """Every recorded message matching the filters, oldest first."""
        filters = {"tenant": tenant, "from": sender, "to": to, "type": type}
        wanted = {key: value for key, value in filters.items() if value is not None}

        def matches(message: dict) -> bool:
            return all(message.get(k) == v for k, v in wanted.items())

        if tenant is not None:
            return self._store.select(MESSAGES, "tenant", [tenant], where=matches, order=by_seq)
        return sorted(self._store.scan(MESSAGES, matches), key=by_seq)

    def get(self, tenant: str, message_id: str) -> dict:
        """One of the tenant's messages (NotFound for a schedule, another's or none)."""
        record = self._store.get(MESSAGES, message_id)
        if record is None or record.get("tenant") != tenant:
            raise NotFound(f"Message {message_id} not found.")
        if _is_schedule(record):
            raise NotFound(
                f"Message {message_id} not found: it is a scheduled message (POST "
                "/messages/schedules/list), and the sandbox never sends scheduled messages."
            )
        return record

    def list_messages(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's messages matching ``filters``, newest first."""
        wanted = _message_filter(filters)

        def matches(record: dict) -> bool:
            return not _is_schedule(record) and wanted(record)

        return stored_page(
            self._store, MESSAGES, tenant, filters, matches,
            newest_first=True, render=render, kind="message", key="id",
        )  # fmt: skip

    def list_schedules(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's scheduled messages matching ``filters``, newest first."""
        wanted = _schedule_filter(filters)

        def matches(record: dict) -> bool:
            return _is_schedule(record) and wanted(record)

        return stored_page(
            self._store, MESSAGES, tenant, filters, matches,
            newest_first=True, render=render, kind="scheduled message", key="id",
        )  # fmt: skip

    def cancel_schedule(self, tenant: str, schedule_id: str, at: datetime) -> dict:
        """Cancel one of the tenant's scheduled messages (400 if it already is)."""
        with self._store.transaction():
            record = self._store.get(MESSAGES, schedule_id)
            if record is None or record.get("tenant") != tenant or not _is_schedule(record):
                raise NotFound(f"Scheduled message {schedule_id} not found.")
            if record.get("status") == CANCELLED:
                raise BadRequest(f"Scheduled message {schedule_id} is already cancelled.")
            record.update(status=CANCELLED, updated_at=format_iso_ms(at))
            self._store.put(MESSAGES, schedule_id, record)
            return record

    @staticmethod
    def preview_sms(text: str) -> previews.SmsPreview:
        """What sending ``text`` as an SMS would take; nothing is sent or recorded."""
        return previews.sms(text)

    @staticmethod
    def preview_mms(media_urls: list[str], text: str) -> previews.MmsPreview:
        """What sending these files and text as an MMS would take; nothing is sent."""
        return previews.mms(media_urls, text)

    def forget(self, tenant: str) -> None:
        """Forget a tenant's messages."""
        for record in self._store.find(MESSAGES, "tenant", tenant):
            self._store.delete(MESSAGES, record["id"])

    def clear(self) -> int:
        """Forget every recorded message; return how many there were."""
        with self._store.transaction():
            records = self._store.scan(MESSAGES)
            for record in records:
                self._store.delete(MESSAGES, record["id"])
            return len(records)

    @staticmethod
    def _check_may_send(sender: dict) -> None:
        number = sender["number"]
        if sender["type"] != "TOLL_FREE":
            raise Forbidden(
                f"{number} is a local number: it needs a verified 10DLC campaign, which this "
                "sandbox does not emulate. Send from a verified toll-free number."
            )
        if sender["status"] is None:
            raise Forbidden(
                f"Toll-free number {number} is not verified: attach it to a VERIFIED toll-free "
                "campaign (POST /phone-numbers/attach-campaign) and wait for its review."
            )
        if sender["status"] != NumberStatus.VERIFIED:
            raise Forbidden(
                f"Toll-free number {number} cannot send until its verification is complete "
                f"(status {sender['status']}, campaign {sender['campaign_id']})."
            )

    def _fresh_id(self, prefix: str) -> str:
        while True:
            message_id = prefix + self._ids.digits(10)
            if not self._store.exists(MESSAGES, message_id):
                return message_id


def _checked_schedule(schedule: dict, at: datetime) -> dict:
    """A schedule that starts at least 5 minutes from now (the SDK documents that), as stored."""
    send_at = schedule.pop("send_at_utc")
    end = schedule.pop("end_date_utc", None)
    if send_at < at + MIN_SCHEDULE_LEAD:
        raise BadRequest(
            "sendAt must be at least 5 minutes in the future.",
            {"options.schedule.sendAt": f"Must be after {format_iso_ms(at + MIN_SCHEDULE_LEAD)}."},
        )
    if end is not None and end <= send_at:
        raise BadRequest(
            "endDate must be after sendAt.", {"options.schedule.endDate": "Must be after sendAt."}
        )
    return schedule


def _is_schedule(record: dict) -> bool:
    return str(record.get("id", "")).startswith(SCHEDULE_PREFIX) or bool(record.get("schedule"))


def _message_filter(filters: dict) -> Callable[[dict], bool]:
    """``POST /messages/list``'s filters as one test; every sandbox message is an
    outbound one sent through the API."""
    exact = {
        "direction": filters.get("direction"),
        "status": filters.get("status"),
        "type": filters.get("type"),
        "method": filters.get("method"),
        "from": filters.get("sender"),
        "to": filters.get("to"),
    }
    exact = {key: value for key, value in exact.items() if value is not None}
    defaults = {"direction": "OUTBOUND", "method": "API"}
    earliest, latest = filters.get("date_from"), filters.get("date_to")

    def matches(message: dict) -> bool:
        if any(message.get(key, defaults.get(key)) != value for key, value in exact.items()):
            return False
        if not _contains(message, filters.get("content")):
            return False
        if earliest is None and latest is None:
            return True
        created = _created(message)
        return (earliest is None or created >= earliest) and (latest is None or created <= latest)

    return matches


def _schedule_filter(filters: dict) -> Callable[[dict], bool]:
    """``POST /messages/schedules/list``'s filters; every schedule here is a MESSAGE one."""
    status = {"ACTIVE": SCHEDULED, "CANCELLED": CANCELLED, "FAILED": "FAILED"}.get(
        filters.get("status") or ""
    )

    def matches(record: dict) -> bool:
        if filters.get("schedule_type") not in (None, "MESSAGE"):
            return False
        if status is not None and record.get("status") != status:
            return False
        return _contains(record, filters.get("content"))

    return matches


def _contains(message: dict, content: str | None) -> bool:
    """Whether the text (or a media URL) contains ``content``, ignoring case."""
    if not content:
        return True
    haystack = [message.get("text") or "", *(message.get("media_urls") or [])]
    return any(content.casefold() in str(item).casefold() for item in haystack)


def _created(message: dict) -> datetime:
    try:
        return parse_iso(message["created_at"])
    except (KeyError, TypeError, ValueError):  # a damaged record counts as the oldest
        return datetime.min.replace(tzinfo=UTC)
