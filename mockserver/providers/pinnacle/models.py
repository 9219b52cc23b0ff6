"""Pinnacle's statuses, enums, state machines and record kinds, as data (names as the rcs
SDK spells them)."""

from enum import StrEnum

from mockserver.lifecycle import Action, Lifecycle
from mockserver.record_kinds import ABSENT, Field, Format, MaxLength, OneOf, RecordKind
from mockserver.volumes import MESSAGE_VOLUMES

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


class VettingStatus(StrEnum):
    """``VettingHistoryVettingStatus``: an external vetting's state (the sandbox's is ACTIVE)."""

    ACTIVE = "ACTIVE"
    FAILED = "FAILED"
    IN_PROGRESS = "IN_PROGRESS"
    PENDING = "PENDING"


class MessageStatus(StrEnum):
    """What a message the sandbox accepted can be: nothing is delivered, so a message stays
    QUEUED; a scheduled one (never sent either) is SCHEDULED until cancelled."""

    QUEUED = "QUEUED"
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


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
MAX_MESSAGE_CONTENT = 1000  # a campaign's productionMessageContent
MAX_TEXT = 1600  # an SMS or MMS text
MAX_MEDIA = 10  # files of one MMS
VERDICT_FIELDS = ("codes", "reason")  # a rejection's codes, or its readable reason


def _detail(name: str, *checks, type: str = "string", output: str = "", default=None) -> Field:
    """A field the client sets on create and update, optional until submission."""
    return Field(name, type=type, editable=True, output=output, checks=checks, default=default)


def _brand_detail(name: str, *checks, type: str = "string", output: str = "") -> Field:
    """A brand detail: left out of the brand until set (``OptionalBrandInfo`` omits it then,
    and shows null for one set to null)."""
    return _detail(name, *checks, type=type, output=output, default=ABSENT)


def _kept(name: str, type: str = "string", default=None, doc: str = "") -> Field:
    """A field the sandbox keeps that responses never show."""
    return Field(name, type=type, hidden=True, default=default, doc=doc)


_REVIEW = {
    field.name: field
    for field in (
        _kept("errors", "list", [], "readable rejection reasons"),
        _kept("feedback", "list", [], "rejection reasons by code"),
        _kept("submitted_at", "datetime"),
        _kept("scenario", doc="the scenario the review runs"),
    )
}


def _review(*names: str) -> tuple[Field, ...]:
    """Hidden fields a submission and its review set (a kind that shows one declares it)."""
    return tuple(_REVIEW[name] for name in names)


# ``ExtendedBrandWithVetting`` (GET /brands/{id}) in its order: the details a client sets
# (``OptionalBrandInfo``), what the sandbox sets, then the vetting only GET shows.
BRAND = RecordKind(
    provider="pinnacle",
    name="brand",
    title="Brand",
    id_field="id",
    tenant_field="tenant",
    lifecycle=BRAND_LIFECYCLE,
    extra_statuses=(BrandStatus.INCOMPLETE, BrandStatus.VETTED),
    verdict_fields=VERDICT_FIELDS,
    fields=(
        _brand_detail("address"),
        _brand_detail("contact", type="object"),
        _brand_detail("dba"),
        _brand_detail("description"),
        _brand_detail("ein"),
        _brand_detail("email"),
        _brand_detail("name"),
        _brand_detail("sector", OneOf(SECTORS)),
        _brand_detail("type", OneOf(COMPANY_TYPES)),
        _brand_detail("entity_type", OneOf(ENTITY_TYPES), output="entityType"),
        _brand_detail("website"),
        Field("created_at", type="datetime", output="createdAt"),
        Field("id", checks=(Format("brand_id"),), doc="b_ and 10 digits"),
        Field("is_archived", type="boolean", output="isArchived", default=False),
        Field("status", default=BrandStatus.INCOMPLETE.value, checks=(OneOf(BRAND_STATUSES),)),
        Field("updated_at", type="datetime", output="updatedAt"),
        Field("last_vetting_date", output="lastTcrVettingDate", default="", doc='"" unvetted'),
        Field("feedback", type="list", item="object", output="tcrFeedback", default=[]),
        Field("vetting_history", type="list", item="object", output="vettingHistory", default=[]),
        _kept("seq", "integer", doc="creation order"),
        _kept("tenant", doc="the API key"),
        *_review("errors", "submitted_at", "scenario"),
    ),
)

