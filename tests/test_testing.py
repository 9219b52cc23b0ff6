"""mockserver.testing without pytest fixtures: running_server, Sandbox, accounts, clients."""

import pytest

from mockserver.clock import ManualClock
from mockserver.settings import Settings
from mockserver.testing import (
    ControlError,
    new_twilio_account,
    pinnacle_client,
    running_server,
)
from tests.conftest import T0


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
    import requests

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
