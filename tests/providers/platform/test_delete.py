"""DELETE a phone number: its verification goes with it, except while it is in review."""

import pytest

from .conftest import LOCAL, SETUP, TOLL_FREE, TOLL_FREE_2


def test_deleting_a_number_without_a_verification_is_204_with_an_empty_body(api):
    response = api.delete(number=TOLL_FREE_2)
    assert response.status_code == 204
    assert response.content == b""
    assert api.fetch(number=TOLL_FREE_2).json() == {"detail": "Setup or phone number not found"}
    numbers = api.control("GET", f"/setups/{SETUP}").json()["phone_numbers"]
    assert TOLL_FREE_2 not in [number["id"] for number in numbers]


@pytest.mark.parametrize("status", ["pending-review", "twilio-approved", "twilio-rejected"])
def test_deleting_takes_the_verification_with_the_number(api, submitted, status):
    sid = submitted()["verification_sid"]
    if status != "pending-review":
        api.force(sid, status=status)
    assert api.delete().status_code == 204
    assert api.fetch().status_code == 404
    assert api.control("GET", f"/records/{sid}").status_code == 404
    assert api.delete().status_code == 404
    # Its scenario is gone too: nothing is left to fire.
    assert api.advance(days=30)["transitions"] == []


def test_deleting_is_409_while_the_verification_is_in_review(api, submitted):
    sid = submitted()["verification_sid"]
    api.advance(seconds=30)
    response = api.delete()
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Phone number has a toll-free verification in review; "
        "wait for the review to complete"
    }
    assert api.fetch().json()["verification_sid"] == sid
    api.advance(minutes=15)
    assert api.delete().status_code == 204


def test_a_non_toll_free_number_can_be_deleted(api):
    assert api.delete(number=LOCAL).status_code == 204


def test_a_deleted_number_can_be_added_again_and_verified_afresh(api, submitted):
    old = submitted()["verification_sid"]
    api.delete()
    number = api.new_number(SETUP, "+18005550100")
    assert number["id"] != TOLL_FREE
    fresh = api.submit(number=number["id"]).json()
    assert fresh["verification_sid"] != old
