"""What the lifecycle engine drives in a Pinnacle backend: brands (``b_…``), campaigns
(``tf_…``) and attached toll-free numbers (``+1…``), each with its own state machine, and the
review a client's submission starts or restarts.
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.errors import InvalidAction, NotFound
from mockserver.lifecycle import NO_VERDICT, Action, Change, Lifecycle, Verdict
from mockserver.webhooks import Event

from . import events, review
from .backend_parts import PROVIDER, BackendParts
from .models import PHONE_NUMBER, NumberStatus
from .rules import brand_problems, campaign_blockers

# A campaign without an attached number shows this placeholder review.
NO_NUMBER = PHONE_NUMBER.new_record({}, number="", status=NumberStatus.WAITING_FOR_CUSTOMER)


class ReviewDriver(BackendParts):
    """The engine's ``Reviewable`` side of the backend, and the review a submission starts."""

    def lifecycle_of(self, record_id: str) -> Lifecycle:
        """Brands, campaigns and attached numbers each have their own state machine."""
        return self.records.lifecycle_of(record_id)

    def owns(self, record_id: str) -> bool:
        """Whether ``record_id`` is a brand, a campaign or an attached number of this sandbox."""
        return self.records.find(record_id) is not None

    def status_of(self, record_id: str) -> str:
        """The record's status (NotFound if it is gone)."""
        record = self.records.find(record_id)
        if record is None:
            raise NotFound(f"record {record_id} not found")
        return record["status"]

    def apply_action(
        self, record_id: str, action: Action, *, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change:
        """Apply a review action at time ``at``; the caller queues the returned events."""
        with self._store.transaction():
            record = self.records.find(record_id)
            if record is None:
                raise NotFound(f"record {record_id} not found")
            return self._apply(record_id, record, action, at, verdict)

    def _start_review(self, record: dict, record_id: str, inputs: dict) -> None:
        """First submission starts a scenario plan (its kind's default scenario unless
        something selects another); a later one resubmits the record."""
        now = self.clock.now()
        lifecycle = self.lifecycle_of(record_id)
        if lifecycle.allows(record["status"], Action.RESUBMIT):
            change = self._apply(record_id, record, Action.RESUBMIT, now)
            self._hooks.resubmitted(PROVIDER, record_id, now)
            self._hooks.emit(change.events)
            return
        record["status"] = lifecycle.initial
        record["errors"], record["feedback"] = [], []
        record["submitted_at"] = format_iso_ms(now)
        record["scenario"] = self._hooks.submitted(
            PROVIDER,
            record_id,
            inputs=inputs,
            phone_keys=[record_id],
            at=now,
            kind_default=self.records.kind_of(record_id).default_scenario,
        )
        self.records.save(record_id, record)
        self._hooks.emit(self._events_for(record_id, record, now))

    def _apply(
        self,
        record_id: str,
        record: dict,
        action: Action,
        at: datetime,
        verdict: Verdict = NO_VERDICT,
    ) -> Change:
        before = record["status"]
        target = self.lifecycle_of(record_id).target(before, action)
        if action == Action.RESUBMIT:
            self._check_resubmittable(record_id, record)
        review.apply(record, action, target, at=at, verdict=verdict)
        self.records.save(record_id, record)
        emitted = [] if before == target else self._events_for(record_id, record, at)
        return Change(record_id, action, before, target, emitted)

    def _check_resubmittable(self, record_id: str, record: dict) -> None:
        """A forced resubmission obeys the rules a client's submission does."""
        if self.records.is_brand(record_id):
            problems = brand_problems(record)
        elif self.records.is_campaign(record_id):
            problems = campaign_blockers(record, self.brand_of(record))
        else:
            problems = []
        if problems:
            raise InvalidAction(
                f"{record_id} cannot be resubmitted: {problems[0]['field']}: "
                f"{problems[0]['description']}"
            )

    def _review_inputs(self, campaign: dict) -> dict:
        """What selects the scenario of a campaign's (or its number's) review."""
        brand = self.brand_of(campaign) or {}
        return {"business_name": brand.get("name"), "name": campaign.get("name")}

    def _latest_update(self, campaign_id: str) -> dict:
        """The most recently attached number's review, or the placeholder without one."""
        attached = self.numbers.attached_to(campaign_id)
        return update_of(attached[0] if attached else NO_NUMBER)

    def _events_for(self, record_id: str, record: dict, at: datetime) -> list[Event]:
        """A campaign's or a number's change as a CAMPAIGN.STATUS event (brands send none)."""
        if self.records.is_brand(record_id):
            return []
        if self.records.is_campaign(record_id):
            campaign, updates = record, self._latest_update(record_id)
        else:
            campaign, updates = self.campaigns.find(record["campaign_id"]), update_of(record)
        return [
            events.campaign_event(
                campaign, self.brand_of(campaign), updates, at, event_id=self._ids.uuid4()
            )
        ]


def update_of(number: dict) -> dict:
    """A number's review as the status route's and the events' ``updates`` object."""
    return {field.output_name: _copy(number[field.name]) for field in PHONE_NUMBER.shown()}


def _copy(value):
    return list(value) if isinstance(value, list) else value
