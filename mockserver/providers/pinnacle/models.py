"""Pinnacle's statuses, enums and state machines, as data (names as the rcs SDK spells them)."""

from enum import StrEnum

from mockserver.lifecycle import Action, Lifecycle

BRAND_PREFIX, CAMPAIGN_PREFIX, MESSAGE_PREFIX, SCHEDULE_PREFIX = "b_", "tf_", "msg_", "msg_sched_"


class CampaignStatus(StrEnum):
    """``ProfileStatusEnum``: a toll-free campaign's review status (note the space)."""

    INCOMPLETE = "INCOMPLETE"
    IN_REVIEW = "IN REVIEW"
    VERIFIED = "VERIFIED"
    FAILED = "FAILED"


class BrandStatus(StrEnum):
    """``BrandStatusEnum``."""

    INCOMPLETE = "INCOMPLETE"
    PENDING = "PENDING"
    VERIFIED = "VERIFIED"
    VETTED = "VETTED"
    UNVERIFIED = "UNVERIFIED"
    FAILED = "FAILED"


class NumberStatus(StrEnum):
    """``TollFreeStatusEnum``: a toll-free number's carrier review once attached."""

    IN_PROGRESS = "IN_PROGRESS"
    WAITING_FOR_PROVIDER = "WAITING_FOR_PROVIDER"
    WAITING_FOR_CUSTOMER = "WAITING_FOR_CUSTOMER"
    WAITING_FOR_TELECO = "WAITING_FOR_TELECO"
    VERIFIED = "VERIFIED"
    REJECTED = "REJECTED"


# A campaign is "IN REVIEW" from submission on: the neutral review step changes nothing visible.
CAMPAIGN_LIFECYCLE = Lifecycle(
    initial=CampaignStatus.IN_REVIEW,
    moves={
        (CampaignStatus.IN_REVIEW, Action.REVIEW): CampaignStatus.IN_REVIEW,
        (CampaignStatus.IN_REVIEW, Action.APPROVE): CampaignStatus.VERIFIED,
        (CampaignStatus.IN_REVIEW, Action.REJECT): CampaignStatus.FAILED,
        (CampaignStatus.FAILED, Action.RESUBMIT): CampaignStatus.IN_REVIEW,
    },
)
BRAND_LIFECYCLE = Lifecycle(
    initial=BrandStatus.PENDING,
    moves={
        (BrandStatus.PENDING, Action.REVIEW): BrandStatus.PENDING,
        (BrandStatus.PENDING, Action.APPROVE): BrandStatus.VERIFIED,
        (BrandStatus.PENDING, Action.REJECT): BrandStatus.FAILED,
        (BrandStatus.FAILED, Action.RESUBMIT): BrandStatus.PENDING,
        (BrandStatus.UNVERIFIED, Action.RESUBMIT): BrandStatus.PENDING,
    },
)
NUMBER_LIFECYCLE = Lifecycle(
    initial=NumberStatus.IN_PROGRESS,
    moves={
        (NumberStatus.IN_PROGRESS, Action.REVIEW): NumberStatus.WAITING_FOR_TELECO,
        (NumberStatus.WAITING_FOR_TELECO, Action.APPROVE): NumberStatus.VERIFIED,
        (NumberStatus.WAITING_FOR_TELECO, Action.REJECT): NumberStatus.REJECTED,
        (NumberStatus.REJECTED, Action.RESUBMIT): NumberStatus.IN_PROGRESS,
    },
)
APPROVED_BRAND = (BrandStatus.VERIFIED, BrandStatus.VETTED)

OPT_IN_METHODS = ("DIGITAL", "PAPER", "TEXT", "VERBAL")
COMPANY_TYPES = ("GOVERNMENT", "NON_PROFIT", "PRIVATE_PROFIT", "PUBLIC_PROFIT", "SOLE_PROPRIETOR")
ENTITY_TYPES = ("LLC", "SOLE_PROPRIETORSHIP", "PARTNERSHIP", "CORP", "S_CORP")
SECTORS = (
    "AGRICULTURE",
    "COMMUNICATION",
    "CONSTRUCTION",
    "EDUCATION",
    "ENERGY",
    "ENTERTAINMENT",
    "FINANCIAL",
    "GAMBLING",
    "GOVERNMENT",
    "HEALTHCARE",
    "HOSPITALITY",
    "INSURANCE",
    "MANUFACTURING",
    "NGO",
    "REAL_ESTATE",
    "RETAIL",
    "TECHNOLOGY",
)
USE_CASES = (
    "APP_NOTIFICATIONS",
    "APPOINTMENTS",
    "AUCTIONS",
    "AUTO_REPAIR_SERVICES",
    "BANK_TRANSFERS",
    "BILLING",
    "BOOKING_CONFIRMATIONS",
    "BUSINESS_UPDATES",
    "CAREER_TRAINING",
    "CHATBOT",
    "CONVERSATIONAL_ALERTS",
    "COURIER_SERVICES_DELIVERIES",
    "COVID_19_ALERTS",
    "EMERGENCY_ALERTS",
    "EVENTS_PLANNING",
    "FINANCIAL_SERVICES",
    "FRAUD_ALERTS",
    "FUNDRAISING",
    "GENERAL_MARKETING",
    "GENERAL_SCHOOL_UPDATES",
    "HEALTHCARE_ALERTS",
    "HOUSING_COMMUNITY_UPDATES",
    "HR_STAFFING",
    "INSURANCE_SERVICES",
    "JOB_DISPATCH",
    "LEGAL_SERVICES",
    "MIXED",
    "MOTIVATIONAL_REMINDERS",
    "NOTARY_NOTIFICATIONS",
    "ORDER_NOTIFICATIONS",
    "POLITICAL",
    "PUBLIC_WORKS",
    "REAL_ESTATE_SERVICES",
    "RELIGIOUS_SERVICES",
    "REPAIR_DIAGNOSTICS_ALERTS",
    "REWARDS_PROGRAM",
    "SURVEYS",
    "SYSTEM_ALERTS",
    "TWO_FA",
    "VOTING_REMINDERS",
    "WAITLIST_ALERTS",
    "WEBINAR_REMINDERS",
    "WORKSHOP_ALERTS",
)
PHONE_TYPES = ("LOCAL", "TOLL_FREE")
PHONE_FEATURES = (
    "SMS",
    "MMS",
    "VOICE",
    "FAX",
    "EMERGENCY",
    "HD_VOICE",
    "INTERNATIONAL_SMS",
    "LOCAL_CALLING",
)
CAMPAIGN_TYPES = ("TOLL_FREE", "10DLC")
BRAND_STATUSES = tuple(BrandStatus)
CAMPAIGN_STATUSES = tuple(CampaignStatus)
