"""Twilio's record kinds besides the toll-free verification (``models.VERIFICATION``).

Each kind is declared once, its fields in the order Twilio's responses show them: the 2010
API's IncomingPhoneNumber, Events v1's sink and subscription, and the control API's account,
API key and customer profile. Request schemas, new records and responses derive from these.
"""

from dataclasses import dataclass
from enum import StrEnum

from mockserver.record_kinds import Field, Format, OneOf, RecordKind

PROVIDER = "twilio"


class ProfileType(StrEnum):
    """TrustHub customer profile kinds that matter to toll-free verification."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    ISV_STARTER = "isv_starter"
    STARTER = "starter"


class ProfileStatus(StrEnum):
    """TrustHub customer profile statuses."""

    DRAFT = "draft"
    PENDING_REVIEW = "pending-review"
    IN_REVIEW = "in-review"
    TWILIO_REJECTED = "twilio-rejected"
    TWILIO_APPROVED = "twilio-approved"


SINK_TYPES = ("kinesis", "webhook", "segment", "email")
# Events v1's sink statuses; the sandbox's sinks are active as soon as they are created.
SINK_STATUSES = ("initialized", "validating", "active", "failed")


@dataclass(frozen=True)
class Setting(Field):
    """A phone number's setting (a webhook, an address…): a client sets it on purchase and
    on update. The record keeps the ones set in its ``config``; a response shows Twilio's
    default (``default``) for the others."""

    editable: bool = True
    within: str | None = "config"


def _setting(name: str, default=None, type: str = "string", *checks) -> Setting:
    return Setting(name, type=type, default=default, checks=checks)


def _fixed(name: str, value, type: str = "string") -> Field:
    """What every number shows alike (``default`` is the value shown)."""
    return Field(name, type=type, computed=True, default=value)


_METHOD = Format("http_method")  # GET or POST, in capitals or not
_CAPABILITIES = {"voice": True, "sms": True, "mms": True, "fax": False}

# The 2010 API's IncomingPhoneNumber; the control API creates numbers with the create fields.
PHONE_NUMBER = RecordKind(
    provider=PROVIDER,
    name="phone_number",
    title="Phone number",
    id_field="sid",
    tenant_field="account_sid",
    extra_statuses=("in-use",),
    fields=(
        Field("account_sid", required=True, create_only=True),
        _fixed("address_requirements", "none"),
        _setting("address_sid"),
        _setting("api_version", "2010-04-01"),
        _fixed("beta", False, "boolean"),
        _fixed("capabilities", _CAPABILITIES, "object"),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime"),
        _setting("emergency_status", "Inactive"),
        _setting("emergency_address_sid"),
        _fixed("emergency_address_status", "unregistered"),
        Field("friendly_name", editable=True, doc="the number's national format until set"),
        _setting("identity_sid"),
        _fixed("origin", "twilio"),
        Field("phone_number", required=True, create_only=True),
        Field("sid", create_only=True),
        _setting("sms_application_sid", ""),
        _setting("sms_fallback_method", "POST", "string", _METHOD),
        _setting("sms_fallback_url", ""),
        _setting("sms_method", "POST", "string", _METHOD),
        _setting("sms_url", ""),
        _setting("status_callback", ""),
        _setting("status_callback_method", "POST", "string", _METHOD),
        _setting("trunk_sid"),
        Field("uri", computed=True),
        _setting("voice_application_sid", ""),
        _setting("voice_caller_id_lookup", False, "boolean"),
        _setting("voice_fallback_method", "POST", "string", _METHOD),
        _setting("voice_fallback_url", ""),
        _setting("voice_method", "POST", "string", _METHOD),
        _setting("voice_url", ""),
        _setting("bundle_sid"),
        _setting("voice_receive_mode", "voice"),
        _fixed("status", "in-use"),
        Field("type", computed=True, doc="tollfree or local"),
        Field("toll_free", type="boolean", hidden=True),
        Field("config", type="object", hidden=True, default={}, doc="the settings a client set"),
    ),
)
SETTINGS = tuple(f for f in PHONE_NUMBER.fields if isinstance(f, Setting))

SINK = RecordKind(
    provider=PROVIDER,
    name="sink",
    title="Event Streams sink",
    id_field="sid",
    tenant_field="account_sid",
    extra_statuses=SINK_STATUSES,
    fields=(
        Field("status", default="active"),
        Field("sink_configuration", type="object", required=True, create_only=True),
        Field("description", required=True, editable=True),
        Field("sid"),
        Field("date_created", type="datetime"),
        Field("sink_type", required=True, create_only=True, checks=(OneOf(SINK_TYPES),)),
        Field("date_updated", type="datetime"),
        Field("url", computed=True),
        Field("links", type="object", computed=True),
        Field("account_sid", hidden=True),
    ),
)

SUBSCRIPTION = RecordKind(
    provider=PROVIDER,
    name="subscription",
    title="Event Streams subscription",
    id_field="sid",
    tenant_field="account_sid",
    status_field=None,
    fields=(
        Field("account_sid"),
        Field("sid"),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime"),
        Field("description", required=True, editable=True),
        Field("sink_sid", required=True, create_only=True),
        Field("url", computed=True),
        Field("links", type="object", computed=True),
        Field(
            "types",
            type="list",
            item="object",
            required=True,
            create_only=True,
            hidden=True,
            doc="the subscribed event types, each {type, schema_version}",
        ),
    ),
)

ACCOUNT = RecordKind(
    provider=PROVIDER,
    name="account",
    title="Account",
    id_field="sid",
    tenant_field="sid",
    extra_statuses=("active",),
    fields=(
        Field("sid", create_only=True),
        Field("auth_token", create_only=True),
        Field("parent_sid", create_only=True),
        Field("friendly_name", create_only=True, doc="its sid until set"),
        Field("status", default="active"),
        Field("declared", type="boolean", hidden=True, default=True, doc="not made by a request"),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime", hidden=True),
    ),
)

API_KEY = RecordKind(
    provider=PROVIDER,
    name="api_key",
    title="API key",
    id_field="sid",
    tenant_field="account_sid",
    status_field=None,
    fields=(
        Field("sid", create_only=True),
        Field("secret", create_only=True),
        Field("account_sid", required=True, create_only=True),
        Field("friendly_name", create_only=True, doc="its sid until set"),
        Field("date_created", type="datetime"),
    ),
)

CUSTOMER_PROFILE = RecordKind(
    provider=PROVIDER,
    name="customer_profile",
    title="TrustHub customer profile",
    id_field="sid",
    tenant_field="account_sid",
    extra_statuses=tuple(status.value for status in ProfileStatus),
    fields=(
        Field("sid", create_only=True),
        Field("account_sid", required=True, create_only=True),
        Field(
            "status",
            create_only=True,
            default=ProfileStatus.TWILIO_APPROVED.value,
            checks=(OneOf(tuple(status.value for status in ProfileStatus)),),
        ),
        Field(
            "profile_type",
            create_only=True,
            default=ProfileType.SECONDARY.value,
            checks=(OneOf(tuple(kind.value for kind in ProfileType)),),
        ),
        Field("friendly_name", create_only=True, doc="'<profile_type> profile' until set"),
        Field("email", create_only=True),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime"),
    ),
)
