"""Wire formats of ``/v1/Tollfree/Verifications``: create, update, list query and the record."""

from marshmallow import ValidationError, fields, validate, validates_schema

from mockserver.volumes import MESSAGE_VOLUMES

from ..models import (
    BUSINESS_TYPES,
    OPT_IN_TYPES,
    REGISTRATION_AUTHORITIES,
    USE_CASE_CATEGORIES,
    VETTING_PROVIDERS,
    Status,
    missing_business_fields,
    pascal_case,
)
from . import (
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    Country,
    FormBoolean,
    PascalCaseSchema,
    Url,
    invalid,
    one_of,
    paging_fields,
    too_long,
)
from .paging import meta_page

LIST_PATH = "/v1/Tollfree/Verifications"
_Str = fields.String
_List = fields.List
ALPHANUMERIC = validate.Regexp(
    r"^[A-Za-z0-9]+\Z", error=invalid("externalReferenceId", "It must be alphanumeric.")
)


def _submission_fields(required: bool) -> dict[str, fields.Field]:
    """The fields create and update share; ``required`` marks the spec's ten on create."""
    req = {"required": required, "allow_none": not required}
    opt = {"allow_none": True}
    return {
        "business_name": _Str(**req, validate=too_long("businessName", 500)),
        "business_website": _Str(
            **req, validate=[too_long("businessWebsite", 500), Url("businessWebsite")]
        ),
        "notification_email": _Str(
            **req, validate=[too_long("notificationEmail", 500), EMAIL_ADDRESS]
        ),
        "use_case_categories": _List(
            _Str(validate=validate.OneOf(USE_CASE_CATEGORIES, error=invalid("useCase"))), **req
        ),
        "use_case_summary": _Str(**req, validate=too_long("useCaseSummary", 500)),
        "production_message_sample": _Str(
            **req, validate=too_long("productionMessageSample", 1000)
        ),
        "opt_in_image_urls": _List(
            _Str(validate=[too_long("optInImageUrls", 1000), Url("optInImageUrls")]), **req
        ),
        "opt_in_type": _Str(
            **req, validate=validate.OneOf(OPT_IN_TYPES, error=invalid("optInType"))
        ),
        "message_volume": _Str(
            **req, validate=validate.OneOf(MESSAGE_VOLUMES, error=invalid("messageVolume"))
        ),
        "business_street_address": _Str(**opt, validate=too_long("businessStreetAddress", 100)),
        "business_street_address2": _Str(**opt, validate=too_long("businessStreetAddress2", 100)),
        "business_city": _Str(**opt, validate=too_long("businessCity", 100)),
        "business_state_province_region": _Str(
            **opt, validate=too_long("businessStateProvinceRegion", 100)
        ),
        "business_postal_code": _Str(**opt, validate=too_long("businessPostalCode", 100)),
        "business_country": _Str(**opt, validate=Country("Invalid business country")),
        "additional_information": _Str(**opt, validate=too_long("additionalInformation", 500)),
        "business_contact_first_name": _Str(
            **opt, validate=too_long("businessContactFirstName", 500)
        ),
        "business_contact_last_name": _Str(
            **opt, validate=too_long("businessContactLastName", 500)
        ),
        "business_contact_email": _Str(
            **opt, validate=[too_long("businessContactEmail", 500), EMAIL_ADDRESS]
        ),
        "business_contact_phone": _Str(**opt, validate=PHONE_NUMBER),
        "business_registration_number": _Str(**opt),
        "business_registration_authority": _Str(
            **opt, validate=one_of("businessRegistrationAuthority", REGISTRATION_AUTHORITIES)
        ),
        "business_registration_country": _Str(
            **opt, validate=Country("Invalid business registration country")
        ),
        "business_type": _Str(**opt, validate=one_of("businessType", BUSINESS_TYPES)),
        "business_registration_phone_number": _Str(**opt, validate=PHONE_NUMBER),
        "doing_business_as": _Str(**opt),
        "opt_in_confirmation_message": _Str(**opt),
        "help_message_sample": _Str(**opt),
        "privacy_policy_url": _Str(**opt, validate=Url("privacyPolicyUrl")),
        "terms_and_conditions_url": _Str(**opt, validate=Url("termsAndConditionsUrl")),
        "age_gated_content": FormBoolean("ageGatedContent", allow_none=True),
        "opt_in_keywords": _List(_Str(), allow_none=True),
        "vetting_provider": _Str(**opt, validate=one_of("vettingProvider", VETTING_PROVIDERS)),
        "vetting_id": _Str(**opt, validate=too_long("vettingId", 500)),
    }


_CreateBase = PascalCaseSchema.from_dict(
    {
        **_submission_fields(required=True),
        "tollfree_phone_number_sid": _Str(required=True),
        "customer_profile_sid": _Str(allow_none=True),
        "external_reference_id": _Str(
            allow_none=True, validate=[too_long("externalReferenceId", 50), ALPHANUMERIC]
        ),
    },
    name="CreateVerificationBase",
)


