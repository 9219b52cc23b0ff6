"""Sending SMS and MMS: who may send, segment counts, and the log the control API shows.

Nothing reaches a handset: accepted messages are recorded (``GET /_mock/messages``), like
LocalStack's SES and SNS outboxes.
"""

from datetime import datetime, timedelta

from mockserver.clock import format_iso_ms
from mockserver.ids import IdFactory
from mockserver.store import Store

from . import segments
from .errors import BadRequest, Forbidden
from .models import MESSAGE_PREFIX, SCHEDULE_PREFIX, NumberStatus
from .numbers import NumberBook

MESSAGES = "pinnacle_messages"
MIN_SCHEDULE_LEAD = timedelta(minutes=5)


class Messaging:
    """Accept messages from senders that may send, and remember them."""

    def __init__(self, store: Store, ids: IdFactory, numbers: NumberBook):
        self._store, self._ids, self._numbers = store, ids, numbers
        store.index(MESSAGES, "tenant")

    def send(self, tenant: str, message: dict, at: datetime) -> dict:
        """Record an SMS or MMS (``kind``) from one of the tenant's numbers (``sender``)."""
        with self._store.transaction():
            sender = self._numbers.get(tenant, message["sender"])
            self._check_may_send(sender)
            count, encoding = segments.count(message.get("text") or "")
            schedule = (message.get("options") or {}).get("schedule")
            if schedule:
                schedule = _checked_schedule(schedule, at)
            record = {
                "id": self._fresh_id(SCHEDULE_PREFIX if schedule else MESSAGE_PREFIX),
                "seq": self._store.next_number(MESSAGES),
                "tenant": tenant,
                "type": message["kind"],
                "from": sender["number"],
                "to": message["to"],
                "text": message.get("text"),
                "media_urls": message.get("media_urls") or [],
                "segments": count if message["kind"] == "SMS" else 1,
                "encoding": encoding,
                "cost": segments.sms_cost(count)
                if message["kind"] == "SMS"
                else segments.mms_cost(1),
                "status": "SCHEDULED" if schedule else "QUEUED",
                "schedule": schedule,
                "options": message.get("options") or {},
                "created_at": format_iso_ms(at),
            }
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

        found = (
            self._store.find(MESSAGES, "tenant", tenant, where=matches)
            if tenant is not None
            else self._store.scan(MESSAGES, matches)
        )
        return sorted(found, key=lambda m: m.get("seq") or 0)

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
