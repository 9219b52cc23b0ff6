"""What a review action does to a brand, a campaign or an attached number's record.

Rejections carry readable reasons: the scenario step's ``reason`` when it has one, else the
descriptions of its rejection codes (seed 003's table, shared by every provider).
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.errors import ValidationFailed
from mockserver.lifecycle import Action
from mockserver.rejections import REJECTION_CODES

DEFAULT_CODES = (30445,)


def reasons(codes: tuple[int, ...], reason: str | None) -> list[str]:
    """The readable reasons of a rejection."""
    if reason:
        return [reason]
    unknown = [code for code in codes if code not in REJECTION_CODES]
    if unknown:
        raise ValidationFailed(
            f"Unknown rejection codes: {', '.join(map(str, unknown))}",
            {"codes": "see seed 003's rejection table"},
        )
    return [REJECTION_CODES[code].reason for code in codes or DEFAULT_CODES]


def apply(
    record: dict,
    action: Action,
    target: str,
    *,
    at: datetime,
    codes: tuple[int, ...] = (),
    reason: str | None = None,
) -> None:
    """Move ``record`` to ``target`` and set or clear its findings."""
    record["status"] = target
    record["updated_at"] = format_iso_ms(at)
    if action == Action.REJECT:
        found = reasons(codes, reason)
        record["errors"] = found
        record["feedback"] = [
            {
                "id": str(code),
                "display_name": REJECTION_CODES[code].reason,
                "description": found[0] if reason else REJECTION_CODES[code].reason,
                "fields": [],
            }
            for code in codes or DEFAULT_CODES
            if code in REJECTION_CODES
        ]
    elif action in (Action.APPROVE, Action.RESUBMIT):
        record["errors"], record["feedback"] = [], []
