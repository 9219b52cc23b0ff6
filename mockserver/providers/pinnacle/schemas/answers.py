"""What Pinnacle's brand and toll-free campaign routes answer, for the OpenAPI document.

Record-shaped answers are built from the declared ``Field`` tuples the bodies are rendered
from (``brands.EXTENDED``, ``campaigns.OWN``, ``PHONE_NUMBER.shown()``…) and the nested
schemas that dump them; only literal bodies are written out here. Each answer is closed (a
member it does not name fails it), so the tests that validate real answers catch drift.
"""

from marshmallow import Schema, fields, validate

from ..models import CAMPAIGN, PHONE_NUMBER
from . import brands, campaigns, declared_fields
from .answer_fields import answer_fields

# -- shared ---------------------------------------------------------------------------


class SuccessAnswer(Schema):
    """``{"success": true}``: a submit, a vet or a cancelled schedule."""

    success = fields.Boolean(required=True, validate=validate.Equal(True))


class PageAnswer(Schema):
    """A list route's page: its items, whether more follow, and how many match in all."""

    has_more = fields.Boolean(data_key="hasMore", required=True)
    count = fields.Integer(required=True)


class ProblemAnswer(Schema):
    """One finding of a validate route (``rules.problem``)."""

    field = fields.String(required=True)
    description = fields.String(required=True)
    example = fields.String()


# -- brands ---------------------------------------------------------------------------


def _details() -> dict[str, fields.Field]:
    """The brand details as ``brand_details`` dumps them (through ``BrandDetailsSchema``)."""
    return declared_fields(brands.DETAILS, contact=brands.ContactSchema)


class BrandDetailsAnswer(Schema.from_dict(_details(), name="BrandDetailsFields")):
    """``OptionalBrandInfo``: the details set (one never set is left out, one set to null
    is null)."""


class BrandAnswer(
    Schema.from_dict({**_details(), **answer_fields(brands.EXTENDED)}, name="BrandFields")
):
    """``ExtendedBrand``: the details, the id, the status and the times."""


class VettingFeedbackAnswer(Schema):
    """One ``tcrFeedback`` item: a rejection reason by code."""

    description = fields.String(required=True)
    display_name = fields.String(data_key="displayName", required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)
    id = fields.String(required=True)


class VettingHistoryAnswer(Schema):
    """One ``vettingHistory`` item: an AEGIS vetting."""

    provider = fields.String(required=True)
    vetting_class = fields.String(data_key="vettingClass", required=True)
    vetting_date = fields.String(data_key="vettingDate", required=True)
    vetting_score = fields.Integer(data_key="vettingScore", required=True)
    vetting_status = fields.String(data_key="vettingStatus", required=True)


_VETTING_NESTED = {"feedback": VettingFeedbackAnswer, "vetting_history": VettingHistoryAnswer}


class VettedBrandAnswer(
    Schema.from_dict(
        {
            **_details(),
            **answer_fields(brands.EXTENDED),
            **answer_fields(brands.WITH_VETTING, nested=_VETTING_NESTED),
        },
        name="VettedBrandFields",
    )
):
    """``ExtendedBrandWithVetting`` (``GET /brands/{id}``): never null vetting members."""


class BrandPageAnswer(PageAnswer):
    """``POST /brands/list``."""

    data = fields.List(fields.Nested(BrandAnswer), required=True)


class BrandValidationAnswer(Schema):
    """``ValidationResults``: what submission would refuse."""

    errors = fields.List(fields.Nested(ProblemAnswer), required=True)
    is_valid = fields.Boolean(data_key="isValid", required=True)


class BrandStatusAnswer(Schema.from_dict(answer_fields(brands.STATUS), name="BrandStatusFields")):
    """``BrandStatus``: the readable rejection reasons, the id and the status."""


# -- toll-free campaigns --------------------------------------------------------------

_DETAIL_NAMES = [f.name for f in campaigns.OWN if f.name != "campaign_id"]


class CampaignAnswer(
    Schema.from_dict(
        answer_fields(
            CAMPAIGN.shown(),
            nested={"brand": BrandAnswer, **campaigns.OBJECTS},
            nullable=_DETAIL_NAMES,
        ),
        name="CampaignWithBrandFields",
    )
):
    """``TollFreeCampaignWithExtendedBrandAndStatus``: an unset detail is null."""


class CampaignAutofillAnswer(
    Schema.from_dict(
        answer_fields(
            (*campaigns.OWN, CAMPAIGN.field("brand")),
            nested=campaigns.OBJECTS,
            nullable=[*_DETAIL_NAMES, "campaign_id", "brand"],
        ),
        name="CampaignAutofillFields",
    )
):
    """``TollFreeAutofillResponse``: the suggested fields, the brand by id (no campaign yet:
    a null ``campaignId``)."""


class CampaignSummaryAnswer(Schema):
    """``TollFreeCampaignSummary`` (``campaigns.summary``): the brand by id, the use case by
    its value."""

    campaign_id = fields.String(data_key="campaignId", required=True)
    name = fields.String(required=True, allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(CAMPAIGN.statuses()))
    brand_id = fields.String(data_key="brandId", required=True, allow_none=True)
    use_case = fields.String(data_key="useCase", required=True, allow_none=True)
    created_at = fields.String(data_key="createdAt", required=True)
    updated_at = fields.String(data_key="updatedAt", required=True)


class CampaignPageAnswer(PageAnswer):
    """``POST /campaigns/toll-free/list``."""

    data = fields.List(fields.Nested(CampaignSummaryAnswer), required=True)


class CampaignValidationAnswer(Schema):
    """``CampaignValidationResult`` (``is_valid`` snake_case, as the API spells it)."""

    errors = fields.List(fields.Nested(ProblemAnswer), required=True)
    is_valid = fields.Boolean(required=True)


class NumberUpdateAnswer(
    Schema.from_dict(answer_fields(PHONE_NUMBER.shown()), name="NumberUpdateFields")
):
    """A number's carrier review, as the campaign status shows its latest attached number
    (an attached number always has a status; without one, the placeholder's)."""


class CampaignStatusAnswer(Schema):
    """``TollFreeCampaignStatus``: the failure reasons joined, the latest number's review."""

    error = fields.String(required=True)
    id = fields.String(required=True)
    updates = fields.Nested(NumberUpdateAnswer, required=True)


class EmptyPageAnswer(PageAnswer):
    """A list of what the sandbox never holds (blasts, 10DLC and RCS campaigns): empty."""

    data = fields.List(fields.Dict(), required=True, validate=validate.Length(max=0))
