"""What Pinnacle's phone-number routes answer, for the OpenAPI document: literal bodies
(``search_result``, ``purchased``, ``owned``, ``attachment_result``, ``number_status``,
``phone_details.basic``/``advanced``), closed so that the tests validating real answers
catch a member added on one side only.
"""

from marshmallow import Schema, fields, validate

from ..lookup import ADVANCED_TYPES
from ..models import PHONE_FEATURES, PHONE_TYPES
from .answer_fields import one_of_these
from .answers import PageAnswer

# -- phone numbers --------------------------------------------------------------------


class NumberCostAnswer(Schema):
    """A number's price."""

    monthly = fields.Float(required=True)
    upfront = fields.Float(required=True)
    currency = fields.String(required=True)


class NumberRegionAnswer(Schema):
    """Where a number is (no city or state for a toll-free one)."""

    country = fields.String(required=True)
    state = fields.String(required=True, allow_none=True)
    city = fields.String(required=True, allow_none=True)
    rate_center = fields.String(data_key="rateCenter", required=True, allow_none=True)


class FoundNumberAnswer(Schema):
    """``PhoneNumberDetails``: one search result (``phone_type`` snake_case on the wire)."""

    number = fields.String(required=True)
    phone_type = one_of_these(*PHONE_TYPES)
    cost = fields.Nested(NumberCostAnswer, required=True)
    features = fields.List(fields.String(validate=validate.OneOf(PHONE_FEATURES)), required=True)
    region = fields.Nested(NumberRegionAnswer, required=True)


class CapabilitiesAnswer(Schema):
    """What a bought number can do."""

    sms = fields.Boolean(required=True)
    mms = fields.Boolean(required=True)
    voice = fields.Boolean(required=True)


class PurchasedNumberAnswer(Schema):
    """``PurchasedNumber``."""

    number = fields.String(required=True)
    capabilities = fields.Nested(CapabilitiesAnswer, required=True)


class OwnedNumberAnswer(CapabilitiesAnswer):
    """``OwnedPhoneNumber``."""

    number = fields.String(required=True)
    is_sandbox = fields.Boolean(data_key="isSandbox", required=True)
    created_at = fields.String(data_key="createdAt", required=True)


class OwnedPageAnswer(PageAnswer):
    """``POST /phone-numbers/list``."""

    data = fields.List(fields.Nested(OwnedNumberAnswer), required=True)


class AttachedCampaignAnswer(Schema):
    """The campaign a number is (or was) attached to."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    type = one_of_these("TOLL_FREE")


class AttachedNumberAnswer(Schema):
    """A number attached or detached."""

    phone_number = fields.String(data_key="phoneNumber", required=True)
    campaign = fields.Nested(AttachedCampaignAnswer, required=True)


class RefusedNumberAnswer(Schema):
    """A number refused, and why."""

    number = fields.String(required=True)
    error = fields.String(required=True)


class AttachmentAnswer(Schema):
    """``AttachedPhoneNumberResult`` / ``DetachedPhoneNumberResult``."""

    phone_numbers = fields.List(
        fields.Nested(AttachedNumberAnswer), data_key="phoneNumbers", required=True
    )
    failed = fields.List(fields.Nested(RefusedNumberAnswer), required=True)


class NumberStatusAnswer(Schema):
    """``PhoneNumberStatus``: whether the number may send, and why not."""

    errors = fields.List(fields.String(), required=True)
    phone_number = fields.String(data_key="phoneNumber", required=True)
    status = one_of_these("PENDING", "ACTIVE", "FAILURE")


# -- phone number details -------------------------------------------------------------


class NumberFormatsAnswer(Schema):
    """A number written three ways."""

    international = fields.String(required=True)
    national = fields.String(required=True)
    raw = fields.String(required=True)


class BasicCountryAnswer(Schema):
    """The number's country, with its dialling prefix."""

    code = fields.String(required=True)
    name = fields.String(required=True)
    prefix = fields.String(required=True)


class BasicLocationAnswer(Schema):
    """The number's country and place."""

    country = fields.Nested(BasicCountryAnswer, required=True)
    place = fields.String(required=True)


class BasicContactAnswer(Schema):
    """The subscriber's name (the sandbox knows none)."""

    name = fields.String(required=True)


class BasicInfoAnswer(Schema):
    """``BasicPhoneInformation``."""

    is_valid = fields.Boolean(data_key="isValid", required=True)
    type = one_of_these(*ADVANCED_TYPES)
    formats = fields.Nested(NumberFormatsAnswer, required=True)
    location = fields.Nested(BasicLocationAnswer, required=True)
    carrier = fields.String(required=True)
    contact = fields.Nested(BasicContactAnswer, required=True)


class LineTypeAnswer(Schema):
    """The line type, explained."""

    value = fields.String(required=True)
    description = fields.String(required=True)
    details = fields.String(required=True)
    recommendation = fields.String(required=True)


class AdvancedCountryAnswer(Schema):
    """The number's country, by both ISO codes."""

    name = fields.String(required=True)
    code = fields.String(required=True)
    code3 = fields.String(required=True)


class CoordinatesAnswer(Schema):
    """Where the number is on a map (the sandbox does not say)."""

    latitude = fields.Float(required=True, allow_none=True)
    longitude = fields.Float(required=True, allow_none=True)


class AdvancedLocationAnswer(Schema):
    """The number's country, city, state and time zone, as far as its digits tell."""

    country = fields.Nested(AdvancedCountryAnswer, required=True)
    city = fields.String(required=True, allow_none=True)
    state = fields.String(required=True, allow_none=True)
    zip = fields.String(required=True, allow_none=True)
    metro_code = fields.String(data_key="metroCode", required=True, allow_none=True)
    county = fields.String(required=True, allow_none=True)
    coordinates = fields.Nested(CoordinatesAnswer, required=True)
    time_zone = fields.String(data_key="timeZone", required=True, allow_none=True)


class CarrierAnswer(Schema):
    """The sandbox's own test carrier."""

    name = fields.String(required=True)
    normalized_carrier = fields.String(data_key="normalizedCarrier", required=True)
    mcc = fields.String(required=True)
    mnc = fields.String(required=True)


class AdvancedInfoAnswer(Schema):
    """``AdvancedPhoneInformation``."""

    is_valid = fields.Boolean(data_key="isValid", required=True)
    type = fields.Nested(LineTypeAnswer, required=True)
    formats = fields.Nested(NumberFormatsAnswer, required=True)
    location = fields.Nested(AdvancedLocationAnswer, required=True)
    carrier = fields.Nested(CarrierAnswer, required=True)
    contact = fields.Dict(required=True, allow_none=True)


NUMBER_DETAILS = (BasicInfoAnswer, AdvancedInfoAnswer)
