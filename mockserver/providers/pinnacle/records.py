"""Which book a reviewed record lives in, told by its id: brands ``b_…``, campaigns ``tf_…``,
attached toll-free numbers ``+1…`` (a number under review is a record; an unattached one
is not)."""

from mockserver.lifecycle import Lifecycle

from .brands import BrandBook
from .campaigns import CampaignBook
from .models import (
    BRAND_LIFECYCLE,
    BRAND_PREFIX,
    CAMPAIGN_LIFECYCLE,
    CAMPAIGN_PREFIX,
    NUMBER_LIFECYCLE,
)
from .numbers import NumberBook


class Records:
    """Find, save and name the state machine of any reviewed record."""

    def __init__(self, brands: BrandBook, campaigns: CampaignBook, numbers: NumberBook):
        self._brands, self._campaigns, self._numbers = brands, campaigns, numbers

    @staticmethod
    def lifecycle_of(record_id: str) -> Lifecycle:
        """Brands, campaigns and attached numbers each have their own state machine."""
        if record_id.startswith(BRAND_PREFIX):
            return BRAND_LIFECYCLE
        if record_id.startswith(CAMPAIGN_PREFIX):
            return CAMPAIGN_LIFECYCLE
        return NUMBER_LIFECYCLE

    @staticmethod
    def is_brand(record_id: str) -> bool:
        """Whether the id names a brand."""
        return record_id.startswith(BRAND_PREFIX)

    @staticmethod
    def is_campaign(record_id: str) -> bool:
        """Whether the id names a campaign."""
        return record_id.startswith(CAMPAIGN_PREFIX)

    def find(self, record_id: str) -> dict | None:
        """The record, whoever owns it (None if there is none under review)."""
        if self.is_brand(record_id):
            return self._brands.find(record_id)
        if self.is_campaign(record_id):
            return self._campaigns.find(record_id)
        record = self._numbers.lookup(record_id)
        return record if record is not None and record["status"] is not None else None

    def save(self, record_id: str, record: dict) -> None:
        """Store a changed record in its book."""
        if self.is_brand(record_id):
            self._brands.save(record)
        elif self.is_campaign(record_id):
            self._campaigns.save(record)
        else:
            self._numbers.save(record)
