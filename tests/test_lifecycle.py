"""The neutral action vocabulary and a provider's state machine as data."""

import pytest

from mockserver.errors import InvalidAction, ValidationFailed
from mockserver.lifecycle import Action
from mockserver.providers.twilio.models import LIFECYCLE


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        ("PENDING_REVIEW", Action.REVIEW, "IN_REVIEW"),
        ("IN_REVIEW", Action.APPROVE, "TWILIO_APPROVED"),
        ("IN_REVIEW", Action.REJECT, "TWILIO_REJECTED"),
        ("TWILIO_REJECTED", Action.EXPIRE, "TWILIO_REJECTED"),
        ("TWILIO_REJECTED", Action.RESUBMIT, "PENDING_REVIEW"),
    ],
)
def test_twilio_maps_each_allowed_action_to_its_status(status, action, expected):
    assert LIFECYCLE.target(status, action) == expected


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("PENDING_REVIEW", Action.APPROVE, "cannot approve a record in status PENDING_REVIEW"),
        ("TWILIO_APPROVED", Action.REJECT, "it is final"),
        ("IN_REVIEW", Action.EXPIRE, "allowed: approve, reject"),
    ],
)
def test_a_move_outside_the_table_is_an_invalid_action(status, action, message):
    with pytest.raises(InvalidAction, match=message):
        LIFECYCLE.target(status, action)


def test_path_finds_the_shortest_way_to_a_status():
    assert LIFECYCLE.path("PENDING_REVIEW", "TWILIO_APPROVED") == [Action.REVIEW, Action.APPROVE]
    assert LIFECYCLE.path("TWILIO_REJECTED", "IN_REVIEW") == [Action.RESUBMIT, Action.REVIEW]


@pytest.mark.parametrize(
    ("start", "goal", "message"),
    [
        ("TWILIO_APPROVED", "IN_REVIEW", "no move leads from TWILIO_APPROVED to IN_REVIEW"),
        ("IN_REVIEW", "IN_REVIEW", "already IN_REVIEW"),
    ],
)
def test_impossible_paths_are_invalid_actions(start, goal, message):
    with pytest.raises(InvalidAction, match=message):
        LIFECYCLE.path(start, goal)


def test_an_unknown_status_is_a_validation_error():
    with pytest.raises(ValidationFailed, match="unknown status APPROVED"):
        LIFECYCLE.path("IN_REVIEW", "APPROVED")


def test_the_verification_loop_reviews_then_decides_and_a_rejection_can_come_back():
    from mockserver.lifecycle import verification_loop

    loop = verification_loop(pending="p", in_review="r", approved="a", rejected="x")
    assert loop.path("p", "a") == [Action.REVIEW, Action.APPROVE]
    assert loop.target("x", Action.EXPIRE) == "x"
    assert loop.target("x", Action.RESUBMIT) == "p"
    assert not loop.allows("a", Action.REJECT)
