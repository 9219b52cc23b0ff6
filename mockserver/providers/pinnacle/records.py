"""Which book a reviewed record lives in, told by its id: brands ``b_…``, campaigns ``tf_…``,
attached toll-free numbers ``+1…`` (a number under review is a record; an unattached one
is not)."""

from mockserver.lifecycle import Lifecycle
from mockserver.record_kinds import RecordKind

from .brands import BrandBook
from .campaigns import CampaignBook
from .models import BRAND, BRAND_PREFIX, CAMPAIGN, CAMPAIGN_PREFIX, PHONE_NUMBER
from .numbers import NumberBook


class Records:
    """Find, save and name the kind (and so the state machine) of any reviewed record."""

    def __init__(self, brands: BrandBook, campaigns: CampaignBook, numbers: NumberBook):
        self._brands, self._campaigns, self._numbers = brands, campaigns, numbers

    @staticmethod
    def kind_of(record_id: str) -> RecordKind:
        """The declared kind of a reviewed record: a brand, a campaign or a phone number."""
        if record_id.startswith(BRAND_PREFIX):
            return BRAND
        if record_id.startswith(CAMPAIGN_PREFIX):
            return CAMPAIGN
        return PHONE_NUMBER

    def lifecycle_of(self, record_id: str) -> Lifecycle:
        """Brands, campaigns and attached numbers each have their own state machine."""
        return self.kind_of(record_id).lifecycle

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
