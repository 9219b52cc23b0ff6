"""What a review outcome does to the record (forced through the engine, as scheduled moves are)."""

import pytest

from mockserver.errors import NotFound, ValidationFailed
from mockserver.providers.twilio.models import Status
from mockserver.rejections import REJECTION_CODES
from tests.conftest import ISV_SID

from .conftest import PATH


def test_rejection_fills_reasons_codes_and_a_seven_day_edit_window(in_status):
    record = in_status(Status.TWILIO_REJECTED, codes=[30472, 30473])
    assert record["status"] == "TWILIO_REJECTED"
    assert record["rejection_reasons"] == [
        {"reason": "Business information not valid", "code": 30472},
        {"reason": "Cannot validate business website URL", "code": 30473},
    ]
    assert (record["rejection_reason"], record["error_code"]) == (
        "Business information not valid",
        30472,
    )
    assert record["edit_allowed"] is True
    assert record["rejected_on"] == "2025-01-01T00:00:00Z"
    assert record["edit_expiration"] == "2025-01-08T00:00:00Z"


@pytest.mark.parametrize("code", sorted(REJECTION_CODES))
def test_edit_allowed_follows_the_resubmittable_column(in_status, code):
    record = in_status(Status.TWILIO_REJECTED, codes=[code])
    assert record["edit_allowed"] is REJECTION_CODES[code].resubmittable


def test_one_non_resubmittable_code_forbids_the_edit(in_status):
    assert in_status(Status.TWILIO_REJECTED, codes=[30473, 30441])["edit_allowed"] is False


def test_edit_allowed_can_be_forced(in_status):
    assert in_status(Status.TWILIO_REJECTED, codes=[30441], edit_allowed=True)["edit_allowed"]


def test_unknown_rejection_codes_are_refused_and_nothing_moves(verification, force, twilio_backend):
    sid = verification()["sid"]
    with pytest.raises(ValidationFailed, match="Unknown rejection codes: 12345"):
        force(sid, Status.TWILIO_REJECTED, codes=(12345,))
    assert twilio_backend.fetch_verification(ISV_SID, sid)["status"] == "PENDING_REVIEW"


def test_review_attaches_profile_bundle_and_links(client, isv_auth, in_status):
    record = in_status(Status.IN_REVIEW, CustomerProfileSid=None, **_address())
    assert record["customer_profile_sid"].startswith("BU")
    body = client.get(f"{PATH}/{record['sid']}", headers=isv_auth).get_json()
    assert set(body["resource_links"]) == {
        "customer_profile",
        "trust_product",
        "channel_endpoint_assignment",
    }
    assert body["resource_links"]["channel_endpoint_assignment"].endswith(
        f"/ChannelEndpointAssignments/{record['regulated_item_sid']}"
    )


def test_forcing_an_unknown_sid_raises_not_found(force):
    with pytest.raises(NotFound):
        force("HH" + "0" * 32, Status.IN_REVIEW)


def _address() -> dict:
    from .conftest import business_profile

    return business_profile()
