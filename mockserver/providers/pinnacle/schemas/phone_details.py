"""``POST /phone-numbers/details`` in; ``BasicPhoneInformation`` or
``AdvancedPhoneInformation`` out, whichever ``level`` asks for."""

from marshmallow import fields, validate

from ..lookup import ADVANCED_TYPES, CARRIER, COUNTRIES, NORMALIZED_CARRIER, TEST_MCC, TEST_MNC
from . import CamelSchema, StrictBoolean
from .answer_fields import always, answer, nested, one_of_these, written
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


# -- answers: each shape is the answer's schema (``number_answers``) and what is written --

FORMATS = {"international": always(), "national": always(), "raw": always()}
NumberFormatsAnswer = answer("NumberFormatsAnswer", FORMATS, "A number written three ways.")
BASIC_COUNTRY = {"code": always(), "name": always(), "prefix": always()}
BASIC_LOCATION = {
    "country": nested(
        answer(
            "BasicCountryAnswer", BASIC_COUNTRY, "The number's country, with its dialling prefix."
        )
    ),
    "place": always(),
}
BASIC_CONTACT = {"name": always()}
BASIC = {
    "is_valid": always(fields.Boolean, data_key="isValid"),
    "type": one_of_these(*ADVANCED_TYPES),
    "formats": nested(NumberFormatsAnswer),
    "location": nested(
        answer("BasicLocationAnswer", BASIC_LOCATION, "The number's country and place.")
    ),
    "carrier": always(),
    "contact": nested(
        answer(
            "BasicContactAnswer", BASIC_CONTACT, "The subscriber's name (the sandbox knows none)."
        )
    ),
}
LINE_TYPE = {
    "value": always(),
    "description": always(),
    "details": always(),
    "recommendation": always(),
}
ADVANCED_COUNTRY = {"name": always(), "code": always(), "code3": always()}
COORDINATES = {
    "latitude": always(fields.Float, allow_none=True),
    "longitude": always(fields.Float, allow_none=True),
}
ADVANCED_LOCATION = {
    "country": nested(
        answer(
            "AdvancedCountryAnswer", ADVANCED_COUNTRY, "The number's country, by both ISO codes."
        )
    ),
    "city": always(allow_none=True),
    "state": always(allow_none=True),
    "zip": always(allow_none=True),
    "metro_code": always(data_key="metroCode", allow_none=True),
    "county": always(allow_none=True),
    "coordinates": nested(
        answer(
            "CoordinatesAnswer",
            COORDINATES,
            "Where the number is on a map (the sandbox does not say).",
        )
    ),
    "time_zone": always(data_key="timeZone", allow_none=True),
}
CARRIER_SHAPE = {
    "name": always(),
    "normalized_carrier": always(data_key="normalizedCarrier"),
    "mcc": always(),
    "mnc": always(),
}
ADVANCED = {
    "is_valid": always(fields.Boolean, data_key="isValid"),
    "type": nested(answer("LineTypeAnswer", LINE_TYPE, "The line type, explained.")),
    "formats": nested(NumberFormatsAnswer),
    "location": nested(
        answer(
            "AdvancedLocationAnswer",
            ADVANCED_LOCATION,
            "The number's country, city, state and time zone, as far as its digits tell.",
        )
    ),
    "carrier": nested(answer("CarrierAnswer", CARRIER_SHAPE, "The sandbox's own test carrier.")),
    "contact": always(fields.Dict, allow_none=True),
}


def _formats(facts) -> dict:
    return written(
        FORMATS,
        {"international": facts.number, "national": facts.national, "raw": facts.number[2:]},
    )


def basic(facts) -> dict:
    """``BasicPhoneInformation``."""
    name, _code3 = COUNTRIES[facts.country]
    place = f"{facts.city}, {facts.state}" if facts.city else name
    country = written(BASIC_COUNTRY, {"code": facts.country, "name": name, "prefix": "+1"})
    return written(
        BASIC,
        {
            "is_valid": facts.valid,
            "type": facts.kind,
            "formats": _formats(facts),
            "location": written(BASIC_LOCATION, {"country": country, "place": place}),
            "carrier": CARRIER,
            "contact": written(BASIC_CONTACT, {"name": ""}),
        },
    )


def advanced(facts) -> dict:
    """``AdvancedPhoneInformation``."""
    name, code3 = COUNTRIES[facts.country]
    value, description, details, recommendation = ADVANCED_TYPES[facts.kind]
    line_type = {
        "value": value,
        "description": description,
        "details": details,
        "recommendation": recommendation,
    }
    country = {"name": name, "code": facts.country, "code3": code3}
    unknown = dict.fromkeys(("zip", "metro_code", "county"))  # the digits do not tell
    location = {
        "country": written(ADVANCED_COUNTRY, country),
        "city": facts.city,
        "state": facts.state,
        **unknown,
        "coordinates": written(COORDINATES, {"latitude": None, "longitude": None}),
        "time_zone": facts.time_zone,
    }
    carrier = {
        "name": CARRIER,
        "normalized_carrier": NORMALIZED_CARRIER,
        "mcc": TEST_MCC,
        "mnc": TEST_MNC,
    }
    return written(
        ADVANCED,
        {
            "is_valid": facts.valid,
            "type": written(LINE_TYPE, line_type),
            "formats": _formats(facts),
            "location": written(ADVANCED_LOCATION, location),
            "carrier": written(CARRIER_SHAPE, carrier),
            "contact": None,
        },
    )
