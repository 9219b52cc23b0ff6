"""Outbound messages: who may send what to whom, and how a message moves once accepted.

A send is checked synchronously the way Twilio checks it (codes and wording in
``docs/reference/twilio-messaging.md`` §4), stored ``queued``, and then moved by its delivery
scenario on the engine (``queue → send → hand_off → deliver``). The toll-free gate is read
when the message is sent (its ``send`` step): a US/Canada message from a toll-free number
whose verification is not approved is handed off and then ``undelivered`` with 30032, and
so is any message whose scenario says so (the magic recipients' ``undeliver`` steps).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mockserver.clock import format_iso, parse_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.lifecycle import Action, Change, Verdict
from mockserver.nanp import is_toll_free
from mockserver.sms_segments import count as count_segments
from mockserver.store_contract import RecordStore

from .errors import MessageError
from .media import new_media
from .message_checks import CheckedSend
from .message_models import (
    ASYNC_ERRORS,
    GATE_ERROR,
    MESSAGE,
    MESSAGE_LIFECYCLE,
    NO_SENDER,
    PRICE_UNIT,
    SETTLED,
    MessageStatus,
    message_price,
)

MESSAGES = "twilio_messages"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")
_UNKNOWN_ERROR = 30008


def created_order(record: dict) -> str:
    """A message's place in its account's list (newest first)."""
    return str(record.get("date_created") or "")


@dataclass(frozen=True)
class MessageFilters:
    """The list's filters, validated: exact ``To``/``From`` and ``DateSent`` bounds."""

    to: str | None = None
    sender: str | None = None
    sent_on: str | None = None
    sent_before: str | None = None
    sent_after: str | None = None

    @property
    def narrowing(self) -> bool:
        """Whether any filter is set."""
        return self != MessageFilters()

    def matches(self, record: dict) -> bool:
        """Whether a message passes every filter (a date compares by UTC day, a timestamp to
        the second, both inclusive; a message not sent yet matches no ``DateSent`` filter)."""
        if self.to is not None and record.get("to") != self.to:
            return False
        if self.sender is not None and record.get("from") != self.sender:
            return False
        sent = record.get("date_sent")
        return date_matches(sent, self.sent_on, self.sent_before, self.sent_after)


def date_matches(stamp: str | None, on: str | None, before: str | None, after: str | None) -> bool:
    """Whether a stored time passes a 2010 date filter (``X``, ``X<``, ``X>``: each a day
    or a time, inclusive); a missing time passes only when no bound is set."""
    bounds = (on, before, after)
    if all(bound is None for bound in bounds):
        return True
    if not stamp:
        return False
    return all(
        bound is None or _compare(stamp, bound, way)
        for bound, way in zip(bounds, ("=", "<", ">"), strict=True)
    )


def _compare(sent: str, bound: str, way: str) -> bool:
    """``sent`` (stored ISO) against a ``DateSent`` bound: a ``YYYY-MM-DD`` day or a time."""
    if len(bound) == 10:
        left, right = sent[:10], bound
    else:
        left, right = format_iso(parse_iso(sent)), format_iso(parse_iso(bound))
    return {"=": left == right, "<": left <= right, ">": left >= right}[way]


def date_sent_bound(value: str) -> str:
    """A ``DateSent`` value as the filter keeps it (ValueError if it is neither a date nor a
    time)."""
    value = value.strip()
    if len(value) == 10:
        if not value.isascii():  # strptime would read other scripts' digits
            raise ValueError(f"not a date: {value!r}")
        datetime.strptime(value, "%Y-%m-%d")
        return value
    if len(value) > 40 or not _DAY.match(value):
        raise ValueError(f"not a date or a time: {value[:40]!r}")
    return format_iso(parse_iso(value))


