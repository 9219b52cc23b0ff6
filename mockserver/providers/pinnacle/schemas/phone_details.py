"""``POST /phone-numbers/details`` in; ``BasicPhoneInformation`` or
``AdvancedPhoneInformation`` out, whichever ``level`` asks for."""

from marshmallow import fields, validate

from ..lookup import ADVANCED_TYPES, CARRIER, COUNTRIES, NORMALIZED_CARRIER, TEST_MCC, TEST_MNC
from . import CamelSchema, StrictBoolean
from .phone_numbers import E164


class EnhancedContactInfoSchema(CamelSchema):
    context = fields.String(allow_none=True)


class DetailsOptionsSchema(CamelSchema):
    force = StrictBoolean(allow_none=True)
    risk = StrictBoolean(allow_none=True)
    # snake_case on the wire, as the SDK sends it
    enhanced_contact_info = fields.Nested(EnhancedContactInfoSchema, allow_none=True)


class DetailsSchema(CamelSchema):
    """``POST /phone-numbers/details`` (the options change nothing in the sandbox)."""

    phone = fields.String(required=True, validate=E164)
    level = fields.String(required=True, validate=validate.OneOf(["basic", "advanced"]))
    options = fields.Nested(DetailsOptionsSchema, allow_none=True)


def _formats(facts) -> dict:
    return {"international": facts.number, "national": facts.national, "raw": facts.number[2:]}


def basic(facts) -> dict:
    """``BasicPhoneInformation``."""
    name, _code3 = COUNTRIES[facts.country]
    place = f"{facts.city}, {facts.state}" if facts.city else name
    return {
        "isValid": facts.valid,
        "type": facts.kind,
        "formats": _formats(facts),
        "location": {
            "country": {"code": facts.country, "name": name, "prefix": "+1"},
            "place": place,
        },
        "carrier": CARRIER,
        "contact": {"name": ""},
    }


def advanced(facts) -> dict:
    """``AdvancedPhoneInformation``."""
    name, code3 = COUNTRIES[facts.country]
    value, description, details, recommendation = ADVANCED_TYPES[facts.kind]
    return {
        "isValid": facts.valid,
        "type": {
            "value": value,
            "description": description,
            "details": details,
            "recommendation": recommendation,
        },
        "formats": _formats(facts),
        "location": {
            "country": {"name": name, "code": facts.country, "code3": code3},
            "city": facts.city,
            "state": facts.state,
            "zip": None,
            "metroCode": None,
            "county": None,
            "coordinates": {"latitude": None, "longitude": None},
            "timeZone": facts.time_zone,
        },
        "carrier": {
            "name": CARRIER,
            "normalizedCarrier": NORMALIZED_CARRIER,
            "mcc": TEST_MCC,
            "mnc": TEST_MNC,
        },
        "contact": None,
    }
