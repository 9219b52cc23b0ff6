"""Messaging Services v1 (``/v1/Services``) through the twilio SDK: create, fetch, list,
update and delete, the defaults of a new service, and refusals of bad parameters."""

import re
from datetime import datetime

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest.messaging.v1 import service as sdk_service

from mockserver.providers.twilio.schemas.services import CreateServiceSchema, UpdateServiceSchema
from mockserver.providers.twilio.service_models import SERVICE, SERVICE_PHONE_NUMBER
from mockserver.providers.twilio.services import SERVICE_NUMBERS, SERVICES
from tests.conftest import SUB_SID, SUB_TOKEN

from .conftest import LOCAL_PN
from .test_create import error
from .test_record_kinds import read_by, shown
from .test_schemas import data_keys, sent_by

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
# The sandbox's defaults (docs/reference/twilio-messaging.md §8).
DEFAULTS = {
    "inbound_request_url": None,
    "inbound_method": "POST",
    "fallback_url": None,
    "fallback_method": "POST",
    "status_callback": None,
    "sticky_sender": True,
    "mms_converter": True,
    "smart_encoding": False,
    "scan_message_content": "inherit",
    "fallback_to_long_code": True,
    "area_code_geomatch": True,
    "synchronous_validation": True,
    "validity_period": 36000,
    "usecase": "marketing",
    "us_app_to_person_registered": False,
    "use_inbound_webhook_on_number": True,
}
# Every create parameter of the spec, each away from its default.
EVERY_SETTING = {
    "inbound_request_url": "https://app.example/inbound",
    "inbound_method": "GET",
    "fallback_url": "https://app.example/fallback",
    "fallback_method": "GET",
    "status_callback": "https://app.example/status",
    "sticky_sender": False,
    "mms_converter": False,
    "smart_encoding": True,
    "scan_message_content": "enable",
    "fallback_to_long_code": False,
    "area_code_geomatch": False,
    "validity_period": 600,
    "synchronous_validation": False,
    "usecase": "notifications",
    "use_inbound_webhook_on_number": False,
}


@pytest.fixture
def service(sdk):
    """A new service of the seed account."""
    return sdk.messaging.v1.services.create(friendly_name="Owl notifications")


def test_a_new_service_has_an_mg_sid_iso_dates_and_absolute_urls(service, live_url):
    assert re.fullmatch(r"MG[0-9a-f]{32}", service.sid)
    assert isinstance(service.date_created, datetime)  # the SDK parsed it as ISO 8601
    assert service.date_created == service.date_updated
    assert service.url == f"{live_url}/v1/Services/{service.sid}"
    assert service.links["phone_numbers"] == f"{service.url}/PhoneNumbers"
    assert service.links["us_app_to_person"] == f"{service.url}/Compliance/Usa2p"
    assert len(service.links) == 8


def test_dates_are_iso_8601_on_the_wire(raw, service):
    body = raw("GET", f"/v1/Services/{service.sid}").json()
    assert ISO.match(body["date_created"]) and ISO.match(body["date_updated"])


def test_a_fresh_service_takes_the_documented_defaults(raw):
    response = raw("POST", "/v1/Services", data={"FriendlyName": "defaults"})
    assert response.status_code == 201
    assert {name: response.json()[name] for name in DEFAULTS} == DEFAULTS


def test_create_takes_every_parameter_of_the_spec(sdk):
    service = sdk.messaging.v1.services.create(friendly_name="all", **EVERY_SETTING)
    assert {name: getattr(service, name) for name in EVERY_SETTING} == EVERY_SETTING
    assert service.friendly_name == "all"


