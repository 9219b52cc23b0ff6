"""Phone numbers: a deterministic inventory, purchases, and attaching toll-free numbers to
campaigns, after which each number goes through its own carrier review.

Numbers come from the fictional 555-01NN block (``mockserver.nanp``); a number one tenant
buys is gone from every tenant's search, so a number identifies its record.
"""

import re
from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.errors import NotFound
from mockserver.nanp import (
    LOCAL_AREA_CODES,
    TOLL_FREE_PREFIXES,
    area_code_of,
    fictional_numbers,
    is_toll_free,
    locality,
)
from mockserver.store_contract import RecordStore

from . import lookup as details_of
from .errors import BadRequest
from .models import PHONE_NUMBER, PHONE_TYPES, NumberStatus
from .paging import Page, Render, by_seq, stored_page

NUMBERS = "pinnacle_numbers"
LOCAL, TOLL_FREE = PHONE_TYPES
# ``GET /status/phone-number``: whether a number may send.
PENDING, ACTIVE, FAILURE = SENDING_STATUSES = ("PENDING", "ACTIVE", "FAILURE")
US_AREAS = LOCAL_AREA_CODES["US"]
TOLL_FREE_FEATURES = ["SMS", "MMS", "VOICE"]
LOCAL_FEATURES = ["SMS", "MMS", "VOICE", "FAX", "EMERGENCY", "LOCAL_CALLING"]
PRICES = {TOLL_FREE: (2.0, 0.0), LOCAL: (1.0, 0.0)}  # the sandbox's own (monthly, upfront)
DEFAULT_SEARCH_LIMIT = 10
UNAVAILABLE = (
    "Number is not available. Make sure your team owns this number and it is not a sandbox number."
)


def normalize(phone_number: str) -> str:
    """``+18005550100`` from ``+1 (800) 555-0100``, ``18005550100`` or ``8005550100``."""
    digits = re.sub(r"[ ().-]", "", phone_number)
    if re.fullmatch(r"[0-9]{10}", digits):
        return "+1" + digits
    if re.fullmatch(r"1[0-9]{10}", digits):
        return "+" + digits
    return digits


def kind_of(phone_number: str) -> str:
    """``TOLL_FREE`` or ``LOCAL``."""
    return TOLL_FREE if is_toll_free(phone_number) else LOCAL


def in_inventory(phone_number: str) -> bool:
    """Whether the sandbox sells this number at all."""
    area = area_code_of(phone_number)
    return re.fullmatch(r"\+1[0-9]{3}55501[0-9]{2}", phone_number) is not None and (
        area in TOLL_FREE_PREFIXES or area in US_AREAS
    )


def details(phone_number: str) -> dict:
    """A search result (snake_case; the schema names ``phone_type`` as the SDK does)."""
    kind = kind_of(phone_number)
    monthly, upfront = PRICES[kind]
    city, state = (None, None) if kind == TOLL_FREE else locality("US", area_code_of(phone_number))
    return {
        "number": phone_number,
        "phone_type": kind,
        "cost": {"monthly": monthly, "upfront": upfront, "currency": "USD"},
        "features": TOLL_FREE_FEATURES if kind == TOLL_FREE else LOCAL_FEATURES,
        "region": {"country": "US", "state": state, "city": city, "rate_center": city},
    }


