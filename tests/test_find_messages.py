"""Inspecting sent messages across providers with the control client: ``Sandbox.messages``,
``find_messages`` and their filters, ``GET /_mock/twilio/messages``, and a reset emptying
them (docs/messaging.md "Programmable Messaging"; ``mockserver/control_client.py``)."""

import pytest
import requests
from rcs import Pinnacle
from twilio.rest import Client

from mockserver.control_client import ControlError
from mockserver.testing import twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, SUB_SID
from tests.providers.pinnacle.helpers import campaign_fields

PINNACLE_KEY = "sandbox_pinnacle_key"  # the seed's key: verified brand, +18005550100
TOLL_FREE = "+18005550100"  # the seed's in both providers
LOCAL = "+14155550100"
HANDSET = "+14155550123"
OTHER_HANDSET = "+14155550124"


def twilio(url: str) -> Client:
    return Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url))


def send_pinnacle(sandbox, to: str = HANDSET) -> str:
    """Send one Pinnacle SMS from the seed key's toll-free number (its campaign verified and
    the number attached first); return the message id."""
    pinnacle = Pinnacle(api_key=PINNACLE_KEY, base_url=sandbox.url)
    campaign = pinnacle.campaigns.toll_free.upsert(**campaign_fields("b_0000000001"))
    pinnacle.campaigns.toll_free.submit(campaign.campaign_id)
    sandbox.clock.advance(minutes=20)
    pinnacle.phone_numbers.campaign.attach(
        phones=[TOLL_FREE], campaign_type="TOLL_FREE", campaign_id=campaign.campaign_id
    )
    sandbox.clock.advance(days=5)
    return pinnacle.messages.sms.send(from_=TOLL_FREE, to=to, text="Shipped").message_id


def ids(messages: list[dict]) -> list[tuple[str, str]]:
    return [(m["provider"], m.get("sid") or m["id"]) for m in messages]


def send_three(sandbox) -> dict[str, str]:
    """Send a Twilio message from the toll-free number to HANDSET (undelivered: the gate),
    one from the local number to OTHER_HANDSET, then a Pinnacle message to HANDSET (which
    settles the Twilio ones); return their ids."""
    client = twilio(sandbox.url)
    first = client.messages.create(to=HANDSET, from_=TOLL_FREE, body="gated").sid
    second = client.messages.create(to=OTHER_HANDSET, from_=LOCAL, body="hi").sid
    pinnacle = send_pinnacle(sandbox)  # advances the clock: both Twilio messages settle
    return {"gated": first, "local": second, "pinnacle": pinnacle}


def test_messages_lists_twilios_then_pinnacles_each_with_its_provider(sandbox):
    sent = send_three(sandbox)
    assert ids(sandbox.messages) == [
        ("twilio", sent["gated"]),
        ("twilio", sent["local"]),
        ("pinnacle", sent["pinnacle"]),
    ]
    twilio_message = sandbox.messages[0]
    assert (twilio_message["status"], twilio_message["error_code"]) == ("undelivered", 30032)
    assert twilio_message["num_segments"] == "1"  # rendered as the 2010 API renders it


def test_find_messages_of_one_provider_to_one_number(sandbox):
    sent = send_three(sandbox)
    assert ids(sandbox.find_messages(provider="twilio", to=HANDSET)) == [("twilio", sent["gated"])]
    assert ids(sandbox.find_messages(provider="pinnacle", to=HANDSET)) == [
        ("pinnacle", sent["pinnacle"])
    ]


def test_from_and_to_filters_apply_to_both_providers(sandbox):
    sent = send_three(sandbox)
    assert ids(sandbox.find_messages(from_=TOLL_FREE)) == [
        ("twilio", sent["gated"]),
        ("pinnacle", sent["pinnacle"]),
    ]
    assert ids(sandbox.find_messages(to=OTHER_HANDSET)) == [("twilio", sent["local"])]


def test_an_account_sid_filter_selects_twilio_messages_only(sandbox):
    sent = send_three(sandbox)
    assert ids(sandbox.find_messages(account_sid=ISV_SID)) == [
        ("twilio", sent["gated"]),
        ("twilio", sent["local"]),
    ]
    assert sandbox.find_messages(account_sid=SUB_SID) == []


def test_an_api_key_filter_selects_pinnacle_messages_only(sandbox):
    sent = send_three(sandbox)
    assert ids(sandbox.find_messages(api_key=PINNACLE_KEY)) == [("pinnacle", sent["pinnacle"])]
    assert sandbox.find_messages(api_key="nobody") == []


def test_an_api_key_filter_without_pinnacle_messages_is_empty(sandbox, live_url):
    twilio(live_url).messages.create(to=HANDSET, from_=LOCAL, body="hi")
    assert sandbox.find_messages(api_key=PINNACLE_KEY) == []
    assert [m["provider"] for m in sandbox.messages] == ["twilio"]


@pytest.mark.parametrize(
    ("provider", "filters"),
    [
        (None, {"account_sid": ISV_SID, "api_key": PINNACLE_KEY}),
        ("pinnacle", {"account_sid": ISV_SID}),
        ("twilio", {"type": "SMS"}),
        ("vonage", {}),
    ],
    ids=["account-and-key", "pinnacle-account", "twilio-type", "unknown-provider"],
)
def test_filters_of_different_providers_are_a_value_error(sandbox, provider, filters):
    with pytest.raises(ValueError):
        sandbox.find_messages(provider=provider, **filters)


def test_the_twilio_route_filters_by_status_and_direction(sandbox, live_url):
    client = twilio(live_url)
    delivered = client.messages.create(to=HANDSET, from_=LOCAL, body="first").sid
    sandbox.clock.advance(seconds=10)
    queued = client.messages.create(to=HANDSET, from_=LOCAL, body="second").sid
    sandbox.call(
        "POST", "/_mock/twilio/inbound-messages", json={"from": HANDSET, "to": LOCAL, "body": "hi"}
    )
    query = "status=delivered&direction=outbound-api"
    response = requests.get(f"{live_url}/_mock/twilio/messages?{query}", timeout=30)
    assert response.status_code == 200
    assert [m["sid"] for m in response.json()["messages"]] == [delivered]
    outbound = sandbox.find_messages(direction="outbound-api")
    assert [(m["sid"], m["status"]) for m in outbound] == [
        (delivered, "delivered"),
        (queued, "queued"),
    ]
    (inbound,) = sandbox.find_messages(direction="inbound", status="received")
    assert (inbound["from"], inbound["to"], inbound["provider"]) == (HANDSET, LOCAL, "twilio")


def test_an_unencoded_plus_in_a_number_filter_still_matches(sandbox, live_url):
    sid = twilio(live_url).messages.create(to=HANDSET, from_=LOCAL, body="hi").sid
    response = requests.get(
        f"{live_url}/_mock/twilio/messages?to={HANDSET}&from={LOCAL}", timeout=30
    )
    assert [m["sid"] for m in response.json()["messages"]] == [sid]


def test_an_unknown_filter_is_a_400_control_error(sandbox):
    with pytest.raises(ControlError) as raised:
        sandbox.call("GET", "/_mock/twilio/messages", params={"bogus": "1"})
    assert raised.value.status == 400


def test_a_reset_empties_the_message_lists(sandbox):
    send_three(sandbox)
    assert len(sandbox.messages) == 3
    sandbox.reset()
    assert sandbox.messages == []
    response = requests.get(f"{sandbox.url}/_mock/twilio/messages", timeout=30)
    assert response.json() == {"messages": []}
