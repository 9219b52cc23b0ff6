"""Phone-number bodies: search, buy, list, attach and detach; results out."""

from marshmallow import fields, validate

from ..models import CAMPAIGN_TYPES, PHONE_FEATURES, PHONE_TYPES
from . import E164, CamelSchema, WholeNumber, page_fields


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


def search_result(found: dict) -> dict:
    """``PhoneNumberDetails`` (``phone_type`` is snake_case on the wire)."""
    region = found["region"]
    return {
        "number": found["number"],
        "phone_type": found["phone_type"],
        "cost": dict(found["cost"]),
        "features": list(found["features"]),
        "region": {
            "country": region["country"],
            "state": region["state"],
            "city": region["city"],
            "rateCenter": region["rate_center"],
        },
    }


def purchased(record: dict) -> dict:
    """``PurchasedNumber``."""
    return {"number": record["number"], "capabilities": {"sms": True, "mms": True, "voice": True}}


def owned(record: dict) -> dict:
    """``OwnedPhoneNumber``."""
    return {
        "number": record["number"],
        "sms": True,
        "mms": True,
        "voice": True,
        "isSandbox": False,
        "createdAt": record["created_at"],
    }


def attachment_result(done: list[dict], failed: list[dict]) -> dict:
    """``AttachedPhoneNumberResult`` / ``DetachedPhoneNumberResult``."""
    return {
        "phoneNumbers": [
            {
                "phoneNumber": item["phone_number"],
                "campaign": {
                    "id": item["campaign"]["campaign_id"] if item["campaign"] else "",
                    "name": (item["campaign"] or {}).get("name") or "",
                    "type": "TOLL_FREE",
                },
            }
            for item in done
        ],
        "failed": [{"number": item["number"], "error": item["error"]} for item in failed],
    }


def number_status(phone_number: str, status: str, errors: list[str]) -> dict:
    """``PhoneNumberStatus``."""
    return {"errors": errors, "phoneNumber": phone_number, "status": status}
