"""Hostile input on every control route (``/_mock``, any provider's part of it) gets the
control API's own 4xx body, never a 500 or HTML."""

import pytest

from mockserver.admin.http import RENAMED
from mockserver.app import is_control
from mockserver.providers import all_providers
from tests.bad_input import (
    Route,
    hostile_requests,
    http_problems,
    over_http,
    problems,
    routes_of,
    send,
)
from tests.conftest import ISV_SID
from tests.providers.platform.conftest import SETUP

ADVANCE = ("seconds", "minutes", "hours", "days")
ACCOUNT = {"account_sid": ISV_SID}
RECORD = {"record_id": "{verification}"}
DELIVERY = {"delivery_id": "WD" + "0" * 32}

ROUTES = {
    "mock_admin.health": Route(),
    "mock_admin.reset": Route(
        body="json", base={}, strings=("account_sid", "api_key"), numbers=("random_seed",)
    ),
    "mock_admin.clock": Route(),
    "mock_admin.advance": Route(body="json", base={"seconds": 1}, numbers=ADVANCE),
    "mock_admin.record_plan": Route(path=RECORD),
    "mock_admin.transition": Route(
        path=RECORD,
        body="json",
        base={"action": "review"},
        strings=("status", "action"),
        numbers=("codes", "edit_allowed"),
        json_fields=("codes", "action"),
    ),
    "mock_admin.scenarios": Route(),
    "mock_admin.record_kinds": Route(),
    "mock_admin.openapi_document": Route(),
    "mock_admin.bind": Route(
        body="json",
        base={"phone_number": "+18005550100", "scenario": "default"},
        strings=("phone_number", "phone_number_sid", "phone_number_id", "record_id", "scenario"),
        json_fields=("scenario",),
    ),
    "mock_admin.list_requests": Route(
        query=("method", "path_prefix", "provider", "tenant"), numeric_query=("status", "limit")
    ),
    "mock_admin.clear_requests": Route(),
    "mock_admin.list_deliveries": Route(
        query=("provider", "record_id", "state", "account", "event_type", "destination")
    ),
    "mock_admin.fetch_delivery": Route(path=DELIVERY),
    "mock_admin.redeliver": Route(path=DELIVERY),
    "mock_admin.clear_deliveries": Route(),
    "mock_admin.records": Route(
        query=("provider", "kind", "tenant", "status", "q"), numeric_query=("limit",)
    ),
    "mock_admin.stream": Route(
        query=("kind", "tenant"),
        numeric_query=("heartbeat", "timeout", "limit"),
        base_query="timeout=0.1",
    ),
    "twilio_control.create_account": Route(
        body="json", strings=("sid", "auth_token", "parent_sid", "friendly_name")
    ),
    "twilio_control.create_api_key": Route(
        body="json", base=ACCOUNT, strings=("account_sid", "sid", "secret", "friendly_name")
    ),
    "twilio_control.create_phone_number": Route(
        body="json",
        base={**ACCOUNT, "phone_number": "+18335550123"},
        strings=("account_sid", "phone_number", "sid", "friendly_name"),
        numbers=("phone_number",),
    ),
    "twilio_control.list_phone_numbers": Route(query=("account_sid",)),
    "twilio_control.list_messages": Route(
        query=("account_sid", "from", "to", "status", "direction")
    ),
    "twilio_control.receive_inbound_message": Route(
        body="json",
        base={"from": "+14155557777", "to": "+14155550100", "body": "hi"},
        strings=("from", "to", "body", "media_urls"),
        numbers=("from", "to"),
    ),
    "twilio_control.create_customer_profile": Route(
        body="json",
        base=ACCOUNT,
        strings=("account_sid", "status", "profile_type", "sid", "email"),
    ),
    "pinnacle_control.create_api_key": Route(
        body="json", base={"api_key": "k"}, strings=("api_key",), numbers=("api_key",)
    ),
    "pinnacle_control.list_api_keys": Route(),
    "pinnacle_control.give_phone_number": Route(
        body="json",
        base={"api_key": "k", "phone_number": "+18335550124"},
        strings=("api_key", "phone_number"),
    ),
    "pinnacle_control.subscribe": Route(
        body="json",
        base={"url": "https://example.com/hook"},
        strings=("url", "api_key", "secret"),
        json_fields=("url",),
    ),
    "pinnacle_control.subscriptions": Route(),
    "pinnacle_control.unsubscribe": Route(path={"sub_id": "wh_0000000001"}),
    "pinnacle_control.list_messages": Route(query=("api_key", "from", "to", "type")),
    "pinnacle_control.clear_messages": Route(),
    "platform_control.create_setup": Route(
        body="json",
        base={"api_key": "k"},
        strings=("api_key", "id", "webhook_url", "webhook_secret", "name"),
        json_fields=("name",),
    ),
    "platform_control.list_setups": Route(query=("api_key",)),
    "platform_control.fetch_setup": Route(path={"setup_id": SETUP}),
    "platform_control.add_phone_number": Route(
        path={"setup_id": SETUP},
        body="json",
        base={"phone_number": "+18335550125"},
        strings=("phone_number", "id"),
    ),
}
# A deprecated old path takes what its successor takes (docs/control-api.md: Renamed control
# routes); importing every provider registers every alias.
all_providers()
ROUTES.update({alias: ROUTES[successor] for alias, successor in RENAMED.items()})


def is_control_api(path: str) -> bool:
    """A JSON control route (the dashboard under ``/_mock/ui`` and the reference page
    ``/_mock/docs`` answer people in HTML: tests/dashboard, tests/admin/test_openapi.py)."""
    return is_control(path) and not path.startswith("/_mock/ui") and path != "/_mock/docs"


def is_control_error(body: dict) -> bool:
    """The control API's ``{"error", "message", "fields"?}`` body."""
    return (
        isinstance(body.get("error"), str)
        and isinstance(body.get("message"), str)
        and set(body) <= {"error", "message", "fields"}
    )


def test_the_table_covers_every_control_route(app):
    """A new control route fails here until the table says what it takes."""
    assert set(routes_of(app, is_control_api)) == set(ROUTES)


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_hostile_input_on_every_control_route_gets_a_control_4xx(
    app, client, control_records, endpoint
):
    method, _rule = routes_of(app, is_control_api)[endpoint]
    found = []
    for hostile in hostile_requests(app, endpoint, ROUTES[endpoint], control_records):
        found += problems(send(client, method, hostile, {}), hostile, is_control_error)
    assert found == []


def test_oversize_headers_over_real_http_get_control_json(live_url):
    """The server refuses one 100 KB header line (431) in the control API's shape; 300 KB
    in six lines reach the app."""
    found, statuses = [], []
    for hostile, response in over_http(live_url, "GET", "/_mock/clock", {}):
        found += http_problems(hostile, response, is_control_error)
        statuses.append(response.status_code)
    assert found == []
    assert statuses == [431, 200, 431]


def test_a_lone_surrogate_in_any_control_body_is_a_400(client):
    """Text that could not be stored, signed or sent whole is refused where it enters."""
    response = client.post(
        "/_mock/pinnacle/api-keys",
        data=b'{"api_key": "key\\ud800"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == {
        "api_key": "Not valid Unicode text (a lone surrogate such as \\ud800)."
    }
