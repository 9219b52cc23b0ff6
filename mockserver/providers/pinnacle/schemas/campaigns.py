"""Toll-free campaign bodies in, campaign objects out (``is_valid`` stays snake_case)."""

from marshmallow import Schema, fields, validate

from ..models import CAMPAIGN, OPT_IN_METHODS, PHONE_NUMBER, USE_CASES, NumberStatus
from . import CamelSchema, StrictBoolean, declared_fields, json_field, page_fields, shown
from .answer_fields import (
    always,
    answer_fields,
    nested,
    one_of_these,
    validation_answer,
    validation_shape,
    written,
)
from .brands import extended_brand

# A declared field has no sub-fields: each object field's shape is written here.


class HelpKeywordSchema(CamelSchema):
    message = fields.String(allow_none=True)


class OptInKeywordSchema(CamelSchema):
    message = fields.String(allow_none=True)
    keywords = fields.List(fields.String(), allow_none=True)


class KeywordsSchema(CamelSchema):
    help = fields.Nested(HelpKeywordSchema, data_key="HELP", allow_none=True)
    opt_in = fields.Nested(OptInKeywordSchema, data_key="OPT_IN", allow_none=True)


class LinksSchema(CamelSchema):
    privacy_policy = fields.String(data_key="privacyPolicy", allow_none=True)
    terms_of_service = fields.String(data_key="termsOfService", allow_none=True)


class OptInSchema(CamelSchema):
    method = fields.String(allow_none=True, validate=validate.OneOf(OPT_IN_METHODS))
    url = fields.String(allow_none=True)
    workflow_description = fields.String(data_key="workflowDescription", allow_none=True)


class OptionsSchema(CamelSchema):
    age_gated = StrictBoolean(data_key="ageGated", allow_none=True)


class UseCaseSchema(CamelSchema):
    summary = fields.String(allow_none=True)
    value = fields.String(allow_none=True, validate=validate.OneOf(USE_CASES))


# ``TollFreeCampaign``: the campaign's own fields (its id and details), without the brand
# record and status the full record adds.
OWN = tuple(f for f in CAMPAIGN.shown() if f.name not in ("brand", "status"))
OBJECTS = {
    "keywords": KeywordsSchema,
    "links": LinksSchema,
    "opt_in": OptInSchema,
    "options": OptionsSchema,
    "use_case": UseCaseSchema,
}


class CampaignFieldsSchema(
    CamelSchema.from_dict(declared_fields(OWN, **OBJECTS), name="CampaignFields")
):
    """The campaign fields shared by upsert, get and autofill."""


class CampaignUpsertSchema(CampaignFieldsSchema):
    """``POST /campaigns/toll-free``: omit ``campaignId`` to create."""

    # Required on create, but the backend says so in its own words (and checks the owner).
    brand = json_field(CAMPAIGN.field("brand"), required=False, allow_none=True)


class CampaignValidateSchema(CamelSchema):
    """``POST /campaigns/toll-free/validate``."""

    campaign_id = fields.String(data_key="campaignId", required=True)
    additional_info = fields.String(data_key="additionalInfo", allow_none=True)


class CampaignAutofillSchema(CamelSchema):
    """``POST /campaigns/toll-free/autofill``."""

    campaign_id = fields.String(data_key="campaignId", allow_none=True)
    additional_info = fields.String(data_key="additionalInfo", allow_none=True)


class CampaignListSchema(CamelSchema):
    """``POST /campaigns/toll-free/list``."""

    status = json_field(CAMPAIGN.field("status"))
    # The list names the brand as its items do (``TollFreeCampaignSummary.brandId``).
    brand_id = fields.String(data_key="brandId", allow_none=True)
    name = json_field(CAMPAIGN.field("name"))

    page_index, page_size = page_fields().values()


_FIELDS = CampaignFieldsSchema()
_WIRE_NAMES = [f.output_name for f in OWN]


def campaign_fields(campaign: dict) -> dict:
    """The campaign's own fields, camelCase, unset ones as null."""
    body = _FIELDS.dump({f.name: campaign.get(f.name) for f in OWN})
    return {name: body.get(name) for name in _WIRE_NAMES}


def campaign_with_brand(campaign: dict, brand: dict) -> dict:
    """``TollFreeCampaignWithExtendedBrandAndStatus``: the full brand and the status."""
    own = campaign_fields(campaign)
    computed = {f.name: _dumped(own, f.output_name) for f in OWN}
    return shown(CAMPAIGN.shown(), campaign, {"brand": lambda _: extended_brand(brand), **computed})


def autofilled(campaign: dict) -> dict:
    """``TollFreeAutofillResponse``: the brand as an id string and no status."""
    return {**campaign_fields(campaign), "brand": campaign.get("brand")}


# -- answers: each shape is an answer's schema (``answers``) and what is written --------

SUMMARY = {
    "campaign_id": always(data_key="campaignId"),
    "name": always(allow_none=True),
    "status": one_of_these(*CAMPAIGN.statuses()),
    "brand_id": always(data_key="brandId", allow_none=True),
    "use_case": always(data_key="useCase", allow_none=True),
    "created_at": always(data_key="createdAt"),
    "updated_at": always(data_key="updatedAt"),
}
VALIDATION = validation_shape("is_valid")  # ``CampaignValidationResult``


# The stored status's doc is the record's (none until attached); an update always has one.
_UPDATE_STATUS = one_of_these(
    *NumberStatus,
    metadata={
        "description": "the number's carrier review (`TollFreeStatusEnum`); "
        "WAITING_FOR_CUSTOMER while no number is attached"
    },
)


class NumberUpdateAnswer(
    Schema.from_dict(
        {**answer_fields(PHONE_NUMBER.shown()), "status": _UPDATE_STATUS},
        name="NumberUpdateFields",
    )
):
    """A number's carrier review, as the campaign status shows its latest attached number
    (an attached number always has a status; without one, the placeholder's)."""


CAMPAIGN_STATUS = {"error": always(), "id": always(), "updates": nested(NumberUpdateAnswer)}


def summary(campaign: dict) -> dict:
    """One item of ``POST /campaigns/toll-free/list`` (``TollFreeCampaignSummary``)."""
    # A model of its own, not the declared shape: the brand by id, the use case by its value,
    # and the times the full record leaves out.
    values = {
        "campaign_id": campaign["campaign_id"],
        "name": campaign.get("name"),
        "status": campaign["status"],
        "brand_id": campaign.get("brand"),
        "use_case": (campaign.get("use_case") or {}).get("value"),
        "created_at": campaign["created_at"],
        "updated_at": campaign["updated_at"],
    }
    return written(SUMMARY, values)


def validation(problems: list[dict]) -> dict:
    """``CampaignValidationResult``."""
    return validation_answer(VALIDATION, problems)


def campaign_status(values: dict) -> dict:
    """``TollFreeCampaignStatus``: the failure reasons joined, the latest number's review."""
    return written(CAMPAIGN_STATUS, values)


def _dumped(body: dict, key: str):
    return lambda _: body[key]
