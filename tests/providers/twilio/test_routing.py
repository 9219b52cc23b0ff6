"""Unknown routes, wrong methods and odd requests still get Twilio's JSON envelope."""

import pytest

from .conftest import PATH
from .test_create import error


@pytest.mark.parametrize(
    ("path", "resource"),
    [
        ("/v1/Tollfree/Nope", "/Tollfree/Nope"),
        (f"{PATH}/HH{'0' * 32}/Extra", f"/Tollfree/Verifications/HH{'0' * 32}/Extra"),
        ("/v1/Whatever", "/Whatever"),
        ("/2010-04-01/Accounts.json", "/2010-04-01/Accounts.json"),
    ],
)
def test_unknown_twilio_routes_are_20404(client, isv_auth, path, resource):
    response = client.get(path, headers=isv_auth)
    assert response.content_type == "application/json"
    assert error(response) == (404, 20404, f"The requested resource {resource} was not found")


def test_an_unknown_sid_is_20404(client, isv_auth):
    response = client.get(f"{PATH}/HHdeadbeef", headers=isv_auth)
    assert (
        error(response)[2]
        == "The requested resource /Tollfree/Verifications/HHdeadbeef was not found"
    )


@pytest.mark.parametrize(
    ("method", "path"), [("put", PATH), ("patch", f"{PATH}/HH{'0' * 32}"), ("delete", PATH)]
)
def test_wrong_methods_are_405_20004(client, isv_auth, method, path):
    response = getattr(client, method)(path, headers=isv_auth)
    assert error(response) == (405, 20004, "Method not allowed")


def test_a_trailing_slash_is_served_not_redirected(client, isv_auth):
    assert client.get(f"{PATH}/", headers=isv_auth).status_code == 200


def test_a_json_body_is_not_form_data(client, isv_auth):
    response = client.post(PATH, json={"BusinessName": "x"}, headers=isv_auth)
    assert error(response)[:2] == (400, 20001)


def test_a_get_with_a_form_content_type_and_no_body_is_fine(client, isv_auth):
    headers = {**isv_auth, "Content-Type": "application/x-www-form-urlencoded"}
    assert client.get(PATH, headers=headers).status_code == 200


def test_an_oversized_body_is_413_in_twilio_shape(client, isv_auth):
    response = client.post(PATH, data={"BusinessName": "x" * (2 << 20)}, headers=isv_auth)
    assert error(response) == (413, 413, "Request entity too large")


def test_an_unexpected_failure_is_a_twilio_500_not_html(client, isv_auth, monkeypatch, runtime):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(runtime.backend("twilio"), "list_verifications", boom)
    response = client.get(PATH, headers=isv_auth)
    assert error(response) == (500, 20500, "General/Server Error.")


def test_paths_outside_every_provider_get_neutral_json(client):
    response = client.get("/nothing/here")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_a_destination_without_a_path_is_signed_as_the_receiver_sees_it():
    """Requests to ``http://host:port`` go to ``/``: the signature must cover that URL."""
    from twilio.request_validator import RequestValidator

    from mockserver.providers.twilio.events import sign

    url, signature = sign("http://127.0.0.1:9000", '{"a":1}', "token")
    assert url.startswith("http://127.0.0.1:9000/?bodySHA256=")
    assert RequestValidator("token").validate(url, '{"a":1}', signature)
