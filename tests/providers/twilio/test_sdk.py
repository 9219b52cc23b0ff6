"""The official twilio SDK, pointed at a live sandbox, cannot tell it from Twilio."""

from datetime import UTC, datetime

import pytest
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from mockserver.providers.twilio.models import Status
from mockserver.testing import twilio_http_client
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN

from .conftest import SECONDARY_BU, SUB_BU, SUB_PN, TOLL_FREE_PN, TOLL_FREE_PN_2

KWARGS = {
    "business_name": "Owl, Inc.",
    "business_website": "http://www.company.com",
    "notification_email": "support@company.com",
    "use_case_categories": ["TWO_FACTOR_AUTHENTICATION", "MARKETING"],
    "use_case_summary": "One-time passcodes for Owl customers",
    "production_message_sample": "Your Owl code is 123456",
    "opt_in_image_urls": ["https://example.com/1.jpg", "https://example.com/2.jpg"],
    "opt_in_type": "VERBAL",
    "message_volume": "10",
}


def create(sdk, **overrides):
    kwargs = {
        **KWARGS,
        "tollfree_phone_number_sid": TOLL_FREE_PN,
        "customer_profile_sid": SECONDARY_BU,
        **overrides,
    }
    return sdk.messaging.v1.tollfree_verifications.create(**kwargs)


def buy_toll_free(sdk, count: int) -> list[str]:
    return [
        sdk.incoming_phone_numbers.toll_free.create(phone_number=f"+1877555{150 + i:04d}").sid
        for i in range(count)
    ]


