"""A Messaging Service's sender pool (``/v1/Services/{Sid}/PhoneNumbers``) through the twilio
SDK: adding, listing, fetching and removing numbers, the pool rules (one service per number,
the account's own numbers, 400 at most), and what the pool loses when a number or service
goes."""

import re

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest.messaging.v1.service import phone_number as sdk_pool

from mockserver.providers.twilio.service_models import SERVICE_PHONE_NUMBER
from mockserver.providers.twilio.services import MAX_POOL
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN

from .conftest import LOCAL_NUMBER, LOCAL_PN, SUB_PN, TOLL_FREE_PN, TOLL_FREE_PN_2
from .test_create import error
from .test_record_kinds import read_by, shown


@pytest.fixture
def service(sdk):
    """A new service of the seed account."""
    return sdk.messaging.v1.services.create(friendly_name="pool")


@pytest.fixture
def pool(sdk, service):
    """The SDK's handle on that service's phone numbers."""
    return sdk.messaging.v1.services(service.sid).phone_numbers


def refused(call) -> tuple[int, int, str]:
    """Status, code and message of the error an SDK call raises (without the SDK's prefix)."""
    with pytest.raises(TwilioRestException) as raised:
        call()
    message = re.sub(r"^Unable to \w+ record: ", "", raised.value.msg)
    return raised.value.status, raised.value.code, message


def error_of(response) -> tuple[int, int, str]:
    """Status, code and message of a plain HTTP error answer."""
    body = response.json()
    return response.status_code, body["code"], body["message"]


def test_adding_a_number_answers_201_with_the_pool_entry(raw, service, live_url):
    response = raw(
        "POST", f"/v1/Services/{service.sid}/PhoneNumbers", data={"PhoneNumberSid": LOCAL_PN}
    )
    assert response.status_code == 201
    entry = response.json()
    assert list(entry) == shown(SERVICE_PHONE_NUMBER) == read_by(sdk_pool.PhoneNumberInstance)
    assert entry == {
        "sid": LOCAL_PN,
        "account_sid": ISV_SID,
        "service_sid": service.sid,
        "date_created": entry["date_created"],
        "date_updated": entry["date_created"],
        "phone_number": LOCAL_NUMBER,
        "country_code": "US",
        "capabilities": ["MMS", "SMS", "Voice"],
        "url": f"{live_url}/v1/Services/{service.sid}/PhoneNumbers/{LOCAL_PN}",
    }
    assert entry["date_created"].endswith("Z") and "T" in entry["date_created"]


def test_the_pool_is_listed_oldest_first_fetched_and_emptied_through_the_sdk(pool):
    for sid in (LOCAL_PN, TOLL_FREE_PN, TOLL_FREE_PN_2):
        assert pool.create(phone_number_sid=sid).sid == sid
    assert [n.sid for n in pool.list(page_size=2)] == [LOCAL_PN, TOLL_FREE_PN, TOLL_FREE_PN_2]
    assert pool(TOLL_FREE_PN).fetch().phone_number == "+18005550100"
    assert pool(TOLL_FREE_PN).delete() is True
    assert [n.sid for n in pool.list()] == [LOCAL_PN, TOLL_FREE_PN_2]
    assert refused(lambda: pool(TOLL_FREE_PN).fetch())[:2] == (404, 20404)
    assert refused(lambda: pool(TOLL_FREE_PN).delete())[:2] == (404, 20404)


def test_the_pool_list_pages_with_v1_meta(raw, pool, service, live_url):
    pool.create(phone_number_sid=LOCAL_PN)
    pool.create(phone_number_sid=TOLL_FREE_PN)
    path = f"/v1/Services/{service.sid}/PhoneNumbers"
    page = raw("GET", f"{path}?PageSize=1").json()
    assert [n["sid"] for n in page["phone_numbers"]] == [LOCAL_PN]
    assert page["meta"]["key"] == "phone_numbers"
    assert page["meta"]["first_page_url"] == f"{live_url}{path}?PageSize=1&Page=0"
    following = raw("GET", page["meta"]["next_page_url"].removeprefix(live_url)).json()
    assert [n["sid"] for n in following["phone_numbers"]] == [TOLL_FREE_PN]


@pytest.mark.parametrize(
    "sid",
    [SUB_PN, "PN" + "f" * 32, "PN123", "+14155550100", "MG" + "0" * 32],
    ids=["another account's", "unknown", "short", "an E.164 number", "not a PN sid"],
)
def test_a_number_that_is_not_the_accounts_own_is_21421(pool, sid):
    assert refused(lambda: pool.create(phone_number_sid=sid)) == (
        400,
        21421,
        "Phone Number is invalid",
    )


def test_a_number_already_in_the_service_is_21710(pool):
    pool.create(phone_number_sid=LOCAL_PN)
    assert refused(lambda: pool.create(phone_number_sid=LOCAL_PN)) == (
        400,
        21710,
        "Phone Number Already Exists in Messaging Service",
    )


def test_a_number_in_another_service_is_21712(sdk, pool):
    pool.create(phone_number_sid=LOCAL_PN)
    other = sdk.messaging.v1.services.create(friendly_name="other")
    theirs = sdk.messaging.v1.services(other.sid).phone_numbers
    assert refused(lambda: theirs.create(phone_number_sid=LOCAL_PN)) == (
        400,
        21712,
        "Phone Number or Short Code is associated with another Messaging Service.",
    )


