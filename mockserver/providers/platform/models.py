"""The platform's toll-free verification vocabulary: statuses, lifecycle, enums and records.

Values are quoted from the vendor's page; see ``docs/reference/platform-setups.md``.
"""

from enum import StrEnum

from mockserver import volumes
from mockserver.lifecycle import verification_loop


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
# What the client submits, in the seed's table order (the response echoes each one).
SUBMITTED_FIELDS = (
    "business_name",
    "business_website",
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
    "business_contact_first_name",
    "business_contact_last_name",
    "business_contact_email",
    "business_contact_phone",
    "additional_information",
)


def new_verification(*, sid: str, setup_id: str, number: dict, now: str, values: dict) -> dict:
    """A fresh ``pending-review`` record from validated submission values."""
    record = {
        "verification_sid": sid,
        "setup_id": setup_id,
        "phone_number_id": number["id"],
        "phone_number": number["phone_number"],
        "status": Status.PENDING_REVIEW.value,
        "rejection_reasons": None,
        "edit_allowed": None,
        "edit_expires_at": None,
        "created_at": now,
        "updated_at": now,
        "scenario": None,
    }
    record.update({name: values.get(name) for name in SUBMITTED_FIELDS})
    return record
