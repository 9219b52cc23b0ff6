"""The lifecycle engine: scenario plans in the store, applied when they fall due.

A submission, or a message (``story="message"``), gets a **plan** (scenario, phase, next
step, due times). ``tick(now)`` applies every step due by ``now`` in due-time order, each
stamped with its own due time and in its own transaction together with the webhooks it
raises, so a one-hour clock jump leaves the same history as waiting an hour::

    engine.submitted("twilio", sid, inputs={...}, phone_keys=[...], at=now)  # from a backend
    engine.tick(clock.now())          # from the scheduler, or after a clock advance
    engine.force(sid, status="TWILIO_APPROVED", at=clock.now())  # from the control API

Steps that became illegal (say after a forced move) are skipped, not failed. A rejection
that allows an edit schedules the ``expire`` action at its edit expiration; an edit (or a
forced resubmission) restarts the plan on the scenario's ``on_resubmit`` steps.
"""

import logging
from datetime import UTC, datetime

from mockserver.duequeue import DueQueue
from mockserver.errors import NotFound, ValidationFailed, one_line
from mockserver.lifecycle import (
    CODED_ACTIONS,
    NO_VERDICT,
    Action,
    Change,
    Reviewable,
    Verdict,
    check_forced_codes,
)
from mockserver.listing import DAMAGE, name_of
from mockserver.outbox import Outbox
from mockserver.plans import (
    ACTIVE,
    Plan,
    damaged_view,
    due_entry,
    halted,
    new_plan,
    plan_id_of,
    plan_view,
    skipped_summary,
    still_due,
    transition_summary,
)
from mockserver.scenarios import Scenario, ScenarioBook
from mockserver.store_contract import RecordStore

PLANS = "engine_plans"  # Plan.to_dict() by plan id; FAILED ones wait for a force or an edit
BINDINGS = "scenario_bindings"
log = logging.getLogger(__name__)


