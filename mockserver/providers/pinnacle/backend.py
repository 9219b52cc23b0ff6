"""Pinnacle's toll-free flow, free of HTTP: brands, campaigns, numbers and messages per
tenant, and the reviews the lifecycle engine drives.

One backend drives three kinds of record, told apart by their ids: brands (``b_…``),
campaigns (``tf_…``) and attached toll-free numbers (``+1…``), each with its own lifecycle.
"""

from collections.abc import Callable
from datetime import datetime

from mockserver.clock import Clock, format_iso_ms
from mockserver.errors import Conflict, InvalidAction, NotFound
from mockserver.ids import IdFactory
from mockserver.lifecycle import (
    NO_VERDICT,
    Action,
    Change,
    Lifecycle,
    NoHooks,
    ReviewHooks,
    Verdict,
)
from mockserver.store import Store
from mockserver.webhooks import Event, Request

from . import events, review
from .brands import BrandBook
from .campaigns import CampaignBook
from .errors import BadRequest
from .messaging import Messaging
from .models import (
    CampaignStatus,
    NumberStatus,
)
from .numbers import UNAVAILABLE, NumberBook, normalize, status_of_number
from .paging import Page, page
from .records import Records
from .rules import brand_problems, campaign_blockers
from .subscriptions import Subscriptions
from .tenants import Tenants

# Documented timings (docs/reference/pinnacle-campaign-rules.md), as bundled scenarios.
CAMPAIGN_SCENARIO, NUMBER_SCENARIO = "pinnacle_campaign", "pinnacle_number"
Render = Callable[[dict], dict]

PROVIDER = "pinnacle"
NO_NUMBER_UPDATE = {"errors": [], "number": "", "status": NumberStatus.WAITING_FOR_CUSTOMER}


