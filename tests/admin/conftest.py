"""Control API fixtures: records whose ids the control routes take, and a sandbox whose
control API needs a token."""

import pytest

from mockserver.runtime import Runtime
from mockserver.settings import Settings
from tests.providers.twilio.conftest import submission

CONTROL_TOKEN = "ctl_s3cret-Token"


@pytest.fixture
def control_records(client, isv_auth) -> dict[str, str]:
    """A verification, whose id the record routes take."""
    created = client.post("/v1/Tollfree/Verifications", data=submission(), headers=isv_auth)
    return {"verification": created.get_json()["sid"]}


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
