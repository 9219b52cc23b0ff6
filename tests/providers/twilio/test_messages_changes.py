"""Redacting, canceling and deleting messages, and resetting an account's messages
(docs/reference/twilio-messaging.md §3)."""

import pytest
from twilio.base.exceptions import TwilioRestException

from tests.conftest import ISV_SID, SUB_SID, basic

from .conftest import HANDSET, LOCAL_NUMBER, MESSAGES

OTHER_SID, OTHER_TOKEN = "AC" + "d" * 32, "other_token"


def refused(call) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as caught:
        call()
    return caught.value


@pytest.fixture
def delivered(send, advance, sdk):
    """A message that has been delivered."""
    sid = send().sid
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"
    return sid


def test_redacting_a_delivered_message_blanks_its_body(delivered, sdk):
    redacted = sdk.messages(delivered).update(body="")
    assert (redacted.body, redacted.status) == ("", "delivered")
    fetched = sdk.messages(delivered).fetch()
    assert (fetched.body, fetched.status, fetched.num_segments) == ("", "delivered", "1")


def test_redacting_a_queued_message_is_20009(send, sdk):
    sid = send().sid
    error = refused(lambda: sdk.messages(sid).update(body=""))
    assert (error.status, error.code) == (400, 20009)
    assert error.msg == (
        "Unable to update record: Cannot redact a message that is still being processed."
    )
    assert sdk.messages(sid).fetch().body == "Your Owl code is 123456"


@pytest.mark.parametrize(
    "changes",
    [{"body": "hello"}, {}, {"body": "", "status": "canceled"}, {"status": "sent"}],
    ids=["new-body", "nothing", "body-and-status", "other-status"],
)
def test_any_other_update_is_30400(delivered, sdk, changes):
    error = refused(lambda: sdk.messages(delivered).update(**changes))
    assert (error.status, error.code) == (400, 30400)
    assert error.msg == "Unable to update record: Parameters are not valid"


@pytest.mark.parametrize("settle", [False, True], ids=["queued", "delivered"])
def test_canceling_a_message_that_was_not_scheduled_is_30409(send, sdk, advance, settle):
    sid = send().sid
    if settle:
        advance(seconds=10)
    error = refused(lambda: sdk.messages(sid).update(status="canceled"))
    assert (error.status, error.code) == (400, 30409)
    assert error.msg == "Unable to update record: This message cannot be canceled"


def test_a_canceled_attempt_leaves_the_message_on_its_way(send, sdk, advance):
    sid = send().sid
    refused(lambda: sdk.messages(sid).update(status="canceled"))
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_deleting_a_delivered_message_answers_204_then_404(delivered, sdk, raw):
    assert sdk.messages(delivered).delete() is True
    error = refused(lambda: sdk.messages(delivered).fetch())
    assert (error.status, error.code) == (404, 20404)
    assert error.msg == (
        f"Unable to fetch record: The requested resource {MESSAGES}/{delivered}.json was not found"
    )
    assert sdk.messages.list() == []
    response = raw("DELETE", f"{MESSAGES}/{delivered}.json")
    assert (response.status_code, response.json()["code"]) == (404, 20404)


def test_delete_answers_an_empty_204(delivered, raw):
    response = raw("DELETE", f"{MESSAGES}/{delivered}.json")
    assert (response.status_code, response.content) == (204, b"")


def test_deleting_a_queued_message_is_20009_and_keeps_it(send, sdk, advance):
    sid = send().sid
    error = refused(lambda: sdk.messages(sid).delete())
    assert (error.status, error.code) == (400, 20009)
    assert error.msg == (
        "Unable to delete record: Cannot delete message because delivery has not been completed."
    )
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_undelivered_and_failed_messages_can_be_deleted(send, sdk, advance):
    undelivered = send(to="+15005550021").sid
    failed = send(to="+15005550025").sid
    advance(seconds=10)
    assert sdk.messages(undelivered).delete() is True
    assert sdk.messages(failed).delete() is True
    assert sdk.messages.list() == []


def test_a_message_of_another_account_cannot_be_changed(delivered, client):
    client.post("/_mock/twilio/accounts", json={"sid": OTHER_SID, "auth_token": OTHER_TOKEN})
    theirs = basic(OTHER_SID, OTHER_TOKEN)
    other_path = f"/2010-04-01/Accounts/{OTHER_SID}/Messages/{delivered}.json"
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(other_path, data={"Body": ""}, headers=theirs)
        assert (response.status_code, response.get_json()["code"]) == (404, 20404), method


# -- POST /_mock/reset {"account_sid"} ----------------------------------------------------


def send_as(client, headers, account_sid=ISV_SID, **form) -> dict:
    values = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hi"}
    values.update(form)
    response = client.post(
        f"/2010-04-01/Accounts/{account_sid}/Messages.json", data=values, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_resetting_an_account_removes_its_messages_and_their_plans(client, runtime, isv_auth):
    client.post("/_mock/twilio/accounts", json={"sid": OTHER_SID, "auth_token": OTHER_TOKEN})
    client.post(
        "/_mock/twilio/phone-numbers",
        json={"account_sid": OTHER_SID, "phone_number": "+18335550188"},
    )
    theirs = send_as(
        client, basic(OTHER_SID, OTHER_TOKEN), OTHER_SID, From="+18335550188", To="+447700900123"
    )["sid"]
    mine = send_as(client, isv_auth)["sid"]
    subs = send_as(client, isv_auth, SUB_SID, From="+18445550100")["sid"]
    response = client.post("/_mock/reset", json={"account_sid": ISV_SID})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["cleared"] == {"twilio": [ISV_SID, SUB_SID]}
    listed = client.get(f"{MESSAGES}.json", headers=isv_auth).get_json()["messages"]
    assert listed == []
    for sid in (mine, subs):
        assert client.get(f"{MESSAGES}/{sid}.json", headers=isv_auth).status_code == 404
    assert [plan["record_id"] for plan in runtime.engine.pending()] == [theirs]
    summary = client.post("/_mock/clock/advance", json={"seconds": 10}).get_json()
    assert {t["record_id"] for t in summary["transitions"]} == {theirs}
    other = client.get(
        f"/2010-04-01/Accounts/{OTHER_SID}/Messages/{theirs}.json",
        headers=basic(OTHER_SID, OTHER_TOKEN),
    ).get_json()
    assert other["status"] == "delivered"


def test_a_reset_account_can_send_again_from_its_seeded_numbers(client, isv_auth):
    send_as(client, isv_auth)
    client.post("/_mock/reset", json={"account_sid": ISV_SID})
    again = send_as(client, isv_auth)
    listed = client.get(f"{MESSAGES}.json", headers=isv_auth).get_json()["messages"]
    assert [message["sid"] for message in listed] == [again["sid"]]
