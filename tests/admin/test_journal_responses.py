"""The request journal keeps what the sandbox answered: the response's body, its secrets
redacted, listed and parsed only when read."""

import json
import time

import pytest
from twilio.rest import Client
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

import mockserver.admin.journal_view as journal_view
from mockserver.admin.request_log import JournaledRequest
from mockserver.clock import ManualClock
from mockserver.journal import LISTED_ENTRY_BYTES, MAX_BODY_BYTES
from mockserver.redaction import redact_json_text
from mockserver.testing import twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.providers.twilio.conftest import submission

PATH = "/v1/Tollfree/Verifications"


def listed(client) -> list[dict]:
    """The journal as ``GET /_mock/requests`` lists it."""
    return client.get("/_mock/requests").get_json()["requests"]


def journal_answer(runtime, body: bytes, content_type: str = "application/json") -> None:
    """Journal a GET the sandbox answered with ``body``, as ``journal_request`` keeps one."""
    request = Request(EnvironBuilder(PATH).get_environ())
    runtime.journal.add(_kept(request, body, content_type))


def _kept(request: Request, body: bytes, content_type: str) -> JournaledRequest:
    return JournaledRequest(
        at=ManualClock().now(),
        method=request.method,
        path=request.path,
        query_string=request.query_string,
        environ=request.environ,
        body=request.get_data(cache=True),
        status=200,
        provider="twilio",
        tenant=ISV_SID,
        response_body=body,
        response_type=content_type,
    )


def test_an_sdk_create_is_journaled_with_the_resource_it_was_answered(live_url, client):
    """The twilio SDK's create, through a live server: the listing shows the 201's body."""
    sdk = Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(live_url))
    created = sdk.messaging.v1.tollfree_verifications.create(
        business_name="Owl, Inc.",
        business_website="http://www.company.com",
        notification_email="support@company.com",
        use_case_categories=["TWO_FACTOR_AUTHENTICATION"],
        use_case_summary="Sends one-time passcodes to customers of Owl, Inc.",
        production_message_sample="Your Owl code is 123456",
        opt_in_image_urls=["https://example.com/optin1.jpg"],
        opt_in_type="VERBAL",
        message_volume="1,000",
        tollfree_phone_number_sid=submission()["TollfreePhoneNumberSid"],
        customer_profile_sid=submission()["CustomerProfileSid"],
    )
    [entry] = listed(client)
    answer = entry["response"]
    assert (entry["status"], answer["mimetype"]) == (201, "application/json")
    assert answer["json"]["sid"] == created.sid and answer["json"]["status"] == created.status
    assert json.loads(answer["body"]) == answer["json"]
    assert (answer["body_base64"], answer["body_truncated"]) == (False, False)


def test_an_error_answer_is_journaled_in_the_providers_shape(client, isv_auth):
    client.get(f"{PATH}/HH0000000000000000000000000000dead", headers=isv_auth)
    [entry] = listed(client)
    assert entry["status"] == 404
    assert entry["response"]["json"]["code"] == 20404


def test_a_head_request_is_journaled_with_the_empty_body_it_received(client, isv_auth):
    client.head(PATH, headers=isv_auth)
    [entry] = listed(client)
    assert (entry["method"], entry["status"], entry["response"]["body"]) == ("HEAD", 200, "")
    assert entry["response"]["json"] is None


def test_a_no_content_answer_is_journaled_with_an_empty_body(client, isv_auth):
    created = client.post(PATH, data=submission(), headers=isv_auth).get_json()
    assert client.delete(f"{PATH}/{created['sid']}", headers=isv_auth).status_code == 204
    deleted = listed(client)[-1]
    assert (deleted["status"], deleted["response"]["body"], deleted["response"]["json"]) == (
        204,
        "",
        None,
    )


def test_secret_named_members_of_a_json_answer_are_redacted_wherever_they_sit(client, runtime):
    answer = {
        "sid": "AC1",
        "auth_token": "tok_live_1",
        "nested": [{"api_key": "k", "signing_secret": "whsec_x", "count": 3}],
        "password_hint": None,
        "status": "token",
    }
    journal_answer(runtime, json.dumps(answer, indent=1).encode())
    [entry] = listed(client)
    shown = entry["response"]
    assert shown["json"] == {
        "sid": "AC1",
        "auth_token": "[redacted]",
        "nested": [{"api_key": "[redacted]", "signing_secret": "[redacted]", "count": 3}],
        "password_hint": None,  # null holds nothing
        "status": "token",  # a value is not a name
    }
    assert shown["body"].startswith('{\n "sid": "AC1",\n "auth_token": "[redacted]"')
    assert "tok_live_1" not in json.dumps(entry) and "whsec_x" not in json.dumps(entry)


