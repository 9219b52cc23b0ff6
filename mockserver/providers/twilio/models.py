"""Twilio toll-free verification vocabulary: statuses, enums, rejection codes and records.

Values are quoted from twilio-oai ``twilio_messaging_v1.json`` and Twilio's onboarding guide;
see ``docs/reference/twilio-tollfree-verification.md``.
"""

from enum import StrEnum

from mockserver.lifecycle import verification_loop


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
# Fields a client submits on create (CustomerProfileSid, TollfreePhoneNumberSid and
# ExternalReferenceId are create-only; EditReason is update-only). The first nine are
# required by the spec (with TollfreePhoneNumberSid, the ten).
EDITABLE_FIELDS = (
    "business_name",
    "business_website",
    "notification_email",
    "use_case_categories",
    "use_case_summary",
    "production_message_sample",
    "opt_in_image_urls",
    "opt_in_type",
    "message_volume",
    "business_street_address",
    "business_street_address2",
    "business_city",
    "business_state_province_region",
    "business_postal_code",
    "business_country",
    "additional_information",
    "business_contact_first_name",
    "business_contact_last_name",
    "business_contact_email",
    "business_contact_phone",
    "business_registration_number",
    "business_registration_authority",
    "business_registration_country",
    "business_type",
    "business_registration_phone_number",
    "doing_business_as",
    "opt_in_confirmation_message",
    "help_message_sample",
    "privacy_policy_url",
    "terms_and_conditions_url",
    "age_gated_content",
    "opt_in_keywords",
    "vetting_provider",
    "vetting_id",
)
REQUIRED_ON_EDIT = EDITABLE_FIELDS[:9]
CREATE_ONLY_FIELDS = ("tollfree_phone_number_sid", "customer_profile_sid", "external_reference_id")
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
# Set by review, not by the client.
REVIEW_FIELDS = (
    "trust_product_sid",
    "regulated_item_sid",
    "rejection_reason",
    "error_code",
    "rejection_reasons",
    "edit_expiration",
    "edit_allowed",
    "vetting_id_expiration",
)


def new_verification(
    *, sid: str, account_sid: str, phone_number: str, now: str, values: dict
) -> dict:
    """Build a fresh ``PENDING_REVIEW`` record from validated create values."""
    record = dict.fromkeys(EDITABLE_FIELDS + CREATE_ONLY_FIELDS + REVIEW_FIELDS)
    record.update({key: values.get(key) for key in EDITABLE_FIELDS + CREATE_ONLY_FIELDS})
    record.update(
        sid=sid,
        account_sid=account_sid,
        tollfree_phone_number=phone_number,
        status=Status.PENDING_REVIEW.value,
        date_created=now,
        date_updated=now,
        edit_reason=None,
        rejected_on=None,
        expired_on=None,
        scenario=None,
    )
    return record


def missing_business_fields(values: dict) -> list[str]:
    """Variant 2.1 fields (required when no customer profile is given) that are empty."""
    if values.get("customer_profile_sid"):
        return []
    return [name for name in BUSINESS_PROFILE_FIELDS if not values.get(name)]


def pascal_case(name: str) -> str:
    """``business_street_address2`` → ``BusinessStreetAddress2`` (Twilio's parameter names)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))
