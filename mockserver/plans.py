"""Scenario plan documents and the summaries the engine reports about them.

A plan (one per reviewed record, keyed ``provider:record_id``) holds its scenario, phase,
next step, due times and state (``active``, ``finished``, or ``failed`` with an ``error``).
"""

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
    """A step that did not apply, and why."""
    return {
        "provider": plan["provider"],
        "record_id": plan["record_id"],
        "action": action.value if action else None,
        "at": format_iso(at),
        "scenario": plan["scenario"],
        "skipped": reason,
    }