# ``TollFreeCampaignWithExtendedBrandAndStatus`` in its order; responses show the brand
# record where the campaign keeps its id. Campaigns and numbers run their documented review
# timings (docs/reference/pinnacle-campaign-rules.md), bundled as scenarios.
CAMPAIGN = RecordKind(
    provider="pinnacle",
    name="campaign",
    title="Toll-free campaign",
    id_field="campaign_id",
    tenant_field="tenant",
    lifecycle=CAMPAIGN_LIFECYCLE,
    extra_statuses=(CampaignStatus.INCOMPLETE,),
    verdict_fields=VERDICT_FIELDS,
    default_scenario="pinnacle_campaign",
    fields=(
        Field("brand", required=True, editable=True, checks=(Format("brand_id"),)),
        Field(
            "status", default=CampaignStatus.INCOMPLETE.value, checks=(OneOf(CAMPAIGN_STATUSES),)
        ),
        Field("campaign_id", output="campaignId", checks=(Format("campaign_id"),)),
        _detail("keywords", type="object"),
        _detail("links", type="object"),
        _detail("monthly_volume", OneOf(MESSAGE_VOLUMES), output="monthlyVolume"),
        _detail("name"),
        _detail("opt_in", type="object", output="optIn"),
        _detail("options", type="object"),
        _detail(
            "production_message_content",
            MaxLength(MAX_MESSAGE_CONTENT),
            output="productionMessageContent",
        ),
        _detail("use_case", type="object", output="useCase"),
        _kept("seq", "integer", doc="creation order"),
        _kept("tenant", doc="the API key"),
        _kept("created_at", "datetime"),
        _kept("updated_at", "datetime"),
        *_review("errors", "feedback", "submitted_at", "scenario"),
    ),
)

# A toll-free number a tenant owns; attached to a campaign it has its own carrier review,
# shown as the ``updates`` of the campaign's status and events.
PHONE_NUMBER = RecordKind(
    provider="pinnacle",
    name="phone_number",
    title="Phone number",
    id_field="number",
    tenant_field="tenant",
    lifecycle=NUMBER_LIFECYCLE,
    verdict_fields=VERDICT_FIELDS,
    default_scenario="pinnacle_number",
    fields=(
        Field("errors", type="list", item="string", default=[]),
        Field("number", checks=(Format("phone"),)),
        Field("status", doc="none until attached to a campaign"),
        _kept("seq", "integer", doc="purchase order"),
        _kept("tenant", doc="the API key"),
        _kept("type", doc="TOLL_FREE or LOCAL"),
        _kept("created_at", "datetime"),
        _kept("updated_at", "datetime"),
        _kept("campaign_id", doc="the campaign it is attached to"),
        _kept("attached_at", "datetime"),
        _kept("attached_seq", "integer", doc="attachment order"),
        *_review("feedback", "submitted_at", "scenario"),
    ),
)

# ``Message`` (GET /messages/{id}) in its order; the send body names the parties from and to.
MESSAGE = RecordKind(
    provider="pinnacle",
    name="message",
    title="SMS or MMS",
    id_field="id",
    tenant_field="tenant",
    extra_statuses=tuple(MessageStatus),
    fields=(
        Field("id", doc="msg_ (or msg_sched_ for a schedule) and 10 digits"),
        Field("content", type="object", computed=True),
        Field("method", computed=True, doc="always API"),
        Field("segments", type="integer", output="numSegments"),
        Field("to", required=True, create_only=True, output="receiver", checks=(Format("phone"),)),
        Field("from", required=True, create_only=True, output="sender", checks=(Format("phone"),)),
        Field("status", default=MessageStatus.QUEUED.value),
        Field("type", doc="SMS or MMS"),
        Field("cost", type="number"),
        Field("sent_at", type="datetime", computed=True, output="sentAt", doc="never sent"),
        Field("delivered_at", type="datetime", computed=True, output="deliveredAt"),
        Field("error", computed=True),
        Field("text", required=True, create_only=True, hidden=True, checks=(MaxLength(MAX_TEXT),)),
        Field(
            "media_urls",
            type="list",
            item="string",
            create_only=True,
            hidden=True,
            default=[],
            checks=(MaxLength(MAX_MEDIA),),
            item_checks=(Format("url"),),
        ),
        Field("options", type="object", create_only=True, hidden=True, default={}),
        _kept("seq", "integer", doc="acceptance order"),
        _kept("tenant", doc="the API key"),
        _kept("encoding", doc="gsm7 or utf16"),
        _kept("schedule", "object", doc="when a scheduled message would go"),
        _kept("created_at", "datetime"),
        _kept("updated_at", "datetime"),
    ),
)
KINDS = (BRAND, CAMPAIGN, PHONE_NUMBER, MESSAGE)
