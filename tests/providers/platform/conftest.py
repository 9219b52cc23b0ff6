"""Platform fixtures: the seed setup, valid submissions, an HTTP client over a live server."""

import base64
import copy
import hashlib
import hmac

import pytest
import requests

from mockserver.providers.platform.schemas import SUBMISSION_EXAMPLE
from mockserver.testing import WebhookReceiver

API_KEY = "sandbox_platform_api_key"
SETUP = "00000000-0000-4000-8000-000000000001"
TOLL_FREE = "00000000-0000-4000-8000-000000000101"
TOLL_FREE_2 = "00000000-0000-4000-8000-000000000102"
LOCAL = "00000000-0000-4000-8000-000000000103"
UNKNOWN = "11111111-1111-4111-8111-111111111111"


def submission(**overrides) -> dict:
    """A valid submit body (every required field); None drops a key."""
    body = copy.deepcopy(SUBMISSION_EXAMPLE)
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def verification_url(base: str, setup: str = SETUP, number: str = TOLL_FREE) -> str:
    """The verification sub-resource of a number."""
    return f"{base}/v1/setups/{setup}/phone-numbers/{number}/tollfree-verification"


def number_url(base: str, setup: str = SETUP, number: str = TOLL_FREE) -> str:
    """A phone number of a setup."""
    return f"{base}/v1/setups/{setup}/phone-numbers/{number}"


def bearer(key: str = API_KEY) -> dict[str, str]:
    """An ``Authorization: Bearer`` header."""
    return {"Authorization": f"Bearer {key}"}


def signature_is_valid(request: dict, secret: str) -> bool:
    """Standard Webhooks verification, written from the spec (not the sandbox's code)."""
    headers = {name.lower(): value for name, value in request["headers"].items()}
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{request['body']}"
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(hmac.new(key, signed.encode(), hashlib.sha256).digest()).decode()
    offered = [part.split(",", 1) for part in headers["webhook-signature"].split()]
    return any(
        version == "v1" and hmac.compare_digest(value, expected) for version, value in offered
    )


class PlatformClient:
    """The platform API and the control API of a live sandbox, over real HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    def submit(self, setup=SETUP, number=TOLL_FREE, key=API_KEY, **overrides):
        """POST a submission; return the response."""
        return self.http.post(
            verification_url(self.base, setup, number),
            json=submission(**overrides),
            headers=bearer(key),
            timeout=30,
        )

    def fetch(self, setup=SETUP, number=TOLL_FREE, key=API_KEY):
        """GET the number's verification; return the response."""
        return self.http.get(
            verification_url(self.base, setup, number), headers=bearer(key), timeout=30
        )

    def delete(self, setup=SETUP, number=TOLL_FREE, key=API_KEY):
        """DELETE the number; return the response."""
        return self.http.delete(
            number_url(self.base, setup, number), headers=bearer(key), timeout=30
        )

    def status(self, number=TOLL_FREE, setup=SETUP, key=API_KEY) -> str:
        """The number's verification status."""
        response = self.fetch(setup, number, key)
        assert response.status_code == 200, response.text
        return response.json()["status"]

    def control(self, method: str, path: str, **kwargs):
        """Call the control API; return the response."""
        return self.http.request(method, f"{self.base}/_mock{path}", timeout=30, **kwargs)

    def advance(self, **amount) -> dict:
        """Move the virtual clock; return the summary once everything due happened."""
        response = self.control("POST", "/clock/advance", json=amount)
        assert response.status_code == 200, response.text
        return response.json()

    def force(self, sid: str, **body) -> dict:
        """Force a transition through the control API; return its summary."""
        response = self.control("POST", f"/records/{sid}/transition", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    def new_setup(self, api_key: str = API_KEY, **body) -> dict:
        """Create a setup through the control API."""
        response = self.control("POST", "/setups", json={"api_key": api_key, **body})
        assert response.status_code == 201, response.text
        return response.json()

    def new_number(self, setup_id: str, phone_number: str) -> dict:
        """Add a number to a setup through the control API."""
        response = self.control(
            "POST", f"/setups/{setup_id}/phone-numbers", json={"phone_number": phone_number}
        )
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def api(live_url):
    """A client of the live sandbox."""
    client = PlatformClient(live_url)
    yield client
    client.http.close()


@pytest.fixture
def submitted(api):
    """Submit the seed's first toll-free number (optionally with overrides); return the JSON."""

    def _submitted(**overrides) -> dict:
        response = api.submit(**overrides)
        assert response.status_code == 201, response.text
        return response.json()

    return _submitted


@pytest.fixture
def receiver():
    """A real local webhook endpoint."""
    with WebhookReceiver() as hooks:
        yield hooks
