"""Brand bodies: upsert, validate, autofill and list requests; brand objects out."""

from marshmallow import fields, validate

from ..models import BRAND_STATUSES, COMPANY_TYPES, ENTITY_TYPES, SECTORS
from . import CamelSchema, StrictBoolean, page_fields


class ContactSchema(CamelSchema):
    email = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    title = fields.String(allow_none=True)


class BrandDetailsSchema(CamelSchema):
    """The brand fields clients send (``POST /brands/validate`` takes exactly these)."""

    address = fields.String(allow_none=True)
    contact = fields.Nested(ContactSchema, allow_none=True)
    dba = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    ein = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    sector = fields.String(allow_none=True, validate=validate.OneOf(SECTORS))
    type = fields.String(allow_none=True, validate=validate.OneOf(COMPANY_TYPES))
    entity_type = fields.String(
        data_key="entityType", allow_none=True, validate=validate.OneOf(ENTITY_TYPES)
    )
    website = fields.String(allow_none=True)


class BrandUpsertSchema(BrandDetailsSchema):
    """``POST /brands``: omit ``id`` to create."""

    id = fields.String(allow_none=True, validate=validate.Regexp(r"^b_\S+\Z"))


class BrandAutofillSchema(CamelSchema):
    """``POST /brands/autofill`` (``additional_info`` is snake_case on the wire)."""

    additional_info = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    options = fields.Dict(allow_none=True)


class BrandListSchema(CamelSchema):
    """``POST /brands/list``."""

    status = fields.String(allow_none=True, validate=validate.OneOf(BRAND_STATUSES))
    is_archived = StrictBoolean(data_key="isArchived", allow_none=True)
    name = fields.String(allow_none=True)

    page_index, page_size = page_fields().values()


_DETAILS = BrandDetailsSchema()


def brand_details(brand: dict) -> dict:
    """``OptionalBrandInfo``: the descriptive fields, camelCase."""
    return _DETAILS.dump({key: value for key, value in brand.items() if key in _DETAILS.fields})


def extended_brand(brand: dict) -> dict:
    """``ExtendedBrand``: details plus id, status and timestamps."""
    return {
        **brand_details(brand),
        "createdAt": brand["created_at"],
        "id": brand["id"],
        "isArchived": brand["is_archived"],
        "status": brand["status"],
        "updatedAt": brand["updated_at"],
    }


def brand_with_vetting(brand: dict, hide_ein: bool = False) -> dict:
    """``ExtendedBrandWithVetting`` (``GET /brands/{id}``): never null vetting fields."""
    body = extended_brand(brand)
    if hide_ein and body.get("ein"):
        body["ein"] = "**-***" + body["ein"][-4:]
    body["lastTcrVettingDate"] = brand["last_vetting_date"] or ""
    body["tcrFeedback"] = [
        {
            "description": item["description"],
            "displayName": item["display_name"],
            "fields": item["fields"],
            "id": item["id"],
        }
        for item in brand["feedback"]
    ]
    body["vettingHistory"] = [
        {
            "provider": "AEGIS",
            "vettingClass": "STANDARD",
            "vettingDate": item["vetting_date"],
            "vettingScore": item["vetting_score"],
            "vettingStatus": item["vetting_status"],
        }
        for item in brand["vetting_history"]
    ]
    return body


def brand_status(brand: dict) -> dict:
    """``GET /status/brand/{id}``."""
    return {"errors": list(brand["errors"]), "id": brand["id"], "status": brand["status"]}
