"""mockserver.testing without pytest fixtures: running_server, Sandbox, accounts, clients."""

import socket

import pytest
import requests
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from mockserver.clock import ManualClock
from mockserver.settings import Settings
from mockserver.testing import (
    ControlError,
    WebhookReceiver,
    new_twilio_account,
    pinnacle_client,
    running_server,
    twilio_http_client,
)
from tests.conftest import T0

PINNACLE_KEY, PINNACLE_NUMBER = "sandbox_pinnacle_key", "+18005550100"  # from the seed file


def dead_proxy(monkeypatch) -> None:
    """Send every proxied request to a port nothing listens on (NO_PROXY cleared)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server():
    """One in-memory sandbox on a frozen clock for this module."""
    with running_server(Settings(store=":memory:"), clock=ManualClock(T0)) as sandbox:
        yield sandbox


@pytest.fixture
def sandbox(server):
    server.reset()
    return server


def create(client, account):
    """Submit a valid verification for the account's number with the official SDK."""
    return client.messaging.v1.tollfree_verifications.create(**account.submission())


def test_running_server_serves_the_control_api_and_stops_afterwards():
    with running_server() as sandbox:
        assert sandbox.health()["status"] == "ok"
        url = sandbox.url
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/_mock/health", timeout=2)


def test_clock_now_and_advance_drive_the_review(sandbox):
    account = new_twilio_account(sandbox)
    client = account.client()
    sid = create(client, account).sid
    before = sandbox.clock.now()
    summary = sandbox.clock.advance(minutes=16)
    assert (sandbox.clock.now() - before).total_seconds() == 16 * 60
    assert [t["to"] for t in summary["transitions"]] == ["IN_REVIEW", "TWILIO_APPROVED"]
    assert client.messaging.v1.tollfree_verifications(sid).fetch().status == "TWILIO_APPROVED"


def test_force_moves_a_record_and_record_shows_it(sandbox):
    account = new_twilio_account(sandbox)
    sid = create(account.client(), account).sid
    forced = sandbox.force(sid, "TWILIO_REJECTED", codes=[30473])
    assert forced["status"] == "TWILIO_REJECTED"
    assert sandbox.record(sid)["status"] == "TWILIO_REJECTED"


def test_bind_chooses_the_scenario_of_a_number(sandbox):
    account = new_twilio_account(sandbox)
    sandbox.bind("stuck_in_review", phone_number=account.phone_number)
    sid = create(account.client(), account).sid
    assert sandbox.record(sid)["plan"]["scenario"] == "stuck_in_review"


def test_requests_and_webhooks_list_and_filter(sandbox):
    account = new_twilio_account(sandbox)
    create(account.client(), account)
    [post] = sandbox.find_requests(method="POST", tenant=account.sid)
    assert post["form"]["TollfreePhoneNumberSid"] == account.phone_number_sid
    assert sandbox.requests == [post]
    assert sandbox.webhooks == []  # no sink subscribed
    assert sandbox.clear_requests() == 1
    assert sandbox.requests == []


def test_control_errors_raise_with_the_servers_message(sandbox):
    with pytest.raises(ControlError, match="404") as caught:
        sandbox.force("HH" + "0" * 32, "TWILIO_APPROVED")
    assert caught.value.status == 404


def test_reset_tenant_resets_one_account(sandbox):
    mine, theirs = new_twilio_account(sandbox), new_twilio_account(sandbox)
    create(mine.client(), mine)
    kept = create(theirs.client(), theirs).sid
    assert sandbox.reset_tenant(account_sid=mine.sid)["cleared"] == {"twilio": [mine.sid]}
    assert [v.sid for v in theirs.client().messaging.v1.tollfree_verifications.list()] == [kept]


def test_new_twilio_account_is_ready_for_a_verification_and_stable_per_name(sandbox):
    account = new_twilio_account(sandbox, name="tests/test_x.py::test_y")
    assert account.sid.startswith("AC") and len(account.sid) == 34
    assert account.phone_number.startswith("+1833")
    assert create(account.client(), account).status == "PENDING_REVIEW"
    assert account.submission(business_name="Bee")["business_name"] == "Bee"
    sandbox.reset()
    again = new_twilio_account(sandbox, name="tests/test_x.py::test_y")
    assert (again.sid, again.auth_token, again.phone_number) == (
        account.sid,
        account.auth_token,
        account.phone_number,
    )
    assert new_twilio_account(sandbox).sid != account.sid


def test_pinnacle_client_points_at_the_sandbox_with_a_fresh_key(sandbox):
    first, second = pinnacle_client(sandbox.url), pinnacle_client(sandbox.url, "pk_given")
    assert first._client_wrapper.get_base_url() == sandbox.url
    key = first._client_wrapper.get_headers()["PINNACLE-API-KEY"]
    assert key.startswith("test_") and key != pinnacle_client(sandbox.url)._client_wrapper.api_key
    assert second._client_wrapper.get_headers()["PINNACLE-API-KEY"] == "pk_given"


