"""Hostile input on every platform route gets the platform's FastAPI-style 4xx, never a 500."""

import pytest

from tests.bad_input import (
    Route,
    hostile_requests,
    http_problems,
    over_http,
    problems,
    provider_routes,
    send,
)

from .conftest import API_KEY, SETUP, TOLL_FREE, bearer, submission

NUMBER = {"setup_id": SETUP, "phone_number_id": TOLL_FREE}
SUBMISSION = submission()

ROUTES = {
    "platform.submit_verification": Route(
        path=NUMBER,
        body="json",
        base=SUBMISSION,
        strings=tuple(SUBMISSION),
        numbers=("business_name", "message_volume", "use_case_categories", "opt_in_type"),
        json_fields=("use_case_categories", "opt_in_image_urls", "business_name"),
    ),
    "platform.fetch_verification": Route(path=NUMBER),
    "platform.delete_phone_number": Route(path=NUMBER),
}


def is_platform_error(body: dict) -> bool:
    """FastAPI's ``{"detail": …}`` body: a message, or a list of pydantic errors."""
    return set(body) == {"detail"} and isinstance(body["detail"], str | list)


def test_the_table_covers_every_platform_route(app, runtime):
    """A new route fails here until the table says what it takes."""
    assert set(provider_routes(app, runtime, "platform")) == set(ROUTES)


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_hostile_input_on_every_platform_route_gets_a_platform_4xx(app, client, runtime, endpoint):
    method, _rule = provider_routes(app, runtime, "platform")[endpoint]
    found = []
    for hostile in hostile_requests(app, endpoint, ROUTES[endpoint], {}):
        response = send(client, method, hostile, bearer(API_KEY))
        found += problems(response, hostile, is_platform_error)
    assert found == []


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1e309"])
def test_a_number_past_a_floats_range_is_400_like_nan(client, number):
    """Echoed back in a 422 it would be ``Infinity``, which is not JSON."""
    response = client.post(
        f"/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}/tollfree-verification",
        data=f'{{"business_name": {number}}}',
        headers={**bearer(API_KEY), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.get_json() == {"detail": "There was an error parsing the body"}


def test_oversize_headers_over_real_http_get_platform_json(live_url):
    """The server refuses one 100 KB header line (431) in FastAPI's shape; 300 KB in six
    lines reach the app."""
    found, statuses = [], []
    path = f"/v1/setups/{SETUP}/phone-numbers/{TOLL_FREE}/tollfree-verification"
    for hostile, response in over_http(live_url, "GET", path, bearer(API_KEY)):
        found += http_problems(hostile, response, is_platform_error)
        statuses.append(response.status_code)
    assert found == []
    assert statuses == [431, 404, 431]