class Messages:
    """The accounts' messages: checked sends, lookups, redaction, deletion and delivery."""

    def __init__(self, store: RecordStore, ids: IdFactory):
        self._store, self._ids = store, ids
        store.index(MESSAGES, "account_sid", order=created_order)

    def new(
        self,
        account_sid: str,
        values: dict,
        checked: CheckedSend,
        at: datetime,
        direction: str = "outbound-api",
    ) -> dict:
        """A checked send as a new record, not stored yet (the caller binds its scenario
        first): ``queued`` from its number; through a service ``accepted`` (or ``scheduled``),
        its sender and segments shown once it is queued. A TwiML reply is ``outbound-reply``."""
        media = list(values.get("media_url") or [])
        body = values.get("body") or ""
        segments = segments_of(body)
        now = format_iso(at)
        service = checked.service or {}
        validity = values.get("validity_period")
        status = MessageStatus.QUEUED
        if service:
            status = MessageStatus.SCHEDULED if checked.send_at else MessageStatus.ACCEPTED
        record = MESSAGE.new_record(
            {},
            sid=self._fresh_sid("MM" if media else "SM"),
            account_sid=account_sid,
            body=body,
            num_segments=0 if service else segments,
            num_media=len(media),
            media=new_media(media, lambda: self._ids.sid("ME"), now),
            to=values["to"],
            status=status.value,
            date_created=now,
            date_updated=now,
            status_callback=values.get("status_callback") or service.get("status_callback"),
            validity_period=int(validity) if validity else None,
            direction=direction,
            messaging_service_sid=service.get("sid"),
            sender=checked.sender["phone_number"],
            send_at=format_iso(checked.send_at) if checked.send_at else None,
            **{"from": None if service else checked.sender["phone_number"]},
        )
        return record

    def new_inbound(self, account_sid: str, sender: str, to: str, body: str, media: list[str],
                    at: datetime) -> dict:  # fmt: skip
        """A message a handset sent to one of the account's numbers, stored ``received``."""
        now = format_iso(at)
        segments = segments_of(body)
        record = MESSAGE.new_record(
            {},
            sid=self._fresh_sid("MM" if media else "SM"),
            account_sid=account_sid,
            body=body,
            num_segments=segments,
            num_media=len(media),
            media=new_media(media, lambda: self._ids.sid("ME"), now),
            to=to,
            direction="inbound",
            status=MessageStatus.RECEIVED.value,
            date_created=now,
            date_updated=now,
            date_sent=now,
            price=message_price(segments, len(media)),
            price_unit=PRICE_UNIT,
            **{"from": sender},
        )
        self._store.put(MESSAGES, record["sid"], record)
        return record

    def get(self, sid: str, *, shared: bool = False) -> dict | None:
        """A message by SID, whoever owns it (None if there is none)."""
        return self._store.get(MESSAGES, sid, shared=shared)

    def owned(self, account_sid: str, sid: str, *, shared: bool = False) -> dict:
        """One of the account's messages (NotFound otherwise)."""
        record = self.get(sid, shared=shared)
        if record is None or record.get("account_sid") != account_sid:
            raise NotFound(f"message {sid} not found")
        return record

    def page(
        self, account_sid: str, filters: MessageFilters, *, offset: int, limit: int
    ) -> list[dict]:
        """The account's messages passing ``filters``, newest first, ``limit`` of them from
        ``offset`` on (read-only copies)."""
        return self._store.select(
            MESSAGES,
            "account_sid",
            [account_sid],
            where=filters.matches if filters.narrowing else None,
            newest_first=True,
            order=created_order,
            offset=offset,
            limit=limit,
            shared=True,
        )

    def matching(self, **filters: str | None) -> list[dict]:
        """Every message whose fields equal the filters that are set (``sender`` is
        ``from``), oldest first."""
        wanted = {("from" if k == "sender" else k): v for k, v in filters.items() if v}

        def matches(record: dict) -> bool:
            return all(record.get(key) == value for key, value in wanted.items())

        if wanted.get("account_sid"):
            found = self._store.find(MESSAGES, "account_sid", wanted["account_sid"], matches)
        else:
            found = self._store.scan(MESSAGES, matches)
        return sorted(found, key=created_order)

    def redact(self, record: dict, at: datetime, *, finished: bool) -> dict:
        """Blank a settled message's body (20009 while it is still being processed)."""
        _check_settled(record, finished, "Cannot redact a message that is still being processed.")
        record.update(body="", date_updated=format_iso(at))
        self._store.put(MESSAGES, record["sid"], record)
        return record

    def delete_media(self, record: dict, media_sid: str, at: datetime, *, finished: bool) -> None:
        """Delete one medium of a settled message (20009 while it is on its way)."""
        _check_settled(record, finished, "Cannot delete media of a message still being processed.")
        record["media"] = [m for m in record["media"] if m.get("sid") != media_sid]
        record["date_updated"] = format_iso(at)
        self._store.put(MESSAGES, record["sid"], record)

    def delete(self, record: dict, *, finished: bool) -> None:
        """Delete a settled message (20009 while it is still being processed)."""
        _check_settled(
            record, finished, "Cannot delete message because delivery has not been completed."
        )
        self._store.delete(MESSAGES, record["sid"])

    def forget(self, account_sids: list[str]) -> list[str]:
        """Delete every message of these accounts; return their SIDs."""
        gone = [
            message.get("sid")
            for sid in account_sids
            for message in self._store.find(MESSAGES, "account_sid", sid)
            if isinstance(message.get("sid"), str)
        ]
        for sid in gone:
            self._store.delete(MESSAGES, sid)
        return gone

    def apply(
        self,
        record: dict,
        action: Action,
        *,
        at: datetime,
        verdict: Verdict,
        blocked: Callable[[dict], bool],
        sender: Callable[[dict], str | None],
    ) -> Change:
        """Move a message one step (``blocked``: whether the toll-free gate stops it, read
        at its ``send`` step; ``sender``: the number a service's message goes from when it
        is queued, None when its pool has none left); the caller turns the change into its
        callback."""
        before = record["status"]
        target = MESSAGE_LIFECYCLE.target(before, action)
        no_sender = False
        if action == Action.QUEUE and before != target:  # the service's sender, shown now
            record["sender"] = sender(record)
            if record["sender"] is None:
                action, target, no_sender = Action.FAIL, MessageStatus.FAILED.value, True
            else:
                record["from"] = record["sender"]
                record["num_segments"] = segments_of(record.get("body"))
        if action == Action.SEND and blocked(record):
            record["fate"] = GATE_ERROR  # the carrier reports it after the hand-off
        if action == Action.DELIVER and record.get("fate"):
            action, target = Action.UNDELIVER, MessageStatus.UNDELIVERED.value
        stamp = format_iso(at)
        if action == Action.HAND_OFF:
            record.update(date_sent=stamp, price_unit=PRICE_UNIT)
            record["price"] = message_price(record["num_segments"], record["num_media"])
        if action in (Action.UNDELIVER, Action.FAIL):
            # The gate's 30032 is the carrier's report, so it ends an undelivery; a failure
            # before the hand-off keeps its own code.
            code = next(iter(verdict.codes), _UNKNOWN_ERROR)
            if action == Action.UNDELIVER and record.get("fate"):
                code = record["fate"]
            elif no_sender:
                code = NO_SENDER
            record.update(error_code=code, error_message=ASYNC_ERRORS.get(code, "Unknown error"))
        if target != before:
            record.update(status=target, date_updated=stamp)
            self._store.put(MESSAGES, record["sid"], record)
        return Change(record["sid"], action, before, target, tenant=record.get("account_sid"))

    def _fresh_sid(self, prefix: str) -> str:
        while True:
            sid = self._ids.sid(prefix)
            if not self._store.exists(MESSAGES, sid):
                return sid


def gated(sender: str | None, to: str) -> bool:
    """Whether the toll-free gate applies: a toll-free sender and a US/Canada recipient."""
    return bool(sender and is_toll_free(sender) and to.startswith("+1"))


def _check_settled(record: dict, finished: bool, message: str) -> None:
    """Done: a final status, or ``sent`` with no step left (no delivery receipt will come)."""
    status = record["status"]
    if status not in SETTLED and not (status == MessageStatus.SENT and finished):
        raise MessageError(20009, message)


def segments_of(body: str | None) -> int:
    """A message's ``num_segments``: its text's, or 1 for a message of media only."""
    return count_segments(body)[0] if body else 1
