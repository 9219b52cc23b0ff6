"""Helpers for test suites (ours and our users'), usable without pytest.

from mockserver.testing import running_app, twilio_http_client
with running_app() as (app, url):
    client = Client(sid, token, http_client=twilio_http_client(url))
"""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from flask import Flask

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings

__all__ = ["ManualClock", "running_app", "serve_in_thread", "twilio_http_client"]


def twilio_http_client(base_url: str, **kwargs):
    """A ``twilio`` HTTP client that sends every request (any Twilio host) to ``base_url``.

    The rewrite runs after the SDK's edge/region handling, so it also covers paging URLs,
    ``api.twilio.com``, ``messaging.twilio.com`` and ``events.twilio.com``.
    """
    from twilio.http.http_client import TwilioHttpClient

    target = urlsplit(base_url)

    class SandboxHttpClient(TwilioHttpClient):
        def request(self, method, url, *args, **kw):
            parts = urlsplit(url)
            local = urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
            return super().request(method, local, *args, **kw)

    return SandboxHttpClient(**kwargs)


@contextmanager
def running_app(settings: Settings | None = None, **app_kwargs) -> Iterator[tuple[Flask, str]]:
    """Build an in-memory sandbox, serve it on a free port, yield ``(app, base_url)``."""
    app = create_app(settings or Settings(store=":memory:"), **app_kwargs)
    try:
        with serve_in_thread(app) as url:
            yield app, url
    finally:
        app.extensions["mockserver"].close()