def test_a_full_pool_refuses_one_more_number_with_21714(twilio_backend, service, pool):
    for n in range(MAX_POOL):
        number = twilio_backend.add_phone_number(ISV_SID, f"+1206{n:07d}")
        twilio_backend.add_service_number(ISV_SID, service.sid, number["sid"])
    assert refused(lambda: pool.create(phone_number_sid=LOCAL_PN)) == (
        400,
        21714,
        "Messaging Service Number Pool size limit reached",
    )
    assert len(twilio_backend.services.sender_pool(service.sid)) == MAX_POOL


def test_a_missing_phone_number_sid_is_400_20001(client, isv_auth, service):
    response = client.post(f"/v1/Services/{service.sid}/PhoneNumbers", headers=isv_auth)
    assert error(response) == (
        400,
        20001,
        "Missing required parameter PhoneNumberSid in the post body",
    )


def test_another_accounts_pool_is_404_20404(sdk_for, raw, pool, service):
    pool.create(phone_number_sid=LOCAL_PN)
    listed = raw("GET", f"/v1/Services/{service.sid}/PhoneNumbers", auth=(SUB_SID, SUB_TOKEN))
    assert error_of(listed) == (
        404,
        20404,
        f"The requested resource /Services/{service.sid}/PhoneNumbers was not found",
    )
    theirs = sdk_for(SUB_SID, SUB_TOKEN).messaging.v1.services(service.sid).phone_numbers
    for attempt in (
        lambda: theirs.create(phone_number_sid=SUB_PN),
        lambda: theirs(LOCAL_PN).fetch(),
        lambda: theirs(LOCAL_PN).delete(),
    ):
        status, code, message = refused(attempt)
        assert (status, code) == (404, 20404)
        assert f"The requested resource /Services/{service.sid}" in message
    assert [n.sid for n in pool.list()] == [LOCAL_PN]


def test_an_unknown_service_is_404_before_the_number_is_looked_at(sdk):
    missing = sdk.messaging.v1.services("MG" + "0" * 32).phone_numbers
    assert refused(lambda: missing.create(phone_number_sid="bad"))[:2] == (404, 20404)


def test_a_subaccount_pools_its_own_number_in_its_own_service(sdk_for):
    services = sdk_for(SUB_SID, SUB_TOKEN).messaging.v1.services
    service = services.create(friendly_name="sub")
    entry = services(service.sid).phone_numbers.create(phone_number_sid=SUB_PN)
    assert (entry.account_sid, entry.service_sid, entry.phone_number) == (
        SUB_SID,
        service.sid,
        "+18445550100",
    )


def test_deleting_a_service_frees_its_numbers_for_another(sdk, pool, service):
    pool.create(phone_number_sid=LOCAL_PN)
    sdk.messaging.v1.services(service.sid).delete()
    other = sdk.messaging.v1.services.create(friendly_name="other")
    entry = sdk.messaging.v1.services(other.sid).phone_numbers.create(phone_number_sid=LOCAL_PN)
    assert entry.service_sid == other.sid


def test_removing_a_number_from_the_pool_keeps_it_in_the_account(sdk, pool):
    pool.create(phone_number_sid=LOCAL_PN)
    pool(LOCAL_PN).delete()
    assert sdk.incoming_phone_numbers(LOCAL_PN).fetch().phone_number == LOCAL_NUMBER


def test_releasing_a_number_removes_it_from_its_pool(sdk, pool, service, twilio_backend):
    pool.create(phone_number_sid=LOCAL_PN)
    pool.create(phone_number_sid=TOLL_FREE_PN)
    assert sdk.incoming_phone_numbers(LOCAL_PN).delete() is True
    assert [n.sid for n in pool.list()] == [TOLL_FREE_PN]
    assert twilio_backend.services.service_of_number(LOCAL_PN) is None
    number = twilio_backend.add_phone_number(ISV_SID, LOCAL_NUMBER, sid=LOCAL_PN)
    assert pool.create(phone_number_sid=number["sid"]).sid == LOCAL_PN  # bought back


def test_the_domain_answers_what_sending_through_a_service_asks(twilio_backend, sdk, pool, service):
    pool.create(phone_number_sid=TOLL_FREE_PN)
    pool.create(phone_number_sid=LOCAL_PN)
    services = twilio_backend.services
    assert services.get(service.sid)["friendly_name"] == "pool"
    assert services.get("MG" + "0" * 32) is None
    assert [(n["sid"], n["phone_number"]) for n in services.sender_pool(service.sid)] == [
        (TOLL_FREE_PN, "+18005550100"),
        (LOCAL_PN, LOCAL_NUMBER),
    ]
    assert services.sender_pool("MG" + "0" * 32) == []
    assert services.service_of_number(LOCAL_PN)["sid"] == service.sid
    assert services.service_of_number(TOLL_FREE_PN_2) is None


def test_resetting_the_account_removes_its_services_and_pools(
    client, twilio_backend, pool, service
):
    pool.create(phone_number_sid=LOCAL_PN)
    assert client.post("/_mock/reset", json={"account_sid": ISV_SID}).status_code == 200
    assert twilio_backend.services.get(service.sid) is None
    assert twilio_backend.services.sender_pool(service.sid) == []
    assert twilio_backend.services.service_of_number(LOCAL_PN) is None
