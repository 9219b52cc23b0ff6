"""Control API fixtures: records whose ids the control routes take."""

import pytest

from tests.providers.twilio.conftest import submission


@pytest.fixture
def control_records(client, isv_auth) -> dict[str, str]:
    """A verification, whose id the record routes take."""
    created = client.post("/v1/Tollfree/Verifications", data=submission(), headers=isv_auth)
    return {"verification": created.get_json()["sid"]}
