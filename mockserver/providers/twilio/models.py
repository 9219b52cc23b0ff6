"""Twilio toll-free verification vocabulary: statuses, enums, rejection codes and records.

Values are quoted from twilio-oai ``twilio_messaging_v1.json`` and Twilio's onboarding guide;
see ``docs/reference/twilio-tollfree-verification.md``.
"""

from enum import StrEnum

from mockserver.lifecycle import verification_loop
from mockserver.record_kinds import Field, Format, MaxLength, OneOf, RecordKind
from mockserver.volumes import MESSAGE_VOLUMES

VERIFICATIONS = "twilio_verifications"  # the store table of verifications


class Status(StrEnum):
    """``tollfree_verification_enum_status``."""

    PENDING_REVIEW = "PENDING_REVIEW"
    IN_REVIEW = "IN_REVIEW"
    TWILIO_APPROVED = "TWILIO_APPROVED"
    TWILIO_REJECTED = "TWILIO_REJECTED"


# Expiry closes the edit window; the REST status stays TWILIO_REJECTED (onboarding guide, statuses).
LIFECYCLE = verification_loop(
    pending=Status.PENDING_REVIEW.value,
    in_review=Status.IN_REVIEW.value,
    approved=Status.TWILIO_APPROVED.value,
    rejected=Status.TWILIO_REJECTED.value,
)

OPT_IN_TYPES = (
    "VERBAL",
    "WEB_FORM",
    "PAPER_FORM",
    "VIA_TEXT",
    "MOBILE_QR_CODE",
    "IMPORT",
    "IMPORT_PLEASE_REPLACE",
)
USE_CASE_CATEGORIES = (
    "TWO_FACTOR_AUTHENTICATION",
    "ACCOUNT_NOTIFICATIONS",
    "CUSTOMER_CARE",
    "CHARITY_NONPROFIT",
    "DELIVERY_NOTIFICATIONS",
    "FRAUD_ALERT_MESSAGING",
    "EVENTS",
    "HIGHER_EDUCATION",
    "K12",
    "MARKETING",
    "POLLING_AND_VOTING_NON_POLITICAL",
    "POLITICAL_ELECTION_CAMPAIGNS",
    "PUBLIC_SERVICE_ANNOUNCEMENT",
    "SECURITY_ALERT",
)
BUSINESS_TYPES = ("PRIVATE_PROFIT", "PUBLIC_PROFIT", "SOLE_PROPRIETOR", "NON_PROFIT", "GOVERNMENT")
REGISTRATION_AUTHORITIES = (
    "EIN",
    "CBN",
    "CRN",
    "PROVINCIAL_NUMBER",
    "VAT",
    "ACN",
    "ABN",
    "BRN",
    "SIREN",
    "SIRET",
    "NZBN",
    "USt-IdNr",
    "CIF",
    "NIF",
    "CNPJ",
    "UID",
    "NEQ",
    "OTHER",
)
VETTING_PROVIDERS = ("CAMPAIGN_VERIFY",)
# Onboarding guide, variant 2.1: without a customer profile these become mandatory.
BUSINESS_PROFILE_FIELDS = (
    "business_street_address",
    "business_city",
    "business_state_province_region",
    "business_postal_code",
    "business_country",
    "business_contact_first_name",
    "business_contact_last_name",
    "business_contact_email",
    "business_contact_phone",
)


def _text(name: str, limit: int | None = None, *checks, required: bool = False) -> Field:
    """A string the client sets on create and update."""
    limits = (MaxLength(limit),) if limit else ()
    return Field(name, required=required, editable=True, checks=(*limits, *checks))


def _review(name: str, type: str = "string") -> Field:
    """A field review sets, never the client."""
    return Field(name, type=type)


_URL, _EMAIL, _PHONE = Format("url"), Format("email"), Format("phone")

