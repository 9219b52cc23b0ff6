"""Edge cases a review found: absurd values, numbers released or reassigned mid-flight, a
message left ``sent``, TwiML attributes, and the gate beside a failing recipient."""

import pytest
from twilio.base.exceptions import TwilioRestException

from mockserver.app import create_app
from mockserver.settings import Settings
from tests.conftest import ISV_SID, ISV_TOKEN, basic

from .conftest import HANDSET, LOCAL_NUMBER, MESSAGES, TOLL_FREE_NUMBER, TOLL_FREE_PN

STOPS_AT_SENT = """
story: message
description: The carrier never reports delivery.
steps:
  - {after: 0s, do: queue}
  - {after: 1s, do: send}
  - {after: 1s, do: hand_off}
"""


def refused(call) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as raised:
        call()
    return raised.value


def test_a_validity_period_of_thousands_of_digits_is_21624_not_a_crash(raw):
    form = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hi", "ValidityPeriod": "1" * 5000}
    response = raw("POST", f"{MESSAGES}.json", data=form)
    assert (response.status_code, response.json()["code"]) == (400, 21624)


def test_a_date_sent_bound_before_the_year_1000_is_compared_not_a_crash(send, raw, advance):
    send()
    advance(seconds=10)
    response = raw("GET", f"{MESSAGES}.json", params={"DateSent>": "0999-01-01T00:00:00Z"})
    assert (response.status_code, len(response.json()["messages"])) == (200, 1)


@pytest.mark.parametrize("bound", ["20261202", "1" * 5000, "tomorrow"])
def test_a_date_sent_that_is_no_date_is_400(raw, bound):
    response = raw("GET", f"{MESSAGES}.json", params={"DateSent": bound})
    assert response.status_code == 400


def test_releasing_an_unverified_toll_free_sender_mid_flight_does_not_open_the_gate(
    sdk, send, advance
):
    sid = send(from_=TOLL_FREE_NUMBER).sid
    sdk.incoming_phone_numbers(TOLL_FREE_PN).delete()
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code) == ("undelivered", 30032)


def test_an_opt_out_stays_with_the_account_that_owned_the_number(sdk, text_in, client):
    """A released number handed to another account carries no opt-out along."""
    text_in("STOP")  # HANDSET opts out of the seed account's LOCAL_NUMBER
    sdk.incoming_phone_numbers("PN00000000000000000000000000000003").delete()
    other = client.post("/_mock/twilio/accounts", json={}).get_json()
    client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": other["sid"], "phone_number": LOCAL_NUMBER},
    )
    form = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hi"}
    path = f"/2010-04-01/Accounts/{other['sid']}/Messages.json"
    answer = client.post(path, data=form, headers=basic(other["sid"], other["auth_token"]))
    assert answer.status_code == 201


def test_a_gated_message_to_a_failing_recipient_fails_with_that_recipients_code(sdk, send, advance):
    sid = send(from_=TOLL_FREE_NUMBER, to="+15005550025").sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code) == ("failed", 30008)


def test_a_forced_undelivery_with_30034_shows_its_title(sdk, send, sandbox, advance):
    sid = send().sid
    advance(seconds=2)
    sandbox.force(sid, "undelivered", codes=[30034])
    message = sdk.messages(sid).fetch()
    assert message.error_message == "US A2P 10DLC - Message from an Unregistered Number"


def test_a_test_number_through_a_service_names_the_pools_sender(sdk, pooled_service):
    service = pooled_service("PN00000000000000000000000000000003")
    error = refused(
        lambda: sdk.messages.create(to="+15005550002", messaging_service_sid=service.sid, body="hi")
    )
    assert error.code == 21612
    assert f"'From' phone number: {LOCAL_NUMBER} via SMS" in error.msg


