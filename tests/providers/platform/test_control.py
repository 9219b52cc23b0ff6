"""The platform's control endpoints and seed file section."""

import re

import pytest

from mockserver.app import create_app
from mockserver.seedfile import SeedFileError
from mockserver.settings import Settings

from .conftest import SETUP, TOLL_FREE, bearer, submission, verification_url

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")


def test_creating_a_setup_returns_its_uuid_key_and_secret(api):
    response = api.control(
        "POST", "/setups", json={"api_key": "key-1", "webhook_url": "https://hooks.example/p"}
    )
    assert response.status_code == 201
    setup = response.json()
    assert set(setup) == {"id", "api_key", "name", "webhook_url", "webhook_secret", "created_at"}
    assert UUID.match(setup["id"])
    assert setup["api_key"] == "key-1"
    assert setup["webhook_url"] == "https://hooks.example/p"
    assert re.match(r"^whsec_[A-Za-z0-9+/]{32}\Z", setup["webhook_secret"])
    assert setup["created_at"] == "2025-01-01T00:00:00Z"


def test_a_new_key_authenticates_once_it_owns_a_setup(api):
    assert api.fetch(key="key-2").status_code == 401
    setup = api.new_setup(api_key="key-2")
    number = api.new_number(setup["id"], "+18445550100")
    assert UUID.match(number["id"])
    assert number == {
        "id": number["id"],
        "setup_id": setup["id"],
        "phone_number": "+18445550100",
        "toll_free": True,
        "created_at": "2025-01-01T00:00:00Z",
    }
    assert api.submit(setup=setup["id"], number=number["id"], key="key-2").status_code == 201


def test_a_setup_and_its_numbers_can_be_listed_and_fetched(api):
    setup = api.new_setup(api_key="key-3", id="22222222-2222-4222-8222-22222222222A")
    api.new_number(setup["id"], "+14155550199")
    assert setup["id"] == "22222222-2222-4222-8222-22222222222a"  # canonical, lower case
    fetched = api.control("GET", f"/setups/{setup['id']}").json()
    assert [(n["phone_number"], n["toll_free"]) for n in fetched["phone_numbers"]] == [
        ("+14155550199", False)
    ]
    listed = api.control("GET", "/setups", params={"api_key": "key-3"}).json()["setups"]
    assert [s["id"] for s in listed] == [setup["id"]]
    everything = api.control("GET", "/setups").json()["setups"]
    assert {s["id"] for s in everything} == {SETUP, setup["id"]}


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/setups", {}, 400, "api_key"),
        ("/setups", {"api_key": ""}, 400, "api_key"),
        ("/setups", {"api_key": "has space"}, 400, "api_key"),
        ("/setups", {"api_key": 5}, 400, "api_key"),
        ("/setups", {"api_key": "k", "webhook_url": "not a url"}, 400, "webhook_url"),
        ("/setups", {"api_key": "k", "webhook_url": "ftp://x.example"}, 400, "webhook_url"),
        ("/setups", {"api_key": "k", "webhook_secret": "secret"}, 400, "webhook_secret"),
        ("/setups", {"api_key": "k", "webhook_secret": "whsec_abc"}, 400, "webhook_secret"),
        ("/setups", {"api_key": "k", "webhook_secret": "whsec_"}, 400, "webhook_secret"),
        ("/setups", {"api_key": "k", "id": "nope"}, 400, "id"),
        ("/setups", {"api_key": "k", "colour": "red"}, 400, "colour"),
        ("/setups", {"api_key": "k", "id": SETUP}, 409, None),
        (f"/setups/{SETUP}/phone-numbers", {}, 400, "phone_number"),
        (f"/setups/{SETUP}/phone-numbers", {"phone_number": "18005550100"}, 400, "phone_number"),
        (f"/setups/{SETUP}/phone-numbers", {"phone_number": "+18005550100"}, 409, None),
        (
            f"/setups/{SETUP}/phone-numbers",
            {"phone_number": "+18005550199", "id": TOLL_FREE},
            409,
            None,
        ),
        ("/setups/unknown/phone-numbers", {"phone_number": "+18005550100"}, 404, None),
    ],
)
def test_bad_control_requests_are_json_errors(api, path, body, status, field):
    response = api.control("POST", path, json=body)
    assert response.status_code == status, response.text
    error = response.json()
    assert set(error) >= {"error", "message"}
    if field:
        assert field in error["fields"]


def test_a_control_body_that_is_not_json_is_400(api):
    response = api.control("POST", "/setups", data=b"\xff", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_an_unknown_setup_is_404(api):
    response = api.control("GET", "/setups/unknown")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_reset_restores_the_seed_setup(api, submitted):
    submitted()
    api.new_setup(api_key="temporary")
    assert api.control("POST", "/reset", json={}).status_code == 200
    assert api.fetch().status_code == 404
    assert api.fetch(key="temporary").status_code == 401
    assert api.submit().status_code == 201


def seeded_app(tmp_path, text: str):
    seed = tmp_path / "seed.yaml"
    seed.write_text(text)
    return create_app(Settings(store=":memory:", seed_file=str(seed)))


SEEDED = """
platform:
  setups:
    - id: 33333333-3333-4333-8333-333333333333
      api_key: seeded-key
      webhook_url: https://hooks.example/seeded
      webhook_secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
      phone_numbers:
        - {id: 44444444-4444-4444-8444-444444444444, phone_number: "+18335550100"}
"""


def test_the_seed_file_declares_setups_and_numbers(tmp_path):
    app = seeded_app(tmp_path, SEEDED)
    try:
        client = app.test_client()
        url = verification_url(
            "", "33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"
        )
        response = client.post(url, json=submission(), headers=bearer("seeded-key"))
        assert response.status_code == 201
        setup = client.get("/_mock/platform/setups/33333333-3333-4333-8333-333333333333").get_json()
        assert setup["webhook_secret"] == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        assert client.get(url, headers=bearer()).status_code == 401  # only the seeded key
    finally:
        app.extensions["mockserver"].close()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("platform:\n  setups:\n    - api_key: k\n", "platform.setups.0.id"),
        ("platform:\n  setups:\n    - {id: nope, api_key: k}\n", "platform.setups.0.id"),
        (
            "platform:\n  setups:\n    - id: 33333333-3333-4333-8333-333333333333\n",
            "platform.setups.0.api_key",
        ),
        (
            "platform:\n  setups:\n    - id: 33333333-3333-4333-8333-333333333333\n"
            "      api_key: k\n      phone_numbers: [{phone_number: '+18005550100'}]\n",
            "platform.setups.0.phone_numbers.0.id",
        ),
        ("platform:\n  tenants: []\n", "platform.tenants: Unknown field."),
    ],
)
def test_a_bad_platform_section_is_refused_with_the_field(tmp_path, text, reason):
    with pytest.raises(SeedFileError) as caught:
        seeded_app(tmp_path, text)
    assert reason in caught.value.message


