"""/_mock/health and /_mock/reset."""

from tests.conftest import ISV_SID

PATH = "/v1/Tollfree/Verifications"


def test_health_is_200_ok(client):
    body = client.get("/_mock/health").get_json()
    assert body["status"] == "ok"
    assert body["now"] == "2025-01-01T00:00:00Z"
    assert body["providers"] == ["twilio", "pinnacle", "platform"]


def test_reset_wipes_records_and_reloads_the_seed(client, isv_auth, runtime):
    from tests.providers.twilio.conftest import submission

    assert client.post(PATH, data=submission(), headers=isv_auth).status_code == 201
    client.post("/_mock/twilio/accounts", json={})
    response = client.post("/_mock/reset")
    assert response.status_code == 200
    assert response.get_json() == {"status": "reset"}
    assert client.get(PATH, headers=isv_auth).get_json()["verifications"] == []
    assert runtime.store.count("twilio_accounts") == 2
    assert (
        runtime.backend("twilio").accounts.phone_number("PN00000000000000000000000000000001")[
            "account_sid"
        ]
        == ISV_SID
    )


def test_reset_with_a_random_seed_replays_the_same_ids(client, isv_auth):
    from tests.providers.twilio.conftest import submission

    sids = []
    for _ in range(2):
        client.post("/_mock/reset", json={"random_seed": 99})
        sids.append(client.post(PATH, data=submission(), headers=isv_auth).get_json()["sid"])
    assert sids[0] == sids[1]


def test_control_errors_are_json(client):
    response = client.post("/_mock/reset", data="not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"
    assert client.get("/_mock/nothing").get_json()["error"] == "not_found"
    assert client.get("/_mock/reset").status_code == 405
    assert client.get("/_mock/reset").get_json()["error"] == "method_not_allowed"


def test_a_wrong_method_on_a_control_route_names_the_allowed_ones(client):
    """RFC 9110 15.5.6: a 405 carries ``Allow``."""
    answer = client.open("/_mock/requests", method="TRACE")
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].split(", ")) == {"GET", "DELETE", "HEAD", "OPTIONS"}
