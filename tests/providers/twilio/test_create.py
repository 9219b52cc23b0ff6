"""POST /v1/Tollfree/Verifications: the record, validation (400), rules (422, 409)."""

import re

import pytest

from tests.conftest import ISV_SID, basic

from .conftest import (
    LOCAL_PN,
    PENDING_BU,
    PRIMARY_BU,
    STARTER_BU,
    SUB_BU,
    SUB_PN,
    TOLL_FREE_PN,
    business_profile,
)

REQUIRED = (
    "BusinessName",
    "BusinessWebsite",
    "NotificationEmail",
    "UseCaseCategories",
    "UseCaseSummary",
    "ProductionMessageSample",
    "OptInImageUrls",
    "OptInType",
    "MessageVolume",
    "TollfreePhoneNumberSid",
)

# The spec's fetch example, key for key, in its order.
SPEC_FETCH_ORDER = (
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


def error(response) -> tuple[int, int, str]:
    body = response.get_json()
    detail = {"detail"} if response.status_code == 401 else set()
    assert set(body) == {"code", "message", "more_info", "status", *detail}
    assert body["status"] == response.status_code
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"
    return response.status_code, body["code"], body["message"]


def test_create_returns_201_with_every_spec_field(create):
    response = create()
    body = response.get_json()
    assert response.status_code == 201
    assert response.content_type == "application/json"
    assert list(body) == [*SPEC_FETCH_ORDER, "rejected_on"]
    assert re.fullmatch(r"HH[0-9a-f]{32}", body["sid"])
    assert body["account_sid"] == ISV_SID
    assert body["status"] == "PENDING_REVIEW"
    assert body["date_created"] == body["date_updated"] == "2025-01-01T00:00:00Z"
    assert body["url"] == f"http://localhost/v1/Tollfree/Verifications/{body['sid']}"
    assert body["resource_links"] == {}
    assert body["tollfree_phone_number"] == "+18005550100"
    assert body["use_case_categories"] == ["TWO_FACTOR_AUTHENTICATION", "MARKETING"]
    assert body["opt_in_image_urls"] == [
        "https://example.com/optin1.jpg",
        "https://example.com/optin2.jpg",
    ]
    assert body["external_reference_id"] == "abc123xyz567"
    unset = (
        "trust_product_sid",
        "regulated_item_sid",
        "rejection_reason",
        "error_code",
        "edit_expiration",
        "edit_allowed",
        "rejection_reasons",
        "vetting_id",
        "vetting_id_expiration",
        "vetting_provider",
        "age_gated_content",
        "opt_in_keywords",
    )
    assert all(body[name] is None for name in unset)


def test_create_without_profile_needs_and_echoes_the_business_profile(create):
    response = create(CustomerProfileSid=None, **business_profile())
    body = response.get_json()
    assert response.status_code == 201
    assert body["customer_profile_sid"] is None
    assert body["business_city"] == "Anytown"
    assert body["business_contact_phone"] == "+11231231234"


def test_create_without_profile_or_address_is_400_naming_the_missing_fields(create):
    status, code, message = error(create(CustomerProfileSid=None))
    assert (status, code) == (400, 400)
    assert message.startswith("Missing mandatory fields for submitting a verification: ")
    assert "BusinessStreetAddress" in message and "BusinessContactPhone" in message


def test_create_accepts_every_optional_parameter(create):
    response = create(
        BusinessRegistrationNumber="123456789",
        BusinessRegistrationAuthority="USt-IdNr",
        BusinessRegistrationCountry="DE",
        BusinessType="PRIVATE_PROFIT",
        BusinessRegistrationPhoneNumber="+13023334444",
        DoingBusinessAs="Toms Widgets",
        OptInConfirmationMessage="Thanks!",
        HelpMessageSample="Reply HELP",
        PrivacyPolicyUrl="https://www.example.com/privacy",
        TermsAndConditionsUrl="https://www.example.com/terms",
        AgeGatedContent="True",
        OptInKeywords=["START", "YES"],
        VettingProvider="CAMPAIGN_VERIFY",
        VettingId="cv|1.0|mno|tfree|a9792599|osfj78f1qrtue37",
        AdditionalInformation="more",
        UnknownParameter="ignored",
    )
    body = response.get_json()
    assert response.status_code == 201, body
    assert body["business_registration_authority"] == "USt-IdNr"
    assert body["age_gated_content"] is True
    assert body["opt_in_keywords"] == ["START", "YES"]
    assert body["vetting_provider"] == "CAMPAIGN_VERIFY"
    assert "unknown_parameter" not in body


@pytest.mark.parametrize("name", REQUIRED)
def test_each_missing_required_parameter_is_20001(create, name):
    assert error(create(**{name: None})) == (
        400,
        20001,
        f"Missing required parameter {name} in the post body",
    )


def test_an_empty_required_value_counts_as_missing(create):
    assert error(create(BusinessName=""))[1:] == (
        20001,
        "Missing required parameter BusinessName in the post body",
    )


def test_arrays_sent_with_brackets_are_reported_missing(client, isv_auth):
    """Arrays are repeated keys; ``UseCaseCategories[]`` is another name (twilio-ruby#674)."""
    form = {"UseCaseCategories[]": ["MARKETING"]}
    from .conftest import submission

    data = submission(UseCaseCategories=None) | form
    response = client.post("/v1/Tollfree/Verifications", data=data, headers=isv_auth)
    assert error(response)[2] == "Missing required parameter UseCaseCategories in the post body"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"NotificationEmail": "not-an-email"}, "Email address is invalid."),
        ({"BusinessContactEmail": "a@b", "CustomerProfileSid": None}, "Email address is invalid."),
        (
            {"BusinessContactPhone": "1231231234", "CustomerProfileSid": None},
            "Phone number is invalid.",
        ),
        ({"BusinessRegistrationPhoneNumber": "+0123"}, "Phone number is invalid."),
        ({"MessageVolume": "2000"}, "The messageVolume parameter is invalid."),
        ({"UseCaseCategories": ["MARKETING", "SPAM"]}, "The useCase parameter is invalid."),
        ({"OptInType": "VERBA"}, "The optInType parameter is invalid."),
    ],
)
def test_documented_invalid_values_use_seed_003_messages(create, overrides, message):
    data = dict(overrides)
    if data.get("CustomerProfileSid", "keep") is None:
        data = business_profile() | data
    assert error(create(**data)) == (400, 400, message)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"BusinessType": "CORPORATION"}, "The businessType parameter is invalid."),
        (
            {"BusinessRegistrationAuthority": "SSN"},
            "The businessRegistrationAuthority parameter is invalid.",
        ),
        ({"VettingProvider": "AEGIS"}, "The vettingProvider parameter is invalid."),
        ({"BusinessWebsite": "www.company.com"}, "The businessWebsite parameter is invalid."),
        ({"OptInImageUrls": ["ftp://x/1.jpg"]}, "The optInImageUrls parameter is invalid."),
        ({"PrivacyPolicyUrl": "privacy"}, "The privacyPolicyUrl parameter is invalid."),
        ({"TermsAndConditionsUrl": "https://"}, "The termsAndConditionsUrl parameter is invalid."),
        ({"BusinessName": "x" * 501}, "at most 500 characters"),
        ({"UseCaseSummary": "x" * 501}, "at most 500 characters"),
        ({"ProductionMessageSample": "x" * 1001}, "at most 1000 characters"),
        ({"AdditionalInformation": "x" * 501}, "at most 500 characters"),
        ({"BusinessStreetAddress": "x" * 101}, "at most 100 characters"),
        ({"ExternalReferenceId": "x" * 51}, "at most 50 characters"),
        ({"ExternalReferenceId": "abc-123"}, "must be alphanumeric"),
        ({"VettingId": "x" * 501}, "at most 500 characters"),
        ({"BusinessCountry": "USA"}, "Invalid business country"),
        ({"BusinessCountry": "XX"}, "Invalid business country"),
        ({"BusinessRegistrationCountry": "ZZ"}, "Invalid business registration country"),
        ({"AgeGatedContent": "maybe"}, "The ageGatedContent parameter is invalid."),
    ],
)
def test_other_invalid_values_are_400_with_a_clear_message(create, overrides, fragment):
    status, code, message = error(create(**overrides))
    assert (status, code) == (400, 400)
    assert fragment in message


