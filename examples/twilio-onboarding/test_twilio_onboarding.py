"""The onboarding script and webhook handler, tested against mockserver through its pytest
plugin's fixtures (``mockserver``, ``twilio_client``, ``twilio_account``, ``webhook_receiver``)
and ``mockserver.testing.serve_in_thread``, which serves our handler on a free port."""

import pytest
from twilio_onboarding import OUTCOMES, onboard, submit_number, subscribe_to_outcomes
from twilio_webhooks import create_app

from mockserver.testing import serve_in_thread


@pytest.fixture
def handler(twilio_account):
    """Our webhook handler served on a free port; yields (events URL, recorded outcomes)."""
    app = create_app(twilio_account.auth_token)
    with serve_in_thread(app) as url:
        yield url + "/twilio/events", app.extensions["outcomes"]


def test_an_approval_reaches_the_handler_with_a_valid_signature(
    mockserver, twilio_client, twilio_account, handler
):
    url, outcomes = handler
    sid = onboard(
        twilio_client, twilio_account.phone_number_sid, twilio_account.customer_profile_sid, url
    )
    mockserver.clock.advance(minutes=16)  # default scenario: review at 30 s, approval 15 min on
    assert outcomes == {
        sid: {"status": "twilio_approved", "error_codes": None, "edit_allowed": None}
    }
    assert [d["state"] for d in mockserver.webhooks] == ["delivered"]


def test_a_forced_rejection_is_recorded_with_its_codes(
    mockserver, twilio_client, twilio_account, handler
):
    url, outcomes = handler
    sid = onboard(
        twilio_client, twilio_account.phone_number_sid, twilio_account.customer_profile_sid, url
    )
    mockserver.force(sid, "TWILIO_REJECTED", codes=[30473])
    assert outcomes[sid] == {
        "status": "twilio_rejected",
        "error_codes": "30473",
        "edit_allowed": True,
    }


def test_a_number_bound_to_a_final_rejection_cannot_be_edited(
    mockserver, twilio_client, twilio_account, handler
):
    url, outcomes = handler
    mockserver.bind("rejected_final", phone_number=twilio_account.phone_number)
    sid = onboard(
        twilio_client, twilio_account.phone_number_sid, twilio_account.customer_profile_sid, url
    )
    mockserver.clock.advance(hours=1)
    assert outcomes[sid]["status"] == "twilio_rejected"
    assert outcomes[sid]["edit_allowed"] is False


def test_the_script_subscribes_before_it_submits_and_sends_the_expected_form(
    mockserver, twilio_client, twilio_account
):
    onboard(
        twilio_client,
        twilio_account.phone_number_sid,
        twilio_account.customer_profile_sid,
        "https://hooks.example/twilio/events",
    )
    paths = [entry["path"] for entry in mockserver.find_requests(method="POST")]
    assert paths == ["/v1/Sinks", "/v1/Subscriptions", "/v1/Tollfree/Verifications"]
    [subscription] = mockserver.find_requests(path_prefix="/v1/Subscriptions")
    assert subscription["form"]["Types"] == [f'{{"type": "{t}"}}' for t in OUTCOMES]
    [submission] = mockserver.find_requests(path_prefix="/v1/Tollfree")
    assert submission["form"]["BusinessName"] == "Owl, Inc."
    assert submission["form"]["TollfreePhoneNumberSid"] == twilio_account.phone_number_sid
    assert submission["headers"]["Authorization"] == "[redacted]"


def test_the_handler_refuses_a_delivery_whose_body_was_tampered_with(
    mockserver, twilio_client, twilio_account, webhook_receiver
):
    subscribe_to_outcomes(twilio_client, webhook_receiver.url + "/twilio/events")
    sid = submit_number(
        twilio_client,
        twilio_account.phone_number_sid,
        twilio_account.customer_profile_sid,
        "Owl, Inc.",
    )
    mockserver.force(sid, "TWILIO_APPROVED")
    [delivery] = webhook_receiver.wait_for(1)
    client = create_app(twilio_account.auth_token).test_client()
    signature = {"X-Twilio-Signature": delivery["headers"]["X-Twilio-Signature"]}

    def replay(body: str):
        return client.post(
            delivery["path"], data=body, headers=signature, base_url=webhook_receiver.url
        )

    assert replay(delivery["body"]).status_code == 204
    assert replay(delivery["body"].replace("approved", "rejected")).status_code == 403
