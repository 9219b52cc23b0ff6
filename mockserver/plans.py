"""Scenario plan documents and the summaries the engine reports about them.

A plan (one per reviewed record, keyed ``provider:record_id``) holds its scenario, phase,
next step, due times and state (``active``, ``finished``, or ``failed`` with an ``error``).
"""

import math
from datetime import UTC, datetime

from mockserver.clock import format_iso
from mockserver.lifecycle import Action, Change


def plan_id_of(provider: str, record_id: str) -> str:
    """The store key of a record's plan."""
    return f"{provider}:{record_id}"


def new_plan(provider: str, record_id: str, scenario: str, codes: list | None = None) -> dict:
    """A plan with no step scheduled yet (``_enter_phase`` or ``_save`` completes it)."""
    return {
        "id": plan_id_of(provider, record_id),
        "provider": provider,
        "record_id": record_id,
        "scenario": scenario,
        "codes": codes or None,
        "phase": "steps",
        "index": 0,
        "step_due": None,
        "manual": False,
        "expire_due": None,
    }


def iso_or_none(timestamp: float | None) -> str | None:
    """A stored timestamp as ISO-8601, or None."""
    return None if timestamp is None else format_iso(datetime.fromtimestamp(timestamp, UTC))


def transition_summary(
    provider: str, change: Change, at: datetime, plan: dict | None, forced: bool = False
) -> dict:
    """What one applied step did, as ``tick`` and ``force`` report it."""
    return {
        "provider": provider,
        "record_id": change.record_id,
        "action": change.action.value,
        "from": change.before,
        "to": change.after,
        "at": format_iso(at),
        "scenario": plan["scenario"] if plan else None,
        "forced": forced,
        "events": [event.type for event in change.events],
    }


def skipped_summary(plan: dict, action: Action | None, at: datetime, reason: str) -> dict:
    """A step that did not apply, and why (a damaged plan's missing fields as None)."""
    return {
        "provider": plan.get("provider"),
        "record_id": plan.get("record_id"),
        "action": action.value if action else None,
        "at": format_iso(at),
        "scenario": plan.get("scenario"),
        "skipped": reason,
    }


def due_problem(plan: dict) -> str | None:
    """Why an active plan's due time cannot be scheduled (None: it can, or it has none)."""
    if not isinstance(plan.get("id"), str):
        return "no 'id' field"
    if "due" not in plan:
        return "no 'due' field"
    due = plan["due"]
    if due is None or (
        isinstance(due, int | float) and not isinstance(due, bool) and math.isfinite(due)
    ):
        return None
    return f"'due' is not a time: {due!r}"[:200]