class Engine:
    """Runs scenario plans for every provider's records."""

    def __init__(self, store: RecordStore, scenarios: ScenarioBook, outbox: Outbox):
        self._store, self.scenarios, self._outbox = store, scenarios, outbox
        self._providers: dict[str, Reviewable] = {}
        store.index(PLANS, "state")
        self._due = DueQueue()
        self.rebuild()

    def rebuild(self) -> None:
        """Recompute the due-time heap from the stored plans (start-up, after a reset); a
        damaged plan whose due time cannot be read is left out, with one warning."""
        with self._store.transaction():
            entries = []
            for stored in self._store.find(PLANS, "state", ACTIVE):
                try:
                    if (entry := due_entry(stored)) is not None:
                        entries.append(entry)
                except ValueError as exc:
                    log.warning("scenario plan %s left out: %s", name_of(stored, "id"), exc)
            self._due.reset(entries)

    def register(self, provider: str, reviewable: Reviewable) -> None:
        """Let the engine drive a provider's records."""
        self._providers[provider] = reviewable

    # -- hooks the backends call inside their own transactions --------------------------

    def submitted(
        self,
        provider: str,
        record_id: str,
        *,
        inputs: dict,
        phone_keys: list[str],
        at: datetime,
        kind_default: str | None = None,
        story: str = "review",
    ) -> str:
        """Start the plan of a new submission; return the scenario's name. ``kind_default``
        is the scenario this kind of record runs when nothing else selects one; only a
        scenario of ``story`` (``review`` or ``message``) may run."""
        bound = next(
            (
                b["scenario"]
                for key in phone_keys
                if (b := self._store.get(BINDINGS, key)) is not None
            ),
            None,
        )
        scenario = self.scenarios.select(inputs, bound, kind_default, story)
        plan = new_plan(provider, record_id, scenario.name, list(scenario.override_codes))
        self._enter_phase(plan, "steps", at.timestamp())
        return scenario.name

    def resubmitted(self, provider: str, record_id: str, at: datetime) -> None:
        """A rejected record was edited: run ``on_resubmit`` (``on_late_resubmit`` once the
        edit window has expired, when the review is no longer prioritised)."""
        plan = self._readable(provider, record_id)
        if plan is None:
            plan = new_plan(provider, record_id, self.scenarios.default)
        self._resubmit(plan, at.timestamp())
        self._save(plan)

    def removed(self, provider: str, record_id: str) -> None:
        """The record is gone; so is its plan."""
        self._store.delete(PLANS, plan_id_of(provider, record_id))

    def finished(self, provider: str, record_id: str) -> bool:
        """Whether the record's plan has no step left (or it has no plan)."""
        stored = self._store.get(PLANS, plan_id_of(provider, record_id))
        return stored is None or stored.get("state") != ACTIVE

    def emit(self, events: list) -> None:
        """Queue the webhooks of a client-driven change."""
        self._outbox.enqueue(events)

    def cancel(self, provider: str, target: str) -> None:
        """A destination is gone: its pending webhooks will not be sent."""
        self._outbox.cancel(target)

    # -- time -------------------------------------------------------------------------------

    def tick(self, now: datetime) -> list[dict]:
        """Apply every step due by ``now``, earliest first; return what happened."""
        moment = now.timestamp()
        results = []
        while (entry := self._due.pop_due(moment)) is not None:
            when, plan_id = entry
            try:
                with self._store.transaction():
                    stored = self._store.get(PLANS, plan_id)
                    if stored is None or not still_due(stored, when):
                        continue  # a stale entry: the plan moved on
                    results.append(self._fire(Plan.from_dict(stored), when))
            except OSError:
                self._due.push(when, plan_id)  # the store could not commit: still due
                raise
            except Exception as exc:  # this record's step is broken, not the engine
                results.append(self._halt(plan_id, when, exc))
        return results

    def pending_count(self) -> int:
        """How many plans still run (the state index counts them without copies)."""
        return self._store.count(PLANS, "state", "active")

    def pending(self) -> list[dict]:
        """Every plan still running, as stored, soonest first (manual waits last)."""
        plans = self._store.find(PLANS, "state", ACTIVE)
        return sorted(plans, key=lambda p: (p["due"] is None, p["due"] or 0))

    # -- forcing and bindings -------------------------------------------------------------

    def owner_of(self, record_id: str) -> str:
        """The provider whose record this is (NotFound if none)."""
        for name, reviewable in self._providers.items():
            if reviewable.owns(record_id):
                return name
        raise NotFound(f"no record {record_id}")

    def force(
        self,
        record_id: str,
        *,
        at: datetime,
        status: str | None = None,
        action: str | None = None,
        codes: tuple[int, ...] = (),
        edit_allowed: bool | None = None,
    ) -> list[dict]:
        """Move a record now, through the same path a scheduled step takes."""
        provider = self.owner_of(record_id)
        reviewable = self._providers[provider]
        with self._store.transaction():
            current = reviewable.status_of(record_id)
            if action is not None:
                actions = [Action(action)]
            elif status is not None:
                actions = reviewable.lifecycle_of(record_id).path(current, status)
            else:
                raise ValidationFailed("give a status or an action", {"status": "required"})
            check_forced_codes(actions, codes)
            plan = self._readable(provider, record_id)
            results = []
            for step_action in actions:
                reviewable.lifecycle_of(record_id).target(current, step_action)
                change, plan = self._apply(
                    plan,
                    provider,
                    record_id,
                    step_action,
                    at,
                    Verdict(tuple(codes), edit_allowed),
                )
                results.append(transition_summary(provider, change, at, plan, forced=True))
                current = change.after
            if plan is not None and not change.removed:
                self._after_force(
                    plan, reviewable.lifecycle_of(record_id), current, at.timestamp(), actions
                )
                self._save(plan)
        return results

    def describe(self, record_id: str) -> dict:
        """A record's provider, status and plan, for the control API."""
        provider = self.owner_of(record_id)
        stored = self._store.get(PLANS, plan_id_of(provider, record_id))
        body = {
            "record_id": record_id,
            "provider": provider,
            "status": self._providers[provider].status_of(record_id),
            "plan": None,
        }
        if stored is not None:
            try:
                plan = Plan.from_dict(stored)
                body["plan"] = plan_view(plan, self._scenario(plan).phase(plan.phase))
            except DAMAGE:  # a damaged plan (say, one halted for it) shows what it holds
                body["plan"] = damaged_view(stored)
        return body

    def bind(self, phone_key: str, scenario: str | None) -> dict:
        """Make submissions for this phone number (E.164 or SID) use ``scenario``."""
        if scenario is None:
            self._store.delete(BINDINGS, phone_key)
            return {"phone_number": phone_key, "scenario": None}
        self.scenarios.get(scenario)
        binding = {"phone_number": phone_key, "scenario": scenario}
        self._store.put(BINDINGS, phone_key, binding)
        return binding

    def bindings(self) -> list[dict]:
        """Every binding."""
        return self._store.scan(BINDINGS)

    # -- internals -------------------------------------------------------------------------

    def _readable(self, provider: str, record_id: str) -> Plan | None:
        """The record's plan for a forced move or an edit, which replace a damaged one
        (with a warning) rather than fail on it."""
        plan_id = plan_id_of(provider, record_id)
        stored = self._store.get(PLANS, plan_id)
        try:
            return None if stored is None else Plan.from_dict(stored)
        except DAMAGE as exc:
            log.warning("scenario plan %s is damaged and is replaced: %s", plan_id, one_line(exc))
            return None

    def _halt(self, plan_id: str, when: float, exc: Exception) -> dict:
        """Stop a plan whose step raised (its changes were rolled back): the record keeps its
        status, the plan shows the error, and every other record carries on. The stored plan
        is marked as it is: it may be one that cannot be read."""
        reason = one_line(exc)
        with self._store.transaction():
            stored = self._store.get(PLANS, plan_id)
            if stored is None:
                return {"plan": plan_id, "skipped": reason}
            failed, summary = halted(stored, reason, when)
            self._store.put(PLANS, plan_id, failed)
        log.error("scenario %s of %s stopped: %s", summary["scenario"], plan_id, reason)
        log.debug("scenario step failure", exc_info=exc)
        return summary

    def _after_force(
        self, plan: Plan, lifecycle, status: str, moment: float, forced: list[Action]
    ) -> None:
        """A forced move resolves a waiting manual step (and any manual step it made
        impossible) and the steps it performed (``Lifecycle.performed``: a scheduled message
        forced to sent was queued and sent); a record that can no longer move has nothing
        left to wait for."""
        if plan.manual and forced[-1] != Action.RESUBMIT:
            self._advance_step(plan, moment)
        steps = self._scenario(plan).phase(plan.phase)
        while plan.index < len(steps) and (
            (plan.manual and not lifecycle.allows(status, steps[plan.index].action))
            or lifecycle.performed(steps[plan.index].action, forced, status)
        ):
            self._advance_step(plan, moment)
        if not any(lifecycle.allows(status, action) for action in Action):
            plan.step_due, plan.manual, plan.expire_due = None, False, None

    def _resubmit(self, plan: Plan, moment: float) -> None:
        late = bool(plan.expired)
        plan.expire_due, plan.expired = None, False
        self._enter_phase(plan, "on_late_resubmit" if late else "on_resubmit", moment, save=False)

    def _scenario(self, plan: Plan) -> Scenario:
        scenario = self.scenarios.get(plan.scenario)
        return scenario.with_codes(tuple(plan.codes)) if plan.codes else scenario

    def _enter_phase(self, plan: Plan, phase: str, moment: float, save: bool = True) -> None:
        plan.phase, plan.index = phase, -1
        self._advance_step(plan, moment)
        if save:
            self._save(plan)

    def _advance_step(self, plan: Plan, moment: float) -> None:
        """Move to the next step and set its due time from ``moment``."""
        plan.index += 1
        steps = self._scenario(plan).phase(plan.phase)
        if plan.index < len(steps):
            plan.step_due = steps[plan.index].due_from(moment)
            plan.manual = plan.step_due is None
        else:
            plan.manual, plan.step_due = False, None

    def _save(self, plan: Plan) -> None:
        # Finished plans are kept (not "active") so a later edit still knows the scenario.
        plan.reschedule()
        self._store.put(PLANS, plan.id, plan.to_dict())
        if plan.due is not None:
            self._due.push(plan.due, plan.id)

    def _fire(self, plan: Plan, when: float) -> dict:
        at = datetime.fromtimestamp(when, UTC)
        provider, record_id = plan.provider, plan.record_id
        try:
            scenario = self._scenario(plan)
        except ValidationFailed:
            self._store.delete(PLANS, plan.id)
            return skipped_summary(plan, None, at, f"scenario {plan.scenario} is not loaded")
        if plan.expire_due is not None and plan.expire_due == when:
            plan.expire_due = None
            action, step = Action.EXPIRE, None
        else:
            step = scenario.phase(plan.phase)[plan.index]
            action = step.action
            self._advance_step(plan, when)
        reviewable = self._providers[provider]
        try:
            status = reviewable.status_of(record_id)
        except NotFound:
            self._store.delete(PLANS, plan.id)
            return skipped_summary(plan, action, at, "the record no longer exists")
        if not reviewable.lifecycle_of(record_id).allows(status, action):
            self._save(plan)
            return skipped_summary(plan, action, at, f"not possible from {status}")
        change, plan = self._apply(
            plan,
            provider,
            record_id,
            action,
            at,
            step.verdict if step else NO_VERDICT,
        )
        if not change.removed:
            self._save(plan)
        return transition_summary(provider, change, at, plan)

    def _apply(
        self,
        plan: Plan | None,
        provider: str,
        record_id: str,
        action: Action,
        at: datetime,
        verdict: Verdict = NO_VERDICT,
    ) -> tuple[Change, Plan | None]:
        # Only a rejection's codes and edit flag, or an undelivered or failed message's error
        # code, mean anything; a reason may explain any move.
        if action != Action.REJECT:
            codes = verdict.codes if action in CODED_ACTIONS else ()
            if codes != verdict.codes or verdict.edit_allowed is not None:  # else: as it is
                verdict = Verdict(codes, reason=verdict.reason)
        change = self._providers[provider].apply_action(record_id, action, at=at, verdict=verdict)
        self._outbox.enqueue(change.events)
        if change.removed:
            self._store.delete(PLANS, plan_id_of(provider, record_id))
            return change, plan
        if plan is None and action in (Action.REJECT, Action.RESUBMIT):
            plan = new_plan(provider, record_id, self.scenarios.default)
        if plan is not None:
            if action == Action.REJECT:
                expires = change.edit_expires_at
                plan.expire_due = expires.timestamp() if expires else None
                plan.expired = False
            elif action == Action.EXPIRE:
                plan.expire_due, plan.expired = None, True
            elif action == Action.RESUBMIT:
                self._resubmit(plan, at.timestamp())
        return change, plan
