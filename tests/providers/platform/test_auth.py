"""Bearer keys own setups: 401 without a valid key, 404 for another key's setup, and
FastAPI-shaped answers for unknown routes and methods under /v1/setups."""

import pytest

from .conftest import SETUP, TOLL_FREE, bearer, submission, verification_url


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "Not authenticated"),
        ({"Authorization": ""}, "Not authenticated"),
        ({"Authorization": "Bearer"}, "Not authenticated"),
        ({"Authorization": "Bearer   "}, "Not authenticated"),
        ({"Authorization": "Basic c2FuZGJveDp4"}, "Not authenticated"),
        ({"Authorization": "Token sandbox_platform_api_key"}, "Not authenticated"),
        ({"Authorization": "Bearer wrong-key"}, "Invalid API key"),
        ({"Authorization": "Bearer sandbox_platform_api_key_"}, "Invalid API key"),
        ({"Authorization": "Bearer  sandbox_platform_api_key"}, "Invalid API key"),
        ({"Authorization": "Bearer\tsandbox_platform_api_key"}, "Not authenticated"),
        ({"Authorization": "Bearer k\u00e9y".encode("latin-1")}, "Invalid API key"),
    ],
    ids=[
        "none",
        "empty",
        "no token",
        "blank token",
        "basic",
        "other scheme",
        "unknown",
        "prefix",
        "two spaces",
        "tab",
        "latin-1",
    ],
)
@pytest.mark.parametrize("method", ["post", "get"])
def test_missing_or_invalid_credentials_are_401(api, headers, detail, method):
    response = getattr(api.http, method)(
        verification_url(api.base), json=submission(), headers=headers, timeout=30
    )
    assert response.status_code == 401
    assert response.json() == {"detail": detail}
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert api.fetch().status_code == 404  # nothing was stored


def test_credentials_are_split_at_the_first_space_and_never_stripped(api):
    """FastAPI's HTTPBearer: ``Bearer  key`` presents " key", which no setup owns."""
    headers = {"Authorization": "Bearer  sandbox_platform_api_key"}
    response = api.http.get(verification_url(api.base), headers=headers, timeout=30)
    assert (response.status_code, response.json()) == (401, {"detail": "Invalid API key"})


def test_the_scheme_is_case_insensitive(api):
    headers = {"Authorization": "bearer sandbox_platform_api_key"}
    response = api.http.post(verification_url(api.base), json=submission(), headers=headers)
    assert response.status_code == 201


def test_delete_needs_credentials_too(api):
    response = api.http.delete(f"{api.base}/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}")
    assert response.status_code == 401
    assert api.control("GET", f"/setups/{SETUP}").json()["phone_numbers"][0]["id"] == TOLL_FREE


def test_another_keys_setup_is_404_for_every_operation(api, submitted):
    submitted()
    api.new_setup(api_key="someone-else")
    for response in (
        api.fetch(key="someone-else"),
        api.submit(key="someone-else"),
        api.delete(key="someone-else"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Setup or phone number not found"}
    assert api.status() == "pending-review"


def test_one_key_can_own_several_setups(api):
    setup = api.new_setup()
    number = api.new_number(setup["id"], "+18774440100")
    assert api.submit(setup=setup["id"], number=number["id"]).status_code == 201
    assert api.submit().status_code == 201


@pytest.mark.parametrize(
    "path",
    [
        "/v1/setups",
        "/v1/setups/",
        f"/v1/setups/{SETUP}",
        f"/v1/setups/{SETUP}/phone-numbers",
        f"/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}/toll-free-verification",
    ],
)
def test_unknown_routes_under_setups_are_fastapi_404s(api, path):
    response = api.http.get(api.base + path, headers=bearer(), timeout=30)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/tollfree-verification", "GET, POST"),
        ("DELETE", "/tollfree-verification", "GET, POST"),
        ("OPTIONS", "/tollfree-verification", "GET, POST"),
        ("PATCH", "", "DELETE"),
        ("POST", "", "DELETE"),
        ("GET", "", "DELETE"),
        ("OPTIONS", "", "DELETE"),
    ],
)
def test_wrong_methods_are_fastapi_405s_naming_only_the_declared_methods(api, method, path, allow):
    """FastAPI serves no automatic OPTIONS; Allow lists the path's own methods only."""
    url = f"{api.base}/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}{path}"
    response = api.http.request(method, url, headers=bearer(), timeout=30)
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
    assert response.headers["Allow"] == allow


@pytest.mark.parametrize("with_key", [True, False], ids=["with key", "without key"])
def test_head_is_405_even_on_a_get_route(api, submitted, with_key):
    """FastAPI's GET routes do not answer HEAD (werkzeug's would, with a 200)."""
    submitted()
    headers = bearer() if with_key else {}
    response = api.http.head(verification_url(api.base), headers=headers, timeout=30)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"
    assert response.headers["Content-Type"] == "application/json"


def test_twilio_keeps_its_own_paths_and_error_shape(api):
    response = api.http.get(f"{api.base}/v1/Tollfree/Verifications/HHx", timeout=30)
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "more_info", "status", "detail"}


def test_a_trailing_slash_is_the_same_route(api, submitted):
    submitted()
    response = api.http.get(verification_url(api.base) + "/", headers=bearer(), timeout=30)
    assert response.status_code == 200
