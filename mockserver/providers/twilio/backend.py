"""Toll-free verification operations, named after Twilio's API and free of HTTP.

Twilio's onboarding guide supplies the business rules: which numbers and customer profiles
may be verified (422), one open verification per number (409), and edits only of
resubmittable rejections (``docs/reference/twilio-tollfree-verification.md``).
"""

from dataclasses import dataclass, field
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
from mockserver.webhooks import Event, Request, Sender

from . import review, routing
from .accounts import TFV_PROFILE_TYPES as VALID_PROFILE_TYPES
from .accounts import AccountDirectory
from .directory_facade import DirectoryFacade
from .errors import InvalidValue, Unprocessable, VerificationConflict
from .event_streams import EventStreams
from .events import EVENT_FOR_ACTION, verification_event
from .inbound_facade import INBOUND_WEBHOOK_TIMEOUT, InboundFacade
from .message_models import MESSAGE_LIFECYCLE
from .messages import MESSAGES, Messages
from .messaging_facade import MessagingFacade
from .models import (
    LIFECYCLE,
    REQUIRED_ON_EDIT,
    VERIFICATION,
    VERIFICATIONS,
    Status,
    missing_business_fields,
    new_verification,
    pascal_case,
)
from .opt_outs import OptOuts
from .records import PROVIDER, ProfileStatus
from .services import MessagingServices
from .services_facade import ServicesFacade
from .streams_facade import EventStreamsFacade

_EDIT_REFUSALS = {
    Status.PENDING_REVIEW: "Cannot edit a submission pending review",
    Status.IN_REVIEW: "Cannot edit a submission in review",
    Status.TWILIO_APPROVED: "Cannot edit an approved submission",
}


def _created(record: dict) -> str:
    """A verification's place in its list (newest first), which the account index keeps:
    records join it in creation order, which is date order while the clock never goes back."""
    return str(record.get("date_created") or "")


@dataclass(frozen=True)
class VerificationFilters:
    """The list endpoint's filters, already validated."""

    status: str | None = None
    tollfree_phone_number_sid: str | None = None
    external_reference_id: str | None = None
    trust_product_sids: tuple[str, ...] = field(default_factory=tuple)
    include_sub_accounts: bool = False

    @property
    def narrowing(self) -> bool:
        """Whether any filter leaves records out: any but IncludeSubAccounts (which only
        widens) differs from its default."""
        return self != VerificationFilters(include_sub_accounts=self.include_sub_accounts)

    def matches(self, record: dict) -> bool:
        """Whether a verification passes every filter."""
        return (
            (self.status is None or record.get("status") == self.status)
            and (
                self.tollfree_phone_number_sid is None
                or record.get("tollfree_phone_number_sid") == self.tollfree_phone_number_sid
            )
            and (
                self.external_reference_id is None
                or record.get("external_reference_id") == self.external_reference_id
            )
            and (
                not self.trust_product_sids
                or record.get("trust_product_sid") in self.trust_product_sids
            )
        )


