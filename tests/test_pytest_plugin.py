"""The pytest plugin: fixtures in a user's suite, isolation under xdist, inert unless used.

Our own suite runs with the plugin loaded through its ``pytest11`` entry point, so some
tests use its fixtures directly; the rest run small suites in a subprocess (pytester).
"""

import json
import subprocess
import sys

import pytest
from rcs.errors import NotFoundError

from mockserver.journal import fingerprint

CREATE = """
def create(client, account):
    return client.messaging.v1.tollfree_verifications.create(**account.submission()).sid
"""


def test_importing_the_plugin_imports_neither_flask_nor_an_sdk():
    code = (
        "import sys, mockserver.pytest_plugin; "
        "print(sorted(m for m in ('flask', 'requests', 'twilio', 'rcs') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_a_test_that_uses_no_fixture_starts_no_server(pytester):
    pytester.makepyfile(
        """
        import threading

        def test_nothing_runs():
            assert not [t for t in threading.enumerate() if t.name == "mockserver"]
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_each_test_starts_from_a_reset_sandbox(pytester):
    pytester.makepyfile(
        CREATE
        + """
import pytest

@pytest.mark.parametrize("n", range(2))
def test_alone(mockserver, twilio_client, twilio_account, n):
    create(twilio_client, twilio_account)
    assert len(mockserver.find_requests(method="POST")) == 1  # not the other test's
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_parallel_workers_and_tests_never_see_each_others_records(pytester, tmp_path):
    """Under ``-n 2`` each worker has its own server and each test its own account; here
    nothing is reset between tests, so accounts alone keep the tests apart."""
    out = tmp_path / "seen"
    out.mkdir()
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture
        def mockserver(mockserver_session):
            return mockserver_session  # no reset: records of earlier tests stay
        """
    )
    body = (
        CREATE
        + f"""
import json, os, pytest

@pytest.mark.parametrize("n", range(4))
def test_sees_only_its_own(mockserver, twilio_client, twilio_account, n):
    sid = create(twilio_client, twilio_account)
    listed = [v.sid for v in twilio_client.messaging.v1.tollfree_verifications.list()]
    assert listed == [sid]
    tenants = {{e["tenant"] for e in mockserver.find_requests(tenant=twilio_account.sid)}}
    assert tenants == {{twilio_account.sid}}
    name = os.environ.get("PYTEST_XDIST_WORKER", "main") + "-" + twilio_account.sid
    seen = {{"worker": os.environ.get("PYTEST_XDIST_WORKER"), "url": mockserver.url,
            "account": twilio_account.sid, "record": sid}}
    with open(os.path.join({str(out)!r}, name), "w") as handle:
        json.dump(seen, handle)
"""
    )
    pytester.makepyfile(test_first=body, test_second=body)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=8)
    seen = [json.loads(path.read_text()) for path in out.iterdir()]
    assert {entry["worker"] for entry in seen} == {"gw0", "gw1"}
    assert len({entry["account"] for entry in seen}) == 8
    assert len({entry["record"] for entry in seen}) == 8
    servers = {
        worker: {e["url"] for e in seen if e["worker"] == worker} for worker in ("gw0", "gw1")
    }
    assert all(len(urls) == 1 for urls in servers.values())  # one server per worker
    assert servers["gw0"] != servers["gw1"]


def test_twilio_client_is_the_official_client_of_this_tests_account(
    mockserver, twilio_client, twilio_account
):
    assert twilio_client.username == twilio_account.sid
    created = twilio_client.messaging.v1.tollfree_verifications.create(
        **twilio_account.submission()
    )
    assert created.account_sid == twilio_account.sid
    assert mockserver.find_requests(method="POST")[0]["tenant"] == twilio_account.sid


def test_pinnacle_client_reaches_the_sandbox_and_its_key_is_redacted(
    mockserver, pinnacle_client, pinnacle_api_key
):
    assert pinnacle_client._client_wrapper.get_base_url() == mockserver.url
    assert pinnacle_client._client_wrapper.get_headers()["PINNACLE-API-KEY"] == pinnacle_api_key
    with pytest.raises(NotFoundError):
        pinnacle_client.campaigns.toll_free.get(campaign_id="tf_1")
    [entry] = mockserver.requests
    assert (entry["path"], entry["status"]) == ("/campaigns/toll-free/tf_1", 404)
    assert entry["headers"]["Pinnacle-Api-Key"] == "[redacted]"
    assert entry["tenant"] == fingerprint(pinnacle_api_key)  # a key is never shown whole
    assert [e["id"] for e in mockserver.find_requests(tenant=pinnacle_api_key)] == [entry["id"]]
    assert pinnacle_api_key not in json.dumps(entry["headers"])


def test_pinnacle_api_keys_differ_between_tests(pytester):
    pytester.makepyfile(
        """
        import pytest
        KEYS = []

        @pytest.mark.parametrize("n", range(3))
        def test_key(pinnacle_api_key, n):
            assert pinnacle_api_key not in KEYS
            KEYS.append(pinnacle_api_key)
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_webhook_receiver_gets_signed_deliveries_and_can_fail_on_purpose(
    mockserver, twilio_client, twilio_account, webhook_receiver
):
    sink = twilio_client.events.v1.sinks.create(
        description="hooks",
        sink_type="webhook",
        sink_configuration={
            "destination": webhook_receiver.url + "/events",
            "method": "POST",
            "batch_events": False,
        },
    )
    twilio_client.events.v1.subscriptions.create(
        description="hooks", sink_sid=sink.sid, types=[{"type": "com.twilio.eventstreams.x"}]
    )
    webhook_receiver.fail_next(1, status=503)
    twilio_client.events.v1.sinks(sink.sid).sink_test.create()
    mockserver.clock.advance()
    mockserver.clock.advance(seconds=10)
    assert [r["answered"] for r in webhook_receiver.wait_for(2)] == [503, 200]
    assert webhook_receiver.valid_twilio_signatures(twilio_account.auth_token)
    [delivery] = mockserver.webhooks
    assert [a["status"] for a in delivery["attempts"]] == [503, 200]


def test_the_client_fixtures_ignore_a_proxy_from_the_environment(pytester):
    """HTTP_PROXY at a dead port (NO_PROXY unset) must not reach the SDK fixtures."""
    pytester.makepyfile(
        CREATE
        + """
import socket


def test_behind_a_proxy(monkeypatch, twilio_client, twilio_account, pinnacle_client):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, dead)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert create(twilio_client, twilio_account).startswith("HH")
    assert pinnacle_client.campaigns.toll_free.list().data == []
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
