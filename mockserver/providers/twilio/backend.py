"""Toll-free verification operations, named after Twilio's API and free of HTTP.

Seed 003 supplies the business rules: which numbers and customer profiles may be verified
(422), one open verification per number (409), and edits only of resubmittable rejections.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from mockserver.clock import Clock, format_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.rejections import REJECTION_CODES
from mockserver.store import Store

from .accounts import TFV_PROFILE_TYPES as VALID_PROFILE_TYPES
from .accounts import AccountDirectory, ProfileStatus
from .errors import InvalidValue, Unprocessable, VerificationConflict
from .models import (
    EDITABLE_FIELDS,
    Status,
    missing_business_fields,
    new_verification,
    pascal_case,
)

VERIFICATIONS = "twilio_verifications"
EDIT_WINDOW = timedelta(days=7)
# Fields a resubmission may not blank out (the spec-required ones).
REQUIRED_ON_EDIT = (
    "business_name",
    "business_website",
    "notification_email",
    "use_case_categories",
    "use_case_summary",
    "production_message_sample",
    "opt_in_image_urls",
    "opt_in_type",
    "message_volume",
)
_EDIT_REFUSALS = {
    Status.PENDING_REVIEW: "Cannot edit a submission pending review",
    Status.IN_REVIEW: "Cannot edit a submission in review",
    Status.TWILIO_APPROVED: "Cannot edit an approved submission",
}


@dataclass(frozen=True)
class VerificationFilters:
    """The list endpoint's filters, already validated."""

    status: str | None = None
    tollfree_phone_number_sid: str | None = None
    external_reference_id: str | None = None
    trust_product_sids: tuple[str, ...] = field(default_factory=tuple)
    include_sub_accounts: bool = False

    def matches(self, record: dict) -> bool:
        """Whether a verification passes every filter."""
        return (
            (self.status is None or record["status"] == self.status)
            and (
                self.tollfree_phone_number_sid is None
                or record["tollfree_phone_number_sid"] == self.tollfree_phone_number_sid
            )
            and (
                self.external_reference_id is None
                or record["external_reference_id"] == self.external_reference_id
            )
            and (
                not self.trust_product_sids
                or record["trust_product_sid"] in self.trust_product_sids
            )
        )


