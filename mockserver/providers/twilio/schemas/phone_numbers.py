"""Wire formats of the 2010 API's IncomingPhoneNumbers and AvailablePhoneNumbers."""

import re

from marshmallow import fields

from mockserver.clock import format_rfc2822, parse_iso
from mockserver.nanp import area_code_of, locality

from ..records import PHONE_NUMBER, SETTINGS
from . import API_2010, FormBoolean, PascalCaseSchema, form_field, paging_fields
from .document import AvailableNumber, Capabilities, written

API = "/2010-04-01"
DEFAULT_CONFIG = {setting.name: setting.default for setting in SETTINGS}
_SHOWN = tuple((f.name, f.output_name) for f in PHONE_NUMBER.shown())
_STORED = tuple(f.name for f in PHONE_NUMBER.shown() if not f.computed and f.within is None)
_DATES = tuple(f.name for f in PHONE_NUMBER.shown() if f.type == "datetime")
# Computed fields other than the settings show the same value for every number (``default``)
# unless dump_incoming computes them.
_FIXED = {f.name: f.default for f in PHONE_NUMBER.shown() if f.computed}


def _form(name: str) -> fields.Field:
    # A purchase from the generic list names PhoneNumber or AreaCode, and an update neither:
    # nothing is required by itself (a kind's list requires its PhoneNumber below).
    return form_field(PHONE_NUMBER.field(name), creating=False, wording=API_2010)


# The number's own parameters first, then its settings in name order: the order the first
# bad parameter is reported in. An update changes the name and settings, not the number.
_CHANGEABLE = {
    "friendly_name": _form("friendly_name"),
    **{name: _form(name) for name in sorted(setting.name for setting in SETTINGS)},
}
IncomingNumberSchema = PascalCaseSchema.from_dict(
    {
        "phone_number": _form("phone_number"),
        "area_code": fields.String(),  # which number to buy, not a field of the number
        **_CHANGEABLE,
    },
    name="IncomingNumberSchema",
)
# TollFree.json and Local.json buy the number named, as twilio-oai has it: no AreaCode.
KindNumberSchema = PascalCaseSchema.from_dict(
    {
        "phone_number": form_field(
            PHONE_NUMBER.field("phone_number"), creating=True, wording=API_2010
        ),
        **_CHANGEABLE,
    },
    name="KindNumberSchema",
)
UpdateIncomingNumberSchema = PascalCaseSchema.from_dict(
    _CHANGEABLE, name="UpdateIncomingNumberSchema"
)
ListIncomingQuery = PascalCaseSchema.from_dict(
    {
        "beta": FormBoolean("beta"),
        "friendly_name": fields.String(),
        "phone_number": fields.String(),
        "origin": fields.String(),
        **paging_fields(),
    },
    name="ListIncomingQuery",
)
AvailableQuery = PascalCaseSchema.from_dict(
    {"area_code": fields.String(), "contains": fields.String(), **paging_fields()},
    name="AvailableQuery",
)


ORIGIN = PHONE_NUMBER.field("origin").default  # every sandbox number is Twilio's


def number_pattern(given: str) -> re.Pattern:
    """The list's ``PhoneNumber`` filter: a whole or partial number, ``*`` for any digit
    (twilio-oai's description of the parameter)."""
    return re.compile("".join(r"\d" if ch == "*" else re.escape(ch) for ch in given.strip()))


def number_kind(record: dict) -> str:
    """Twilio's ``type`` of an incoming number."""
    return "tollfree" if record["toll_free"] else "local"


def incoming_uri(account_sid: str, sid: str | None = None) -> str:
    """Path of the collection, or of one number."""
    base = f"{API}/Accounts/{account_sid}/IncomingPhoneNumbers"
    return f"{base}/{sid}.json" if sid else f"{base}.json"


def dump_incoming(record: dict) -> dict:
    """An IncomingPhoneNumber as the 2010 API renders it (RFC 2822 dates)."""
    values = {**DEFAULT_CONFIG, **record["config"]}
    uri = incoming_uri(record["account_sid"], record["sid"])
    for name in _STORED:
        values[name] = record[name]
    for name in _DATES:
        values[name] = format_rfc2822(parse_iso(values[name]))
    values.update(_FIXED)
    values["uri"] = uri
    values["type"] = number_kind(record)
    values["capabilities"] = dict(values["capabilities"])
    return {output: values[name] for name, output in _SHOWN}


def dump_available(phone_number: str, country: str, toll_free: bool) -> dict:
    """An AvailablePhoneNumber search result."""
    city, region = (None, None) if toll_free else locality(country, area_code_of(phone_number))
    digits = phone_number[2:]
    capable = {"voice": True, "SMS": True, "MMS": True, "fax": False}
    values = {
        "friendly_name": f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
        "phone_number": phone_number,
        "lata": None,
        "locality": city,
        "rate_center": None,
        "latitude": None,
        "longitude": None,
        "region": region,
        "postal_code": None,
        "iso_country": country,
        "address_requirements": "none",
        "beta": False,
        "capabilities": written(Capabilities, capable),
    }
    return written(AvailableNumber, values)
