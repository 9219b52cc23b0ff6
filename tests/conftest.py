"""Fixtures shared by every test: settings, a frozen clock, the app and its clients, a
webhook receiver, and a file store's path."""

import base64

import pytest

import mockserver.storage as storage_module
from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.control_client import Sandbox
from mockserver.lifecycle import message_flow
from mockserver.runtime import Runtime
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

pytest_plugins = ["pytester"]  # tests/test_pytest_plugin.py runs small suites of its own

T0 = "2025-01-01T00:00:00Z"
ISV_SID = "AC00000000000000000000000000000001"
ISV_TOKEN = "sandbox_auth_token"
SUB_SID = "AC00000000000000000000000000000002"
SUB_TOKEN = "sandbox_subaccount_token"
# The message flow with twilio-oai's status names (what the engine and lifecycle tests drive).
MESSAGE_FLOW = message_flow(
    accepted="accepted",
    scheduled="scheduled",
    queued="queued",
    sending="sending",
    sent="sent",
    delivered="delivered",
    undelivered="undelivered",
    failed="failed",
    canceled="canceled",
)


def basic(username: str, password: str) -> dict[str, str]:
    """An HTTP Basic ``Authorization`` header."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def settings() -> Settings:
    """In-memory store, the bundled seed file, deterministic ids."""
    return Settings(store=":memory:", random_seed=7)


@pytest.fixture
def clock() -> ManualClock:
    """A clock frozen at 2025-01-01T00:00:00Z."""
    return ManualClock(T0)


@pytest.fixture(scope="session")
def _flask_app():
    """One Flask app for the session: building its URL map costs ~20 ms a time."""
    application = create_app(Settings(store=":memory:"))
    application.extensions["mockserver"].close()
    return application


@pytest.fixture
def runtime(settings, clock):
    """A fresh sandbox runtime (store, clock, engine, backends) for each test."""
    fresh = Runtime(settings, clock=clock)
    yield fresh
    fresh.close()


@pytest.fixture
def app(_flask_app, runtime):
    """The sandbox app, serving this test's runtime."""
    _flask_app.extensions["mockserver"] = runtime
    return _flask_app


@pytest.fixture
def client(app):
    """Flask's test client."""
    return app.test_client()


@pytest.fixture
def document(client) -> dict:
    """The sandbox's OpenAPI document, as ``GET /_mock/openapi.json`` serves it."""
    answer = client.get("/_mock/openapi.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    return answer.get_json()


@pytest.fixture
def isv_auth() -> dict[str, str]:
    """Credentials of the seed file's main account."""
    return basic(ISV_SID, ISV_TOKEN)


@pytest.fixture
def live_url(app):
    """The app served over real HTTP on a free port."""
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture
def sandbox(live_url):
    """The control client of the live test server."""
    client = Sandbox(live_url)
    yield client
    client.close()


@pytest.fixture
def receiver():
    """A webhook endpoint that records what it gets."""
    with WebhookReceiver() as hooks:
        yield hooks


@pytest.fixture
def path(tmp_path):
    """Where a file store under test lives."""
    return tmp_path / "s.json"


@pytest.fixture
def datasyncs(monkeypatch):
    """The file descriptors the journal fsyncs, in order (and the real fsync still runs)."""
    calls = []
    real = storage_module._datasync

    def counted(fd):
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(storage_module, "_datasync", counted)
    return calls


@pytest.fixture
def answering_endpoint():
    """Start local endpoints: ``start(on_post)`` serves one that calls ``on_post(body)`` for
    each POST (it may block or call the sandbox back), then answers 200; returns its URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    servers = []

    def start(on_post) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                on_post(self.rfile.read(int(self.headers["Content-Length"])))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                """Quiet."""

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/h"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


CONTROL_TOKEN = "ctl_s3cret-Token"


@pytest.fixture
def token_settings() -> Settings:
    """The default test settings with a control token."""
    return Settings(store=":memory:", random_seed=7, control_token=CONTROL_TOKEN)


@pytest.fixture
def token_client(_flask_app, token_settings, clock):
    """Flask's test client of a sandbox whose control API needs ``CONTROL_TOKEN``."""
    runtime = Runtime(token_settings, clock=clock)
    _flask_app.extensions["mockserver"] = runtime
    yield _flask_app.test_client()
    runtime.close()
