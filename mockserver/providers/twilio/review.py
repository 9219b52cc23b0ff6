"""What each review action does to a verification record.

The rules: ``docs/reference/twilio-tollfree-verification.md``.

Pure record edits: the backend checks the move against ``LIFECYCLE``, stores the result and
raises the matching Event Streams event.
"""

from datetime import datetime

from mockserver.clock import format_iso
from mockserver.ids import IdFactory
from mockserver.lifecycle import NO_VERDICT, Action, Verdict
from mockserver.verification_policy import Rejection, reject

_REJECTION_FIELDS = (
    "rejection_reason",
    "error_code",
    "rejection_reasons",
    "edit_expiration",
    "edit_allowed",
    "rejected_on",
)


def apply(
    record: dict,
    action: Action,
    *,
    at: datetime,
    ids: IdFactory,
    verdict: Verdict = NO_VERDICT,
    target: str,
) -> Rejection | None:
    """Change ``record`` in place for ``action`` at ``at``; ``target`` is the new status.
    Returns the rejection a REJECT made (None for other actions)."""
    rejection = None
    if action == Action.REVIEW:
        attach_trust_product(record, ids)
    elif action == Action.APPROVE:
        attach_trust_product(record, ids)
        clear_rejection(record)
    elif action == Action.REJECT:
        attach_trust_product(record, ids)
        rejection = reject(verdict, at)
        record_rejection(record, rejection)
    elif action == Action.EXPIRE:
        record["expired_on"] = format_iso(at)
    elif action == Action.RESUBMIT:
        clear_rejection(record)
    record["status"] = target
    record["date_updated"] = format_iso(at)
    return rejection


def attach_trust_product(record: dict, ids: IdFactory) -> None:
    """Twilio creates the business profile (variant 2.1) and the toll-free bundle once review
    starts (the onboarding guide and the ``requested`` event's data)."""
    if not record["customer_profile_sid"]:
        record["customer_profile_sid"] = ids.sid("BU")
    if not record["trust_product_sid"]:
        record["trust_product_sid"] = ids.sid("BU")
    if not record["regulated_item_sid"]:
        record["regulated_item_sid"] = ids.sid("RA")


def clear_rejection(record: dict) -> None:
    """Back to a record without a rejection (the guide's edit answer has them all null)."""
    for name in _REJECTION_FIELDS:
        record[name] = None
    record["expired_on"] = None


def record_rejection(record: dict, rejection: Rejection) -> None:
    """Fill every rejection field in Twilio's words (``{reason, code}`` entries)."""
    rows = rejection.reasons
    record["rejection_reasons"] = [{"reason": row.reason, "code": row.code} for row in rows]
    record["rejection_reason"] = rows[0].reason
    record["error_code"] = rows[0].code
    record["edit_allowed"] = rejection.edit_allowed
    record["rejected_on"] = format_iso(rejection.rejected_at)
    record["edit_expiration"] = format_iso(rejection.window_closes)
    record["expired_on"] = None
