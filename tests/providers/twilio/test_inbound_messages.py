"""A handset texting a sandbox number (``POST /_mock/twilio/inbound-messages``): the stored
message, the signed incoming-message webhook, TwiML replies, and opt-out keywords
(docs/messaging.md "Inbound messages and opt-out"; docs/reference/twilio-messaging.md §7)."""

import socket
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from mockserver.providers.twilio.inbound import NETWORK_REPLIES, REPLIES
from tests.conftest import ISV_SID, ISV_TOKEN, SUB_SID

from .conftest import (
    HANDSET,
    LOCAL_NUMBER,
    LOCAL_PN,
    TOLL_FREE_NUMBER,
    TOLL_FREE_PN,
    TOLL_FREE_PN_2,
)

SECOND_TOLL_FREE = "+18885550101"  # TOLL_FREE_PN_2
OTHER_HANDSET = "+14155550199"
TEXT = {"from": HANDSET, "to": LOCAL_NUMBER, "body": "hi"}
THANKS = "<Response><Message>Thanks, we got it</Message></Response>"


def received(response) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def send_refusal(sdk, **form) -> int | None:
    """The error code of a send to HANDSET from the local number (None when accepted)."""
    form = {"to": HANDSET, "from_": LOCAL_NUMBER, "body": "Your code is 123456", **form}
    try:
        sdk.messages.create(**{name: value for name, value in form.items() if value})
    except TwilioRestException as error:
        return error.code
    return None


