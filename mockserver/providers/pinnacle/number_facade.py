"""The backend's phone-number operations: search, buy, list, describe, status, and attaching
toll-free numbers to campaigns (each attachment starts the number's own carrier review)."""

from collections.abc import Callable

from mockserver.clock import format_iso_ms
from mockserver.errors import Conflict

from . import lookup
from .backend_parts import PROVIDER
from .errors import BadRequest
from .models import CampaignStatus, NumberStatus
from .numbers import UNAVAILABLE, normalize, status_of_number
from .paging import Page
from .review_driver import ReviewDriver

Render = Callable[[dict], dict]


class NumberFacade(ReviewDriver):
    """Phone numbers, as the routes and the control API reach them."""

    def search_numbers(self, criteria: dict) -> list[dict]:
        """Available numbers matching the search, in a fixed order."""
        return self.numbers.search(criteria)

    def buy_numbers(self, tenant: str, numbers: list[str]) -> list[dict]:
        """Buy every number or none."""
        with self._store.transaction():
            return self.numbers.buy(tenant, numbers, self.clock.now())

    def list_numbers(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's numbers, oldest first, as ``render`` shows them."""
        return self.numbers.listed(tenant, filters, render)

    def describe_number(self, phone_number: str) -> lookup.PhoneFacts:
        """What the sandbox can tell about any number, owned or not."""
        return self.numbers.describe(phone_number)

    def number_status(self, tenant: str, phone_number: str) -> tuple[str, str, list[str]]:
        """A number's E.164 form, whether it may send (PENDING/ACTIVE/FAILURE) and why not."""
        record = self.numbers.get(tenant, phone_number)
        return (record["number"], *status_of_number(record))

    def give_number(self, api_key: str, phone_number: str) -> dict:
        """Give a key a number without a purchase (control API); 409 if another key owns it."""
        with self._store.transaction():
            self.api_keys.add(api_key, source="control API")
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
        self._start_review(record, phone, self._review_inputs(campaign))
        return None