def test_a_message_left_sent_by_its_scenario_can_be_deleted_and_redacted(tmp_path):
    (tmp_path / "stops_at_sent.yaml").write_text(STOPS_AT_SENT)
    app = create_app(Settings(store=":memory:", scenarios_dir=str(tmp_path)))
    client, auth = app.test_client(), basic(ISV_SID, ISV_TOKEN)
    form = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hi [scenario:stops_at_sent]"}
    first, second = (
        client.post(f"{MESSAGES}.json", data=form, headers=auth).get_json()["sid"] for _ in range(2)
    )
    client.post("/_mock/clock/advance", json={"seconds": 10})
    redacted = client.post(f"{MESSAGES}/{first}.json", data={"Body": ""}, headers=auth)
    assert (redacted.status_code, redacted.get_json()["status"]) == (200, "sent")
    assert client.delete(f"{MESSAGES}/{second}.json", headers=auth).status_code == 204
    app.extensions["mockserver"].close()


def test_a_twiml_reply_follows_its_to_attribute_and_a_namespaced_response(
    sdk, text_in, sms_endpoint
):
    sdk.incoming_phone_numbers("PN00000000000000000000000000000003").update(
        sms_url=sms_endpoint.url
    )
    sms_endpoint.answer = (
        '<Response xmlns="http://www.twilio.com/twiml">'
        '<Message to="+14155550000">Forwarded</Message></Response>'
    )
    [reply] = text_in("hello").json()["replies"]
    assert (reply["message"]["to"], reply["message"]["body"]) == ("+14155550000", "Forwarded")


def test_the_inbound_webhook_is_signed_over_the_url_the_application_sees(sdk, text_in, receiver):
    """An upper-case scheme and host and a non-ASCII path are sent rewritten: the signature
    covers the rewritten URL, so RequestValidator accepts it."""
    base = receiver.url.replace("http://127.0.0.1", "HTTP://LOCALHOST")
    sdk.incoming_phone_numbers("PN00000000000000000000000000000003").update(
        sms_url=base + "/héllo?q=é"
    )
    text_in("hello")
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_an_sms_url_without_a_path_gets_a_valid_signature(sdk, text_in, receiver):
    """requests sends ``http://host:port`` as ``http://host:port/``: that is what is signed."""
    sdk.incoming_phone_numbers("PN00000000000000000000000000000003").update(sms_url=receiver.url)
    text_in("hello")
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_a_scheduled_message_forced_to_queued_goes_on_from_there(
    sdk, pooled_service, sandbox, advance
):
    from datetime import timedelta

    service = pooled_service("PN00000000000000000000000000000003")
    send_at = sandbox.clock.now() + timedelta(hours=1)
    sid = sdk.messages.create(
        to=HANDSET, messaging_service_sid=service.sid, body="hi",
        schedule_type="fixed", send_at=send_at,
    ).sid  # fmt: skip
    sandbox.force(sid, "queued")
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_a_scheduled_message_forced_to_sent_is_delivered_soon_after(
    sdk, pooled_service, sandbox, advance
):
    """The queue and send steps it skipped no longer wait for its SendAt (34 days away)."""
    from datetime import timedelta

    service = pooled_service("PN00000000000000000000000000000003")
    sid = sdk.messages.create(
        to=HANDSET, messaging_service_sid=service.sid, body="hi",
        schedule_type="fixed", send_at=sandbox.clock.now() + timedelta(days=34),
    ).sid  # fmt: skip
    sandbox.force(sid, "sent")
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_a_date_in_other_digits_is_400(raw):
    fullwidth = "".join(chr(0xFF10 + int(digit)) for digit in "2025")  # full-width digits
    response = raw("GET", f"{MESSAGES}.json", params={"DateSent": f"{fullwidth}-01-01"})
    assert response.status_code == 400


def test_a_status_callback_with_connection_overrides_is_signed_without_its_fragment(
    send, advance, receiver
):
    """Twilio's connection overrides sit in the URL's #fragment, which is never sent: the
    signature covers the URL the application sees."""
    send(status_callback=receiver.url + "/status?x=1#rc=2&rp=all")
    advance(seconds=10)
    assert len(receiver.received) == 2
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_a_get_sms_url_with_a_fragment_receives_the_parameters_in_its_query(
    sdk, text_in, sms_endpoint
):
    sdk.incoming_phone_numbers("PN00000000000000000000000000000003").update(
        sms_url=sms_endpoint.url + "?x=1#rc=2", sms_method="GET"
    )
    text_in("hello")
    [request] = sms_endpoint.received
    assert (request["args"]["x"], request["args"]["Body"]) == ("1", "hello")