def test_a_secret_cut_by_the_bound_is_redacted_and_the_cut_answer_not_parsed(client, runtime):
    body = (
        b'{"filler": "' + b"f" * (MAX_BODY_BYTES - 30) + b'", "auth_token": "tok_live_123456789"}'
    )
    journal_answer(runtime, body)
    [entry] = listed(client)
    shown = entry["response"]
    assert shown["body_truncated"] and shown["json"] is None
    assert shown["body"].endswith('"auth_token": "[redacted]"') and "tok_live" not in shown["body"]


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ('{"token":"a"}', '{"token":"[redacted]"}'),
        ('{"token" :\n "a\\"b", "x": "y"}', '{"token" :\n "[redacted]", "x": "y"}'),
        ('{"au\\u0074h_token": "a"}', '{"au\\u0074h_token": "[redacted]"}'),
        ('{"x": "a \\"token\\": \\"b\\""}', '{"x": "a \\"token\\": \\"b\\""}'),
        ('["token", "a"]', '["token", "a"]'),
        ('{"Token": {"value": "a", "n": [1, "]"]}, "x": 1}', '{"Token": "[redacted]", "x": 1}'),
        (
            '{"api_keys": ["a", "b"], "token": 123456}',
            '{"api_keys": "[redacted]", "token": "[redacted]"}',
        ),
        ('{"secret": {"value": "x", "n": [1', '{"secret": "[redacted]"'),
        ('{"password": null, "token": true}', '{"password": null, "token": "[redacted]"}'),
        ('{"auth_token": "abc\\u00e9SECRET\\', '{"auth_token": "[redacted]"'),
        ('{"API_KEY": "a', '{"API_KEY": "[redacted]"'),
        ('{"secret": "', '{"secret": "[redacted]"'),
        (
            '{"Password":"a","Signature":"b","x-api-key":"c"}',
            '{"Password":"[redacted]","Signature":"[redacted]","x-api-key":"[redacted]"}',
        ),
        ("not json", "not json"),
    ],
)
def test_json_text_redaction_keeps_every_other_character(text, redacted):
    assert redact_json_text(text) == redacted


def test_an_answer_that_is_not_json_is_listed_as_sent(client, runtime):
    journal_answer(runtime, b'"token": "shown as sent"', "text/plain; charset=utf-8")
    journal_answer(runtime, bytes(range(256)), "application/json")
    text, binary = (entry["response"] for entry in listed(client))
    assert (text["mimetype"], text["body"], text["json"]) == (
        "text/plain",
        '"token": "shown as sent"',
        None,
    )
    assert binary["body_base64"] and binary["json"] is None


def test_recording_an_answer_neither_parses_nor_redacts_it(client, isv_auth, monkeypatch):
    """The request path keeps a reference to the response's bytes; the listing does the rest."""
    calls = []
    real = journal_view.redact_json_text
    monkeypatch.setattr(journal_view, "redact_json_text", lambda t: calls.append(t) or real(t))
    client.post(PATH, data=submission(), headers=isv_auth)
    assert calls == []
    [entry] = listed(client)
    assert len(calls) == 1 and entry["response"]["json"]["business_name"] == "Owl, Inc."


def test_a_hostile_entry_with_a_hostile_answer_lists_within_the_documented_worst_case(
    client, runtime
):
    """Control characters (6 bytes each as JSON) wherever a client puts text, and a JSON body
    and answer whose numbers grow when ``json`` writes them anew."""
    body = ("[" + "1E15," * 13106 + "1E15]").encode()
    request = Request(
        EnvironBuilder(
            "/v1/" + "\x01" * 3000,
            method="POST",
            query_string="\x01" * 2048,
            data=body,
            headers={
                **{f"X-{number:03d}": "\x01" * 158 for number in range(150)},
                "Content-Type": "application/json",
            }
            | basic(ISV_SID, ISV_TOKEN),
        ).get_environ()
    )
    mimetype = "application/" + "\x01" * 111 + "+json"  # 128 characters of 6 bytes each
    runtime.journal.add(_kept(request, body, mimetype + "; v=" + "\x01" * 200))
    listing = client.get("/_mock/requests")
    [entry] = listing.get_json()["requests"]
    assert len(body) == MAX_BODY_BYTES and entry["json"] == [1e15] * 13107
    assert entry["response"]["json"] == [1e15] * 13107
    assert entry["response"]["mimetype"] == mimetype
    assert 0.95 * LISTED_ENTRY_BYTES < len(listing.data) <= LISTED_ENTRY_BYTES


def test_names_inside_a_redacted_scalar_cost_no_rescan_and_restore_nothing():
    """Malformed JSON whose unquoted value holds more secret names: each once started a scan
    to the end (5 s for 64 KiB), and what was redacted could come back."""
    text = '{"token":' + 'a"token":' * (MAX_BODY_BYTES // 10)
    started = time.process_time()
    assert redact_json_text(text) == '{"token":"[redacted]"'
    assert time.process_time() - started < 1
    assert "LEAK" not in redact_json_text('{"token":a"token":"x"LEAK,"c":1}')


def test_a_body_cut_right_after_a_backslash_is_redacted_in_linear_time():
    """A tail of escaped quotes ending in a lone backslash once matched nowhere: the secret
    stayed, and every quote started a scan to the end (88 s for 64 KiB)."""
    text = '{"token x": "' + '\\"' * (MAX_BODY_BYTES // 2 - 8) + "\\"
    started = time.process_time()
    assert redact_json_text(text) == '{"token x": "[redacted]"'
    assert time.process_time() - started < 1


def test_secret_named_values_of_request_bodies_are_redacted_too(client):
    """A JSON or form body's secret-named members and parameters, as the query's are."""
    client.post("/anywhere", json={"name": "Owl", "client_secret": "s3", "tokens": ["t1"]})
    client.post("/anywhere", data={"name": "Owl", "api_key": "k1"})
    sent_json, sent_form = listed(client)
    assert sent_json["json"] == {
        "name": "Owl",
        "client_secret": "[redacted]",
        "tokens": "[redacted]",
    }
    assert "s3" not in sent_json["body"] and "t1" not in sent_json["body"]
    assert sent_form["form"] == {"name": "Owl", "api_key": "[redacted]"}
    assert sent_form["body"] == "name=Owl&api_key=[redacted]"
