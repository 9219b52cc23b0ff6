"""Messaging Services v1 records: a service and a phone number of its sender pool.

Fields follow twilio-oai's ``messaging.v1.service`` and ``messaging.v1.service.phone_number``
in their declared order, which is the order the SDK reads them
(``docs/reference/twilio-messaging.md`` §8). Twilio states few defaults; the sandbox's are
recorded there (§8, sandbox choices).
"""

from mockserver.nanp import LOCAL_AREA_CODES
from mockserver.record_kinds import Field, Format, MaxLength, OneOf, RecordKind

from .records import PHONE_NUMBER, PROVIDER

SCAN_MESSAGE_CONTENT = ("inherit", "enable", "disable")
USECASES = ("notifications", "marketing", "verification", "discussion", "poll", "undeclared")
MAX_VALIDITY_PERIOD = 36000
# The URL fields a client clears by sending them empty (the spec: null disables inbound).
CLEARABLE = ("inbound_request_url", "fallback_url", "status_callback")
_URL = Format("url")
_METHOD = Format("http_method")


def _option(name: str, default, type: str = "string", *checks) -> Field:
    """A setting a client gives on create and update."""
    return Field(name, type=type, editable=True, default=default, checks=checks)


SERVICE = RecordKind(
    provider=PROVIDER,
    name="messaging_service",
    title="Messaging Service",
    id_field="sid",
    tenant_field="account_sid",
    status_field=None,
    fields=(
        Field("sid"),
        Field("account_sid"),
        Field("friendly_name", required=True, editable=True, checks=(MaxLength(64),)),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime"),
        _option("inbound_request_url", None, "string", _URL),
        _option("inbound_method", "POST", "string", _METHOD),
        _option("fallback_url", None, "string", _URL),
        _option("fallback_method", "POST", "string", _METHOD),
        _option("status_callback", None, "string", _URL),
        _option("sticky_sender", True, "boolean"),
        _option("mms_converter", True, "boolean"),
        _option("smart_encoding", False, "boolean"),
        _option(
            "scan_message_content",
            "inherit",
            "string",
            OneOf(SCAN_MESSAGE_CONTENT, list_allowed=True),
        ),
        _option("fallback_to_long_code", True, "boolean"),
        _option("area_code_geomatch", True, "boolean"),
        _option("synchronous_validation", True, "boolean"),
        _option("validity_period", MAX_VALIDITY_PERIOD, "integer"),
        Field("url", computed=True),
        Field("links", type="object", computed=True),
        _option("usecase", "marketing", "string", OneOf(USECASES, list_allowed=True)),
        Field("us_app_to_person_registered", type="boolean", default=False),
        _option("use_inbound_webhook_on_number", True, "boolean"),
    ),
)

SERVICE_PHONE_NUMBER = RecordKind(
    provider=PROVIDER,
    name="service_phone_number",
    title="Messaging Service phone number",
    id_field="sid",
    tenant_field="account_sid",
    status_field=None,
    fields=(
        Field("sid", doc="the number's PN sid: a number is in one service at most"),
        Field("account_sid"),
        Field("service_sid"),
        Field("date_created", type="datetime", doc="when it joined the pool"),
        Field("date_updated", type="datetime"),
        Field("phone_number"),
        Field("country_code"),
        Field("capabilities", type="list", item="string"),
        Field("url", computed=True),
    ),
)

# Ordered as the spec's ``createWithCapabilities`` example shows them.
_CAPABILITY_NAMES = (("mms", "MMS"), ("sms", "SMS"), ("voice", "Voice"))
_CANADIAN_AREA_CODES = frozenset(LOCAL_AREA_CODES["CA"])


def capabilities() -> list[str]:
    """What every sandbox number can do, as a pool entry names it (``["MMS", "SMS", "Voice"]``)."""
    offered = PHONE_NUMBER.field("capabilities").default
    return [label for key, label in _CAPABILITY_NAMES if offered.get(key)]


def country_code(phone_number: str) -> str | None:
    """``CA`` for the sandbox's Canadian area codes, ``US`` for the rest of +1, else None."""
    if not phone_number.startswith("+1"):
        return None
    return "CA" if phone_number[2:5] in _CANADIAN_AREA_CODES else "US"
