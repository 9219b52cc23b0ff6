"""pytest fixtures for testing your own code against the sandbox (entry point ``pytest11``).

Installed with mockserver and inert until a test asks for a fixture: nothing starts, no
option changes behaviour, and importing this module imports neither Flask nor an SDK.

- ``mockserver``: the sandbox, one server per session (per xdist worker) on a free port in
  a background thread, reset before each test; a ``mockserver.testing.Sandbox`` with
  ``url``, ``clock.advance(seconds=…)``/``clock.now()``, ``force``, ``bind``, ``requests``,
  ``webhooks``, ``messages``.
- ``twilio_account`` / ``twilio_client``: a fresh Twilio account per test (approved profiles
  and a toll-free number) and its official client (skipped without the ``twilio`` SDK).
- ``pinnacle_api_key`` / ``pinnacle_client``: a fresh API key per test and the official
  ``rcs`` client (skipped without ``rcs``).
- ``webhook_receiver``: a local endpoint that records deliveries, can fail on purpose and
  checks Twilio signatures.
- ``mockserver_settings``: the session server's ``Settings``; override it in your
  ``conftest.py`` (say for ``scenarios_dir`` or ``random_seed``).

The client fixtures build on ``mockserver``, which resets. To keep state across tests, use
``mockserver_session`` with ``mockserver.testing.new_twilio_account(sandbox)`` or
``pinnacle_client(sandbox.url, key)`` in fixtures of your own, or override ``mockserver`` in
your ``conftest.py`` to return ``mockserver_session``.
"""

import hashlib

import pytest


@pytest.fixture(scope="session")
def mockserver_settings():
    """The settings the session's sandbox starts with: in memory, bundled seed file."""
    from mockserver.settings import Settings

    return Settings(store=":memory:")


@pytest.fixture(scope="session")
def mockserver_session(mockserver_settings):
    """The session's running sandbox, never reset (most tests want ``mockserver``; build on
    this one to keep state across tests)."""
    from mockserver.testing import running_server

    with running_server(mockserver_settings) as sandbox:
        yield sandbox


@pytest.fixture
def mockserver(mockserver_session):
    """The sandbox, wiped and reseeded for this test (the clock keeps moving forward)."""
    mockserver_session.reset()
    return mockserver_session


@pytest.fixture
def twilio_account(mockserver, request):
    """A Twilio account of this test's own, ready to submit a toll-free verification."""
    from mockserver.testing import new_twilio_account

    return new_twilio_account(mockserver, name=request.node.nodeid)


@pytest.fixture
def twilio_client(twilio_account):
    """The official twilio ``Client`` of ``twilio_account``, pointed at the sandbox."""
    pytest.importorskip("twilio")
    return twilio_account.client()


@pytest.fixture
def pinnacle_api_key(request) -> str:
    """An API key no other test uses (each key is a Pinnacle tenant of its own)."""
    return "test_" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:32]


@pytest.fixture
def pinnacle_client(mockserver, pinnacle_api_key):
    """The official ``rcs`` Pinnacle client with ``pinnacle_api_key``, at the sandbox."""
    pytest.importorskip("rcs")
    from mockserver.testing import pinnacle_client

    return pinnacle_client(mockserver.url, pinnacle_api_key)


@pytest.fixture
def webhook_receiver():
    """A local HTTP endpoint recording what it receives (``url``, ``received``, ``events()``,
    ``fail_next(n)``, ``wait_for(n)``, ``valid_twilio_signatures(token)``)."""
    from mockserver.testing import WebhookReceiver

    with WebhookReceiver() as receiver:
        yield receiver
