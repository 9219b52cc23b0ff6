"""``/brands`` and ``/status/brand/{id}``."""

from flask import request

from ..schemas import brands as schema
from ..schemas import load, page_body
from . import backend, body, bp, ok, tenant


@bp.post("/brands")
def upsert_brand():
    """Create a brand (no ``id``) or update one."""
    values = load(schema.BrandUpsertSchema(), body())
    return ok(schema.extended_brand(backend().upsert_brand(tenant(), values)))


@bp.get("/brands/<brand_id>")
def get_brand(brand_id: str):
    """A brand with its vetting details."""
    hide = request.args.get("hideEIN", "false").lower() == "true"
    brand = backend().get_brand(tenant(), brand_id)
    return ok(schema.brand_with_vetting(brand, hide_ein=hide))


@bp.post("/brands/<brand_id>/submit")
def submit_brand(brand_id: str):
    """Send a brand to review."""
    backend().submit_brand(tenant(), brand_id)
    return ok({"success": True})


@bp.post("/brands/<brand_id>/vet")
def vet_brand(brand_id: str):
    """Vet a verified brand externally (AEGIS, STANDARD)."""
    backend().vet_brand(tenant(), brand_id)
    return ok({"success": True})


@bp.post("/brands/autofill")
def autofill_brand():
    """Brand details suggested from a name or website."""
    values = load(schema.BrandAutofillSchema(), body())
    found = backend().autofill_brand(
        values.get("name"), values.get("website"), values.get("additional_info")
    )
    return ok(schema.brand_details(found))


@bp.post("/brands/validate")
def validate_brand():
    """What submission would say about these brand details."""
    problems = backend().validate_brand(load(schema.BrandDetailsSchema(), body()))
    return ok({"errors": problems, "isValid": not problems})


@bp.post("/brands/list")
def list_brands():
    """The tenant's brands, newest first, one page."""
    filters = load(schema.BrandListSchema(), body())
    return ok(page_body(backend().list_brands(tenant(), filters, schema.extended_brand)))


@bp.get("/status/brand/<brand_id>")
def brand_status(brand_id: str):
    """A brand's review status and findings."""
    return ok(schema.brand_status(backend().get_brand(tenant(), brand_id)))
