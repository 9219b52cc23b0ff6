"""Event Streams' ``/v1/Schemas`` routes, through the twilio SDK and over plain HTTP."""

import re
from datetime import datetime

import pytest
import requests
from twilio.base.exceptions import TwilioRestException

from mockserver.providers.twilio.events import EVENT_SCHEMAS, SCHEMAS_BY_ID
from tests.conftest import ISV_SID, ISV_TOKEN

from .conftest import PREFIX
from .test_create import error

REJECTED = "TollFree.VerificationRequestRejected"
SCHEMA_FIELDS = {"id", "url", "links", "latest_version_date_created", "latest_version"}
VERSION_FIELDS = {"id", "schema_version", "date_created", "url", "raw"}
META_FIELDS = {
    "page",
    "page_size",
    "first_page_url",
    "previous_page_url",
    "url",
    "next_page_url",
    "key",
}
DATE = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
EXPECTED_VERSIONS = {
    "TollFree.VerificationPendingReview": [1],
    "TollFree.VerificationRequested": [1],
    "TollFree.VerificationRequestApproved": [1],
    REJECTED: [1, 2, 3, 4],
    "TollFree.VerificationExpired": [1, 2],
    "TollFree.VerificationEdit": [1, 2],
    "EventStreams.TestSink": [1],
    "Messaging.MessageStatus": [1, 2, 3, 4, 5, 6, 7, 8],
    "Messaging.InboundMessageV1": [1, 2, 3, 4, 5, 6],
}


def get(live_url: str, path: str) -> requests.Response:
    return requests.get(live_url + path, auth=(ISV_SID, ISV_TOKEN), timeout=30)


def test_every_schema_the_sandbox_emits_is_served_with_its_versions(sdk):
    """The SDK's schemas(id).fetch(), versions.list() and versions(n).fetch() all parse."""
    assert set(SCHEMAS_BY_ID) == set(EXPECTED_VERSIONS)
    for schema_id, numbers in EXPECTED_VERSIONS.items():
        schema = sdk.events.v1.schemas(schema_id).fetch()
        assert (schema.id, schema.latest_version) == (schema_id, numbers[-1])
        assert isinstance(schema.latest_version_date_created, datetime)
        versions = schema.versions.list()
        assert [v.schema_version for v in versions] == numbers
        assert all(isinstance(v.date_created, datetime) for v in versions)
        assert versions[-1].date_created == schema.latest_version_date_created
        for number in numbers:
            fetched = sdk.events.v1.schemas(schema_id).versions(number).fetch()
            assert (fetched.id, fetched.schema_version) == (schema_id, number)
            assert fetched.raw.startswith(f"https://events-schemas.twilio.com/{schema_id}/{number}")


def test_a_schema_has_exactly_the_specs_fields_with_absolute_urls(live_url):
    body = get(live_url, f"/v1/Schemas/{REJECTED}").json()
    assert set(body) == SCHEMA_FIELDS
    assert body["url"] == f"{live_url}/v1/Schemas/{REJECTED}"
    assert body["links"] == {"versions": f"{live_url}/v1/Schemas/{REJECTED}/Versions"}
    assert (body["latest_version"], body["latest_version_date_created"]) == (
        4,
        "2024-04-16T00:00:00Z",
    )


def test_a_schema_version_has_exactly_the_specs_fields(live_url):
    body = get(live_url, f"/v1/Schemas/{REJECTED}/Versions/4").json()
    assert body == {
        "id": REJECTED,
        "schema_version": 4,
        "date_created": "2024-04-16T00:00:00Z",
        "url": f"{live_url}/v1/Schemas/{REJECTED}/Versions/4",
        "raw": f"https://events-schemas.twilio.com/{REJECTED}/4",
    }


def test_versions_are_paged_like_the_other_event_streams_lists(live_url, sdk):
    first = get(live_url, f"/v1/Schemas/{REJECTED}/Versions?PageSize=3").json()
    assert set(first) == {"schema_versions", "meta"}
    assert set(first["meta"]) == META_FIELDS
    assert first["meta"]["key"] == "schema_versions"
    assert [v["schema_version"] for v in first["schema_versions"]] == [1, 2, 3]
    assert all(
        set(v) == VERSION_FIELDS and DATE.match(v["date_created"]) for v in first["schema_versions"]
    )
    assert first["meta"]["first_page_url"] == (
        f"{live_url}/v1/Schemas/{REJECTED}/Versions?PageSize=3&Page=0"
    )
    second = requests.get(first["meta"]["next_page_url"], auth=(ISV_SID, ISV_TOKEN), timeout=30)
    assert [v["schema_version"] for v in second.json()["schema_versions"]] == [4]
    assert second.json()["meta"]["next_page_url"] is None
    paged = sdk.events.v1.schemas(REJECTED).versions.list(page_size=1)
    assert [v.schema_version for v in paged] == [1, 2, 3, 4]


def test_every_event_types_schema_link_resolves_to_the_version_it_is_delivered_at(live_url, sdk):
    for event_type in sdk.events.v1.event_types.list():
        answer = requests.get(event_type.links["schema"], auth=(ISV_SID, ISV_TOKEN), timeout=30)
        assert answer.status_code == 200
        latest = answer.json()["schema_versions"][-1]
        assert latest["id"] == event_type.schema_id
        assert latest["raw"] == EVENT_SCHEMAS[event_type.type].raw(latest["schema_version"])


@pytest.mark.parametrize(
    ("path", "resource"),
    [
        ("/v1/Schemas/VoiceInsights.CallSummary", "/Schemas/VoiceInsights.CallSummary"),
        ("/v1/Schemas/Nope/Versions", "/Schemas/Nope"),
        (f"/v1/Schemas/{REJECTED}/Versions/5", f"/Schemas/{REJECTED}/Versions/5"),
        (f"/v1/Schemas/{REJECTED}/Versions/0", f"/Schemas/{REJECTED}/Versions/0"),
        (f"/v1/Schemas/{REJECTED}/Versions/latest", f"/Schemas/{REJECTED}/Versions/latest"),
    ],
)
def test_an_unknown_schema_or_version_is_twilios_404(client, isv_auth, path, resource):
    response = client.get(path, headers=isv_auth)
    assert error(response) == (404, 20404, f"The requested resource {resource} was not found")


def test_the_sdk_raises_a_404_for_an_unknown_version(sdk):
    with pytest.raises(TwilioRestException) as caught:
        sdk.events.v1.schemas(REJECTED).versions(9).fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)


def test_schemas_need_credentials(client):
    assert client.get(f"/v1/Schemas/{REJECTED}").status_code == 401


def test_the_version_table_only_ever_adds_fields_and_dates():
    """Older payloads are cut from the latest one, so no version may carry a field it lacks."""
    for event_type, schema in EVENT_SCHEMAS.items():
        assert [v.number for v in schema.versions] == list(range(1, len(schema.versions) + 1))
        dates = [v.date_created for v in schema.versions]
        assert dates == sorted(dates) and all(DATE.match(d) for d in dates)
        for version in schema.versions:
            assert set(version.fields) <= set(schema.latest.fields), event_type
    assert set(EVENT_SCHEMAS[PREFIX + "request-rejected"].latest.fields) - set(
        EVENT_SCHEMAS[PREFIX + "request-rejected"].version(3).fields
    ) == {"phonenumber", "errorcodes"}
