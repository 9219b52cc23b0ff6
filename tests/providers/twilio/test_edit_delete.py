"""POST /v1/Tollfree/Verifications/{Sid} (edit, 202) and DELETE (204)."""

import pytest

from mockserver.providers.twilio.models import Status
from tests.conftest import ISV_SID

from .conftest import PATH, TOLL_FREE_PN
from .test_create import error


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Status.PENDING_REVIEW, "Cannot edit a submission pending review"),
        (Status.IN_REVIEW, "Cannot edit a submission in review"),
        (Status.TWILIO_APPROVED, "Cannot edit an approved submission"),
    ],
)
def test_only_rejected_verifications_can_be_edited(client, isv_auth, in_status, status, message):
    sid = in_status(status)["sid"]
    response = client.post(f"{PATH}/{sid}", data={"BusinessName": "New"}, headers=isv_auth)
    assert error(response) == (400, 400, f"{message} {sid}")


def test_a_non_resubmittable_rejection_cannot_be_edited(client, isv_auth, in_status):
    sid = in_status(Status.TWILIO_REJECTED, codes=[30441])["sid"]
    response = client.post(f"{PATH}/{sid}", data={"BusinessName": "New"}, headers=isv_auth)
    assert error(response) == (
        400,
        400,
        f"Cannot edit a rejected submission that is not resubmittable {sid}",
    )


def test_an_edit_with_no_values_is_400(client, isv_auth, in_status):
    sid = in_status(Status.TWILIO_REJECTED, codes=[30473])["sid"]
    response = client.post(f"{PATH}/{sid}", data={"Unknown": "x"}, headers=isv_auth)
    assert error(response) == (400, 400, "No values were submitted as part of a resubmission.")


def test_an_edit_with_no_changed_value_is_400(client, isv_auth, in_status):
    sid = in_status(Status.TWILIO_REJECTED, codes=[30473])["sid"]
    response = client.post(
        f"{PATH}/{sid}",
        data={"BusinessName": "Owl, Inc.", "EditReason": "nothing"},
        headers=isv_auth,
    )
    assert error(response) == (400, 400, "No values were different when resubmitting.")


def test_an_edit_cannot_blank_a_required_field(client, isv_auth, in_status):
    sid = in_status(Status.TWILIO_REJECTED, codes=[30473])["sid"]
    response = client.post(f"{PATH}/{sid}", data={"BusinessName": ""}, headers=isv_auth)
    assert error(response) == (
        400,
        400,
        "Missing mandatory fields for submitting a verification: BusinessName",
    )


def test_an_edit_validates_values_like_create(client, isv_auth, in_status):
    sid = in_status(Status.TWILIO_REJECTED, codes=[30473])["sid"]
    response = client.post(f"{PATH}/{sid}", data={"NotificationEmail": "x"}, headers=isv_auth)
    assert error(response) == (400, 400, "Email address is invalid.")


def test_a_valid_edit_returns_202_and_goes_back_to_pending_review(
    client, isv_auth, in_status, clock, twilio_backend
):
    rejected = in_status(Status.TWILIO_REJECTED, codes=[30472, 30473])
    assert rejected["edit_allowed"] is True
    clock.advance(3600)
    response = client.post(
        f"{PATH}/{rejected['sid']}",
        data={
            "BusinessWebsite": "https://owl.example.com",
            "EditReason": "Website fixed",
            "UseCaseCategories": ["MARKETING"],
        },
        headers=isv_auth,
    )
    body = response.get_json()
    assert response.status_code == 202
    assert body["status"] == "PENDING_REVIEW"
    assert body["business_website"] == "https://owl.example.com"
    assert body["use_case_categories"] == ["MARKETING"]
    assert body["date_updated"] == "2025-01-01T01:00:00Z"
    assert body["resource_links"] == {}
    for name in (
        "rejection_reason",
        "error_code",
        "rejection_reasons",
        "edit_expiration",
        "edit_allowed",
    ):
        assert body[name] is None
    stored = twilio_backend.fetch_verification(ISV_SID, rejected["sid"])
    assert stored["edit_reason"] == "Website fixed"


def test_edit_of_an_unknown_sid_is_404(client, isv_auth):
    response = client.post(f"{PATH}/HH{'0' * 32}", data={"BusinessName": "x"}, headers=isv_auth)
    assert error(response) == (
        404,
        20404,
        f"The requested resource /Tollfree/Verifications/HH{'0' * 32} was not found",
    )


@pytest.mark.parametrize("status", list(Status))
def test_delete_works_in_every_status_and_keeps_the_number(
    client, isv_auth, in_status, status, twilio_backend
):
    sid = in_status(status)["sid"]
    response = client.delete(f"{PATH}/{sid}", headers=isv_auth)
    assert response.status_code == 204
    assert response.data == b""
    assert client.get(f"{PATH}/{sid}", headers=isv_auth).status_code == 404
    assert twilio_backend.accounts.phone_number(TOLL_FREE_PN)["account_sid"] == ISV_SID


def test_delete_frees_the_number_for_a_new_verification(client, isv_auth, in_status, create):
    sid = in_status(Status.TWILIO_APPROVED)["sid"]
    assert create().status_code == 409
    client.delete(f"{PATH}/{sid}", headers=isv_auth)
    assert create().status_code == 201


def test_delete_of_an_unknown_sid_is_404(client, isv_auth):
    response = client.delete(f"{PATH}/HH{'1' * 32}", headers=isv_auth)
    assert error(response)[:2] == (404, 20404)