def test_fetch_update_and_delete_through_the_sdk(sdk, service):
    assert sdk.messaging.v1.services(service.sid).fetch().friendly_name == "Owl notifications"
    updated = sdk.messaging.v1.services(service.sid).update(
        friendly_name="renamed", sticky_sender=False, validity_period=60
    )
    assert (updated.friendly_name, updated.sticky_sender, updated.validity_period) == (
        "renamed",
        False,
        60,
    )
    assert updated.usecase == "marketing"  # what the update did not name is kept
    assert sdk.messaging.v1.services(service.sid).delete() is True
    with pytest.raises(TwilioRestException) as raised:
        sdk.messaging.v1.services(service.sid).fetch()
    assert (raised.value.status, raised.value.code) == (404, 20404)


def test_an_update_can_change_every_parameter(sdk, service):
    updated = sdk.messaging.v1.services(service.sid).update(**EVERY_SETTING)
    assert {name: getattr(updated, name) for name in EVERY_SETTING} == EVERY_SETTING
    assert updated.friendly_name == "Owl notifications"


def test_an_empty_url_clears_it_and_other_empty_values_change_nothing(raw, sdk):
    service = sdk.messaging.v1.services.create(friendly_name="s", **EVERY_SETTING)
    body = raw(
        "POST",
        f"/v1/Services/{service.sid}",
        data={"InboundRequestUrl": "", "FriendlyName": "", "StickySender": ""},
    ).json()
    assert body["inbound_request_url"] is None
    assert (body["friendly_name"], body["sticky_sender"]) == ("s", False)


def test_methods_are_shown_in_capitals(sdk):
    service = sdk.messaging.v1.services.create(friendly_name="m", inbound_method="get")
    assert service.inbound_method == "GET"


def test_the_list_is_newest_first_with_v1_meta_paging(raw, sdk, live_url):
    sids = [sdk.messaging.v1.services.create(friendly_name=f"s{n}").sid for n in range(3)]
    assert [s.sid for s in sdk.messaging.v1.services.list(page_size=2)] == sids[::-1]
    page = raw("GET", "/v1/Services?PageSize=2").json()
    assert [s["sid"] for s in page["services"]] == sids[:0:-1]
    meta = page["meta"]
    assert (meta["key"], meta["page"], meta["page_size"]) == ("services", 0, 2)
    assert meta["first_page_url"] == f"{live_url}/v1/Services?PageSize=2&Page=0"
    assert meta["next_page_url"].startswith(f"{live_url}/v1/Services?PageSize=2&Page=1&")
    following = raw("GET", meta["next_page_url"].removeprefix(live_url)).json()
    assert [s["sid"] for s in following["services"]] == sids[:1]
    assert following["meta"]["next_page_url"] is None


def test_another_accounts_service_is_404_20404(sdk_for, service, raw):
    other = sdk_for(SUB_SID, SUB_TOKEN).messaging.v1.services
    assert other.list() == []
    for attempt in (
        lambda: other(service.sid).fetch(),
        lambda: other(service.sid).update(friendly_name="mine"),
        lambda: other(service.sid).delete(),
    ):
        with pytest.raises(TwilioRestException) as raised:
            attempt()
        assert (raised.value.status, raised.value.code) == (404, 20404)
        assert raised.value.msg.endswith(
            f"The requested resource /Services/{service.sid} was not found"
        )
    assert raw("GET", f"/v1/Services/{service.sid}").json()["friendly_name"] == "Owl notifications"


def test_a_subaccounts_services_are_its_own(sdk_for, sdk):
    mine = sdk_for(SUB_SID, SUB_TOKEN).messaging.v1.services.create(friendly_name="sub")
    assert mine.account_sid == SUB_SID
    assert sdk.messaging.v1.services.list() == []


def test_a_missing_friendly_name_is_400_20001(client, isv_auth):
    response = client.post("/v1/Services", data={"Usecase": "poll"}, headers=isv_auth)
    assert error(response) == (
        400,
        20001,
        "Missing required parameter FriendlyName in the post body",
    )