def test_create_fetch_and_delete_round_trip(sdk):
    created = create(
        sdk,
        age_gated_content=True,
        opt_in_keywords=["START"],
        business_registration_authority="USt-IdNr",
        external_reference_id="ref42",
    )
    assert created.sid.startswith("HH")
    assert created.status == "PENDING_REVIEW"
    assert created.account_sid == ISV_SID
    assert created.date_created == datetime(2025, 1, 1, tzinfo=UTC)
    assert created.tollfree_phone_number == "+18005550100"
    assert created.age_gated_content is True
    assert created.opt_in_keywords == ["START"]
    fetched = sdk.messaging.v1.tollfree_verifications(created.sid).fetch()
    assert fetched.business_registration_authority == "USt-IdNr"
    assert fetched.external_reference_id == "ref42"
    assert fetched.resource_links == {
        "customer_profile": f"https://trusthub.twilio.com/v1/CustomerProfiles/{SECONDARY_BU}"
    }
    assert sdk.messaging.v1.tollfree_verifications(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as caught:
        sdk.messaging.v1.tollfree_verifications(created.sid).fetch()
    assert (caught.value.status, caught.value.code, caught.value.method) == (404, 20404, "GET")
    assert caught.value.msg == (
        f"Unable to fetch record: The requested resource /Tollfree/Verifications/{created.sid} "
        "was not found"
    )


def test_create_without_profile_sends_the_business_profile(sdk):
    created = create(
        sdk,
        customer_profile_sid=None,
        business_street_address="123 Main Street",
        business_city="Anytown",
        business_state_province_region="AA",
        business_postal_code="11111",
        business_country="US",
        business_contact_first_name="first",
        business_contact_last_name="last",
        business_contact_email="email@company.com",
        business_contact_phone="+11231231234",
    )
    assert created.customer_profile_sid is None
    assert created.business_country == "US"


def test_list_with_a_limit_walks_every_page(sdk):
    numbers = buy_toll_free(sdk, 7)
    sids = {
        create(sdk, tollfree_phone_number_sid=pn, external_reference_id="walk").sid
        for pn in numbers
    }
    listed = sdk.messaging.v1.tollfree_verifications.list(
        external_reference_id="walk", page_size=2, limit=100
    )
    assert {v.sid for v in listed} == sids
    assert len(sdk.messaging.v1.tollfree_verifications.list(limit=3, page_size=2)) == 3
    page = sdk.messaging.v1.tollfree_verifications.page(page_size=3)
    assert page.next_page_url.startswith("http://127.0.0.1:")
    assert len(list(page.next_page())) == 3


def test_list_filters_through_the_sdk(sdk, force):
    first = create(sdk)
    second = create(sdk, tollfree_phone_number_sid=TOLL_FREE_PN_2)
    bundle = force(first.sid, Status.IN_REVIEW)["trust_product_sid"]
    tfv = sdk.messaging.v1.tollfree_verifications
    assert [v.sid for v in tfv.list(status="IN_REVIEW")] == [first.sid]
    assert [v.sid for v in tfv.list(tollfree_phone_number_sid=TOLL_FREE_PN_2)] == [second.sid]
    assert [v.sid for v in tfv.list(trust_product_sid=[bundle, "BU" + "0" * 32])] == [first.sid]


def test_the_sdk_reads_a_change_after_reading_the_record_before_it(sdk, force):
    """Fetch and list answers kept per stored version: the next read after a transition is new."""
    created = create(sdk)
    tfv = sdk.messaging.v1.tollfree_verifications
    for _ in range(2):
        assert tfv(created.sid).fetch().status == "PENDING_REVIEW"
        assert [v.status for v in tfv.list()] == ["PENDING_REVIEW"]
    force(created.sid, Status.TWILIO_APPROVED)
    assert tfv(created.sid).fetch().status == "TWILIO_APPROVED"
    assert [v.status for v in tfv.list()] == ["TWILIO_APPROVED"]


def test_include_sub_accounts_through_the_sdk(sdk, sdk_for):
    own = create(sdk)
    sub = create(
        sdk_for(SUB_SID, SUB_TOKEN), tollfree_phone_number_sid=SUB_PN, customer_profile_sid=SUB_BU
    )
    tfv = sdk.messaging.v1.tollfree_verifications
    assert [v.sid for v in tfv.list(include_sub_accounts=False)] == [own.sid]
    assert {v.sid for v in tfv.list(include_sub_accounts=True)} == {own.sid, sub.sid}


def test_editing_a_rejected_verification(sdk, force):
    created = create(sdk)
    force(created.sid, Status.TWILIO_REJECTED, codes=(30473,))
    rejected = sdk.messaging.v1.tollfree_verifications(created.sid).fetch()
    assert rejected.status == "TWILIO_REJECTED"
    assert rejected.error_code == 30473
    assert rejected.edit_allowed is True
    assert rejected.edit_expiration == datetime(2025, 1, 8, tzinfo=UTC)
    assert rejected.rejection_reasons == [
        {"reason": "Cannot validate business website URL", "code": 30473}
    ]
    edited = sdk.messaging.v1.tollfree_verifications(created.sid).update(
        business_website="https://owl.example.com", edit_reason="Website fixed"
    )
    assert edited.status == "PENDING_REVIEW"
    assert edited.rejection_reasons is None
    with pytest.raises(TwilioRestException) as caught:
        sdk.messaging.v1.tollfree_verifications(created.sid).update(business_name="Other")
    assert (caught.value.status, caught.value.code) == (400, 400)
    assert caught.value.msg == (
        f"Unable to update record: Cannot edit a submission pending review {created.sid}"
    )


@pytest.mark.parametrize(
    ("overrides", "status", "code", "message"),
    [
        (
            {"business_name": None},
            400,
            20001,
            "Missing required parameter BusinessName in the post body",
        ),
        ({"notification_email": "nope"}, 400, 400, "Email address is invalid."),
        (
            {"tollfree_phone_number_sid": "PN" + "e" * 32},
            422,
            422,
            "TollFree phone number not found.",
        ),
        (
            {"customer_profile_sid": "BU00000000000000000000000000000003"},
            422,
            422,
            "Provided Customer Profile is not approved.",
        ),
    ],
)
def test_sdk_raises_twilio_rest_exception_with_code(sdk, overrides, status, code, message):
    with pytest.raises(TwilioRestException) as caught:
        create(sdk, **overrides)
    error = caught.value
    assert (error.status, error.code, error.method) == (status, code, "POST")
    assert error.msg == f"Unable to create record: {message}"
    assert error.uri == "/Tollfree/Verifications"


def test_duplicate_submission_raises_409(sdk):
    create(sdk)
    with pytest.raises(TwilioRestException) as caught:
        create(sdk)
    assert (caught.value.status, caught.value.code) == (409, 409)


def test_editing_a_rejection_whose_number_was_submitted_again_raises_409(sdk, force):
    """The newer submission holds the number: the older one cannot come back into review."""
    first = create(sdk)
    force(first.sid, Status.TWILIO_REJECTED, codes=(30473,))
    create(sdk)  # the number again, while the first stays rejected
    with pytest.raises(TwilioRestException) as caught:
        sdk.messaging.v1.tollfree_verifications(first.sid).update(
            business_website="https://owl.example.com", edit_reason="Website fixed"
        )
    assert (caught.value.status, caught.value.code) == (409, 409)


def test_wrong_credentials(sdk_for):
    bad = sdk_for(ISV_SID, "wrong")
    with pytest.raises(TwilioRestException) as caught:
        create(bad)
    assert (caught.value.status, caught.value.code) == (401, 20003)
    assert caught.value.msg == "Unable to create record: Authenticate"
    with pytest.raises(TwilioException, match="Unable to fetch page"):
        bad.messaging.v1.tollfree_verifications.list()


def test_api_key_clients_work(sdk_for):
    client = sdk_for(
        "SK00000000000000000000000000000001", "sandbox_api_key_secret", account_sid=ISV_SID
    )
    assert create(client).account_sid == ISV_SID
    assert len(client.incoming_phone_numbers.list()) == 3


def test_buying_and_managing_numbers_through_the_sdk(sdk):
    available = sdk.available_phone_numbers("US").toll_free.list(limit=2)
    assert [a.phone_number for a in available] == ["+18005550101", "+18005550102"]
    bought = sdk.incoming_phone_numbers.create(phone_number=available[0].phone_number)
    assert bought.date_created == datetime(2025, 1, 1, tzinfo=UTC)
    assert create(sdk, tollfree_phone_number_sid=bought.sid).status == "PENDING_REVIEW"
    renamed = sdk.incoming_phone_numbers(bought.sid).update(friendly_name="Support")
    assert renamed.friendly_name == "Support"
    assert sdk.incoming_phone_numbers(bought.sid).fetch().phone_number == "+18005550101"
    assert len(sdk.incoming_phone_numbers.list(page_size=1, limit=10)) == 4
    local = sdk.incoming_phone_numbers.local.create(phone_number="+14155550177")
    assert local.phone_number == "+14155550177"
    assert sdk.incoming_phone_numbers(bought.sid).delete() is True


def test_overriding_the_domain_base_url_also_works(live_url):
    client = Client(ISV_SID, "sandbox_auth_token")
    client.messaging.base_url = live_url
    client.api.base_url = live_url
    numbers = [
        client.incoming_phone_numbers.toll_free.create(phone_number=f"+1855555{i:04d}").sid
        for i in range(150, 153)
    ]
    for pn in numbers:
        create(client, tollfree_phone_number_sid=pn)
    assert len(client.messaging.v1.tollfree_verifications.list(page_size=1)) == 3


def test_region_and_edge_do_not_break_the_rewriting_client(live_url):
    client = Client(
        ISV_SID,
        "sandbox_auth_token",
        region="au1",
        edge="sydney",
        http_client=twilio_http_client(live_url),
    )
    assert client.messaging.v1.tollfree_verifications.list() == []
