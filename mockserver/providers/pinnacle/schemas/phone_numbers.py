"""Phone-number bodies: search, buy, list, attach and detach; results out."""

from marshmallow import fields, validate

from ..models import CAMPAIGN_TYPES, PHONE_FEATURES, PHONE_TYPES
from ..numbers import SENDING_STATUSES, TOLL_FREE
from . import E164, CamelSchema, WholeNumber, page_fields
from .answer_fields import always, answer, nested, one_of_these, strings, written


class LocationSchema(CamelSchema):
    city = fields.String(allow_none=True)
    country_code = fields.String(
        data_key="countryCode", allow_none=True, validate=validate.Equal("US")
    )
    national_destination_code = fields.String(
        data_key="nationalDestinationCode",
        allow_none=True,
        validate=validate.Regexp(r"^[0-9]{3}\Z", error="Must be a 3-digit area code."),
    )
    state = fields.String(allow_none=True)


class DigitsSchema(CamelSchema):
    contains = fields.String(allow_none=True)
    starts_with = fields.String(data_key="startsWith", allow_none=True)
    ends_with = fields.String(data_key="endsWith", allow_none=True)


class SearchOptionsSchema(CamelSchema):
    limit = WholeNumber(allow_none=True, validate=validate.Range(min=1, max=100))


class SearchSchema(CamelSchema):
    """``POST /phone-numbers/search``."""

    type = fields.List(
        fields.String(validate=validate.OneOf(PHONE_TYPES)),
        required=True,
        validate=validate.Length(min=1),
    )
    features = fields.List(fields.String(validate=validate.OneOf(PHONE_FEATURES)), allow_none=True)
    location = fields.Nested(LocationSchema, allow_none=True)
    number = fields.Nested(DigitsSchema, allow_none=True)
    options = fields.Nested(SearchOptionsSchema, allow_none=True)


class BuySchema(CamelSchema):
    """``POST /phone-numbers/buy``."""

    numbers = fields.List(
        fields.String(validate=E164), required=True, validate=validate.Length(min=1, max=10)
    )


class NumberListSchema(CamelSchema):
    """``POST /phone-numbers/list``."""

    page_index, page_size = page_fields().values()


class AttachSchema(CamelSchema):
    """``POST /phone-numbers/attach-campaign``."""

    phones = fields.List(
        fields.String(validate=E164), required=True, validate=validate.Length(min=1, max=10)
    )
    campaign_type = fields.String(
        data_key="campaignType", required=True, validate=validate.OneOf(CAMPAIGN_TYPES)
    )
    campaign_id = fields.String(data_key="campaignId", required=True)


class DetachSchema(CamelSchema):
    """``DELETE /phone-numbers/detach-campaign`` (a JSON body on a DELETE)."""

    phones = fields.List(
        fields.String(validate=E164), required=True, validate=validate.Length(min=1, max=10)
    )


# -- answers: each shape is the answer's schema (``number_answers``) and what is written --

COST = {"monthly": always(fields.Float), "upfront": always(fields.Float), "currency": always()}
REGION = {
    "country": always(),
    "state": always(allow_none=True),
    "city": always(allow_none=True),
    "rate_center": always(data_key="rateCenter", allow_none=True),
}
FOUND = {
    "number": always(),
    "phone_type": one_of_these(*PHONE_TYPES),
    "cost": nested(answer("NumberCostAnswer", COST, "A number's price.")),
    "features": always(
        fields.List, cls_or_instance=fields.String(validate=validate.OneOf(PHONE_FEATURES))
    ),
    "region": nested(
        answer(
            "NumberRegionAnswer",
            REGION,
            "Where a number is (no city or state for a toll-free one).",
        )
    ),
}
CAPABILITIES = {
    "sms": always(fields.Boolean),
    "mms": always(fields.Boolean),
    "voice": always(fields.Boolean),
}
CapabilitiesAnswer = answer("CapabilitiesAnswer", CAPABILITIES, "What a bought number can do.")
PURCHASED = {"number": always(), "capabilities": nested(CapabilitiesAnswer)}
OWNED = {
    "number": always(),
    **CAPABILITIES,
    "is_sandbox": always(fields.Boolean, data_key="isSandbox"),
    "created_at": always(data_key="createdAt"),
}
ATTACHED_CAMPAIGN = {"id": always(), "name": always(), "type": one_of_these(TOLL_FREE)}
ATTACHED = {
    "phone_number": always(data_key="phoneNumber"),
    "campaign": nested(
        answer(
            "AttachedCampaignAnswer",
            ATTACHED_CAMPAIGN,
            "The campaign a number is (or was) attached to.",
        )
    ),
}
REFUSED = {"number": always(), "error": always()}
ATTACHMENT = {
    "phone_numbers": always(
        fields.List,
        cls_or_instance=fields.Nested(
            answer("AttachedNumberAnswer", ATTACHED, "A number attached or detached.")
        ),
        data_key="phoneNumbers",
    ),
    "failed": always(
        fields.List,
        cls_or_instance=fields.Nested(
            answer("RefusedNumberAnswer", REFUSED, "A number refused, and why.")
        ),
    ),
}
NUMBER_STATUS = {
    "errors": strings(),
    "phone_number": always(data_key="phoneNumber"),
    "status": one_of_these(*SENDING_STATUSES),
}


def search_result(found: dict) -> dict:
    """``PhoneNumberDetails`` (``phone_type`` is snake_case on the wire)."""
    return written(
        FOUND,
        {
            **found,
            "cost": written(COST, found["cost"]),
            "features": list(found["features"]),
            "region": written(REGION, found["region"]),
        },
    )


def purchased(record: dict) -> dict:
    """``PurchasedNumber``."""
    return written(PURCHASED, {"number": record["number"], "capabilities": _capabilities()})


def owned(record: dict) -> dict:
    """``OwnedPhoneNumber``."""
    values = {"number": record["number"], **_capabilities(), "is_sandbox": False}
    return written(OWNED, {**values, "created_at": record["created_at"]})


def attachment_result(done: list[dict], failed: list[dict]) -> dict:
    """``AttachedPhoneNumberResult`` / ``DetachedPhoneNumberResult``."""
    return written(
        ATTACHMENT,
        {
            "phone_numbers": [
                written(
                    ATTACHED,
                    {"phone_number": item["phone_number"], "campaign": _campaign(item["campaign"])},
                )
                for item in done
            ],
            "failed": [written(REFUSED, item) for item in failed],
        },
    )


def number_status(phone_number: str, status: str, errors: list[str]) -> dict:
    """``PhoneNumberStatus``."""
    return written(
        NUMBER_STATUS, {"errors": errors, "phone_number": phone_number, "status": status}
    )


def _capabilities() -> dict:
    # Every number the sandbox sells does all three.
    return written(CAPABILITIES, {"sms": True, "mms": True, "voice": True})


def _campaign(campaign: dict | None) -> dict:
    campaign = campaign or {}
    values = {"id": campaign.get("campaign_id") or "", "name": campaign.get("name") or ""}
    return written(ATTACHED_CAMPAIGN, {**values, "type": TOLL_FREE})
