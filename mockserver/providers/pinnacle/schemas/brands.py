"""Brand bodies: upsert, validate, autofill and list requests; brand objects out."""

from marshmallow import ValidationError, fields

from ..models import BRAND, VettingStatus
from . import CamelSchema, declared_fields, json_field, page_fields, shown
from .answer_fields import (
    always,
    one_of_these,
    strings,
    validation_answer,
    validation_shape,
    written,
)


# A declared field has no sub-fields: the contact object's shape is written here.
class ContactSchema(CamelSchema):
    email = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    title = fields.String(allow_none=True)


DETAILS = BRAND.create_fields()


class BrandDetailsSchema(
    CamelSchema.from_dict(declared_fields(DETAILS, contact=ContactSchema), name="BrandDetails")
):
    """The brand fields clients send (``POST /brands/validate`` takes exactly these)."""


class BrandUpsertSchema(BrandDetailsSchema):
    """``POST /brands``: omit ``id`` to create."""

    id = json_field(BRAND.field("id"))


class BrandAutofillSchema(CamelSchema):
    """``POST /brands/autofill`` (``additional_info`` is snake_case on the wire)."""

    additional_info = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    options = fields.Dict(allow_none=True)


class QueryBoolean(fields.Boolean):
    """``true`` or ``false`` in a query, in any letter case; empty is ``false`` (as absent).

    Marshmallow's ``Boolean`` would also take ``1``, ``yes``, ``on``…, which the document's
    ``boolean`` does not promise."""

    def _deserialize(self, value, attr, data, **kwargs):
        word = value.lower() if isinstance(value, str) else None
        if word in ("true", "false", ""):
            return word == "true"
        raise ValidationError("Must be true or false.")


class BrandQuerySchema(CamelSchema):
    """``GET /brands/{id}``: ``hideEIN=true`` masks all but the EIN's last four digits."""

    hide_ein = QueryBoolean(
        data_key="hideEIN",
        load_default=False,
        metadata={"description": "`true` or `false`, in any letter case; empty is `false`"},
    )


_FILTERS = [BRAND.field(name) for name in ("status", "is_archived", "name")]


class BrandListSchema(CamelSchema.from_dict(declared_fields(_FILTERS), name="BrandFilters")):
    """``POST /brands/list``."""

    page_index, page_size = page_fields().values()


_DETAILS = BrandDetailsSchema()
_DETAIL_NAMES = tuple(f.name for f in DETAILS)
# ``ExtendedBrand`` is the record without what only ``GET /brands/{id}`` adds.
_VETTING = ("last_vetting_date", "feedback", "vetting_history")
EXTENDED = tuple(f for f in BRAND.shown() if not f.on_create and f.name not in _VETTING)
WITH_VETTING = tuple(f for f in BRAND.shown() if f.name in _VETTING)
# ``BrandStatus`` (``GET /status/brand/{id}``): the readable rejection reasons, id and status.
STATUS = tuple(BRAND.field(name) for name in ("errors", "id", "status"))


def brand_details(brand: dict) -> dict:
    """``OptionalBrandInfo``: the details set, camelCase (one never set is left out, one set
    to null shows null)."""
    return _DETAILS.dump({name: brand[name] for name in _DETAIL_NAMES if name in brand})


def extended_brand(brand: dict) -> dict:
    """``ExtendedBrand``: details plus id, status and timestamps."""
    return {**brand_details(brand), **shown(EXTENDED, brand, {})}


def brand_with_vetting(brand: dict, hide_ein: bool = False) -> dict:
    """``ExtendedBrandWithVetting`` (``GET /brands/{id}``): never null vetting fields."""
    body = extended_brand(brand)
    if hide_ein and body.get("ein"):
        body["ein"] = "**-***" + body["ein"][-4:]
    return {**body, **shown(WITH_VETTING, brand, _VETTING_SHOWN)}


# -- answers: each shape is an answer's schema (``answers``) and what is written --------

FEEDBACK = {
    "description": always(),
    "display_name": always(data_key="displayName"),
    "fields": strings(),
    "id": always(),
}
VETTING_PROVIDER, VETTING_CLASS = "AEGIS", "STANDARD"  # the only vetting the sandbox does
VETTING = {
    "provider": one_of_these(VETTING_PROVIDER),
    "vetting_class": one_of_these(VETTING_CLASS, data_key="vettingClass"),
    "vetting_date": always(data_key="vettingDate"),
    "vetting_score": always(fields.Integer, data_key="vettingScore"),
    "vetting_status": one_of_these(*VettingStatus, data_key="vettingStatus"),
}
VALIDATION = validation_shape("isValid")  # ``ValidationResults``


def validation(problems: list[dict]) -> dict:
    """``ValidationResults``: what submission would refuse."""
    return validation_answer(VALIDATION, problems)


def _feedback(brand: dict) -> list[dict]:
    # Named one by one: a stored item is data, and a member it gained is not the answer's.
    return [written(FEEDBACK, {key: item[key] for key in FEEDBACK}) for item in brand["feedback"]]


def _vetting_history(brand: dict) -> list[dict]:
    fixed = {"provider": VETTING_PROVIDER, "vetting_class": VETTING_CLASS}
    return [
        written(VETTING, {key: fixed.get(key) or item[key] for key in VETTING})
        for item in brand["vetting_history"]
    ]


_VETTING_SHOWN = {
    "last_vetting_date": lambda brand: brand["last_vetting_date"] or "",
    "feedback": _feedback,
    "vetting_history": _vetting_history,
}


def brand_status(brand: dict) -> dict:
    """``GET /status/brand/{id}``."""
    return {f.name: brand[f.name] for f in STATUS}
