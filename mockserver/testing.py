"""Helpers for test suites (ours and our users'), usable without pytest.

    from mockserver.testing import new_twilio_account, running_server

    with running_server() as sandbox:                  # in-memory server on a free port
        account = new_twilio_account(sandbox)          # an account of its own, ready for TFV
        client = account.client()                      # the official twilio Client
        ...
        sandbox.clock.advance(minutes=16)
        assert sandbox.find_requests(method="POST", tenant=account.sid)

The pytest plugin (``mockserver.pytest_plugin``) wraps these as fixtures.
"""

import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, urlsplit, urlunsplit

import requests
from flask import Flask
from werkzeug.datastructures import MultiDict

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.control_client import ControlError, Sandbox
from mockserver.server import serve_in_thread
from mockserver.settings import Settings

__all__ = [
    "ControlError",
    "ManualClock",
    "Sandbox",
    "TwilioAccount",
    "WebhookReceiver",
    "new_twilio_account",
    "pinnacle_client",
    "running_app",
    "running_server",
    "serve_in_thread",
    "twilio_http_client",
]


def twilio_http_client(base_url: str, **kwargs):
    """A ``twilio`` HTTP client that sends every request (any Twilio host) to ``base_url``.

    The rewrite runs after the SDK's edge/region handling, so it also covers paging URLs,
    ``api.twilio.com``, ``messaging.twilio.com`` and ``events.twilio.com``. It ignores
    ``HTTP_PROXY``/``HTTPS_PROXY``: the sandbox is local, a proxy could not reach it.
    """
    from twilio.http.http_client import TwilioHttpClient

    target = urlsplit(base_url)

    class SandboxHttpClient(TwilioHttpClient):
        def request(self, method, url, *args, **kw):
            parts = urlsplit(url)
            local = urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
            return super().request(method, local, *args, **kw)

    client = SandboxHttpClient(**kwargs)
    if client.session is None:  # pool_connections=False: a session per request would trust env
        client.session = requests.Session()
    client.session.trust_env = False
    return client


@contextmanager
def running_app(settings: Settings | None = None, **app_kwargs) -> Iterator[tuple[Flask, str]]:
    """Build an in-memory sandbox, serve it on a free port, yield ``(app, base_url)``."""
    app = create_app(settings or Settings(store=":memory:"), **app_kwargs)
    try:
        with serve_in_thread(app) as url:
            yield app, url
    finally:
        app.extensions["mockserver"].close()


@contextmanager
def running_server(settings: Settings | None = None, **app_kwargs) -> Iterator[Sandbox]:
    """Serve an in-memory sandbox on a free port in a thread; yield its control client."""
    with running_app(settings, **app_kwargs) as (app, url):
        sandbox = Sandbox(url, token=app.extensions["mockserver"].settings.control_token)
        try:
            yield sandbox
        finally:
            sandbox.close()


@dataclass(frozen=True)
class TwilioAccount:
    """A sandbox account of its own, with what a toll-free verification needs."""

    sandbox_url: str
    sid: str
    auth_token: str
    phone_number: str  # a toll-free number the account owns (E.164)
    phone_number_sid: str
    customer_profile_sid: str  # approved secondary profile: valid as CustomerProfileSid
    primary_profile_sid: str  # approved primary profile (Twilio requires one per account)

    def submission(self, **overrides) -> dict:
        """Valid keyword arguments for the SDK's ``tollfree_verifications.create`` with this
        account's number and profile; ``overrides`` replace or add fields."""
        values = {
            "business_name": "Owl, Inc.",
            "business_website": "https://www.owl.example",
            "notification_email": "support@owl.example",
            "use_case_categories": ["TWO_FACTOR_AUTHENTICATION"],
            "use_case_summary": "One-time passcodes for Owl customers",
            "production_message_sample": "Your Owl code is 123456",
            "opt_in_image_urls": ["https://www.owl.example/opt-in.png"],
            "opt_in_type": "WEB_FORM",
            "message_volume": "1,000",
            "tollfree_phone_number_sid": self.phone_number_sid,
            "customer_profile_sid": self.customer_profile_sid,
        }
        values.update(overrides)
        return values

    def client(self, **kwargs):
        """The official ``twilio`` Client of this account, pointed at the sandbox."""
        from twilio.rest import Client

        return Client(
            self.sid, self.auth_token, http_client=twilio_http_client(self.sandbox_url), **kwargs
        )


