"""``--control-token``: the control API answers only a Bearer token; provider routes and the
health check stay as they are."""

import pytest

from mockserver.control_client import ControlError, Sandbox
from mockserver.settings import Settings
from mockserver.testing import running_server
from tests.providers.twilio.conftest import PATH

from .conftest import CONTROL_TOKEN as TOKEN


def bearer(token: str = TOKEN) -> dict[str, str]:
    """An ``Authorization: Bearer`` header."""
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/_mock/clock"),
        ("POST", "/_mock/clock/advance"),
        ("POST", "/_mock/reset"),
        ("GET", "/_mock/requests"),
        ("GET", "/_mock/webhooks"),
        ("GET", "/_mock/platform/setups"),
        ("POST", "/_mock/pinnacle/webhooks"),
        ("POST", "/_mock/twilio/accounts"),
        ("POST", "/_mock/accounts"),  # a deprecated alias
        ("GET", "/_mock/setups/x"),  # a deprecated alias
        ("GET", "/_mock/pinnacle/messages"),
        ("DELETE", "/_mock/messages"),  # a deprecated alias
        ("GET", "/_mock/no-such-route"),
        ("POST", "/_mock/health"),
    ],
)
@pytest.mark.parametrize("credentials", [{}, bearer("wrong"), {"Authorization": TOKEN}])
def test_every_control_route_refuses_a_missing_or_wrong_token(
    token_client, method, path, credentials
):
    """401 in the control API's JSON error shape, with a Bearer challenge."""
    response = token_client.open(path, method=method, json={}, headers=credentials)
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"
    assert "Bearer" in response.get_json()["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_right_token_opens_the_control_api(token_client):
    """The same routes work with the token, under any spelling of the scheme."""
    assert token_client.get("/_mock/clock", headers=bearer()).status_code == 200
    lowercase = {"Authorization": f"bearer {TOKEN}"}
    assert (
        token_client.post(
            "/_mock/clock/advance", json={"seconds": 1}, headers=lowercase
        ).status_code
        == 200
    )


def test_the_health_check_needs_no_token(token_client):
    """Load balancers and Docker's HEALTHCHECK probe it without credentials."""
    assert token_client.get("/_mock/health").status_code == 200


def test_provider_routes_ignore_the_control_token(token_client, isv_auth):
    """Twilio's own Basic auth decides, as without a token."""
    assert token_client.get(PATH, headers=isv_auth).status_code == 200
    assert token_client.get(PATH).status_code == 401


def test_without_a_token_the_control_api_is_open(_flask_app):
    """The default: no token configured, no credentials asked for."""
    from mockserver.runtime import Runtime

    runtime = Runtime(Settings(store=":memory:"))
    try:
        assert runtime.settings.control_token is None
        _flask_app.extensions["mockserver"] = runtime
        assert _flask_app.test_client().get("/_mock/clock").status_code == 200
    finally:
        runtime.close()


def test_the_testing_kit_sends_the_token_of_the_server_it_started(token_settings):
    """``running_server`` hands its ``Sandbox`` the token; a client without it is refused."""
    with running_server(token_settings) as sandbox:
        assert sandbox.clock.advance(seconds=1)["advanced_seconds"] == 1
        stranger = Sandbox(sandbox.url)
        with pytest.raises(ControlError) as refused:
            stranger.clock.now()
        stranger.close()
    assert refused.value.status == 401


@pytest.mark.parametrize("token", ["has space", "tökén", "line\nbreak"])
def test_a_token_that_cannot_travel_in_a_header_is_a_configuration_error(token):
    """Refused at start with the variable named, instead of locking everyone out."""
    with pytest.raises(ValueError, match="MOCKSERVER_CONTROL_TOKEN"):
        Settings(control_token=token)


def test_an_empty_host_is_a_configuration_error():
    """``MOCKSERVER_HOST=`` used to bind every interface and print ``http://:PORT``."""
    with pytest.raises(ValueError, match="MOCKSERVER_HOST"):
        Settings.from_env({"MOCKSERVER_HOST": ""})
