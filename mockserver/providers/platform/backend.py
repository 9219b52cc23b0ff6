"""Toll-free verification per setup and phone number, free of HTTP.

The rules are summarised in ``docs/reference/platform-setups.md``.

One verification per number: a POST creates it, or, once it is rejected, updates it in place
(inside the edit window, when the edit is allowed) or replaces it with a new record (new
``verification_sid``). When the edit window closes the rejected record is removed, so the
next POST starts fresh. Deleting a number takes its verification with it, except in review.
"""

import time
from collections.abc import Callable
from datetime import datetime

from mockserver.clock import Clock, format_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.lifecycle import (
    NO_VERDICT,
    Action,
    Change,
    Lifecycle,
    NoHooks,
    ReviewHooks,
    Verdict,
)
from mockserver.store_contract import RecordStore
from mockserver.verification_policy import check_move
from mockserver.webhooks import Event, Request

from . import review
from .errors import DeletionBlocked, NotTollFree, VerificationConflict
from .events import EXPIRED, STATUS_CHANGED, resigned, signed_request, verification_event
from .models import LIFECYCLE, VERIFICATION, Status, new_verification
from .setups import SetupDirectory

PROVIDER = "platform"
VERIFICATIONS = "platform_verifications"


class PlatformBackend:
    """Submit, fetch and review verifications; delete phone numbers."""

    def __init__(
        self,
        store: RecordStore,
        clock: Clock,
        ids: IdFactory,
        *,
        hooks: ReviewHooks | None = None,
        wall_clock: Callable[[], float] = time.time,
    ):
        self._store, self._clock, self._ids = store, clock, ids
        self._wall_clock = wall_clock
        self._hooks = hooks or NoHooks()
        self.setups = SetupDirectory(store, clock, ids)
        store.index(VERIFICATIONS, "phone_number_id")

    # -- setups and their numbers (the control API's, and the bearer key) ---------------

    def authenticate(self, api_key: str) -> str:
        """The key, if some setup belongs to it (Unauthorized otherwise)."""
        return self.setups.authenticate(api_key)

    def create_setup(
        self,
        api_key: str,
        *,
        setup_id: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        name: str | None = None,
    ) -> dict:
        """Create a setup owned by ``api_key`` (Conflict if the id is taken)."""
        return self.setups.create_setup(
            api_key,
            setup_id=setup_id,
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            name=name,
        )

    def add_phone_number(
        self, setup_id: str, phone_number: str, *, number_id: str | None = None
    ) -> dict:
        """Give a setup an E.164 number (Conflict if any setup holds it already)."""
        return self.setups.add_phone_number(setup_id, phone_number, number_id=number_id)

    def setup(self, setup_id: str) -> dict:
        """One setup (NotFound otherwise)."""
        return self.setups.setup(setup_id)

    def list_setups(self, api_key: str | None = None) -> list[dict]:
        """Every setup, or the key's."""
        return self.setups.setups(api_key)

    def setup_phone_numbers(self, setup_id: str) -> list[dict]:
        """A setup's numbers, oldest first."""
        return self.setups.phone_numbers(setup_id)

    # -- verifications -----------------------------------------------------------------

    def submit_verification(
        self, api_key: str, setup_id: str, number_id: str, values: dict
    ) -> dict:
        """Create, resubmit in place or replace the number's verification (``pending-review``)."""
        with self._store.transaction():
            number = self.setups.phone_number(api_key, setup_id, number_id)
            if not number["toll_free"]:
                raise NotTollFree()
            current = self._verification_of(number_id)
            now = self._clock.now()
            if current is None:
                return self._create(setup_id, number, values, now)
            if current["status"] != Status.TWILIO_REJECTED:
                raise VerificationConflict()
            if review.can_edit_in_place(current, now):
                return self._resubmit(current, values, now)
            self._remove(current)
            return self._create(setup_id, number, values, now)

    def fetch_verification(self, api_key: str, setup_id: str, number_id: str) -> dict:
        """The number's verification (NotFound if the number has none)."""
        self.setups.phone_number(api_key, setup_id, number_id)
        record = self._verification_of(number_id)
        if record is None:
            raise NotFound("Toll-free verification not found")
        return record

    def delete_phone_number(self, api_key: str, setup_id: str, number_id: str) -> None:
        """Delete a number with its verification; DeletionBlocked while it is in review."""
        with self._store.transaction():
            self.setups.phone_number(api_key, setup_id, number_id)
            record = self._verification_of(number_id)
            if record is not None:
                if record["status"] == Status.IN_REVIEW:
                    raise DeletionBlocked()
                self._remove(record)
            self.setups.remove_phone_number(number_id)

    def listed_records(self, kind: str) -> list[dict]:
        """Every verification, as stored."""
        return self._store.scan(VERIFICATIONS) if kind == "verification" else []

    def reset_tenant(self, api_key: str) -> list[str]:
        """Delete the key's setups with their numbers and verifications; return the key and
        the setup ids (the tenants whose webhooks and journal entries go too), or nothing
        when the key owns no setup."""
        with self._store.transaction():
            setups = self.setups.setups(api_key)
            for setup in setups:
                for number in self.setups.phone_numbers(setup["id"]):
                    record = self._verification_of(number["id"])
                    if record is not None:
                        self._remove(record)
                    self.setups.remove_phone_number(number["id"])
                self.setups.remove_setup(setup["id"])
        return [api_key, *(setup["id"] for setup in setups)] if setups else []

    # -- what the lifecycle engine drives ----------------------------------------------

    def owns(self, record_id: str) -> bool:
        """Whether ``record_id`` is a platform verification SID."""
        return self._store.exists(VERIFICATIONS, record_id)

    def lifecycle_of(self, record_id: str) -> Lifecycle:
        """Every verification follows the same state machine."""
        return LIFECYCLE

    def status_of(self, record_id: str) -> str:
        """The verification's status (NotFound once it is gone)."""
        return self._record(record_id)["status"]

    def apply_action(
        self, record_id: str, action: Action, *, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        """Apply a review action at ``at``; the caller queues the returned events."""
        with self._store.transaction():
            return self._apply(self._record(record_id), action, at, verdict)

    def deliveries_for(self, event: Event) -> list[Request]:
        """The signed POST to the setup's ``webhook_url`` (none without one)."""
        try:
            setup = self.setups.setup(event.account)
        except NotFound:
            return []
        if not setup["webhook_url"]:
            return []
        return [signed_request(event, setup["webhook_url"], setup["webhook_secret"])]

    def sign_delivery(self, delivery: dict) -> dict[str, str]:
        """Headers for one attempt: ``webhook-timestamp`` is when it is sent (the receiver's
        real clock, which Standard Webhooks libraries check against), signed afresh."""
        try:
            setup = self.setups.setup(delivery["target"])
        except NotFound:
            return delivery["headers"]
        return resigned(delivery, setup["webhook_secret"], int(self._wall_clock()))

    def seed_setup(self, setup: dict) -> None:
        """Create a seed file's setup and its numbers, skipping what already exists (a number
        another setup holds now stays there)."""
        directory = self.setups
        with self._store.transaction():
            if not directory.has_setup(setup["id"]):
                directory.create_setup(
                    setup["api_key"],
                    setup_id=setup["id"],
                    webhook_url=setup.get("webhook_url"),
                    webhook_secret=setup.get("webhook_secret"),
                    name=setup.get("name"),
                )
            for number in setup["phone_numbers"]:
                if directory.has_phone_number(number["id"]):
                    continue
                if directory.holder_of(number["phone_number"]) is None:
                    directory.add_phone_number(
                        setup["id"], number["phone_number"], number_id=number["id"]
                    )

    # -- internals ---------------------------------------------------------------------

    def _create(self, setup_id: str, number: dict, values: dict, now: datetime) -> dict:
        record = new_verification(
            sid=self._fresh_sid(),
            setup_id=setup_id,
            number=number,
            now=format_iso(now),
            values=values,
        )
        record["scenario"] = self._hooks.submitted(
            PROVIDER,
            record["verification_sid"],
            inputs={"business_name": record["business_name"]},
            phone_keys=[number["id"], number["phone_number"]],
            at=now,
        )
        self._store.put(VERIFICATIONS, record["verification_sid"], record)
        self._hooks.emit([self._event(STATUS_CHANGED, record, now, previous=None)])
        return record

    def _resubmit(self, record: dict, values: dict, now: datetime) -> dict:
        record.update({name: values.get(name) for name in VERIFICATION.editable()})
        change = self._apply(record, Action.RESUBMIT, now)
        self._hooks.resubmitted(PROVIDER, record["verification_sid"], now)
        self._hooks.emit(change.events)
        return record

    def _apply(
        self, record: dict, action: Action, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        sid, before = record["verification_sid"], record["status"]
        target = LIFECYCLE.target(before, action)
        # An expired platform record is deleted, so "expired twice" cannot happen here.
        check_move(
            action,
            sid,
            edit_allowed=record["edit_allowed"],
            expired=False,
            refusal="its rejection does not allow an edit (POST again to replace it)",
        )
        rejection = review.apply(record, action, at=at, target=target, verdict=verdict)
        if action == Action.EXPIRE:
            # The vendor's page: "The expired record is cleaned up automatically so the next POST
            # starts fresh."
            self._store.delete(VERIFICATIONS, sid)
            event = self._event(EXPIRED, record, at, previous=before)
            return Change(sid, action, before, target, [event], removed=True)
        self._store.put(VERIFICATIONS, sid, record)
        expires = rejection.expiry_due if rejection else None
        event = self._event(STATUS_CHANGED, record, at, previous=before)
        return Change(sid, action, before, target, [event], expires)

    def _remove(self, record: dict) -> None:
        self._store.delete(VERIFICATIONS, record["verification_sid"])
        self._hooks.removed(PROVIDER, record["verification_sid"])

    def _record(self, sid: str) -> dict:
        record = self._store.get(VERIFICATIONS, sid)
        if record is None:
            raise NotFound(f"verification {sid} not found")
        return record

    def _verification_of(self, number_id: str) -> dict | None:
        found = self._store.find(VERIFICATIONS, "phone_number_id", number_id)
        return found[0] if found else None

    def _event(self, kind: str, record: dict, at: datetime, previous: str | None) -> Event:
        return verification_event(
            kind, record, at=at, previous_status=previous, event_id=f"msg_{self._ids.hex(32)}"
        )

    def _fresh_sid(self) -> str:
        while True:
            sid = self._ids.sid("HH")
            if not self._store.exists(VERIFICATIONS, sid):
                return sid
