"""Every core error maps to a wire error in every provider (the httpx meta-test)."""

import pytest

from mockserver import errors as core
from mockserver.providers.twilio.errors import FROM_CORE

CORE_ERRORS = [
    cls
    for cls in vars(core).values()
    if isinstance(cls, type) and issubclass(cls, core.MockError) and cls is not core.MockError
]


@pytest.mark.parametrize("error", CORE_ERRORS, ids=lambda cls: cls.__name__)
def test_twilio_maps_every_core_error(error):
    assert error in FROM_CORE


@pytest.mark.parametrize("error", CORE_ERRORS, ids=lambda cls: cls.__name__)
def test_twilio_renders_every_core_error_as_its_envelope(app, error):
    from mockserver.providers.twilio.errors import render

    with app.test_request_context("/v1/Tollfree/Verifications/HHx"):
        response = render(error("reason"))
    body = response.get_json()
    detail = {"detail"} if response.status_code == 401 else set()  # Twilio's 401s add it
    assert set(body) == {"code", "message", "more_info", "status", *detail}
    assert body["status"] == response.status_code >= 400