class CreateVerificationSchema(_CreateBase):
    """``POST /v1/Tollfree/Verifications``: 37 parameters, ten required."""

    @validates_schema
    def business_profile_fields(self, data: dict, **kwargs) -> None:
        """Without ``CustomerProfileSid`` the business address and contact are mandatory."""
        missing = missing_business_fields(data)
        if missing:
            raise ValidationError(
                "Missing mandatory fields for submitting a verification: "
                + ", ".join(pascal_case(name) for name in missing)
            )


UpdateVerificationSchema = PascalCaseSchema.from_dict(
    {**_submission_fields(required=False), "edit_reason": _Str(allow_none=True)},
    name="UpdateVerificationSchema",
)

ListVerificationsQuery = PascalCaseSchema.from_dict(
    {
        "tollfree_phone_number_sid": _Str(),
        "status": _Str(
            validate=validate.OneOf(
                [status.value for status in Status],
                error="Status must be one of " + ", ".join(status.value for status in Status),
            )
        ),
        "external_reference_id": _Str(),
        "include_sub_accounts": FormBoolean("includeSubAccounts"),
        "trust_product_sid": _List(_Str()),
        **paging_fields(),
    },
    name="ListVerificationsQuery",
)


# Key order follows the spec's fetch example; every one of the 53 properties is present.
RESPONSE_FIELDS = (
    "sid",
    "account_sid",
    "customer_profile_sid",
    "trust_product_sid",
    "regulated_item_sid",
    "date_created",
    "date_updated",
    "business_name",
    "business_street_address",
    "business_street_address2",
    "business_city",
    "business_state_province_region",
    "business_postal_code",
    "business_country",
    "business_website",
    "business_contact_first_name",
    "business_contact_last_name",
    "business_contact_email",
    "business_contact_phone",
    "notification_email",
    "use_case_categories",
    "use_case_summary",
    "production_message_sample",
    "opt_in_image_urls",
    "opt_in_type",
    "message_volume",
    "additional_information",
    "tollfree_phone_number_sid",
    "status",
    "rejection_reason",
    "error_code",
    "edit_expiration",
    "edit_allowed",
    "rejection_reasons",
    "resource_links",
    "url",
    "external_reference_id",
    "business_registration_number",
    "business_registration_authority",
    "business_registration_country",
    "business_type",
    "business_registration_phone_number",
    "doing_business_as",
    "age_gated_content",
    "help_message_sample",
    "opt_in_confirmation_message",
    "opt_in_keywords",
    "privacy_policy_url",
    "terms_and_conditions_url",
    "tollfree_phone_number",
    "vetting_id",
    "vetting_id_expiration",
    "vetting_provider",
)
# Not in the spec, but Twilio's onboarding guide documents it on rejected records ("rejected_on and
# edit_expiration help you manage the rejection"); unknown keys are ignored by the SDKs.
EXTRA_FIELDS = ("rejected_on",)
TRUSTHUB = "https://trusthub.twilio.com/v1"


def resource_links(record: dict) -> dict:
    """TrustHub links for the profile and bundle the record references."""
    links = {}
    if record["customer_profile_sid"]:
        links["customer_profile"] = f"{TRUSTHUB}/CustomerProfiles/{record['customer_profile_sid']}"
    if record["trust_product_sid"]:
        links["trust_product"] = f"{TRUSTHUB}/TrustProducts/{record['trust_product_sid']}"
        if record["regulated_item_sid"]:
            links["channel_endpoint_assignment"] = (
                f"{TRUSTHUB}/TrustProducts/{record['trust_product_sid']}"
                f"/ChannelEndpointAssignments/{record['regulated_item_sid']}"
            )
    return links


def dump_verification(record: dict, origin: str, *, with_links: bool = True) -> dict:
    """The verification as Twilio renders it; create/update answers carry no links yet."""
    body = {}
    for name in RESPONSE_FIELDS + EXTRA_FIELDS:
        if name == "resource_links":
            body[name] = resource_links(record) if with_links else {}
        elif name == "url":
            body[name] = f"{origin}{LIST_PATH}/{record['sid']}"
        else:
            body[name] = record.get(name)
    return body


def list_page(query: dict, records: list[dict], origin: str) -> dict:
    """One page of verifications, with ``meta`` exactly as Twilio's (``key: verifications``);
    only the page is rendered, and a damaged record of it is left out."""
    return meta_page(
        url=f"{origin}{LIST_PATH}",
        key="verifications",
        items=records,
        query=query,
        filters=_filter_params(query),
        render=lambda record: dump_verification(record, origin),
        kind="verification",
    )


def _filter_params(query: dict) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for name in ("status", "external_reference_id", "tollfree_phone_number_sid"):
        if query.get(name) is not None:
            params.append((pascal_case(name), query[name]))
    if "include_sub_accounts" in query:
        params.append(("IncludeSubAccounts", "true" if query["include_sub_accounts"] else "false"))
    params.extend(("TrustProductSid", sid) for sid in query.get("trust_product_sid") or ())
    return params
