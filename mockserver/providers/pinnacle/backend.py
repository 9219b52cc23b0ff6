"""Pinnacle's toll-free flow, free of HTTP: brands, campaigns, numbers and messages per
tenant, and the reviews the lifecycle engine drives.

``PinnacleBackend`` is the one road into the domain: the routes, the control API, the seed
file and the engine call its methods, never a book inside it. Its operations live in mixins
by subject (``onboarding_facade``: brands and campaigns; ``number_facade``;
``message_facade``; ``review_driver``: what the engine drives), all working on the parts
``backend_parts`` builds.
"""

from mockserver.webhooks import Event, Request

from . import events
from .backend_parts import PROVIDER
from .brands import BRANDS
from .campaigns import CAMPAIGNS
from .message_facade import MessageFacade
from .messaging import MESSAGES
from .number_facade import NumberFacade
from .numbers import NUMBERS
from .onboarding_facade import OnboardingFacade


class PinnacleBackend(OnboardingFacade, NumberFacade, MessageFacade):
    """Every Pinnacle operation the routes call, and what the engine drives."""

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
            return [api_key] if self.api_keys.remove(api_key) else []

    def listed_records(self, kind: str) -> list[dict]:
        """Every brand, campaign, owned number or message, as stored."""
        table = {"brand": BRANDS, "campaign": CAMPAIGNS, "phone_number": NUMBERS}.get(kind)
        if kind == "message":
            table = MESSAGES
        if table is None:
            return []
        if kind == "phone_number":  # an owned number is a record once it is under review
            return self._store.scan(
                table, lambda r: r.get("tenant") is not None and r.get("status") is not None
            )
        return self._store.scan(table, lambda record: record.get("tenant") is not None)

    # -- API keys -----------------------------------------------------------------------

    def authenticate(self, api_key: str | None) -> str:
        """The tenant a ``PINNACLE-API-KEY`` header acts for (Unauthorized if none)."""
        # Under open auth a key's first use declares it, in a transaction of its own.
        return self.api_keys.authenticate(api_key)

    def declare_api_key(self, api_key: str, *, source: str) -> dict:
        """Register a key (kept as is when it exists)."""
        with self._store.transaction():
            return self.api_keys.add(api_key, source=source)

    def api_key_list(self) -> list[dict]:
        """Every known key and where it came from."""
        return self.api_keys.all()

    def seed_api_key(self, api_key: str, brands: list[dict], numbers: list[str]) -> None:
        """Declare a seeded key with its brands and numbers, skipping what already exists."""
        with self._store.transaction():
            now = self.clock.now()
            self.api_keys.add(api_key, source="seed")
            for declared in brands:
                if self.brands.find(declared["id"]) is None:
                    self.brands.create(api_key, declared, now)
            for number in numbers:
                self.numbers.add(api_key, number, now)

    # -- webhooks -----------------------------------------------------------------------

    def deliveries_for(self, event: Event) -> list[Request]:
        """The opt-in webhook requests for ``event`` (none unless URLs are configured)."""
        subscribed = self.subscriptions.for_tenant(event.account)
        return events.requests_for(event, self._webhook_urls, self._secret, subscribed)

    def subscribe(self, url: str, api_key: str | None, secret: str | None) -> dict:
        """Register a webhook URL for one key's events (or every key's)."""
        with self._store.transaction():
            return self.subscriptions.add(url, api_key, secret or self._secret, self.clock.now())

    def subscription_list(self) -> list[dict]:
        """Every registered webhook URL, oldest first."""
        return self.subscriptions.all()

    def unsubscribe(self, sub_id: str) -> None:
        """Remove a registration; its pending deliveries are cancelled."""
        with self._store.transaction():
            self.subscriptions.remove(sub_id)
            self._hooks.cancel(PROVIDER, sub_id)
