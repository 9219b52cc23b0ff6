"""Wire formats of the 2010 API's IncomingPhoneNumbers and AvailablePhoneNumbers."""

from urllib.parse import urlencode

from marshmallow import fields, validate

from mockserver.clock import format_rfc2822, parse_iso
from mockserver.nanp import area_code_of, locality

from . import FormBoolean, PascalCaseSchema, paging_fields

API = "/2010-04-01"
_METHOD = validate.OneOf(
    ("GET", "POST", "get", "post"), error="The HTTP method must be GET or POST"
)
# Defaults Twilio gives a freshly bought number.
DEFAULT_CONFIG = {
    "address_sid": None,
    "api_version": "2010-04-01",
    "bundle_sid": None,
    "emergency_address_sid": None,
    "emergency_status": "Inactive",
    "identity_sid": None,
    "sms_application_sid": "",
    "sms_fallback_method": "POST",
    "sms_fallback_url": "",
    "sms_method": "POST",
    "sms_url": "",
    "status_callback": "",
    "status_callback_method": "POST",
    "trunk_sid": None,
    "voice_application_sid": "",
    "voice_caller_id_lookup": False,
    "voice_fallback_method": "POST",
    "voice_fallback_url": "",
    "voice_method": "POST",
    "voice_receive_mode": "voice",
    "voice_url": "",
}
_CONFIG_FIELDS = {
    name: (
        FormBoolean("voiceCallerIdLookup")
        if name == "voice_caller_id_lookup"
        else fields.String(validate=_METHOD if name.endswith("_method") else None)
    )
    for name in DEFAULT_CONFIG
}

IncomingNumberSchema = PascalCaseSchema.from_dict(
    {
        "phone_number": fields.String(),
        "area_code": fields.String(),
        "friendly_name": fields.String(),
        **_CONFIG_FIELDS,
    },
    name="IncomingNumberSchema",
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


def number_kind(record: dict) -> str:
    """Twilio's ``type`` of an incoming number."""
    return "tollfree" if record["toll_free"] else "local"


def incoming_uri(account_sid: str, sid: str | None = None) -> str:
    """Path of the collection, or of one number."""
    base = f"{API}/Accounts/{account_sid}/IncomingPhoneNumbers"
    return f"{base}/{sid}.json" if sid else f"{base}.json"


def dump_incoming(record: dict) -> dict:
    """An IncomingPhoneNumber as the 2010 API renders it (RFC 2822 dates)."""
    config = {**DEFAULT_CONFIG, **record["config"]}
    uri = incoming_uri(record["account_sid"], record["sid"])
    return {
        "account_sid": record["account_sid"],
        "address_requirements": "none",
        "address_sid": config["address_sid"],
        "api_version": config["api_version"],
        "beta": False,
        "capabilities": {"voice": True, "sms": True, "mms": True, "fax": False},
        "date_created": format_rfc2822(parse_iso(record["date_created"])),
        "date_updated": format_rfc2822(parse_iso(record["date_updated"])),
        "emergency_status": config["emergency_status"],
        "emergency_address_sid": config["emergency_address_sid"],
        "emergency_address_status": "unregistered",
        "friendly_name": record["friendly_name"],
        "identity_sid": config["identity_sid"],
        "origin": "twilio",
        "phone_number": record["phone_number"],
        "sid": record["sid"],
        "sms_application_sid": config["sms_application_sid"],
        "sms_fallback_method": config["sms_fallback_method"],
        "sms_fallback_url": config["sms_fallback_url"],
        "sms_method": config["sms_method"],
        "sms_url": config["sms_url"],
        "status_callback": config["status_callback"],
        "status_callback_method": config["status_callback_method"],
        "trunk_sid": config["trunk_sid"],
        "uri": uri,
        "voice_application_sid": config["voice_application_sid"],
        "voice_caller_id_lookup": config["voice_caller_id_lookup"],
        "voice_fallback_method": config["voice_fallback_method"],
        "voice_fallback_url": config["voice_fallback_url"],
        "voice_method": config["voice_method"],
        "voice_url": config["voice_url"],
        "bundle_sid": config["bundle_sid"],
        "voice_receive_mode": config["voice_receive_mode"],
        "status": "in-use",
        "type": number_kind(record),
        "subresource_uris": {"assigned_add_ons": uri.replace(".json", "/AssignedAddOns.json")},
    }


def dump_available(phone_number: str, country: str, toll_free: bool) -> dict:
    """An AvailablePhoneNumber search result."""
    city, region = (None, None) if toll_free else locality(country, area_code_of(phone_number))
    digits = phone_number[2:]
    return {
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
        "capabilities": {"voice": True, "SMS": True, "MMS": True, "fax": False},
    }


def page_2010(path: str, key: str, items: list, params: dict, filters: list) -> dict:
    """A 2010-API page: ``key`` holds the items; ``*_page_uri`` are relative paths."""
    page_size = params.get("page_size", 50)
    page = params.get("page", 0)
    start = page * page_size
    chunk = items[start : start + page_size]

    def uri(number: int) -> str:
        return f"{path}?{urlencode([*filters, ('PageSize', page_size), ('Page', number)])}"

    return {
        "end": start + max(len(chunk) - 1, 0),
        "first_page_uri": uri(0),
        key: chunk,
        "next_page_uri": uri(page + 1) if start + page_size < len(items) else None,
        "page": page,
        "page_size": page_size,
        "previous_page_uri": uri(page - 1) if page > 0 else None,
        "start": start,
        "uri": uri(page),
    }
