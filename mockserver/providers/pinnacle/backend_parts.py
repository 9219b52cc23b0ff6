"""What a Pinnacle backend is made of: the shared store, clock, ids and review hooks, and one
book per kind of record. The backend's facade mixins (``review_driver``, ``onboarding_facade``,
``number_facade``, ``message_facade``) all work on these parts.
"""

from mockserver.clock import Clock
from mockserver.ids import IdFactory
from mockserver.lifecycle import NoHooks, ReviewHooks
from mockserver.store_contract import RecordStore

from .brands import BrandBook
from .campaigns import CampaignBook
from .messaging import Messaging
from .numbers import NumberBook
from .records import Records
from .subscriptions import Subscriptions
from .tenants import ApiKeyDirectory

PROVIDER = "pinnacle"


class BackendParts:
    """The books of one sandbox's Pinnacle records, built once."""

    def __init__(
        self,
        store: RecordStore,
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
        self.api_keys = ApiKeyDirectory(store, clock, strict_auth=strict_auth)
        self.brands = BrandBook(store, ids)
        self.campaigns = CampaignBook(store, ids)
        self.numbers = NumberBook(store)
        self.messaging = Messaging(store, ids, self.numbers)
        self.records = Records(self.brands, self.campaigns, self.numbers)
        self.subscriptions = Subscriptions(store, ids)

    def brand_of(self, campaign: dict, *, shared: bool = False) -> dict | None:
        """The campaign's brand record (``shared``: read-only, see ``mockserver.shared_docs``)."""
        brand_id = campaign.get("brand")
        return self.brands.find(brand_id, shared=shared) if brand_id else None
