"""What each review action does to a platform verification record.

Pure record edits; the backend checks the move against ``LIFECYCLE`` first. A rejection
carries ``{code, description}`` entries (Twilio's ``{reason, code}``, renamed by the platform)
and ``edit_allowed``; the 7-day edit window is Twilio's, which the platform wraps (the
vendor's page names the window, Twilio's onboarding guide its length; see
``docs/reference/platform-setups.md``).
"""

from datetime import datetime

from mockserver.clock import format_iso, format_iso_ms, parse_iso
from mockserver.lifecycle import NO_VERDICT, Action, Verdict
from mockserver.verification_policy import Rejection, editable_until, reject


def apply(
    record: dict,
    action: Action,
    *,
    at: datetime,
    target: str,
    verdict: Verdict = NO_VERDICT,
) -> Rejection | None:
    """Change ``record`` in place for ``action`` at ``at``; ``target`` is the new status.
    Returns the rejection a REJECT made (None for other actions)."""
    rejection = None
    if action == Action.REJECT:
        rejection = reject(verdict, at)
        record_rejection(record, rejection)
    elif action in (Action.APPROVE, Action.RESUBMIT):
        record.update(rejection_reasons=None, edit_allowed=None, edit_expires_at=None)
    record["status"] = target
    record["updated_at"] = format_iso(at)
    return rejection


def record_rejection(record: dict, rejection: Rejection) -> None:
    """Fill the rejection in the platform's words (``{code, description}`` entries)."""
    rows = rejection.reasons
    record["rejection_reasons"] = [{"code": row.code, "description": row.reason} for row in rows]
    record["edit_allowed"] = rejection.edit_allowed
    record["edit_expires_at"] = (
        format_iso_ms(rejection.expiry_due) if rejection.expiry_due else None
    )


def can_edit_in_place(record: dict, now: datetime) -> bool:
    """A rejected record is updated in place while its edit is allowed and the window open."""
    expires = record.get("edit_expires_at")
    return editable_until(record["edit_allowed"], parse_iso(expires) if expires else None, now)
