"""Scenario plans and the summaries the engine reports about them.

A ``Plan`` (one per reviewed record, keyed ``provider:record_id``) holds its scenario, phase,
next step, due times and state (``active``, ``finished``, or ``failed`` with an ``error``).
The engine works with ``Plan`` values; the store holds ``Plan.to_dict()``. A stored plan
that ``Plan.from_dict`` cannot read is damaged: the few functions here that take a stored
document (``due_entry``, ``still_due``, ``halted``, ``damaged_view``) read only the fields
they need, so a damaged plan still falls due, stops alone and shows what it holds.
"""

import dataclasses
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from mockserver.clock import format_iso
from mockserver.document_fields import field, is_number
from mockserver.lifecycle import Action, Change

ACTIVE, FINISHED, FAILED = "active", "finished", "failed"
# What ``/_mock/records/<id>`` shows of a plan it cannot read (each field it lacks as None).
_DAMAGED_VIEW = ("scenario", "phase", "state", "error", "failed_at")


@dataclass
class Plan:
    """A record's scenario plan (``due`` and ``state`` are set by ``reschedule``)."""

    id: str
    provider: str
    record_id: str
    scenario: str
    codes: list[int] | None = None  # the rejection codes it runs with instead of its own
    phase: str = "steps"
    index: int = 0
    step_due: float | None = None
    manual: bool = False  # the next step waits for a forced move
    expire_due: float | None = None  # when a rejection's edit window closes
    due: float | None = None  # the earlier of step_due and expire_due
    state: str = ACTIVE
    expired: bool | None = None  # None: never rejected (not stored)
    error: str | None = None  # why a failed plan stopped (stored only then)
    failed_at: str | None = None

    @classmethod
    def from_dict(cls, doc: dict) -> "Plan":
        """A stored plan (KeyError or TypeError naming the field it lacks or cannot read)."""
        # The usual plan (no codes, never rejected or failed), told by one look at its fields
        # (the engine reads a plan at every step); anything else is read field by field.
        try:
            values = _USUAL_FIELDS(doc)
        except (KeyError, TypeError):
            values = None
        if values is not None and _is_usual(doc, values):
            return cls(*values)
        return cls(
            id=field(doc, "id", str),
            provider=field(doc, "provider", str),
            record_id=field(doc, "record_id", str),
            scenario=field(doc, "scenario", str),
            codes=_codes(doc),
            phase=field(doc, "phase", str),
            index=field(doc, "index", int),
            step_due=field(doc, "step_due", float, nullable=True),
            manual=field(doc, "manual", bool),
            expire_due=field(doc, "expire_due", float, nullable=True),
            due=field(doc, "due", float, nullable=True),
            state=field(doc, "state", str),
            expired=field(doc, "expired", bool) if "expired" in doc else None,
            error=field(doc, "error", str) if "error" in doc else None,
            failed_at=field(doc, "failed_at", str) if "failed_at" in doc else None,
        )

    def to_dict(self) -> dict:
        """The plan as the store keeps it (optional fields only when set)."""
        doc = {
            "id": self.id,
            "provider": self.provider,
            "record_id": self.record_id,
            "scenario": self.scenario,
            "codes": None if self.codes is None else list(self.codes),
            "phase": self.phase,
            "index": self.index,
            "step_due": self.step_due,
            "manual": self.manual,
            "expire_due": self.expire_due,
            "due": self.due,
            "state": self.state,
        }
        if self.expired is not None:
            doc["expired"] = self.expired
        if self.error is not None:
            doc["error"] = self.error
        if self.failed_at is not None:
            doc["failed_at"] = self.failed_at
        return doc

    def reschedule(self) -> None:
        """Due at its next step or edit expiry, whichever comes first; active while one is
        due or a manual step waits, else finished (no longer failed either way)."""
        times = [t for t in (self.step_due, self.expire_due) if t is not None]
        self.due = min(times) if times else None
        self.state = ACTIVE if self.due is not None or self.manual else FINISHED
        self.error = self.failed_at = None


# Every field but the three a plan in trouble or past its window carries (expired, error,
# failed_at), in order: ``_is_usual`` reads them.
_USUAL_FIELDS = operator.itemgetter(*(f.name for f in dataclasses.fields(Plan)[:12]))


def _is_usual(doc: dict, values: tuple) -> bool:
    ident, provider, record, scenario, codes, phase, index, step, manual, ends, due, state = values
    return (
        type(ident) is str
        and type(provider) is str
        and type(record) is str
        and type(scenario) is str
        and codes is None
        and type(phase) is str
        and type(index) is int
        and _time(step)
        and type(manual) is bool
        and _time(ends)
        and _time(due)
        and type(state) is str
        and "expired" not in doc
        and "error" not in doc
        and "failed_at" not in doc
    )


def _time(value: object) -> bool:
    return value is None or (type(value) is float and math.isfinite(value))


def _codes(doc: dict) -> list[int] | None:
    codes = field(doc, "codes", list, nullable=True)
    if codes is not None and not all(type(code) is int for code in codes):
        raise TypeError(f"'codes' is not a list of integers: {codes!r}"[:200])
    return None if codes is None else list(codes)


