"""Submit and get a toll-free verification over real HTTP: 201/200, 404, 409 and 422."""

import re

import pytest

from mockserver.providers.platform.models import VERIFICATION

from .conftest import LOCAL, SETUP, TOLL_FREE, TOLL_FREE_2, UNKNOWN, submission

PUBLIC_FIELDS = [f.output_name for f in VERIFICATION.shown()]

SID = re.compile(r"^HH[0-9a-f]{32}\Z")


def test_submit_answers_201_with_every_field_of_the_response_model(api):
    body = submission(business_street_address2="Suite 5", additional_information="Call us")
    response = api.http.post(
        f"{api.base}/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}/tollfree-verification",
        json=body,
        headers={"Authorization": "Bearer sandbox_platform_api_key"},
        timeout=30,
    )
    assert response.status_code == 201
    assert response.headers["Content-Type"] == "application/json"
    record = response.json()
    assert list(record) == list(PUBLIC_FIELDS)
    assert len(record) == 26
    assert record["phone_number_id"] == TOLL_FREE
    assert SID.match(record["verification_sid"])
    assert record["status"] == "pending-review"
    assert {key: record[key] for key in body} == body
    assert record["rejection_reasons"] is None
    assert record["edit_allowed"] is None
    assert record["created_at"] == record["updated_at"] == "2025-01-01T00:00:00Z"


def test_optional_fields_are_null_when_absent(submitted):
    record = submitted()
    assert record["business_street_address2"] is None
    assert record["additional_information"] is None


def test_get_returns_the_same_record(api, submitted):
    record = submitted()
    response = api.fetch()
    assert response.status_code == 200
    assert response.json() == record


def test_get_is_404_when_the_number_has_no_verification(api):
    response = api.fetch(number=TOLL_FREE_2)
    assert response.status_code == 404
    assert response.json() == {"detail": "Toll-free verification not found"}


@pytest.mark.parametrize(
    ("setup", "number"),
    [(UNKNOWN, TOLL_FREE), (SETUP, UNKNOWN)],
    ids=["unknown setup", "unknown number"],
)
@pytest.mark.parametrize("method", ["submit", "fetch", "delete"])
def test_unknown_setup_or_number_is_404(api, method, setup, number):
    response = getattr(api, method)(setup=setup, number=number)
    assert response.status_code == 404
    assert response.json() == {"detail": "Setup or phone number not found"}


def test_a_number_of_another_setup_is_404(api):
    other = api.new_setup()
    number = api.new_number(other["id"], "+18445550199")
    assert api.submit(setup=SETUP, number=number["id"]).status_code == 404
    assert api.submit(setup=other["id"], number=number["id"]).status_code == 201


def test_a_number_that_is_not_toll_free_is_422(api):
    response = api.submit(number=LOCAL)
    assert response.status_code == 422
    assert response.json() == {"detail": "Phone number is not US or CA toll-free"}
    assert api.fetch(number=LOCAL).status_code == 404


@pytest.mark.parametrize("status", ["pending-review", "in-review", "twilio-approved"])
def test_a_second_submit_is_409_unless_the_verification_is_rejected(api, submitted, status):
    sid = submitted()["verification_sid"]
    if status != "pending-review":
        api.force(sid, status=status)
    response = api.submit(business_name="Another try")
    assert response.status_code == 409
    assert response.json() == {"detail": "Verification exists and is not in rejected state"}
    current = api.fetch().json()
    assert (current["verification_sid"], current["status"]) == (sid, status)
    assert current["business_name"] == "Owl, Inc."


def test_each_number_has_its_own_verification(api, submitted):
    first = submitted()
    second = api.submit(number=TOLL_FREE_2)
    assert second.status_code == 201
    assert second.json()["verification_sid"] != first["verification_sid"]
    assert second.json()["phone_number_id"] == TOLL_FREE_2


def test_the_same_seed_gives_the_same_verification_sid(api, submitted):
    first = submitted()["verification_sid"]
    assert api.control("POST", "/reset", json={"random_seed": 7}).status_code == 200
    assert submitted()["verification_sid"] == first


@pytest.mark.parametrize(
    "spelling",
    [SETUP.upper(), "{" + SETUP + "}", "urn:uuid:" + SETUP, SETUP.replace("-", "")],
    ids=["capitals", "braces", "urn", "no hyphens"],
)
def test_path_uuids_are_read_as_uuids_whatever_their_spelling(api, submitted, spelling):
    """A UUID path parameter is parsed, not compared as text (FastAPI's UUID type)."""
    record = submitted()
    response = api.fetch(setup=spelling)
    assert response.status_code == 200
    assert response.json() == record