def test_the_sdk_clients_ignore_a_proxy_from_the_environment(sandbox, monkeypatch):
    """The sandbox is local: HTTP_PROXY pointing at a dead port must not break the clients."""
    account = new_twilio_account(sandbox)
    dead_proxy(monkeypatch)
    assert requests.Session().merge_environment_settings(sandbox.url, {}, None, None, None)[
        "proxies"
    ]  # the environment does name a proxy
    assert create(account.client(), account).status == "PENDING_REVIEW"
    assert pinnacle_client(sandbox.url).campaigns.toll_free.list().data == []
    unpooled = Client(
        account.sid,
        account.auth_token,
        http_client=twilio_http_client(sandbox.url, pool_connections=False),
    )
    assert [n.sid for n in unpooled.incoming_phone_numbers.list()] == [account.phone_number_sid]


def test_pinnacle_client_keeps_the_sdks_default_timeout_and_redirects(sandbox):
    httpx_client = pinnacle_client(sandbox.url)._client_wrapper.httpx_client.httpx_client
    assert httpx_client.timeout.read == 60 and httpx_client.follow_redirects


def test_reset_tenant_needs_exactly_one_tenant(sandbox):
    account = new_twilio_account(sandbox)
    with pytest.raises(ValueError, match="exactly one"):
        sandbox.reset_tenant()
    with pytest.raises(ValueError, match="exactly one"):
        sandbox.reset_tenant(account_sid=account.sid, api_key="test_key")
    numbers = account.client().incoming_phone_numbers.list()
    assert [n.sid for n in numbers] == [account.phone_number_sid]  # nothing was reset


def test_control_errors_name_the_fields_the_server_refused(sandbox):
    with pytest.raises(ControlError) as caught:
        sandbox.find_requests(bogus="1")
    assert str(caught.value) == (
        "GET /_mock/requests -> 400: invalid query string (bogus: Unknown field.)"
    )
    assert caught.value.body["fields"] == {"bogus": "Unknown field."}


def test_find_messages_filters_by_sender_with_from_(sandbox):
    client = pinnacle_client(sandbox.url, PINNACLE_KEY)
    campaign_id = client.campaigns.toll_free.upsert(brand="b_0000000001", name="A").campaign_id
    draft = client.campaigns.toll_free.autofill(campaign_id=campaign_id, additional_info="Alerts")
    fields = ("keywords", "links", "monthly_volume", "opt_in", "options", "use_case")
    client.campaigns.toll_free.upsert(
        campaign_id=campaign_id,
        production_message_content=draft.production_message_content,
        **{field: getattr(draft, field) for field in fields},
    )
    client.campaigns.toll_free.submit(campaign_id)
    sandbox.force(campaign_id, "VERIFIED")
    client.phone_numbers.campaign.attach(
        phones=[PINNACLE_NUMBER], campaign_type="TOLL_FREE", campaign_id=campaign_id
    )
    sandbox.force(PINNACLE_NUMBER, "VERIFIED")
    sent = client.messages.sms.send(from_=PINNACLE_NUMBER, to="+14155550123", text="Hi")
    [message] = sandbox.find_messages(from_=PINNACLE_NUMBER)
    assert (message["id"], message["from"]) == (sent.message_id, PINNACLE_NUMBER)
    assert sandbox.find_messages(from_="+18885550101") == []


@pytest.fixture
def receiver():
    with WebhookReceiver() as hooks:
        yield hooks


def test_webhook_receiver_records_every_method_and_answers_200(receiver):
    answers = [
        requests.request(method, receiver.url + "/hook?x=1", timeout=5).status_code
        for method in ("GET", "PUT", "PATCH", "DELETE")
    ]
    assert answers == [200] * 4
    assert [(r["method"], r["path"]) for r in receiver.received] == [
        (method, "/hook?x=1") for method in ("GET", "PUT", "PATCH", "DELETE")
    ]


def test_webhook_receiver_events_skip_bodies_that_are_not_json(receiver):
    requests.post(receiver.url, data={"MessageStatus": "sent"}, timeout=5)
    requests.get(receiver.url, timeout=5)
    requests.post(receiver.url, json=[{"type": "a"}, {"type": "b"}], timeout=5)
    assert receiver.events() == [{"type": "a"}, {"type": "b"}]


def test_webhook_receiver_verifies_a_signed_twilio_form_post(receiver):
    """Form webhooks are signed over the URL and their parameters (no bodySHA256)."""
    url = receiver.url + "/sms?attempt=1"
    form = {"MessageSid": "SM1", "MessageStatus": "delivered", "To": "+14155550123"}
    signature = RequestValidator("token").compute_signature(url, form)
    requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=5)
    assert receiver.valid_twilio_signatures("token")
    assert not receiver.valid_twilio_signatures("another token")


def test_webhook_receiver_reports_unverifiable_requests_as_invalid_not_an_error(receiver):
    requests.post(
        receiver.url + "/pinnacle",  # JSON without bodySHA256, a signature header anyway
        json={"type": "CAMPAIGN.STATUS"},
        headers={"X-Twilio-Signature": "bm9wZQ=="},
        timeout=5,
    )
    assert receiver.valid_twilio_signatures("token") is False
    requests.post(receiver.url, data="a=1", timeout=5)  # unsigned
    assert receiver.valid_twilio_signatures("token") is False


def test_webhook_receiver_with_nothing_received_has_no_valid_signatures(receiver):
    assert receiver.valid_twilio_signatures("token") is False