def test_limits_are_inclusive(create):
    response = create(BusinessName="x" * 500, ExternalReferenceId="a" * 50)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"TollfreePhoneNumberSid": "PN" + "f" * 32}, "TollFree phone number not found."),
        ({"TollfreePhoneNumberSid": "not-a-sid"}, "TollFree phone number not found."),
        (
            {"TollfreePhoneNumberSid": SUB_PN},
            "Toll-Free phone number is not associated with an account.",
        ),
        ({"TollfreePhoneNumberSid": LOCAL_PN}, "Provided tollFreeNumber is not Toll-Free."),
        ({"CustomerProfileSid": "BU" + "f" * 32}, "Provided Customer Profile does not exist."),
        ({"CustomerProfileSid": SUB_BU}, "Provided Customer Profile does not exist."),
        ({"CustomerProfileSid": PENDING_BU}, "Provided Customer Profile is not approved."),
        (
            {"CustomerProfileSid": STARTER_BU},
            "Provided Customer Profile is not of the right profile type.",
        ),
        (
            {"CustomerProfileSid": PRIMARY_BU},
            "Provided Customer Profile is not of the right profile type.",
        ),
    ],
)
def test_unusable_numbers_and_profiles_are_422(create, overrides, message):
    assert error(create(**overrides)) == (422, 422, message)