class TwilioBackend(
    DirectoryFacade, EventStreamsFacade, MessagingFacade, InboundFacade, ServicesFacade
):
    """Create, fetch, list, edit and delete toll-free verifications per account, and review
    them; the one road to accounts, numbers, Event Streams and messages too (the facade
    parts)."""

    def __init__(
        self,
        store: RecordStore,
        clock: Clock,
        ids: IdFactory,
        *,
        strict_auth: bool = False,
        hooks: ReviewHooks | None = None,
        webhook_urls: tuple[str, ...] = (),
        webhook_timeout: float = 5.0,
    ):
        self._store, self._clock, self._ids = store, clock, ids
        self._hooks = hooks or NoHooks()
        self._webhook_urls = tuple(webhook_urls)
        # Twilio waits 15 s for an incoming-message webhook (docs/reference/twilio-messaging.md
        # §7); a longer --webhook-timeout lengthens it.
        self._inbound_sender = Sender(timeout=max(INBOUND_WEBHOOK_TIMEOUT, webhook_timeout))
        self.accounts = AccountDirectory(store, clock, ids, strict_auth=strict_auth)
        self.streams = EventStreams(store, clock, ids)
        self.messages = Messages(store, ids)
        self.opt_outs = OptOuts(store)
        self.services = MessagingServices(store, clock, ids)
        store.index(VERIFICATIONS, "account_sid", order=_created)
        store.index(VERIFICATIONS, "tollfree_phone_number_sid")

    def create_verification(self, account_sid: str, values: dict) -> dict:
        """Submit a number for verification; the record starts in ``PENDING_REVIEW``."""
        with self._store.transaction():
            number = self._verifiable_number(account_sid, values["tollfree_phone_number_sid"])
            if values.get("customer_profile_sid"):
                self._check_customer_profile(account_sid, values["customer_profile_sid"])
            self._check_no_open_verification(number["sid"])
            now = self._clock.now()
            record = new_verification(
                sid=self._fresh_sid(),
                account_sid=account_sid,
                phone_number=number["phone_number"],
                now=format_iso(now),
                values=values,
            )
            record["scenario"] = self._hooks.submitted(
                PROVIDER,
                record["sid"],
                inputs={
                    "business_name": record["business_name"],
                    "external_reference_id": record["external_reference_id"],
                },
                phone_keys=[number["sid"], number["phone_number"]],
                at=now,
            )
            self._store.put(VERIFICATIONS, record["sid"], record)
            self._hooks.emit([self._event("pending-review", record, now)])
            return record

    def fetch_verification(self, account_sid: str, sid: str, *, shared: bool = False) -> dict:
        """Return one of the account's verifications (``shared``: read-only, see
        ``mockserver.shared_docs``) or raise NotFound."""
        record = self._store.get(VERIFICATIONS, sid, shared=shared)
        if record is None or record["account_sid"] != account_sid:
            raise NotFound(f"verification {sid} not found")
        return record

    def list_verifications(
        self,
        account_sid: str,
        filters: VerificationFilters,
        *,
        offset: int = 0,
        limit: int | None = None,
        shared: bool = False,
    ) -> list[dict]:
        """The account's verifications matching ``filters``, newest first: the ``limit`` of
        them from ``offset`` on (``shared``: read-only). Without a narrowing filter the walk
        along the account index reads only the page's records; a filter reads the account's
        records until the page is full."""
        owners = (
            self.accounts.family(account_sid) if filters.include_sub_accounts else [account_sid]
        )
        if filters.tollfree_phone_number_sid:
            field, values = "tollfree_phone_number_sid", [filters.tollfree_phone_number_sid]

            def where(record: dict) -> bool:
                return record.get("account_sid") in owners and filters.matches(record)
        else:
            field, values = "account_sid", owners
            where = filters.matches if filters.narrowing else None
        return self._store.select(
            VERIFICATIONS,
            field,
            values,
            where=where,
            newest_first=True,
            order=_created,
            offset=offset,
            limit=limit,
            shared=shared,
        )

    def update_verification(self, account_sid: str, sid: str, values: dict) -> dict:
        """Edit a rejected, resubmittable verification; it goes back to ``PENDING_REVIEW``."""
        with self._store.transaction():
            record = self.fetch_verification(account_sid, sid)
            status = Status(record["status"])
            if status in _EDIT_REFUSALS:
                raise InvalidValue(f"{_EDIT_REFUSALS[status]} {sid}")
            if not record["edit_allowed"]:
                raise InvalidValue(
                    f"Cannot edit a rejected submission that is not resubmittable {sid}"
                )
            if not values:
                raise InvalidValue("No values were submitted as part of a resubmission.")
            editable = VERIFICATION.editable()
            changed = {
                name: value
                for name, value in values.items()
                if name in editable and record[name] != value
            }
            if not changed:
                raise InvalidValue("No values were different when resubmitting.")
            record.update(changed)
            blank = [name for name in REQUIRED_ON_EDIT if not record[name]]
            blank += missing_business_fields(record)
            if blank:
                raise InvalidValue(
                    "Missing mandatory fields for submitting a verification: "
                    + ", ".join(pascal_case(name) for name in blank)
                )
            self._check_no_open_verification(record["tollfree_phone_number_sid"], besides=sid)
            now = self._clock.now()
            record["edit_reason"] = values.get("edit_reason")
            change = self._apply(record, Action.RESUBMIT, now)
            self._hooks.resubmitted(PROVIDER, sid, now)
            self._hooks.emit(change.events)
            return record

    def delete_verification(self, account_sid: str, sid: str) -> None:
        """Delete a verification in any status; the phone number stays in the account."""
        with self._store.transaction():
            self.fetch_verification(account_sid, sid)
            self._store.delete(VERIFICATIONS, sid)
            self._hooks.removed(PROVIDER, sid)

    def listed_records(self, kind: str) -> list[dict]:
        """Every verification or message of every account, as stored."""
        table = {"verification": VERIFICATIONS, "message": MESSAGES}.get(kind)
        return self._store.scan(table) if table else []

    def reset_tenant(self, account_sid: str) -> list[str]:
        """Delete an account, its subaccounts and all they own; return the SIDs removed.

        Their verifications' plans go through the review hooks. An unknown SID removes
        nothing (and returns ``[]``).
        """
        with self._store.transaction():
            if self.accounts.account(account_sid) is None:
                return []
            family = self.accounts.family(account_sid)
            for owner in family:
                for record in self._store.find(VERIFICATIONS, "account_sid", owner):
                    self._store.delete(VERIFICATIONS, record["sid"])
                    self._hooks.removed(PROVIDER, record["sid"])
            for sid in self.messages.forget(family):
                self._hooks.removed(PROVIDER, sid)
            self.streams.remove_accounts(family)
            self.services.remove_accounts(family)
            self.opt_outs.forget(family)
            self.accounts.remove_accounts(family)
            return family

    # -- what the lifecycle engine drives ----------------------------------------------

    def owns(self, record_id: str) -> bool:
        """Whether ``record_id`` is a verification or a message of this sandbox."""
        return self._store.exists(_table_of(record_id), record_id)

    def lifecycle_of(self, record_id: str) -> Lifecycle:
        """Verifications follow the review loop, messages the delivery flow."""
        return MESSAGE_LIFECYCLE if _table_of(record_id) == MESSAGES else LIFECYCLE

    def status_of(self, record_id: str) -> str:
        """The record's REST status (NotFound if it is gone)."""
        return self._engine_record(record_id)["status"]

    def apply_action(
        self, record_id: str, action: Action, *, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        """Apply an action at time ``at``; the caller queues the returned events."""
        with self._store.transaction():
            record = self._engine_record(record_id)
            if _table_of(record_id) == MESSAGES:
                return self.apply_message_action(record, action, at, verdict)
            return self._apply(record, action, at, verdict)

    def deliveries_for(self, event: Event) -> list[Request]:
        """Signed requests for every destination of ``event``."""
        return routing.route(
            event, accounts=self.accounts, streams=self.streams, webhook_urls=self._webhook_urls
        )

    # -- internals ---------------------------------------------------------------------

    def _engine_record(self, record_id: str) -> dict:
        table = _table_of(record_id)
        record = self._store.get(table, record_id)
        if record is None:
            kind = "message" if table == MESSAGES else "verification"
            raise NotFound(f"{kind} {record_id} not found")
        return record

    def _apply(
        self, record: dict, action: Action, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        before = record["status"]
        target = LIFECYCLE.target(before, action)
        check_move(
            action,
            record["sid"],
            edit_allowed=record["edit_allowed"],
            expired=bool(record["expired_on"]),
            refusal="its rejection is not resubmittable (delete it and submit again)",
        )
        rejection = review.apply(
            record, action, at=at, ids=self._ids, verdict=verdict, target=target
        )
        self._store.put(VERIFICATIONS, record["sid"], record)
        expires = rejection.expiry_due if rejection else None
        event = self._event(EVENT_FOR_ACTION[action], record, at)
        return Change(record["sid"], action, before, target, [event], expires)

    def _event(self, kind: str, record: dict, at: datetime) -> Event:
        account = self.accounts.account(record["account_sid"]) or {}
        return verification_event(
            kind,
            record,
            at=at,
            parent_sid=account.get("parent_sid"),
            event_id=self._ids.uuid4(),
            source=self._ids.uuid4(),
        )

    def _verifiable_number(self, account_sid: str, phone_number_sid: str) -> dict:
        number = self.accounts.phone_number(phone_number_sid)
        if number is None:
            raise Unprocessable("TollFree phone number not found.")
        if number["account_sid"] != account_sid:
            raise Unprocessable("Toll-Free phone number is not associated with an account.")
        if not number["toll_free"]:
            raise Unprocessable("Provided tollFreeNumber is not Toll-Free.")
        return number

    def _check_no_open_verification(self, phone_number_sid: str, besides: str | None = None):
        def still_open(other: dict) -> bool:
            return other["sid"] != besides and other["status"] != Status.TWILIO_REJECTED

        number_field = "tollfree_phone_number_sid"
        if self._store.any(VERIFICATIONS, number_field, phone_number_sid, still_open):
            raise VerificationConflict()

    def _check_customer_profile(self, account_sid: str, profile_sid: str) -> None:
        profile = self.accounts.customer_profile(profile_sid)
        if profile is None or profile["account_sid"] != account_sid:
            raise Unprocessable("Provided Customer Profile does not exist.")
        if not self.accounts.has_approved_primary_profile(account_sid):
            raise Unprocessable("No primary profile for account.")
        if profile["profile_type"] not in VALID_PROFILE_TYPES:
            raise Unprocessable("Provided Customer Profile is not of the right profile type.")
        if profile["status"] != ProfileStatus.TWILIO_APPROVED:
            raise Unprocessable("Provided Customer Profile is not approved.")

    def _fresh_sid(self) -> str:
        while True:
            sid = self._ids.sid("HH")
            if not self._store.exists(VERIFICATIONS, sid):
                return sid


def _table_of(record_id: str) -> str:
    """Where a record the engine names lives: messages are ``SM…``/``MM…``."""
    return MESSAGES if record_id[:2] in ("SM", "MM") else VERIFICATIONS
