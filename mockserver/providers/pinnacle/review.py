"""What a review action does to a brand, a campaign or an attached number's record.

Rejections carry readable reasons: the scenario step's ``reason`` when it has one, else the
descriptions of its rejection codes (Twilio's table in ``mockserver/rejections.py``, shared by
every provider).
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.lifecycle import NO_VERDICT, Action, Verdict
from mockserver.rejections import DEFAULT_CODES, rows_for


def apply(
    record: dict,
    action: Action,
    target: str,
    *,
    at: datetime,
    verdict: Verdict = NO_VERDICT,
) -> None:
    """Move ``record`` to ``target`` and set or clear its findings."""
    record["status"] = target
    record["updated_at"] = format_iso_ms(at)
    if action == Action.REJECT:
        rows, reason = rows_for(verdict.codes or DEFAULT_CODES), verdict.reason
        record["errors"] = [reason] if reason else [row.reason for row in rows]
        record["feedback"] = [
            {
                "id": str(row.code),
                "display_name": row.reason,
                "description": reason or row.reason,
                "fields": [],
            }
            for row in rows
        ]
    elif action in (Action.APPROVE, Action.RESUBMIT):
        record["errors"], record["feedback"] = [], []
