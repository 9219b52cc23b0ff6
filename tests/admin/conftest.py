"""Control API fixtures: records whose ids the control routes take (the token sandbox is
in tests/conftest.py: the dashboard's tests use it too)."""

import pytest

from tests.conftest import CONTROL_TOKEN  # noqa: F401  (the control-token tests import it)
from tests.providers.twilio.conftest import submission


@pytest.fixture
def control_records(client, isv_auth) -> dict[str, str]:
    """A verification, whose id the record routes take."""
    created = client.post("/v1/Tollfree/Verifications", data=submission(), headers=isv_auth)
    return {"verification": created.get_json()["sid"]}
