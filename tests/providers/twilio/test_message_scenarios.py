"""A message's delivery runs a scenario like a review does: bound to a recipient, chosen by a
marker, forced through the control API, and never replaced by a review scenario."""

from mockserver.app import create_app
from mockserver.settings import Settings
from tests.conftest import basic

from .conftest import HANDSET, MESSAGES, status_callbacks


def test_a_recipient_bound_to_a_message_scenario_runs_it(send, sandbox, advance):
    sandbox.bind("twilio_message_unreachable", phone_number=HANDSET)
    sid = send().sid
    advance(seconds=10)
    assert sandbox.record(sid)["plan"]["scenario"] == "twilio_message_unreachable"
    assert sandbox.record(sid)["status"] == "undelivered"


def test_a_scenario_marker_in_the_body_picks_a_message_scenario(sdk, send, advance):
    sid = send(body="Hello [scenario:twilio_message_failed]").sid
    advance(seconds=10)
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code, message.price) == ("failed", 30008, None)


def test_a_review_marker_in_the_body_is_ignored_by_a_message(sdk, send, advance):
    """``[scenario:stuck_in_review]`` names a review story: a message keeps its own."""
    sid = send(body="Hello [scenario:stuck_in_review]").sid
    advance(seconds=10)
    assert sdk.messages(sid).fetch().status == "delivered"


def test_forcing_a_message_undelivered_with_a_code_reports_it(
    sdk, send, sandbox, advance, receiver
):
    sid = send().sid
    advance(seconds=2)  # sent
    sandbox.force(sid, "undelivered", codes=[30005])
    message = sdk.messages(sid).fetch()
    assert (message.status, message.error_code) == ("undelivered", 30005)
    assert message.error_message == "Unknown destination handset"
    assert status_callbacks(receiver)[-1]["ErrorCode"] == "30005"


def test_forcing_a_message_needs_one_error_code_for_undeliver(send, client, advance):
    sid = send().sid
    advance(seconds=2)
    response = client.post(
        f"/_mock/records/{sid}/transition", json={"action": "undeliver", "codes": [30003, 30005]}
    )
    assert response.status_code == 400


def test_a_review_scenario_chosen_for_the_sandbox_leaves_messages_on_theirs():
    """``--scenario fast`` speeds reviews; a message still runs ``twilio_message``."""
    app = create_app(Settings(store=":memory:", scenario="fast"))
    client = app.test_client()
    auth = basic("AC00000000000000000000000000000001", "sandbox_auth_token")
    form = {"To": HANDSET, "From": "+14155550100", "Body": "hi"}
    sid = client.post(f"{MESSAGES}.json", data=form, headers=auth).get_json()["sid"]
    assert client.get(f"/_mock/records/{sid}").get_json()["plan"]["scenario"] == "twilio_message"
    app.extensions["mockserver"].close()
