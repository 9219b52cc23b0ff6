"""What each review action does to a platform verification record.

Pure record edits; the backend checks the move against ``LIFECYCLE`` first. A rejection
carries ``{code, description}`` entries (Twilio's ``{reason, code}``, renamed by the platform)
and ``edit_allowed``; the 7-day edit window is Twilio's, which the platform wraps (the
vendor's page names the window, Twilio's onboarding guide its length; see
``docs/reference/platform-setups.md``).
"""

from datetime import datetime

from mockserver.clock import format_iso, format_iso_ms, parse_iso
from mockserver.lifecycle import Action
from mockserver.rejections import DEFAULT_CODES, EDIT_WINDOW, edit_allowed_for, rows_for


def apply(
    record: dict,
    action: Action,
    *,
    at: datetime,
    target: str,
    codes: tuple[int, ...] = (),
    edit_allowed: bool | None = None,
) -> None:
    """Change ``record`` in place for ``action`` at ``at``; ``target`` is the new status."""
    if action == Action.REJECT:
        reject(record, codes or DEFAULT_CODES, edit_allowed, at)
    elif action in (Action.APPROVE, Action.RESUBMIT):
        record.update(rejection_reasons=None, edit_allowed=None, edit_expires_at=None)
    record["status"] = target
    record["updated_at"] = format_iso(at)


def reject(record: dict, codes: tuple[int, ...], edit_allowed: bool | None, at: datetime) -> None:
    """Fill the rejection; ``edit_allowed`` defaults to whether every code is resubmittable."""
    rows = rows_for(codes)
    allowed = edit_allowed_for(rows, edit_allowed)
    record["rejection_reasons"] = [{"code": row.code, "description": row.reason} for row in rows]
    record["edit_allowed"] = allowed
    record["edit_expires_at"] = format_iso_ms(at + EDIT_WINDOW) if allowed else None


def can_edit_in_place(record: dict, now: datetime) -> bool:
    """A rejected record is updated in place while its edit is allowed and the window open."""
    expires = record.get("edit_expires_at")
    return bool(record["edit_allowed"]) and expires is not None and now < parse_iso(expires)
