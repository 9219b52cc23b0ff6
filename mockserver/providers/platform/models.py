"""The platform's toll-free verification vocabulary: statuses, lifecycle, enums and the record.

Values are quoted from the vendor's page; see ``docs/reference/platform-setups.md``.
"""

from enum import StrEnum

from mockserver import volumes
from mockserver.lifecycle import verification_loop
from mockserver.record_kinds import Field, Format, MaxLength, OneOf, RecordKind


class Status(StrEnum):
    """Twilio's REST statuses, lower-case with hyphens (the vendor's "Statuses")."""

    PENDING_REVIEW = "pending-review"
    IN_REVIEW = "in-review"
    TWILIO_APPROVED = "twilio-approved"
    TWILIO_REJECTED = "twilio-rejected"


# The loop Twilio defines; on expiry the platform then removes the record (the vendor's step 5).
LIFECYCLE = verification_loop(
    pending=Status.PENDING_REVIEW.value,
    in_review=Status.IN_REVIEW.value,
    approved=Status.TWILIO_APPROVED.value,
    rejected=Status.TWILIO_REJECTED.value,
)

OPT_IN_TYPES = ("VERBAL", "WEB_FORM", "PAPER_FORM", "VIA_TEXT", "MOBILE_QR_CODE")
# The vendor's "Use Case Categories": sent verbatim, human-readable.
USE_CASE_CATEGORIES = (
    "2FA",
    "App Notifications",
    "Appointments",
    "Auctions",
    "Auto Repair Services",
    "Bank Transfers",
    "Billing",
    "Booking Confirmations",
    "Business Updates",
    "Career Training",
    "Chatbot",
    "Conversational / Alerts",
    "Courier Services & Deliveries",
    "COVID-19 Alerts",
    "Emergency Alerts",
    "Events & Planning",
    "Financial Services",
    "Fraud Alerts",
    "Fundraising",
    "General Marketing",
    "General School Updates",
    "HR / Staffing",
    "Healthcare Alerts",
    "Housing Community Updates",
    "Insurance Services",
    "Job Dispatch",
    "Legal Services",
    "Mixed",
    "Motivational Reminders",
    "Notary Notifications",
    "Order Notifications",
    "Political",
    "Public Works",
    "Real Estate Services",
    "Religious Services",
    "Repair and Diagnostics Alerts",
    "Rewards Program",
    "Surveys",
    "System Alerts",
    "Voting Reminders",
    "Waitlist Alerts",
    "Webinar Reminders",
    "Workshop Alerts",
)
# The vendor's "Message Volumes": Twilio's buckets up to 1,000,000, then the page's own last
# bucket 5,000,000+ (not Twilio's 5,000,000 and 10,000,000+).
MESSAGE_VOLUMES = (
    *volumes.MESSAGE_VOLUMES[: volumes.MESSAGE_VOLUMES.index("1,000,000") + 1],
    "5,000,000+",
)


def _submitted(name: str, limit: int | None = None, *checks, required: bool = True) -> Field:
    """A field the client submits (and resubmits): its max length, then its other checks."""
    limits = (MaxLength(limit),) if limit else ()
    return Field(name, required=required, editable=True, checks=(*limits, *checks))


def _listed(name: str, *item_checks) -> Field:
    """A submitted list of one to ten items (``MaxLength`` counts items here)."""
    return Field(
        name,
        type="list",
        item="string",
        required=True,
        editable=True,
        checks=(MaxLength(10),),
        item_checks=item_checks,
    )


_URL = Format("url")

# The vendor's ``TollfreeVerificationResponse``, in its order: what the client submits (in
# the vendor's table order, all but two required) between the record's own fields; then what
# the sandbox keeps besides. Editing this tuple is all it takes to add a field.
VERIFICATION = RecordKind(
    provider="platform",
    name="verification",
    title="Toll-free verification",
    id_field="verification_sid",
    tenant_field="setup_id",
    lifecycle=LIFECYCLE,
    verdict_fields=("codes", "edit_allowed"),
    fields=(
        Field("phone_number_id"),
        Field("verification_sid"),
        Field("status"),
        _submitted("business_name", 256),
        _submitted("business_website", None, _URL),
        _listed("use_case_categories", OneOf(USE_CASE_CATEGORIES)),
        _submitted("use_case_summary", 4096),
        _submitted("production_message_sample", 2048),
        _listed("opt_in_image_urls", _URL),
        _submitted("opt_in_type", None, OneOf(OPT_IN_TYPES)),
        _submitted("message_volume", None, OneOf(MESSAGE_VOLUMES)),
        _submitted("business_street_address", 256),
        _submitted("business_street_address2", 256, required=False),
        _submitted("business_city", 128),
        _submitted("business_state_province_region", 128),
        _submitted("business_postal_code", 32),
        _submitted("business_country", None, Format("country")),
        _submitted("business_contact_first_name", 128),
        _submitted("business_contact_last_name", 128),
        _submitted("business_contact_email", None, Format("email")),
        _submitted("business_contact_phone", None, Format("phone")),
        _submitted("additional_information", 4096, required=False),
        Field("rejection_reasons", type="list", item="object"),
        Field("edit_allowed", type="boolean"),
        Field("created_at", type="datetime"),
        Field("updated_at", type="datetime"),
        Field("setup_id", hidden=True),
        Field("phone_number", hidden=True),
        Field("edit_expires_at", type="datetime", hidden=True),
        Field("scenario", hidden=True, doc="the scenario the submission runs"),
    ),
)


def new_verification(*, sid: str, setup_id: str, number: dict, now: str, values: dict) -> dict:
    """A fresh ``pending-review`` record from validated submission values."""
    return VERIFICATION.new_record(
        values,
        verification_sid=sid,
        setup_id=setup_id,
        phone_number_id=number["id"],
        phone_number=number["phone_number"],
        status=Status.PENDING_REVIEW.value,
        created_at=now,
        updated_at=now,
    )