class PinnacleBackend:
    """Every Pinnacle operation the routes call, and what the engine drives."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        ids: IdFactory,
        *,
        strict_auth: bool = False,
        hooks: ReviewHooks | None = None,
        webhook_urls: tuple[str, ...] = (),
        signing_secret: str = "",
    ):
        self._store, self.clock, self._ids = store, clock, ids
        self._hooks = hooks or NoHooks()
        self._webhook_urls, self._secret = tuple(webhook_urls), signing_secret
        self.tenants = Tenants(store, clock, strict_auth=strict_auth)
        self.brands = BrandBook(store, ids)
        self.campaigns = CampaignBook(store, ids)
        self.numbers = NumberBook(store)
        self.messaging = Messaging(store, ids, self.numbers)
        self.records = Records(self.brands, self.campaigns, self.numbers)
        self.subscriptions = Subscriptions(store, ids)

    def reset_tenant(self, api_key: str) -> list[str]:
        """Delete the key and everything it owns (brands, campaigns, numbers, messages, review
        plans); its numbers go back to the inventory. Returns the tenants cleared."""
        with self._store.transaction():
            for brand in self.brands.owned_by(api_key):
                self.brands.remove(brand["id"])
                self._hooks.removed(PROVIDER, brand["id"])
            for campaign in self.campaigns.owned_by(api_key):
                self.campaigns.remove(campaign["campaign_id"])
                self._hooks.removed(PROVIDER, campaign["campaign_id"])
            for number in self.numbers.owned(api_key):
                self.numbers.remove(number["number"])
                self._hooks.removed(PROVIDER, number["number"])
            self.messaging.forget(api_key)
            for sub_id in self.subscriptions.forget_tenant(api_key):
                self._hooks.cancel(PROVIDER, sub_id)
            return [api_key] if self.tenants.remove(api_key) else []

    # -- brands -------------------------------------------------------------------------

    def upsert_brand(self, tenant: str, values: dict) -> dict:
        """Create or change a brand."""
        with self._store.transaction():
            return self.brands.upsert(tenant, values, self.clock.now())

    def submit_brand(self, tenant: str, brand_id: str) -> None:
        """Send a complete brand to review (again, after a failure or a change)."""
        with self._store.transaction():
            brand = self.brands.get(tenant, brand_id)
            self.brands.check_submittable(brand)
            self._start_review(brand, brand_id, {"business_name": brand["name"]})

    def vet_brand(self, tenant: str, brand_id: str) -> dict:
        """Vet a verified brand with AEGIS."""
        with self._store.transaction():
            return self.brands.vet(tenant, brand_id, self.clock.now())

    def list_brands(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's brands, newest first, as ``render`` shows them."""
        brands = self.brands.listed(tenant, filters)
        return page(brands, filters, render, "brand", "id")

    # -- campaigns ----------------------------------------------------------------------

    def upsert_campaign(self, tenant: str, values: dict) -> dict:
        """Create or change a toll-free campaign; a new one needs a brand."""
        with self._store.transaction():
            creating = values.get("campaign_id") is None
            if (creating or "brand" in values) and not values.get("brand"):
                why = "Required when creating a campaign." if creating else "May not be null."
                raise BadRequest(f"A campaign needs a brand (POST /brands): {why}", {"brand": why})
            brand = self.brands.find(values.get("brand") or "")
            if values.get("brand") and (brand is None or brand["tenant"] != tenant):
                raise BadRequest(f"Brand {values['brand']} not found.", {"brand": "No such brand."})
            return self.campaigns.upsert(tenant, values, self.clock.now())

    def list_campaigns(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's campaigns, newest first, as ``render`` shows them."""
        campaigns = self.campaigns.listed(tenant, filters)
        return page(campaigns, filters, render, "campaign", "campaign_id")

    def brand_of(self, campaign: dict) -> dict | None:
        """The campaign's brand record."""
        return self.brands.find(campaign["brand"]) if campaign.get("brand") else None

    def submit_campaign(self, tenant: str, campaign_id: str) -> None:
        """Send a complete campaign of an approved brand to carrier review."""
        with self._store.transaction():
            campaign = self.campaigns.get(tenant, campaign_id)
            if campaign["status"] in (CampaignStatus.IN_REVIEW, CampaignStatus.VERIFIED):
                raise BadRequest(f"Campaign {campaign_id} is already {campaign['status']}.")
            problems = campaign_blockers(campaign, self.brand_of(campaign))
            if problems:
                properties: dict[str, str] = {}
                for found in problems:
                    properties.setdefault(found["field"], found["description"])
                raise BadRequest(
                    f"Campaign {campaign_id} cannot be submitted: "
                    + "; ".join(f"{field}: {why}" for field, why in properties.items()),
                    properties,
                )
            self._start_review(
                campaign, campaign_id, self._review_inputs(campaign), CAMPAIGN_SCENARIO
            )

    def campaign_status(self, tenant: str, campaign_id: str) -> dict:
        """``GET /status/toll-free-campaign``: failure reasons and the latest number update."""
        campaign = self.campaigns.get(tenant, campaign_id)
        return {
            "error": "; ".join(campaign["errors"]),
            "id": campaign_id,
            "updates": self._latest_update(campaign_id),
        }

    # -- numbers ------------------------------------------------------------------------

    def buy_numbers(self, tenant: str, numbers: list[str]) -> list[dict]:
        """Buy every number or none."""
        return self.numbers.buy(tenant, numbers, self.clock.now())

    def list_numbers(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's numbers, oldest first, as ``render`` shows them."""
        numbers = self.numbers.owned(tenant)
        return page(numbers, filters, render, "phone number", "number")

    def number_status(self, tenant: str, phone_number: str) -> tuple[str, str, list[str]]:
        """A number's E.164 form, whether it may send (PENDING/ACTIVE/FAILURE) and why not."""
        record = self.numbers.get(tenant, phone_number)
        return (record["number"], *status_of_number(record))

    def give_number(self, api_key: str, phone_number: str) -> dict:
        """Give a key a number without a purchase (control API); 409 if another key owns it."""
        with self._store.transaction():
            self.tenants.add(api_key, source="control API")
            existing = self.numbers.lookup(phone_number)
            if existing is not None and existing["tenant"] != api_key:
                raise Conflict(f"{phone_number} is owned by another API key")
            return self.numbers.add(api_key, phone_number, self.clock.now())

    def attach(self, tenant: str, phones: list[str], campaign_type: str, campaign_id: str):
        """Attach numbers to a verified campaign; each starts its own carrier review.

        Returns ``(attached, failed)``: numbers that cannot be attached are reported with a
        reason rather than failing the request.
        """
        with self._store.transaction():
            campaign = self.campaigns.get(tenant, campaign_id)
            if campaign_type != "TOLL_FREE":
                raise BadRequest(
                    f"Campaign {campaign_id} is a TOLL_FREE campaign, not {campaign_type}.",
                    {"campaignType": "Must be TOLL_FREE for a tf_ campaign."},
                )
            attached, failed = [], []
            for phone in dict.fromkeys(normalize(p) for p in phones):
                reason = self._attach_one(tenant, phone, campaign)
                if reason:
                    failed.append({"number": phone, "error": reason})
                else:
                    attached.append({"phone_number": phone, "campaign": campaign})
            return attached, failed

    def detach(self, tenant: str, phones: list[str]):
        """Detach numbers from their campaigns; returns ``(detached, failed)``."""
        with self._store.transaction():
            detached, failed = [], []
            for phone in dict.fromkeys(normalize(p) for p in phones):
                record = self.numbers.lookup(phone)
                if record is None or record["tenant"] != tenant:
                    failed.append({"number": phone, "error": UNAVAILABLE})
                    continue
                if record["campaign_id"] is None:
                    failed.append({"number": phone, "error": "Number is not attached."})
                    continue
                campaign = self.campaigns.find(record["campaign_id"])
                record.update(
                    campaign_id=None, status=None, errors=[], attached_at=None, attached_seq=None
                )
                self.numbers.save(record)
                self._hooks.removed(PROVIDER, phone)
                detached.append({"phone_number": phone, "campaign": campaign})
            return detached, failed

    def send(self, tenant: str, message: dict) -> dict:
        """Accept an SMS or MMS from a number that may send."""
        return self.messaging.send(tenant, message, self.clock.now())

    # -- what the lifecycle engine drives -------------------------------------------------

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

    def deliveries_for(self, event: Event) -> list[Request]:
        """The opt-in webhook requests for ``event`` (none unless URLs are configured)."""
        subscribed = self.subscriptions.for_tenant(event.account)
        return events.requests_for(event, self._webhook_urls, self._secret, subscribed)

    def subscribe(self, url: str, api_key: str | None, secret: str | None) -> dict:
        """Register a webhook URL for one key's events (or every key's)."""
        return self.subscriptions.add(url, api_key, secret or self._secret, self.clock.now())

    def unsubscribe(self, sub_id: str) -> None:
        """Remove a registration; its pending deliveries are cancelled."""
        with self._store.transaction():
            self.subscriptions.remove(sub_id)
            self._hooks.cancel(PROVIDER, sub_id)

    # -- internals ----------------------------------------------------------------------

    def _start_review(
        self, record: dict, record_id: str, inputs: dict, kind_default: str | None = None
    ) -> None:
        """First submission starts a scenario plan (``kind_default`` unless something selects
        another); a later one resubmits the record."""
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
            kind_default=kind_default,
        )
        self.records.save(record_id, record)
        self._hooks.emit(self._events_for(record_id, record, now))

    def _attach_one(self, tenant: str, phone: str, campaign: dict) -> str | None:
        record = self.numbers.lookup(phone)
        if record is None or record["tenant"] != tenant:
            return UNAVAILABLE
        if record["type"] != "TOLL_FREE":
            return "Only toll-free numbers can be attached to a toll-free campaign."
        if campaign["status"] != CampaignStatus.VERIFIED:
            return (
                f"Numbers can only be attached to VERIFIED campaigns; campaign "
                f"{campaign['campaign_id']} is {campaign['status']}."
            )
        current = record["campaign_id"]
        if current not in (None, campaign["campaign_id"]):
            return f"Number is attached to campaign {current}; detach it first."
        if current is not None and record["status"] != NumberStatus.REJECTED:
            return None  # already attached (or under review): nothing to restart
        record["campaign_id"] = campaign["campaign_id"]
        record["attached_at"] = format_iso_ms(self.clock.now())
        record["attached_seq"] = self._store.next_number("pinnacle_attachments")
        self._start_review(record, phone, self._review_inputs(campaign), NUMBER_SCENARIO)
        return None

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
        return _update_of(attached[0]) if attached else dict(NO_NUMBER_UPDATE)

    def _events_for(self, record_id: str, record: dict, at: datetime) -> list[Event]:
        """A campaign's or a number's change as a CAMPAIGN.STATUS event (brands send none)."""
        if self.records.is_brand(record_id):
            return []
        if self.records.is_campaign(record_id):
            campaign, updates = record, self._latest_update(record_id)
        else:
            campaign, updates = self.campaigns.find(record["campaign_id"]), _update_of(record)
        return [
            events.campaign_event(
                campaign, self.brand_of(campaign), updates, at, event_id=self._ids.uuid4()
            )
        ]


def _update_of(number: dict) -> dict:
    """A number's attachment as the status route's ``updates`` object."""
    return {
        "errors": list(number["errors"]),
        "number": number["number"],
        "status": number["status"],
    }