# The record, in the order of the spec's fetch example (every property of
# ``messaging.v1.tollfree_verification``), then what the sandbox keeps besides.
# Create takes the ``on_create`` fields, update the ``on_update`` ones; ``required`` is the
# spec's ten on create. Editing this tuple is all it takes to add a field.
VERIFICATION = RecordKind(
    provider="twilio",
    name="verification",
    title="Toll-free verification",
    id_field="sid",
    tenant_field="account_sid",
    lifecycle=LIFECYCLE,
    verdict_fields=("codes", "edit_allowed"),
    fields=(
        Field("sid"),
        Field("account_sid"),
        Field("customer_profile_sid", create_only=True),
        _review("trust_product_sid"),
        _review("regulated_item_sid"),
        Field("date_created", type="datetime"),
        Field("date_updated", type="datetime"),
        _text("business_name", 500, required=True),
        _text("business_street_address", 100),
        _text("business_street_address2", 100),
        _text("business_city", 100),
        _text("business_state_province_region", 100),
        _text("business_postal_code", 100),
        _text("business_country", None, Format("country", message="Invalid business country")),
        _text("business_website", 500, _URL, required=True),
        _text("business_contact_first_name", 500),
        _text("business_contact_last_name", 500),
        _text("business_contact_email", 500, _EMAIL),
        _text("business_contact_phone", None, _PHONE),
        _text("notification_email", 500, _EMAIL, required=True),
        Field(
            "use_case_categories",
            type="list",
            item="string",
            required=True,
            editable=True,
            item_checks=(OneOf(USE_CASE_CATEGORIES, label="useCase"),),
        ),
        _text("use_case_summary", 500, required=True),
        _text("production_message_sample", 1000, required=True),
        Field(
            "opt_in_image_urls",
            type="list",
            item="string",
            required=True,
            editable=True,
            item_checks=(MaxLength(1000), _URL),
        ),
        _text("opt_in_type", None, OneOf(OPT_IN_TYPES), required=True),
        _text("message_volume", None, OneOf(MESSAGE_VOLUMES), required=True),
        _text("additional_information", 500),
        Field("tollfree_phone_number_sid", required=True, create_only=True),
        Field("status"),
        _review("rejection_reason"),
        _review("error_code", "integer"),
        _review("edit_expiration", "datetime"),
        _review("edit_allowed", "boolean"),
        _review("rejection_reasons", "list"),
        Field("resource_links", type="object", computed=True),
        Field("url", computed=True),
        Field(
            "external_reference_id",
            create_only=True,
            checks=(MaxLength(50), Format("alphanumeric", message="It must be alphanumeric.")),
        ),
        _text("business_registration_number"),
        _text(
            "business_registration_authority",
            None,
            OneOf(REGISTRATION_AUTHORITIES, list_allowed=True),
        ),
        _text(
            "business_registration_country",
            None,
            Format("country", message="Invalid business registration country"),
        ),
        _text("business_type", None, OneOf(BUSINESS_TYPES, list_allowed=True)),
        _text("business_registration_phone_number", None, _PHONE),
        _text("doing_business_as"),
        Field("age_gated_content", type="boolean", editable=True),
        _text("help_message_sample"),
        _text("opt_in_confirmation_message"),
        Field("opt_in_keywords", type="list", item="string", editable=True),
        _text("privacy_policy_url", None, _URL),
        _text("terms_and_conditions_url", None, _URL),
        Field("tollfree_phone_number"),
        _text("vetting_id", 500),
        _review("vetting_id_expiration", "datetime"),
        _text("vetting_provider", None, OneOf(VETTING_PROVIDERS, list_allowed=True)),
        # Not in the spec, but the onboarding guide documents it on rejected records
        # ("rejected_on and edit_expiration help you manage the rejection"); SDKs ignore it.
        _review("rejected_on", "datetime"),
        Field("edit_reason", update_only=True, hidden=True),
        Field("expired_on", type="datetime", hidden=True),
        Field("scenario", hidden=True, doc="the scenario the submission runs"),
    ),
)
# The spec's nine required submission fields, which an edit may not blank.
REQUIRED_ON_EDIT = tuple(f.name for f in VERIFICATION.fields if f.required and f.editable)


def new_verification(
    *, sid: str, account_sid: str, phone_number: str, now: str, values: dict
) -> dict:
    """Build a fresh ``PENDING_REVIEW`` record from validated create values."""
    return VERIFICATION.new_record(
        values,
        sid=sid,
        account_sid=account_sid,
        tollfree_phone_number=phone_number,
        status=Status.PENDING_REVIEW.value,
        date_created=now,
        date_updated=now,
    )


def missing_business_fields(values: dict) -> list[str]:
    """Variant 2.1 fields (required when no customer profile is given) that are empty."""
    if values.get("customer_profile_sid"):
        return []
    return [name for name in BUSINESS_PROFILE_FIELDS if not values.get(name)]


def pascal_case(name: str) -> str:
    """``business_street_address2`` → ``BusinessStreetAddress2`` (Twilio's parameter names)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))