class NumberBook:
    """Owned numbers and their campaign attachment, per tenant."""

    def __init__(self, store: RecordStore):
        self._store = store
        store.index(NUMBERS, "tenant", order=by_seq)
        store.index(NUMBERS, "campaign_id")

    def search(self, criteria: dict) -> list[dict]:
        """Available numbers matching the search, in a fixed order."""
        location = criteria.get("location") or {}
        digits = criteria.get("number") or {}
        wanted = set(criteria.get("features") or ())
        limit = (criteria.get("options") or {}).get("limit") or DEFAULT_SEARCH_LIMIT
        found = []
        for kind in dict.fromkeys(criteria["type"]):
            for number in fictional_numbers(self._areas(kind, location), self.is_owned):
                result = details(number)
                if wanted - set(result["features"]) or not _digits_match(number, digits):
                    continue
                found.append(result)
                if len(found) >= limit:
                    return found
        return found

    def buy(self, tenant: str, numbers: list[str], at: datetime) -> list[dict]:
        """Buy every number or none."""
        with self._store.transaction():
            wanted = [normalize(number) for number in numbers]
            for number in wanted:
                if not in_inventory(number) or self.is_owned(number):
                    raise BadRequest(
                        f"Number {number} is not available for purchase. No numbers were purchased."
                    )
            if len(set(wanted)) != len(wanted):
                raise BadRequest("The same number is listed twice. No numbers were purchased.")
            for number in wanted:
                self._store.put(NUMBERS, number, self._owned(tenant, number, at))
            return [self._store.get(NUMBERS, number) for number in wanted]

    def add(self, tenant: str, number: str, at: datetime) -> dict:
        """Give a tenant a number without a purchase (seed file)."""
        existing = self._store.get(NUMBERS, number)
        if existing is not None:
            return existing
        record = self._owned(tenant, number, at)
        self._store.put(NUMBERS, number, record)
        return record

    def owned(self, tenant: str) -> list[dict]:
        """The tenant's numbers, oldest first."""
        return self._store.select(NUMBERS, "tenant", [tenant], order=by_seq)

    def listed(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's numbers, oldest first."""
        return stored_page(
            self._store, NUMBERS, tenant, filters, None,
            newest_first=False, render=render, kind="phone number", key="number",
        )  # fmt: skip

    def get(self, tenant: str, phone_number: str) -> dict:
        """One of the tenant's numbers (NotFound otherwise)."""
        record = self._store.get(NUMBERS, normalize(phone_number))
        if record is None or record["tenant"] != tenant:
            raise NotFound(f"Phone number {phone_number} not found.")
        return record

    def lookup(self, phone_number: str) -> dict | None:
        """A number by its E.164 value, whoever owns it."""
        return self._store.get(NUMBERS, phone_number)

    def attached_to(self, campaign_id: str) -> list[dict]:
        """Numbers attached to a campaign, most recently attached first."""
        numbers = self._store.find(NUMBERS, "campaign_id", campaign_id)
        return sorted(numbers, key=lambda n: n["attached_seq"] or 0, reverse=True)

    def save(self, record: dict) -> None:
        """Store a changed number."""
        self._store.put(NUMBERS, record["number"], record)

    def remove(self, phone_number: str) -> None:
        """Release a number back to the inventory."""
        self._store.delete(NUMBERS, phone_number)

    def describe(self, phone_number: str) -> details_of.PhoneFacts:
        """What the sandbox can tell about any number, owned or not."""
        return details_of.describe(phone_number, sold=self.is_owned(phone_number))

    def is_owned(self, phone_number: str) -> bool:
        """Whether anyone owns the number."""
        return self._store.exists(NUMBERS, phone_number)

    def _owned(self, tenant: str, number: str, at: datetime) -> dict:
        return PHONE_NUMBER.new_record(
            {},
            number=number,
            seq=self._store.next_number(NUMBERS),
            tenant=tenant,
            type=kind_of(number),
            created_at=format_iso_ms(at),
            updated_at=format_iso_ms(at),
        )

    @staticmethod
    def _areas(kind: str, location: dict) -> tuple[str, ...]:
        code = location.get("national_destination_code")
        if kind == TOLL_FREE:  # toll-free numbers ignore city and state
            return tuple(a for a in TOLL_FREE_PREFIXES if code in (None, a))
        return tuple(
            area
            for area, (city, state) in US_AREAS.items()
            if code in (None, area)
            and (not location.get("state") or location["state"].upper() == state)
            and (not location.get("city") or location["city"].lower() == city.lower())
        )


def status_of_number(record: dict) -> tuple[str, list[str]]:
    """``GET /status/phone-number``: PENDING, ACTIVE or FAILURE, and why."""
    if record["type"] != TOLL_FREE:
        return PENDING, [
            "Local numbers need a verified 10DLC campaign, which this sandbox does not emulate."
        ]
    status = record.get("status")
    if status is None:
        return PENDING, ["Attach the number to a VERIFIED toll-free campaign."]
    if status == NumberStatus.VERIFIED:
        return ACTIVE, []
    if status == NumberStatus.REJECTED:
        return FAILURE, list(record.get("errors") or [])
    return PENDING, [f"The carrier review of this number is in progress ({status})."]


def _digits_match(number: str, digits: dict) -> bool:
    national = number[2:]
    checks = (
        (digits.get("contains"), lambda text: text in number or text in national),
        (
            digits.get("starts_with"),
            lambda text: number.startswith(text) or national.startswith(text),
        ),
        (digits.get("ends_with"), lambda text: number.endswith(text)),
    )
    return all(text is None or test(text) for text, test in checks)