class TwilioBackend:
    """Create, fetch, list, edit and delete toll-free verifications per account."""

    def __init__(self, store: Store, clock: Clock, ids: IdFactory, *, strict_auth: bool = False):
        self._store, self._clock, self._ids = store, clock, ids
        self.accounts = AccountDirectory(store, clock, ids, strict_auth=strict_auth)
        store.index(VERIFICATIONS, "account_sid")
        store.index(VERIFICATIONS, "tollfree_phone_number_sid")

    def create_verification(self, account_sid: str, values: dict) -> dict:
        """Submit a number for verification; the record starts in ``PENDING_REVIEW``."""
        with self._store.transaction():
            number = self._verifiable_number(account_sid, values["tollfree_phone_number_sid"])
            if values.get("customer_profile_sid"):
                self._check_customer_profile(account_sid, values["customer_profile_sid"])
            self._check_no_open_verification(number["sid"])
            record = new_verification(
                sid=self._fresh_sid(),
                account_sid=account_sid,
                phone_number=number["phone_number"],
                now=format_iso(self._clock.now()),
                values=values,
            )
            self._store.put(VERIFICATIONS, record["sid"], record)
            return record

    def fetch_verification(self, account_sid: str, sid: str) -> dict:
        """Return one of the account's verifications or raise NotFound."""
        record = self._store.get(VERIFICATIONS, sid)
        if record is None or record["account_sid"] != account_sid:
            raise NotFound(f"verification {sid} not found")
        return record

    def list_verifications(self, account_sid: str, filters: VerificationFilters) -> list[dict]:
        """The account's verifications matching ``filters``, newest first."""
        owners = (
            self.accounts.family(account_sid) if filters.include_sub_accounts else [account_sid]
        )
        with self._store.transaction():
            if filters.tollfree_phone_number_sid:
                candidates = [
                    record
                    for record in self._store.find(
                        VERIFICATIONS,
                        "tollfree_phone_number_sid",
                        filters.tollfree_phone_number_sid,
                    )
                    if record["account_sid"] in owners
                ]
            else:
                candidates = [
                    record
                    for owner in owners
                    for record in self._store.find(VERIFICATIONS, "account_sid", owner)
                ]
        matching = [record for record in reversed(candidates) if filters.matches(record)]
        matching.sort(key=lambda record: record["date_created"], reverse=True)
        return matching

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
            changed = {
                name: value
                for name, value in values.items()
                if name in EDITABLE_FIELDS and record[name] != value
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
            self._reopen(record, edit_reason=values.get("edit_reason"))
            self._store.put(VERIFICATIONS, sid, record)
            return record

    def delete_verification(self, account_sid: str, sid: str) -> None:
        """Delete a verification in any status; the phone number stays in the account."""
        with self._store.transaction():
            self.fetch_verification(account_sid, sid)
            self._store.delete(VERIFICATIONS, sid)

    def set_status(
        self,
        sid: str,
        status: Status,
        *,
        codes: tuple[int, ...] = (),
        edit_allowed: bool | None = None,
    ) -> dict:
        """Apply a review outcome to a verification (the lifecycle engine's entry point)."""
        with self._store.transaction():
            record = self._store.get(VERIFICATIONS, sid)
            if record is None:
                raise NotFound(f"verification {sid} not found")
            now = self._clock.now()
            if status == Status.PENDING_REVIEW:
                self._reopen(record, edit_reason=record.get("edit_reason"))
            else:
                self._clear_rejection(record)
            if status in (Status.IN_REVIEW, Status.TWILIO_APPROVED, Status.TWILIO_REJECTED):
                self._attach_trust_product(record)
            if status == Status.TWILIO_REJECTED:
                self._reject(record, codes or (30445,), edit_allowed, now)
            record["status"] = status.value
            record["date_updated"] = format_iso(now)
            self._store.put(VERIFICATIONS, sid, record)
            return record

    # -- internals ---------------------------------------------------------------------

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
        for other in self._store.find(VERIFICATIONS, "tollfree_phone_number_sid", phone_number_sid):
            if other["sid"] != besides and other["status"] != Status.TWILIO_REJECTED:
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

    def _reopen(self, record: dict, edit_reason: str | None) -> None:
        self._clear_rejection(record)
        record["status"] = Status.PENDING_REVIEW.value
        record["edit_reason"] = edit_reason
        record["date_updated"] = format_iso(self._clock.now())

    @staticmethod
    def _clear_rejection(record: dict) -> None:
        for name in (
            "rejection_reason",
            "error_code",
            "rejection_reasons",
            "edit_expiration",
            "edit_allowed",
            "rejected_on",
        ):
            record[name] = None

    def _attach_trust_product(self, record: dict) -> None:
        # Twilio creates the business profile (variant 2.1) and the toll-free bundle
        # asynchronously; they show up once review has started (seed 003 §2, §6 events).
        if not record["customer_profile_sid"]:
            record["customer_profile_sid"] = self._ids.sid("BU")
        if not record["trust_product_sid"]:
            record["trust_product_sid"] = self._ids.sid("BU")
        if not record["regulated_item_sid"]:
            record["regulated_item_sid"] = self._ids.sid("RA")

    @staticmethod
    def _reject(record: dict, codes: tuple[int, ...], edit_allowed: bool | None, now) -> None:
        unknown = [code for code in codes if code not in REJECTION_CODES]
        if unknown:
            raise InvalidValue(f"Unknown rejection codes: {', '.join(map(str, unknown))}")
        rows = [REJECTION_CODES[code] for code in codes]
        record["rejection_reasons"] = [{"reason": row.reason, "code": row.code} for row in rows]
        record["rejection_reason"] = rows[0].reason
        record["error_code"] = rows[0].code
        if edit_allowed is None:
            edit_allowed = all(row.resubmittable for row in rows)
        record["edit_allowed"] = edit_allowed
        record["rejected_on"] = format_iso(now)
        record["edit_expiration"] = format_iso(now + EDIT_WINDOW)

    def _fresh_sid(self) -> str:
        while True:
            sid = self._ids.sid("HH")
            if not self._store.exists(VERIFICATIONS, sid):
                return sid
