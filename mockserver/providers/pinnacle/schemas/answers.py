"""What Pinnacle's brand and toll-free campaign routes answer, for the OpenAPI document.

Record-shaped answers are built from the declared ``Field`` tuples the bodies are rendered
from (``brands.EXTENDED``, ``campaigns.OWN``, ``PHONE_NUMBER.shown()``…) and the nested
schemas that dump them; literal bodies from the shape their renderer writes
(``brands.VETTING``, ``campaigns.SUMMARY``…). Each answer is closed (a
member it does not name fails it), so the tests that validate real answers catch drift.
"""

from marshmallow import Schema, fields, validate

from ..models import CAMPAIGN
from . import brands, campaigns, declared_fields
from .answer_fields import answer, answer_fields

# -- shared ---------------------------------------------------------------------------


class SuccessAnswer(Schema):
    """``{"success": true}``: a submit, a vet or a cancelled schedule."""

    success = fields.Boolean(required=True, validate=validate.Equal(True))


class PageAnswer(Schema):
    """A list route's page: its items, whether more follow, and how many match in all."""

    has_more = fields.Boolean(data_key="hasMore", required=True)
    count = fields.Integer(required=True)


def page_answer(name: str, item: type[Schema], doc: str) -> type[Schema]:
    """The ``PageAnswer`` ``name`` whose ``data`` are ``item`` answers."""
    schema = PageAnswer.from_dict(
        {"data": fields.List(fields.Nested(item), required=True)}, name=name
    )
    schema.__doc__ = doc
    return schema


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


VettingFeedbackAnswer = answer(
    "VettingFeedbackAnswer",
    brands.FEEDBACK,
    "One ``tcrFeedback`` item: a rejection reason by code.",
)
VettingHistoryAnswer = answer(
    "VettingHistoryAnswer", brands.VETTING, "One ``vettingHistory`` item: an AEGIS vetting."
)
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


BrandPageAnswer = page_answer("BrandPageAnswer", BrandAnswer, "``POST /brands/list``.")


BrandValidationAnswer = answer(
    "BrandValidationAnswer",
    brands.VALIDATION,
    "``ValidationResults`` (``brands.validation``): what submission would refuse.",
)


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


CampaignSummaryAnswer = answer(
    "CampaignSummaryAnswer",
    campaigns.SUMMARY,
    "``TollFreeCampaignSummary`` (``campaigns.summary``): the brand by id, the use case by "
    "its value.",
)


CampaignPageAnswer = page_answer(
    "CampaignPageAnswer", CampaignSummaryAnswer, "``POST /campaigns/toll-free/list``."
)


CampaignValidationAnswer = answer(
    "CampaignValidationAnswer",
    campaigns.VALIDATION,
    "``CampaignValidationResult`` (``is_valid`` snake_case, as the API spells it).",
)


CampaignStatusAnswer = answer(
    "CampaignStatusAnswer",
    campaigns.CAMPAIGN_STATUS,
    "``TollFreeCampaignStatus``: the failure reasons joined, the latest number's review.",
)


class EmptyPageAnswer(PageAnswer):
    """A list of what the sandbox never holds (blasts, 10DLC and RCS campaigns): empty."""

    data = fields.List(fields.Dict(), required=True, validate=validate.Length(max=0))
