"""Brands: the business behind campaigns, with its own review (submit → PENDING →
VERIFIED | FAILED) and optional vetting.
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.ids import IdFactory
from mockserver.store_contract import RecordStore

from .errors import BadRequest, ResourceNotFound
from .models import APPROVED_BRAND, BRAND, BRAND_PREFIX, BrandStatus, VettingStatus
from .paging import Page, Render, by_seq, tenant_page
from .patch import merged
from .rules import brand_problems

BRANDS = "pinnacle_brands"
DETAILS = BRAND.editable()
VETTING_SCORE = 75.0


class BrandBook:
    """Create, change, find and list one tenant's brands."""

    def __init__(self, store: RecordStore, ids: IdFactory):
        self._store, self._ids = store, ids
        store.index(BRANDS, "tenant", order=by_seq)

    def upsert(self, tenant: str, values: dict, at: datetime) -> dict:
        """Create a brand (no ``id``) or change one; a change to an approved brand's details
        makes it UNVERIFIED until it is submitted again."""
        brand_id = values.get("id")
        if brand_id is None:
            brand = self._new(tenant, at)
        else:
            brand = self._store.get(BRANDS, brand_id)
            if brand is None or brand["tenant"] != tenant:
                raise BadRequest(f"Brand {brand_id} not found.", {"id": "No such brand."})
            if brand["status"] == BrandStatus.PENDING:
                raise BadRequest(f"Brand {brand_id} is under review and cannot be updated.")
        after = merged(brand, {k: v for k, v in values.items() if k in DETAILS})
        changed = {k: after[k] for k in DETAILS if k in after and brand.get(k) != after[k]}
        brand.update(changed)
        if changed and brand_id is not None:
            brand["updated_at"] = format_iso_ms(at)
            if brand["status"] in APPROVED_BRAND:
                brand["status"] = BrandStatus.UNVERIFIED
        self._store.put(BRANDS, brand["id"], brand)
        return brand

    def create(self, tenant: str, declared: dict, at: datetime) -> dict:
        """A brand with a given id and status (seed file)."""
        brand = self._new(tenant, at, declared, id=declared["id"], status=declared["status"])
        self._store.put(BRANDS, brand["id"], brand)
        return brand

    def get(self, tenant: str, brand_id: str) -> dict:
        """One of the tenant's brands (404 otherwise)."""
        brand = self._store.get(BRANDS, brand_id)
        if brand is None or brand["tenant"] != tenant:
            raise ResourceNotFound(f"Brand {brand_id} not found.")
        return brand

    def find(self, brand_id: str, *, shared: bool = False) -> dict | None:
        """A brand by id, whoever owns it (``shared``: read-only)."""
        return self._store.get(BRANDS, brand_id, shared=shared)

    def check_submittable(self, brand: dict) -> None:
        """400 unless the brand may go to review now."""
        status = brand["status"]
        if status == BrandStatus.PENDING:
            raise BadRequest(f"Brand {brand['id']} is already under review.")
        if status in APPROVED_BRAND:
            raise BadRequest(f"Brand {brand['id']} is already {status}.")
        problems = brand_problems(brand)
        if problems:
            raise BadRequest(
                f"Brand {brand['id']} is incomplete: "
                + "; ".join(f"{p['field']}: {p['description']}" for p in problems),
                {p["field"]: p["description"] for p in problems},
            )

    def vet(self, tenant: str, brand_id: str, at: datetime) -> dict:
        """Record an external (AEGIS) vetting of a verified brand."""
        brand = self.get(tenant, brand_id)
        if brand["status"] not in APPROVED_BRAND:
            raise BadRequest(
                f"Brand {brand_id} is {brand['status']}: only a VERIFIED brand can be vetted."
            )
        stamp = format_iso_ms(at)
        brand["vetting_history"] = [
            *brand["vetting_history"],
            {
                "vetting_date": stamp,
                "vetting_score": VETTING_SCORE,
                "vetting_status": VettingStatus.ACTIVE,
            },
        ]
        brand.update(status=BrandStatus.VETTED, last_vetting_date=stamp, updated_at=stamp)
        self._store.put(BRANDS, brand_id, brand)
        return brand

    def listed(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's brands matching the filters, newest first."""
        exact = {"status": "status", "is_archived": "is_archived"}
        return tenant_page(
            self._store, BRANDS, tenant, filters, exact, render=render, kind="brand", key="id"
        )

    def owned_by(self, tenant: str) -> list[dict]:
        """Every brand of a tenant."""
        return self._store.find(BRANDS, "tenant", tenant)

    def remove(self, brand_id: str) -> None:
        """Delete a brand."""
        self._store.delete(BRANDS, brand_id)

    def save(self, brand: dict) -> None:
        """Store a changed brand."""
        self._store.put(BRANDS, brand["id"], brand)

    def _new(self, tenant: str, at: datetime, values: dict | None = None, **given) -> dict:
        """A new brand: its details from ``values``, the declared defaults, then ``given``."""
        stamp = format_iso_ms(at)
        # A seeded brand draws an id too, so the ids after it replay as they always have.
        while self._store.exists(BRANDS, brand_id := BRAND_PREFIX + self._ids.digits(10)):
            continue
        system = {
            "id": brand_id,
            "seq": self._store.next_number(BRANDS),
            "tenant": tenant,
            "created_at": stamp,
            "updated_at": stamp,
        }
        return BRAND.new_record(values or {}, **{**system, **given})
