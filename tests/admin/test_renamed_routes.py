"""Provider control routes moved under ``/_mock/<provider>/``; their old paths answer for one
more release as deprecated aliases (docs/control-api.md: Renamed control routes)."""

import pytest

from mockserver.admin.http import RENAMED
from tests.conftest import ISV_SID
from tests.providers.platform.conftest import API_KEY, SETUP

# (method, old path, new path, JSON body); the old paths are the ones README.md documented.
MOVED = [
    ("POST", "/_mock/accounts", "/_mock/twilio/accounts", {"friendly_name": "Acme"}),
    ("POST", "/_mock/api-keys", "/_mock/twilio/api-keys", {"account_sid": ISV_SID}),
    (
        "POST",
        "/_mock/phone-numbers",
        "/_mock/twilio/phone-numbers",
        {"account_sid": ISV_SID, "phone_number": "+18885550150"},
    ),
    (
        "GET",
        f"/_mock/phone-numbers?account_sid={ISV_SID}",
        f"/_mock/twilio/phone-numbers?account_sid={ISV_SID}",
        None,
    ),
    (
        "POST",
        "/_mock/customer-profiles",
        "/_mock/twilio/customer-profiles",
        {"account_sid": ISV_SID},
    ),
    ("POST", "/_mock/setups", "/_mock/platform/setups", {"api_key": API_KEY}),
    ("GET", "/_mock/setups", "/_mock/platform/setups", None),
    ("GET", f"/_mock/setups/{SETUP}", f"/_mock/platform/setups/{SETUP}", None),
    (
        "POST",
        f"/_mock/setups/{SETUP}/phone-numbers",
        f"/_mock/platform/setups/{SETUP}/phone-numbers",
        {"phone_number": "+18885550151"},
    ),
    ("GET", "/_mock/messages?type=SMS", "/_mock/pinnacle/messages?type=SMS", None),
    ("DELETE", "/_mock/messages", "/_mock/pinnacle/messages", None),
]


def test_every_alias_is_tested(app):
    aliases = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint in RENAMED
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    tested = {(m, old.partition("?")[0].replace(SETUP, "<setup_id>")) for m, old, _, _ in MOVED}
    assert aliases == tested


@pytest.mark.parametrize(("method", "old", "new", "body"), MOVED, ids=[m[1] for m in MOVED])
def test_an_old_path_runs_the_same_view_and_says_it_is_deprecated(client, method, old, new, body):
    fresh = client.open(new, method=method, json=body)
    assert "Deprecation" not in fresh.headers
    assert "Link" not in fresh.headers
    if method == "POST":  # the same body again would conflict: compare the status only
        client.post("/_mock/reset")
    aliased = client.open(old, method=method, json=body)
    assert aliased.status_code == fresh.status_code < 300
    if method == "GET":
        assert aliased.get_json() == fresh.get_json()
    assert aliased.headers["Deprecation"] == "true"
    successor = new.partition("?")[0]
    assert aliased.headers["Link"] == f'<{successor}>; rel="successor-version"'


def test_an_error_on_an_old_path_carries_the_headers_too(client):
    response = client.get("/_mock/setups/11111111-1111-4111-8111-111111111111")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    assert response.headers["Deprecation"] == "true"
    assert response.headers["Link"] == (
        '</_mock/platform/setups/11111111-1111-4111-8111-111111111111>; rel="successor-version"'
    )
    refused = client.post("/_mock/accounts", json={"sid": "AC1"})
    assert refused.status_code == 400
    assert refused.headers["Link"] == '</_mock/twilio/accounts>; rel="successor-version"'


def test_the_successor_link_quotes_the_path(client):
    response = client.get("/_mock/setups/a%20b")
    assert response.headers["Link"] == '</_mock/platform/setups/a%20b>; rel="successor-version"'


def test_no_core_or_new_route_is_marked_deprecated(client):
    for path in ("/_mock/health", "/_mock/clock", "/_mock/webhooks", "/_mock/pinnacle/api-keys"):
        assert "Deprecation" not in client.get(path).headers