def plan_id_of(provider: str, record_id: str) -> str:
    """The store key of a record's plan."""
    return f"{provider}:{record_id}"


def new_plan(provider: str, record_id: str, scenario: str, codes: list | None = None) -> Plan:
    """A plan with no step scheduled yet (``_enter_phase`` or ``_save`` completes it)."""
    return Plan(plan_id_of(provider, record_id), provider, record_id, scenario, codes or None)


def iso_or_none(timestamp: float | None) -> str | None:
    """A stored timestamp as ISO-8601, or None."""
    return None if timestamp is None else format_iso(datetime.fromtimestamp(timestamp, UTC))


def transition_summary(
    provider: str, change: Change, at: datetime, plan: Plan | None, forced: bool = False
) -> dict:
    """What one applied step did, as ``tick`` and ``force`` report it."""
    return {
        "provider": provider,
        "record_id": change.record_id,
        "action": change.action.value,
        "from": change.before,
        "to": change.after,
        "at": format_iso(at),
        "scenario": plan.scenario if plan else None,
        "forced": forced,
        "events": [event.type for event in change.events],
        # Raw here; the runtime shows it as its provider shows tenants (a secret key's
        # fingerprint) before anyone sees it.
        "tenant": tenant_of(change),
    }


def tenant_of(change: Change) -> str | None:
    """Whom a change concerns: its own word, else the account its events name."""
    if change.tenant is not None:
        return change.tenant
    return next((e.account for e in change.events if getattr(e, "account", None)), None)


def plan_view(plan: Plan, steps: Sequence) -> dict:
    """A plan as ``/_mock/records/<id>`` shows it (``steps``: those of its phase)."""
    upcoming = steps[plan.index] if plan.index < len(steps) else None
    view = {
        "scenario": plan.scenario,
        "phase": plan.phase,
        "state": plan.state,
        "next_step": upcoming.describe() if upcoming else None,
        "next_step_due": iso_or_none(plan.step_due),
        "expires": iso_or_none(plan.expire_due),
        "upcoming": upcoming_steps(plan, steps),
    }
    if plan.state == FAILED:
        view.update(error=plan.error, failed_at=plan.failed_at)
    return view


def upcoming_steps(plan: Plan, steps: Sequence) -> list[dict]:
    """Every step still ahead in the plan's phase, each with when it falls due if those
    before it happen on time (None once a step waits for a person)."""
    if plan.state == FAILED:
        return []
    ahead, due = [], plan.step_due
    for offset, step in enumerate(steps[plan.index :]):
        if offset:
            due = None if due is None else step.due_from(due)
        ahead.append({**step.describe(), "due": iso_or_none(due)})
    return ahead


def skipped_summary(plan: Plan, action: Action | None, at: datetime, reason: str) -> dict:
    """A step that did not apply, and why."""
    return _skipped(plan.provider, plan.record_id, plan.scenario, action, at, reason)


def due_entry(stored: dict) -> tuple[float, str] | None:
    """A stored active plan's (due time, id) for the due-time heap, None when nothing is
    due. Only those two fields are read (ValueError says why they cannot be), so a plan
    damaged elsewhere still falls due, and then fails alone."""
    plan_id = stored.get("id")
    if not isinstance(plan_id, str):
        raise ValueError("no 'id' field")
    if "due" not in stored:
        raise ValueError("no 'due' field")
    due = stored["due"]
    if due is None:
        return None
    if not is_number(due):
        raise ValueError(f"'due' is not a time: {due!r}"[:200])
    return due, plan_id


def still_due(stored: dict, when: float) -> bool:
    """Whether a due-time heap entry (``when``) is still the stored plan's next step: a
    stale one (the plan moved on, or was halted) is skipped before the plan is read."""
    return stored["due"] == when and stored["state"] == ACTIVE


def halted(stored: dict, reason: str, when: float) -> tuple[dict, dict]:
    """A stored plan (readable or not) whose step raised at ``when``: failed with its
    reason and no longer due, and the summary of that step (its missing fields as None)."""
    failed = {
        **stored,
        "state": FAILED,
        "due": None,
        "error": reason,
        "failed_at": iso_or_none(when),
    }
    at = datetime.fromtimestamp(when, UTC)
    named = (stored.get("provider"), stored.get("record_id"), stored.get("scenario"))
    return failed, _skipped(*named, None, at, f"failed: {reason}")


def damaged_view(stored: dict) -> dict:
    """What the control API shows of a plan it cannot read: the fields it holds."""
    return {key: stored.get(key) for key in _DAMAGED_VIEW}


def _skipped(
    provider: object,
    record_id: object,
    scenario: object,
    action: Action | None,
    at: datetime,
    reason: str,
) -> dict:
    return {
        "provider": provider,
        "record_id": record_id,
        "action": action.value if action else None,
        "at": format_iso(at),
        "scenario": scenario,
        "skipped": reason,
    }
