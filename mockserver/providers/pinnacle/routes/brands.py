"""``/brands`` and ``/status/brand/{id}``."""

from flask import request

from mockserver.openapi import documented

from ..schemas import answers, examples, load, page_body
from ..schemas import brands as schema
from . import backend, body, bp, ok, tenant

_QUERY = schema.BrandQuerySchema()


@bp.post("/brands")
@documented(
    body=schema.BrandUpsertSchema,
    answers={200: answers.BrandAnswer},
    errors=(400,),
    example=examples.BRAND,
)
def upsert_brand():
    """Create a brand (no ``id``) or update one.

    Updating a brand under review, or one the key does not have, is a 400.
    """
    values = load(schema.BrandUpsertSchema, body())
    return ok(schema.extended_brand(backend().upsert_brand(tenant(), values)))


@bp.get("/brands/<brand_id>")
@documented(
    query=schema.BrandQuerySchema, answers={200: answers.VettedBrandAnswer}, errors=(400, 404)
)
def get_brand(brand_id: str):
    """A brand with its vetting details (``hideEIN=true`` masks the EIN)."""
    hide = load(_QUERY, request.args.to_dict(), "Invalid query.")["hide_ein"]
    brand = backend().get_brand(tenant(), brand_id)
    return ok(schema.brand_with_vetting(brand, hide_ein=hide))


@bp.post("/brands/<brand_id>/submit")
@documented(answers={200: answers.SuccessAnswer}, errors=(400, 404))
def submit_brand(brand_id: str):
    """Send a complete brand to review (400 when incomplete or already under review)."""
    backend().submit_brand(tenant(), brand_id)
    return ok({"success": True})


@bp.post("/brands/<brand_id>/vet")
@documented(answers={200: answers.SuccessAnswer}, errors=(400, 404))
def vet_brand(brand_id: str):
    """Vet a verified brand externally (AEGIS, STANDARD; 400 for a brand not verified)."""
    backend().vet_brand(tenant(), brand_id)
    return ok({"success": True})


@bp.post("/brands/autofill")
@documented(
    body=schema.BrandAutofillSchema,
    answers={200: answers.BrandDetailsAnswer},
    errors=(400,),
    example=examples.BRAND_AUTOFILL,
)
def autofill_brand():
    """Brand details suggested from a name or website (400 without either)."""
    values = load(schema.BrandAutofillSchema, body())
    found = backend().autofill_brand(
        values.get("name"), values.get("website"), values.get("additional_info")
    )
    return ok(schema.brand_details(found))


@bp.post("/brands/validate")
@documented(
    body=schema.BrandDetailsSchema,
    answers={200: answers.BrandValidationAnswer},
    errors=(400,),
    example=examples.BRAND,
)
def validate_brand():
    """What submission would say about these brand details."""
    problems = backend().validate_brand(load(schema.BrandDetailsSchema, body()))
    return ok(schema.validation(problems))


@bp.post("/brands/list")
@documented(
    body=schema.BrandListSchema,
    answers={200: answers.BrandPageAnswer},
    errors=(400,),
    example=examples.PAGE,
)
def list_brands():
    """The key's brands, newest first, one page."""
    filters = load(schema.BrandListSchema, body())
    return ok(page_body(backend().list_brands(tenant(), filters, schema.extended_brand)))


@bp.get("/status/brand/<brand_id>")
@documented(answers={200: answers.BrandStatusAnswer}, errors=(404,))
def brand_status(brand_id: str):
    """A brand's review status and findings."""
    return ok(schema.brand_status(backend().get_brand(tenant(), brand_id)))