def bad(name: str, detail: str) -> str:
    """The verification API's wording of a bad value."""
    return f"The {name} parameter is invalid. {detail}"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"FriendlyName": "x" * 65}, bad("friendlyName", "It must be at most 64 characters.")),
        (
            {"InboundRequestUrl": "ftp://example.com"},
            bad("inboundRequestUrl", "It must be an absolute http or https URL."),
        ),
        (
            {"FallbackUrl": "not a url"},
            bad("fallbackUrl", "It must be an absolute http or https URL."),
        ),
        (
            {"StatusCallback": "/relative"},
            bad("statusCallback", "It must be an absolute http or https URL."),
        ),
        ({"InboundMethod": "PUT"}, "The HTTP method must be GET or POST"),
        ({"FallbackMethod": "DELETE"}, "The HTTP method must be GET or POST"),
        ({"StickySender": "yes"}, bad("stickySender", "It must be true or false.")),
        ({"AreaCodeGeomatch": "1"}, bad("areaCodeGeomatch", "It must be true or false.")),
        (
            {"ScanMessageContent": "always"},
            bad("scanMessageContent", "Allowed values: inherit, enable, disable."),
        ),
        (
            {"Usecase": "spam"},
            bad(
                "usecase",
                "Allowed values: notifications, marketing, verification, discussion, poll, "
                "undeclared.",
            ),
        ),
        ({"ValidityPeriod": "0"}, bad("validityPeriod", "It must be an integer from 1 to 36000.")),
        (
            {"ValidityPeriod": "36001"},
            bad("validityPeriod", "It must be an integer from 1 to 36000."),
        ),
        (
            {"ValidityPeriod": "ten"},
            bad("validityPeriod", "It must be an integer from 1 to 36000."),
        ),
    ],
)
def test_a_bad_parameter_is_400_20001_on_create_and_update(client, isv_auth, form, message):
    created = client.post("/v1/Services", data={"FriendlyName": "s", **form}, headers=isv_auth)
    assert error(created) == (400, 20001, message)
    sid = client.post("/v1/Services", data={"FriendlyName": "s"}, headers=isv_auth).get_json()
    updated = client.post(f"/v1/Services/{sid['sid']}", data=form, headers=isv_auth)
    assert error(updated) == (400, 20001, message)


def test_a_refused_update_changes_nothing(client, isv_auth):
    sid = client.post("/v1/Services", data={"FriendlyName": "s"}, headers=isv_auth).get_json()[
        "sid"
    ]
    form = {"FriendlyName": "changed", "ValidityPeriod": "0"}
    assert client.post(f"/v1/Services/{sid}", data=form, headers=isv_auth).status_code == 400
    assert client.get(f"/v1/Services/{sid}", headers=isv_auth).get_json()["friendly_name"] == "s"


def test_a_service_shows_its_declared_fields_in_the_sdks_order(raw, service):
    body = raw("GET", f"/v1/Services/{service.sid}").json()
    assert list(body) == shown(SERVICE) == read_by(sdk_service.ServiceInstance)


def test_the_forms_take_the_sdks_parameters():
    assert data_keys(CreateServiceSchema()) == sent_by(sdk_service.ServiceList._create)
    assert data_keys(UpdateServiceSchema()) == sent_by(sdk_service.ServiceContext._update)


def test_a_new_service_and_pool_entry_hold_every_stored_field(runtime, client, isv_auth):
    sid = client.post("/v1/Services", data={"FriendlyName": "s"}, headers=isv_auth).get_json()[
        "sid"
    ]
    client.post(
        f"/v1/Services/{sid}/PhoneNumbers", data={"PhoneNumberSid": LOCAL_PN}, headers=isv_auth
    )
    assert list(runtime.store.get(SERVICES, sid)) == [f.name for f in SERVICE.stored()]
    entry = runtime.store.get(SERVICE_NUMBERS, LOCAL_PN)
    assert list(entry) == [f.name for f in SERVICE_PHONE_NUMBER.stored()]
