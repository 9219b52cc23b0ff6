"""Runs of a sandbox on one file store, one after the other: what restart tests share."""

import requests
from twilio.rest import Client

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import twilio_http_client
from tests.conftest import ISV_SID, ISV_TOKEN, T0


def run(store: str, work) -> None:
    """Start a runtime on the file store, serve it, call ``work(client, url)``, stop it."""
    app = create_app(Settings(store=store), clock=ManualClock(T0))
    try:
        with serve_in_thread(app) as url:
            work(Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(url)), url)
    finally:
        app.extensions["mockserver"].close()


def advance_on(url: str, **amount) -> dict:
    """``POST /_mock/clock/advance`` on the sandbox at ``url``; its summary."""
    response = requests.post(f"{url}/_mock/clock/advance", json=amount, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()