def free_port() -> int:
    """A local port nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def set_sms_url(sdk, url: str, method: str = "POST", number_sid: str = LOCAL_PN) -> None:
    """Set a number's ``SmsUrl`` and ``SmsMethod`` (default: the local number's)."""
    sdk.incoming_phone_numbers(number_sid).update(sms_url=url, sms_method=method)


# -- the stored message and the webhook ------------------------------------------------


def test_an_inbound_message_is_stored_received_and_reported(text_in):
    outcome = received(text_in("Is my order ready?"))
    message = outcome["message"]
    assert message["sid"].startswith("SM") and message["account_sid"] == ISV_SID
    assert (message["direction"], message["status"]) == ("inbound", "received")
    assert (message["from"], message["to"], message["body"]) == (
        HANDSET,
        LOCAL_NUMBER,
        "Is my order ready?",
    )
    assert (message["num_segments"], message["num_media"]) == ("1", "0")
    assert outcome["keyword"] is None and outcome["automatic_reply"] is None
    assert (outcome["webhook"], outcome["replies"]) == (None, [])


def test_an_inbound_message_is_listed_and_fetched_through_the_sdk(text_in, sdk):
    sid = received(text_in("hello"))["message"]["sid"]
    (listed,) = sdk.messages.list(to=LOCAL_NUMBER)
    assert (listed.sid, listed.direction, listed.status) == (sid, "inbound", "received")
    assert sdk.messages(sid).fetch().from_ == HANDSET


def test_the_sms_url_gets_twilios_parameters_signed(text_in, sdk, receiver):
    set_sms_url(sdk, receiver.url + "/sms")
    outcome = received(text_in("hello"))
    sid = outcome["message"]["sid"]
    (request,) = receiver.received
    params = dict(parse_qsl(request["body"], keep_blank_values=True))
    assert (request["method"], request["path"]) == ("POST", "/sms")
    assert (
        params
        | {
            "MessageSid": sid,
            "SmsSid": sid,
            "SmsMessageSid": sid,
            "AccountSid": ISV_SID,
            "From": HANDSET,
            "To": LOCAL_NUMBER,
            "Body": "hello",
            "NumSegments": "1",
            "NumMedia": "0",
            "SmsStatus": "received",
            "ApiVersion": "2010-04-01",
        }
        == params
    )
    assert "MessagingServiceSid" not in params
    assert receiver.valid_twilio_signatures(ISV_TOKEN)
    assert outcome["webhook"]["status"] == 200 and outcome["webhook"]["error"] is None


def test_media_reach_the_webhook_as_media_url_and_content_type(text_in, sdk, receiver):
    set_sms_url(sdk, receiver.url + "/sms")
    photo = "https://example.com/selfie.jpg"
    message = received(text_in("", media_urls=[photo]))["message"]
    assert (message["sid"][:2], message["num_media"]) == ("MM", "1")
    params = dict(parse_qsl(receiver.received[0]["body"], keep_blank_values=True))
    assert (params["NumMedia"], params["MediaUrl0"], params["MediaContentType0"]) == (
        "1",
        photo,
        "image/jpeg",
    )
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_sms_method_get_sends_the_parameters_in_the_signed_query(text_in, sdk, receiver):
    set_sms_url(sdk, receiver.url + "/sms", method="GET")
    sid = received(text_in("hello"))["message"]["sid"]
    (request,) = receiver.received
    query = dict(parse_qsl(urlsplit(request["url"]).query, keep_blank_values=True))
    assert (request["method"], request["body"]) == ("GET", "")
    assert (query["MessageSid"], query["Body"], query["SmsStatus"]) == (sid, "hello", "received")
    signature = request["headers"]["X-Twilio-Signature"]
    assert RequestValidator(ISV_TOKEN).validate(request["url"], {}, signature)


def test_a_services_inbound_request_url_wins_unless_the_number_keeps_its_own(
    text_in, receiver, pooled_service, sdk
):
    set_sms_url(sdk, receiver.url + "/number")
    service = pooled_service(
        LOCAL_PN, inbound_request_url=receiver.url + "/service", use_inbound_webhook_on_number=False
    )
    text_in("one")
    sdk.messaging.v1.services(service.sid).update(use_inbound_webhook_on_number=True)
    text_in("two")
    assert [r["path"] for r in receiver.received] == ["/service", "/number"]
    params = [dict(parse_qsl(r["body"])) for r in receiver.received]
    assert {p["MessagingServiceSid"] for p in params} == {service.sid}
    assert receiver.valid_twilio_signatures(ISV_TOKEN)


def test_a_twiml_message_is_sent_back_as_an_outbound_reply_and_delivered(
    text_in, sms_endpoint, sdk, advance
):
    set_sms_url(sdk, sms_endpoint.url)
    sms_endpoint.answer = THANKS
    outcome = received(text_in("hello"))
    (reply,) = outcome["replies"]
    sid = reply["message"]["sid"]
    assert (reply["message"]["direction"], reply["message"]["body"]) == (
        "outbound-reply",
        "Thanks, we got it",
    )
    assert (reply["message"]["from"], reply["message"]["to"]) == (LOCAL_NUMBER, HANDSET)
    assert outcome["webhook"]["response"] == THANKS
    validator = RequestValidator(ISV_TOKEN)
    (request,) = sms_endpoint.received
    assert validator.validate(
        request["url"], request["form"], request["headers"]["X-Twilio-Signature"]
    )
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.direction) == ("delivered", "outbound-reply")
    assert [m.sid for m in sdk.messages.list(from_=LOCAL_NUMBER)] == [sid]


def test_each_twiml_message_becomes_a_reply_with_its_body_and_media(text_in, sdk, sms_endpoint):
    set_sms_url(sdk, sms_endpoint.url)
    sms_endpoint.answer = (
        "<Response><Message>One</Message><Message><Body>Two</Body>"
        "<Media>https://example.com/two.png</Media></Message></Response>"
    )
    replies = [r["message"] for r in received(text_in("hello"))["replies"]]
    assert [(r["body"], r["num_media"], r["sid"][:2]) for r in replies] == [
        ("One", "0", "SM"),
        ("Two", "1", "MM"),
    ]


@pytest.mark.parametrize(
    ("answer", "content_type"),
    [
        ("Thanks, we got it", "text/plain"),
        ('{"message": "Thanks"}', "application/json"),
        ("<Response/>", "text/xml"),
        ("<Other><Message>Thanks</Message></Other>", "text/xml"),
        ("<Response><Message>Thanks", "text/xml"),
    ],
    ids=["text", "json", "empty-response", "not-response", "broken-xml"],
)
def test_an_answer_without_twiml_messages_sends_nothing(
    text_in, sms_endpoint, sdk, answer, content_type
):
    set_sms_url(sdk, sms_endpoint.url)
    sms_endpoint.answer, sms_endpoint.content_type = answer, content_type
    assert received(text_in("hello"))["replies"] == []
    assert [m.direction for m in sdk.messages.list()] == ["inbound"]


def test_a_twiml_reply_goes_through_the_opt_out_and_the_toll_free_gate(
    text_in, sdk, sms_endpoint, advance
):
    for number in (LOCAL_PN, TOLL_FREE_PN):
        set_sms_url(sdk, sms_endpoint.url, number_sid=number)
    sms_endpoint.answer = THANKS
    refused = received(text_in("STOP"))["replies"]
    assert refused == [
        {"error": {"code": 21610, "message": "Attempt to send to unsubscribed recipient"}}
    ]
    (reply,) = received(text_in("hello", to=TOLL_FREE_NUMBER))["replies"]
    advance(seconds=10)
    gated = sdk.messages(reply["message"]["sid"]).fetch()
    assert (gated.status, gated.error_code) == ("undelivered", 30032)


def test_an_unreachable_sms_url_is_reported_and_the_message_still_stored(text_in, sdk):
    set_sms_url(sdk, f"http://127.0.0.1:{free_port()}/sms")
    outcome = received(text_in("hello"))
    assert outcome["webhook"]["error"] and outcome["webhook"]["status"] is None
    assert outcome["replies"] == []
    assert sdk.messages(outcome["message"]["sid"]).fetch().status == "received"


def test_a_number_no_account_owns_is_404(text_in):
    response = text_in("hello", to="+14155559999")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": LOCAL_NUMBER, "body": "hi"}, "from"),
        ({**TEXT, "from": "4155550123"}, "from"),
        ({**TEXT, "to": "local"}, "to"),
        ({**TEXT, "body": "a" * 1601}, "body"),
        ({**TEXT, "media_urls": ["https://e.com/a.png"] * 11}, "media_urls"),
        ({**TEXT, "media_urls": ["ftp://e.com/a.png"]}, "media_urls"),
        ({**TEXT, "sender": "x"}, "sender"),
    ],
    ids=["no-from", "from-not-e164", "to-not-e164", "1601-chars", "11-media", "ftp", "unknown"],
)
def test_a_malformed_inbound_message_is_400_naming_the_field(live_url, body, field):
    response = requests.post(f"{live_url}/_mock/twilio/inbound-messages", json=body, timeout=30)
    assert response.status_code == 400
    error = response.json()
    assert error["error"] == "bad_request" and error["message"]
    assert any(name.split(".")[0] == field for name in error["fields"]), error


def test_a_body_that_is_not_json_is_400(live_url):
    response = requests.post(
        f"{live_url}/_mock/twilio/inbound-messages", data="from=+14155550123", timeout=30
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"error", "message"}


# -- opt-out keywords ------------------------------------------------------------------


@pytest.mark.parametrize("word", ["STOP", " stop ", "Unsubscribe", "stopall", "OPTOUT"])
def test_an_opt_out_keyword_makes_later_sends_from_that_number_21610(text_in, sdk, word):
    outcome = received(text_in(word))
    assert outcome["keyword"] == "opt-out"
    assert outcome["automatic_reply"] == {"body": REPLIES["opt-out"], "from": "twilio"}
    with pytest.raises(TwilioRestException) as raised:
        sdk.messages.create(to=HANDSET, from_=LOCAL_NUMBER, body="hi")
    assert (raised.value.status, raised.value.code) == (400, 21610)
    assert raised.value.msg.endswith("Attempt to send to unsubscribed recipient")


def test_a_sentence_with_stop_in_it_is_no_keyword(text_in, sdk):
    assert received(text_in("please stop"))["keyword"] is None
    assert send_refusal(sdk) is None


def test_an_opt_out_covers_only_that_number_and_that_handset(text_in, sdk):
    text_in("STOP")
    assert send_refusal(sdk) == 21610
    assert send_refusal(sdk, from_=TOLL_FREE_NUMBER) is None
    assert send_refusal(sdk, to=OTHER_HANDSET) is None


def test_start_opts_the_handset_back_in(text_in, sdk):
    text_in("STOP")
    outcome = received(text_in("Start"))
    assert outcome["keyword"] == "opt-in"
    assert outcome["automatic_reply"] == {"body": REPLIES["opt-in"], "from": "twilio"}
    assert send_refusal(sdk) is None


def test_help_gets_the_help_text_and_opts_nothing_out(text_in, sdk):
    outcome = received(text_in("help"))
    assert outcome["keyword"] == "help"
    assert outcome["automatic_reply"] == {
        "body": "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
        "from": "twilio",
    }
    assert send_refusal(sdk) is None


def test_a_toll_free_numbers_stop_and_start_replies_are_the_carriers(text_in):
    stop = received(text_in("Stop", to=TOLL_FREE_NUMBER))["automatic_reply"]
    assert stop == {
        "body": 'NETWORK MSG: You replied with the word "stop" which blocks all texts sent from '
        'this number. Text back "unstop" to receive messages again.',
        "from": "carrier",
    }
    unstop = received(text_in("UNSTOP", to=TOLL_FREE_NUMBER))["automatic_reply"]
    assert unstop["body"] == NETWORK_REPLIES["opt-in"].format(word="unstop")
    assert unstop["from"] == "carrier"


def test_a_toll_free_numbers_help_reply_is_twilios(text_in):
    reply = received(text_in("HELP", to=TOLL_FREE_NUMBER))["automatic_reply"]
    assert reply == {"body": REPLIES["help"], "from": "twilio"}


def test_help_from_a_handset_opted_out_of_a_toll_free_number_gets_no_reply(text_in):
    text_in("STOP", to=TOLL_FREE_NUMBER)
    outcome = received(text_in("HELP", to=TOLL_FREE_NUMBER))
    assert outcome["keyword"] == "help"
    assert outcome["automatic_reply"] is None


def test_the_automatic_reply_is_not_stored_as_a_message(text_in, sdk):
    text_in("STOP")
    assert [m.direction for m in sdk.messages.list()] == ["inbound"]


def test_the_keyword_message_still_reaches_the_webhook(text_in, sdk, receiver):
    set_sms_url(sdk, receiver.url + "/sms")
    text_in("STOP")
    assert dict(parse_qsl(receiver.received[0]["body"]))["Body"] == "STOP"


def test_stop_to_a_service_number_blocks_the_whole_service(text_in, sdk, pooled_service):
    service = pooled_service(LOCAL_PN, TOLL_FREE_PN_2)
    text_in("STOP")
    assert send_refusal(sdk, from_=None, messaging_service_sid=service.sid) == 21610
    assert send_refusal(sdk, from_=SECOND_TOLL_FREE) == 21610
    assert send_refusal(sdk, from_=TOLL_FREE_NUMBER) is None  # not in the service
    text_in("START", to=SECOND_TOLL_FREE)
    assert send_refusal(sdk, from_=None, messaging_service_sid=service.sid) is None


def test_an_opt_out_from_a_service_number_outlives_its_leaving_the_service(
    text_in, sdk, pooled_service
):
    service = pooled_service(LOCAL_PN)
    text_in("STOP")
    sdk.messaging.v1.services(service.sid).phone_numbers(LOCAL_PN).delete()
    assert send_refusal(sdk) == 21610


def reset(live_url: str, account_sid: str) -> None:
    response = requests.post(
        f"{live_url}/_mock/reset", json={"account_sid": account_sid}, timeout=30
    )
    assert response.status_code == 200, response.text


def test_resetting_the_account_forgets_its_opt_outs(text_in, sdk, live_url):
    text_in("STOP")
    reset(live_url, SUB_SID)  # another tenant: this account's opt-out stays
    assert send_refusal(sdk) == 21610
    reset(live_url, ISV_SID)
    assert send_refusal(sdk) is None
