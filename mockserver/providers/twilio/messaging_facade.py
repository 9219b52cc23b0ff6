"""The Twilio backend's road to Programmable Messaging: send, read, redact, delete, deliver.

Routes call these methods of ``TwilioBackend``; each write is one store transaction, in which
a new message binds its delivery scenario (``story: message``) and every status change
queues its status callback.
"""

from datetime import datetime

from mockserver.clock import Clock
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.lifecycle import NO_VERDICT, Action, Change, ReviewHooks, Verdict
from mockserver.live import Announce, unannounced
from mockserver.store_contract import RecordStore

from .accounts import AccountDirectory
from .callbacks import status_event
from .errors import MessageError
from .media import find
from .message_checks import SendContext, check_send
from .message_models import CALLBACK_STATUSES, DEFAULT_SCENARIO, MessageStatus
from .messages import MESSAGES, MessageFilters, Messages, gated
from .models import VERIFICATIONS, Status
from .opt_outs import OptOuts
from .records import PROVIDER
from .services import MessagingServices


class MessagingFacade:
    """Messages per account (a part of ``TwilioBackend``)."""

    _store: RecordStore
    _clock: Clock
    _ids: IdFactory
    _hooks: ReviewHooks
    accounts: AccountDirectory
    messages: Messages
    opt_outs: OptOuts
    services: MessagingServices
    announce: Announce = staticmethod(unannounced)  # the runtime's, set by the provider

    def send_message(self, account_sid: str, values: dict, direction: str = "outbound-api") -> dict:
        """Accept a message: ``queued`` from one of the account's numbers, ``accepted`` through
        a Messaging Service, ``scheduled`` for later. Its delivery scenario starts at once (a
        scheduled one's at ``SendAt``)."""
        with self._store.transaction():
            now = self._clock.now()
            checked = check_send(values, self._send_context(account_sid), now)
            record = self.messages.new(account_sid, values, checked, now, direction)
            record["scenario"] = self._hooks.submitted(
                PROVIDER,
                record["sid"],
                inputs={"to": record["to"], "from": record["sender"], "body": record["body"]},
                phone_keys=[record["to"]],
                at=checked.send_at or now,
                kind_default=DEFAULT_SCENARIO,
                story="message",
            )
            self._store.put(MESSAGES, record["sid"], record)
        self.announce("message", PROVIDER, message_news(record), account_sid)
        return record

    def message(self, account_sid: str, sid: str, *, shared: bool = False) -> dict:
        """One of the account's messages (NotFound otherwise)."""
        return self.messages.owned(account_sid, sid, shared=shared)

    def message_page(
        self, account_sid: str, filters: MessageFilters, *, offset: int, limit: int
    ) -> list[dict]:
        """A page of the account's messages, newest first (read-only)."""
        return self.messages.page(account_sid, filters, offset=offset, limit=limit)

    def all_messages(self, **filters: str | None) -> list[dict]:
        """Every message matching the filters that are set (``account_sid``, ``sender``,
        ``to``, ``status``, ``direction``), oldest first: what the control API shows."""
        return self.messages.matching(**filters)

    def redact_message(self, account_sid: str, sid: str) -> dict:
        """Blank a settled message's body."""
        with self._store.transaction():
            record = self.messages.owned(account_sid, sid)
            finished = self._hooks.finished(PROVIDER, sid)
            return self.messages.redact(record, self._clock.now(), finished=finished)

    def cancel_message(self, account_sid: str, sid: str) -> dict:
        """Cancel a scheduled message (30409 once it is on its way); its plan stops."""
        with self._store.transaction():
            record = self.messages.owned(account_sid, sid)
            if record["status"] != MessageStatus.SCHEDULED:
                raise MessageError(30409, "This message cannot be canceled")
            change = self.apply_message_action(record, Action.CANCEL, self._clock.now())
            self._hooks.removed(PROVIDER, sid)
            self._hooks.emit(change.events)
            return record

    def delete_message_media(self, account_sid: str, message_sid: str, media_sid: str) -> None:
        """Delete one medium of a settled message (NotFound if it has no such medium)."""
        with self._store.transaction():
            record = self.messages.owned(account_sid, message_sid)
            if find(record, media_sid) is None:
                raise NotFound(f"media {media_sid} not found")
            finished = self._hooks.finished(PROVIDER, message_sid)
            self.messages.delete_media(record, media_sid, self._clock.now(), finished=finished)

    def delete_message(self, account_sid: str, sid: str) -> None:
        """Delete a settled message; its plan goes with it."""
        with self._store.transaction():
            record = self.messages.owned(account_sid, sid)
            self.messages.delete(record, finished=self._hooks.finished(PROVIDER, sid))
            self._hooks.removed(PROVIDER, sid)

    # -- what the engine drives -----------------------------------------------------------

    def apply_message_action(
        self, record: dict, action: Action, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        """Move a message one step and queue its status callback."""
        change = self.messages.apply(
            record, action, at=at, verdict=verdict, blocked=self._blocked, sender=self._pooled
        )
        if change.after == change.before or change.after not in CALLBACK_STATUSES:
            return change  # a queue step is reported only when a service left ``accepted``
        event = status_event(record, at, idempotency_token=self._ids.uuid4())
        return change.with_events([event])

    def _pooled(self, record: dict) -> str | None:
        """The number a service's message goes from when it is queued: the one it was given
        or first chosen while that number is still in the pool, else the pool's first number
        the account still owns (None: none is left)."""
        service_sid = record.get("messaging_service_sid")
        if not service_sid:
            return record["sender"]
        pool = [entry["phone_number"] for entry in self.services.sender_pool(service_sid)]
        owned = [n for n in pool if self._sender(record["account_sid"], n) is not None]
        if record["sender"] in owned:
            return record["sender"]
        return owned[0] if owned else None

    def _blocked(self, record: dict) -> bool:
        """The toll-free gate: a toll-free sender to US/Canada needs an approved verification
        at the moment the message is sent."""
        if not gated(record["sender"], record["to"]):
            return False
        sender = self._sender(record["account_sid"], record["sender"])
        if sender is None:  # released meanwhile: no approved verification speaks for it
            return True
        return not self._store.any(
            VERIFICATIONS,
            "tollfree_phone_number_sid",
            sender["sid"],
            lambda verification: verification.get("status") == Status.TWILIO_APPROVED,
        )

    def _send_context(self, account_sid: str) -> SendContext:
        """What a send's checks look up, as the sending account sees it."""

        def service(sid: str) -> dict | None:
            found = self.services.get(sid)
            return found if found and found["account_sid"] == account_sid else None

        def opted_out(number: dict, chosen: dict | None, handset: str) -> bool:
            scopes = self._scopes(number) + ([chosen["sid"]] if chosen else [])
            return self.opt_outs.blocked(account_sid, scopes, handset)

        return SendContext(
            number=lambda e164: self._sender(account_sid, e164),
            service=service,
            pool=self.services.sender_pool,
            opted_out=opted_out,
        )

    def _scopes(self, number: dict) -> list[str]:
        """What an opt-out from this number covers: the number, and its Messaging Service."""
        service = self.services.service_of_number(number["sid"])
        return [number["phone_number"]] + ([service["sid"]] if service else [])

    def _sender(self, account_sid: str, phone_number: str | None) -> dict | None:
        number = self.accounts.number_by_e164(phone_number) if phone_number else None
        return number if number and number["account_sid"] == account_sid else None


def message_news(record: dict) -> dict:
    """What watchers are told of a new message."""
    return {
        "record_id": record["sid"],
        "direction": record["direction"],
        "from": record.get("from") or record.get("sender"),
        "to": record["to"],
        "status": record["status"],
        "at": record["date_created"],
    }
