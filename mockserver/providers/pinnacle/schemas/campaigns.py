"""Toll-free campaign bodies in, campaign objects out (``is_valid`` stays snake_case)."""

from marshmallow import fields, validate

from mockserver.volumes import MESSAGE_VOLUMES

from ..models import CAMPAIGN_STATUSES, OPT_IN_METHODS, USE_CASES
from ..rules import MAX_MESSAGE_CONTENT
from . import CamelSchema, StrictBoolean, page_fields
from .brands import extended_brand


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


class CampaignFieldsSchema(CamelSchema):
    """The campaign fields shared by upsert, get and autofill."""

    campaign_id = fields.String(
        data_key="campaignId", allow_none=True, validate=validate.Regexp(r"^tf_\S+\Z")
    )
    keywords = fields.Nested(KeywordsSchema, allow_none=True)
    links = fields.Nested(LinksSchema, allow_none=True)
    monthly_volume = fields.String(
        data_key="monthlyVolume", allow_none=True, validate=validate.OneOf(MESSAGE_VOLUMES)
    )
    name = fields.String(allow_none=True)
    opt_in = fields.Nested(OptInSchema, data_key="optIn", allow_none=True)
    options = fields.Nested(OptionsSchema, allow_none=True)
    production_message_content = fields.String(
        data_key="productionMessageContent",
        allow_none=True,
        validate=validate.Length(max=MAX_MESSAGE_CONTENT),
    )
    use_case = fields.Nested(UseCaseSchema, data_key="useCase", allow_none=True)


class CampaignUpsertSchema(CampaignFieldsSchema):
    """``POST /campaigns/toll-free``: omit ``campaignId`` to create."""

    brand = fields.String(allow_none=True, validate=validate.Regexp(r"^b_\S+\Z"))


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

    status = fields.String(allow_none=True, validate=validate.OneOf(CAMPAIGN_STATUSES))
    brand_id = fields.String(data_key="brandId", allow_none=True)
    name = fields.String(allow_none=True)

    page_index, page_size = page_fields().values()


_FIELDS = CampaignFieldsSchema()


def campaign_fields(campaign: dict) -> dict:
    """The campaign's own fields, camelCase, unset ones as null."""
    body = _FIELDS.dump({key: campaign.get(key) for key in _FIELDS.fields})
    return {key: body.get(key) for key in _wire_names()}


def campaign_with_brand(campaign: dict, brand: dict) -> dict:
    """``TollFreeCampaignWithExtendedBrandAndStatus``: the full brand and the status."""
    return {
        "brand": extended_brand(brand),
        "status": campaign["status"],
        **campaign_fields(campaign),
    }


def autofilled(campaign: dict) -> dict:
    """``TollFreeAutofillResponse``: the brand as an id string and no status."""
    return {**campaign_fields(campaign), "brand": campaign.get("brand")}


def summary(campaign: dict) -> dict:
    """One item of ``POST /campaigns/toll-free/list``."""
    return {
        "campaignId": campaign["campaign_id"],
        "name": campaign.get("name"),
        "status": campaign["status"],
        "brandId": campaign.get("brand"),
        "useCase": (campaign.get("use_case") or {}).get("value"),
        "createdAt": campaign["created_at"],
        "updatedAt": campaign["updated_at"],
    }


def validation(problems: list[dict]) -> dict:
    """``CampaignValidationResult``."""
    return {"errors": problems, "is_valid": not problems}


def _wire_names() -> list[str]:
    return [field.data_key or name for name, field in _FIELDS.fields.items()]