def test_a_profile_without_an_approved_primary_profile_is_422(client):
    account = client.post("/_mock/twilio/accounts", json={}).get_json()
    auth = basic(account["sid"], account["auth_token"])
    number = client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": account["sid"], "phone_number": "+18335550199"},
    ).get_json()
    profile = client.post(
        "/_mock/twilio/customer-profiles",
        json={"account_sid": account["sid"], "profile_type": "secondary"},
    ).get_json()
    from .conftest import submission

    data = submission(TollfreePhoneNumberSid=number["sid"], CustomerProfileSid=profile["sid"])
    response = client.post("/v1/Tollfree/Verifications", data=data, headers=auth)
    assert error(response) == (422, 422, "No primary profile for account.")


def test_a_subaccount_uses_its_parents_primary_profile(create):
    from tests.conftest import SUB_SID, SUB_TOKEN

    response = create(
        auth=basic(SUB_SID, SUB_TOKEN), TollfreePhoneNumberSid=SUB_PN, CustomerProfileSid=SUB_BU
    )
    assert response.status_code == 201
    assert response.get_json()["account_sid"] == SUB_SID


def test_a_second_open_verification_for_a_number_is_409(create):
    assert create().status_code == 201
    assert error(create()) == (
        409,
        409,
        "Toll-free verification cannot be submitted when another verification exists or is "
        "in progress.",
    )


def test_a_rejected_verification_does_not_block_a_new_one(in_status, create):
    from mockserver.providers.twilio.models import Status

    in_status(Status.TWILIO_REJECTED, codes=[30441])
    assert create().status_code == 201


def test_a_failed_create_stores_nothing(create, runtime):
    create(CustomerProfileSid=PENDING_BU)
    assert runtime.store.count("twilio_verifications") == 0
    assert create(TollfreePhoneNumberSid=TOLL_FREE_PN).status_code == 201


def test_concurrent_creates_for_one_number_store_exactly_one(app):
    """The conflict check and the insert are one transaction, even across threads."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    from mockserver.server import serve_in_thread

    from .conftest import submission

    with serve_in_thread(app) as url, ThreadPoolExecutor(8) as pool:
        codes = list(
            pool.map(
                lambda _: (
                    requests.post(
                        f"{url}/v1/Tollfree/Verifications",
                        data=submission(),
                        auth=(ISV_SID, "sandbox_auth_token"),
                        timeout=10,
                    ).status_code
                ),
                range(16),
            )
        )
    assert sorted(codes) == [201] + [409] * 15