def test_a_number_another_setup_holds_is_409(api):
    """One setup holds a number: the vendor allows one active verification per number."""
    other = api.new_setup(api_key="someone-else")
    same_key = api.new_setup()
    for setup in (other, same_key):
        response = api.control(
            "POST", f"/setups/{setup['id']}/phone-numbers", json={"phone_number": "+18005550100"}
        )
        assert response.status_code == 409, response.text
        assert response.json()["error"] == "conflict"
        assert SETUP in response.json()["message"]
        assert api.control("GET", f"/setups/{setup['id']}").json()["phone_numbers"] == []


def test_a_number_is_free_again_once_deleted(api):
    other = api.new_setup(api_key="someone-else")
    assert api.delete().status_code == 204
    number = api.new_number(other["id"], "+18005550100")
    assert api.submit(setup=other["id"], number=number["id"], key="someone-else").status_code == 201


SETUP_B = "55555555-5555-4555-8555-555555555555"
NUMBER_B = "66666666-6666-4666-8666-666666666666"


@pytest.mark.parametrize(
    ("second", "field"),
    [
        (
            f"{{id: {SETUP_B}, api_key: other-key, phone_numbers: "
            f"[{{id: 44444444-4444-4444-8444-444444444444, phone_number: '+18335550199'}}]}}",
            "platform.setups.1.phone_numbers.0.id: phone number "
            "44444444-4444-4444-8444-444444444444 is already declared at setups.0.phone_numbers.0",
        ),
        (
            "{id: 33333333-3333-4333-8333-333333333333, api_key: other-key}",
            "platform.setups.1.api_key: setup 33333333-3333-4333-8333-333333333333 is already "
            "declared at setups.0 with another api_key",
        ),
        (
            "{id: 33333333-3333-4333-8333-333333333333, api_key: seeded-key}",
            "platform.setups.1.id: setup 33333333-3333-4333-8333-333333333333 is already "
            "declared at setups.0",
        ),
        (
            f"{{id: {SETUP_B}, api_key: other-key, phone_numbers: "
            f"[{{id: {NUMBER_B}, phone_number: '+18335550100'}}]}}",
            "platform.setups.1.phone_numbers.0.phone_number: +18335550100 is already declared at "
            "setups.0.phone_numbers.0: a toll-free number can have one active verification",
        ),
    ],
    ids=["number id twice", "setup id with another key", "setup id twice", "number twice"],
)
def test_conflicting_seed_declarations_refuse_the_file(tmp_path, second, field):
    """Start-up stops with the file, the field and the reason instead of ignoring one."""
    with pytest.raises(SeedFileError) as caught:
        seeded_app(tmp_path, f"{SEEDED}    - {second}\n")
    assert caught.value.message.startswith(f"seed file {tmp_path / 'seed.yaml'}: ")
    assert field in caught.value.message


def test_a_number_twice_in_one_setup_refuses_the_file(tmp_path):
    text = SEEDED + f"        - {{id: {NUMBER_B}, phone_number: '+18335550100'}}\n"
    with pytest.raises(SeedFileError) as caught:
        seeded_app(tmp_path, text)
    assert "platform.setups.0.phone_numbers.1.phone_number: +18335550100" in caught.value.message


def test_a_reset_leaves_a_reassigned_seed_number_with_its_holder(api):
    """Reloading the seed never gives one number to two setups, nor fails the reset."""
    assert api.delete().status_code == 204
    other = api.new_setup(api_key="someone-else")
    number = api.new_number(other["id"], "+18005550100")
    response = api.control("POST", "/reset", json={"api_key": "nobody"})
    assert response.status_code == 200, response.text
    holders = [
        setup["id"]
        for setup in api.control("GET", "/setups").json()["setups"]
        for held in setup["phone_numbers"]
        if held["phone_number"] == "+18005550100"
    ]
    assert holders == [other["id"]]
    assert api.submit(setup=other["id"], number=number["id"], key="someone-else").status_code == 201


def test_a_setup_missing_a_field_is_left_out_of_the_setup_list(client, runtime, caplog):
    """``GET /_mock/platform/setups`` lists the others and warns about the damaged one."""
    import logging

    runtime.store.put("platform_setups", "damaged", {"id": "damaged", "api_key": "k"})
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        response = client.get("/_mock/platform/setups")
    assert response.status_code == 200
    assert "damaged" not in [setup["id"] for setup in response.get_json()["setups"]]
    assert response.get_json()["setups"]
    assert any("damaged" in line for line in caplog.messages)