def new_twilio_account(sandbox: Sandbox, name: str | None = None) -> TwilioAccount:
    """Declare a fresh account with approved primary and secondary profiles and a toll-free
    number, through the control API (so it works with ``--strict-auth`` too).

    The same ``name`` gives the same SIDs, token and number (the pytest fixture passes the
    test's id); without one they are random.
    """
    digest = hashlib.sha256((name or secrets.token_hex(16)).encode()).hexdigest()
    sid, token = "AC" + digest[:32], digest[32:]
    sandbox.call(
        "POST",
        "/_mock/twilio/accounts",
        json={"sid": sid, "auth_token": token, "friendly_name": (name or sid)[:255]},
    )
    profiles = {
        kind: sandbox.call(
            "POST",
            "/_mock/twilio/customer-profiles",
            json={"account_sid": sid, "profile_type": kind},
        )["sid"]
        for kind in ("primary", "secondary")
    }
    number = _claim_toll_free_number(sandbox, sid, int(digest[:16], 16))
    return TwilioAccount(
        sandbox_url=sandbox.url,
        sid=sid,
        auth_token=token,
        phone_number=number["phone_number"],
        phone_number_sid=number["sid"],
        customer_profile_sid=profiles["secondary"],
        primary_profile_sid=profiles["primary"],
    )


def _claim_toll_free_number(sandbox: Sandbox, account_sid: str, start: int) -> dict:
    """A +1 833 number outside the sandbox's purchasable inventory, skipping owned ones."""
    for offset in range(100):
        candidate = f"+1833{(start + offset) % 10_000_000:07d}"
        try:
            return sandbox.call(
                "POST",
                "/_mock/twilio/phone-numbers",
                json={"account_sid": account_sid, "phone_number": candidate},
            )
        except ControlError as exc:
            if exc.status != 409:
                raise
    raise RuntimeError("no free toll-free number found after 100 tries")


def pinnacle_client(base_url: str, api_key: str | None = None):
    """The official ``rcs`` Pinnacle client, pointed at the sandbox (a random key if None).

    Any non-empty key is a Pinnacle tenant of its own, created on first use. Like the SDK's
    default client (60 s timeout, redirects followed), except that it ignores ``HTTP_PROXY``/
    ``HTTPS_PROXY``: the sandbox is local, a proxy could not reach it.
    """
    import httpx
    from rcs import Pinnacle

    return Pinnacle(
        api_key=api_key or f"test_{secrets.token_hex(16)}",
        base_url=base_url,
        httpx_client=httpx.Client(trust_env=False, timeout=60, follow_redirects=True),
    )


class WebhookReceiver:
    """A local HTTP endpoint that records what it receives and can be told to fail.

    with WebhookReceiver() as hooks:
        hooks.fail_next(2, status=503)          # then answer 200 again
        ...
        hooks.wait_for(3)                       # block until 3 requests arrived
        assert hooks.valid_twilio_signatures("auth_token")

    Every method is recorded (GET, POST, PUT, PATCH, DELETE) and answered 200 unless told
    to fail.
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.received: list[dict] = []
        self._lock = threading.Condition()
        self._failures: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                status = receiver._record(self, body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_PUT = do_PATCH = do_DELETE = do_POST

            def log_message(self, *args):
                """Quiet."""

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> "WebhookReceiver":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, times: int, status: int = 500) -> None:
        """Answer the next ``times`` requests with ``status``."""
        with self._lock:
            self._failures.extend([status] * times)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[dict]:
        """Block until ``count`` requests have arrived (AssertionError on timeout)."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} webhooks arrived")
            return list(self.received)

    def events(self) -> list[dict]:
        """Every JSON payload received (arrays flattened), in arrival order, 2xx answers only;
        requests whose body is not JSON (form posts, GETs) are left out."""
        found = []
        for request in self.received:
            if request["answered"] >= 300:
                continue
            try:
                payload = json.loads(request["body"])
            except ValueError:
                continue
            found.extend(payload if isinstance(payload, list) else [payload])
        return found

    def valid_twilio_signatures(self, auth_token: str) -> bool:
        """Whether Twilio's own ``RequestValidator`` accepts every request received (False
        when none arrived, or one is unsigned or cannot be verified)."""
        from twilio.request_validator import RequestValidator

        validator = RequestValidator(auth_token)
        return bool(self.received) and all(
            _twilio_signed(validator, request) for request in self.received
        )

    def _record(self, handler: BaseHTTPRequestHandler, body: str) -> int:
        with self._lock:
            status = self._failures.pop(0) if self._failures else 200
            self.received.append(
                {
                    "method": handler.command,
                    "path": handler.path,
                    "url": f"http://{handler.headers.get('Host')}{handler.path}",
                    "headers": dict(handler.headers.items()),
                    "body": body,
                    "answered": status,
                    "received_at": time.time(),
                }
            )
            self._lock.notify_all()
            return status


def _twilio_signed(validator, request: dict) -> bool:
    """Whether one recorded request carries a valid ``X-Twilio-Signature``.

    A JSON delivery is signed over its URL, whose ``bodySHA256`` covers the body; any other
    request over its URL and its form parameters, as Twilio signs form webhooks.
    """
    headers = {name.lower(): value for name, value in request["headers"].items()}
    signature = headers.get("x-twilio-signature")
    if not signature:
        return False
    if "bodySHA256" in parse_qs(urlsplit(request["url"]).query):
        params = request["body"]
    else:
        params = MultiDict(parse_qsl(request["body"], keep_blank_values=True))
    try:
        return bool(validator.validate(request["url"], params, signature))
    except (TypeError, ValueError):
        return False
