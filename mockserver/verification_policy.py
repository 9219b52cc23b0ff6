"""The toll-free verification policy Twilio applies and the platform API wraps.

A reviewer rejects with carrier codes (``rejections.REJECTION_CODES``; 30445 when none is
named). The client may edit and resubmit the rejected record for ``EDIT_WINDOW`` when every
code is resubmittable, unless the verdict says otherwise; when the window closes the rejection
expires and stays rejected. Both providers keep their own record shapes and ask this module
what a move means (``docs/reference/twilio-tollfree-verification.md``).
"""

from dataclasses import dataclass
from datetime import datetime

from mockserver.errors import InvalidAction
from mockserver.lifecycle import Action, Verdict
from mockserver.rejections import (
    DEFAULT_CODES,
    EDIT_WINDOW,
    RejectionCode,
    edit_allowed_for,
    rows_for,
)


@dataclass(frozen=True)
class Rejection:
    """A rejection as the policy decides it: its code rows and whether the client may edit."""

    reasons: tuple[RejectionCode, ...]
    edit_allowed: bool
    rejected_at: datetime

    @property
    def window_closes(self) -> datetime:
        """When the edit window ends (it runs even when no edit is allowed)."""
        return self.rejected_at + EDIT_WINDOW

    @property
    def expiry_due(self) -> datetime | None:
        """When the engine should expire the rejection: only an editable one expires."""
        return self.window_closes if self.edit_allowed else None


def reject(verdict: Verdict, at: datetime) -> Rejection:
    """The rejection ``verdict`` decides at ``at`` (ValidationFailed naming an unknown code)."""
    rows = tuple(rows_for(verdict.codes or DEFAULT_CODES))
    return Rejection(rows, edit_allowed_for(list(rows), verdict.edit_allowed), at)


def check_move(
    action: Action, record_id: str, *, edit_allowed: bool | None, expired: bool, refusal: str
) -> None:
    """InvalidAction unless the policy allows ``action`` on the record now: only an editable
    rejection expires or is resubmitted, and it expires once. ``refusal`` says why not and what
    to do instead (each provider words it its own way)."""
    if action in (Action.EXPIRE, Action.RESUBMIT) and not edit_allowed:
        raise InvalidAction(f"cannot {action.value} {record_id}: {refusal}")
    if action == Action.EXPIRE and expired:
        raise InvalidAction(f"the edit window of {record_id} already expired")


def editable_until(
    edit_allowed: bool | None, window_closes: datetime | None, now: datetime
) -> bool:
    """Whether a rejected record may still be edited in place at ``now``."""
    return bool(edit_allowed) and window_closes is not None and now < window_closes
