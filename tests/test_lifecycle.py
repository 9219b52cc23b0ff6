"""The neutral action vocabulary and a provider's state machine as data."""

import re
from dataclasses import fields, replace
from datetime import UTC, datetime

import pytest

from mockserver.errors import InvalidAction, ValidationFailed
from mockserver.lifecycle import Action, Change
from mockserver.providers.twilio.models import LIFECYCLE
from tests.conftest import MESSAGE_FLOW


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


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        ("accepted", Action.QUEUE, "queued"),
        ("scheduled", Action.QUEUE, "queued"),
        ("queued", Action.QUEUE, "queued"),
        ("scheduled", Action.CANCEL, "canceled"),
        ("queued", Action.SEND, "sending"),
        ("sending", Action.HAND_OFF, "sent"),
        ("sending", Action.FAIL, "failed"),
        ("accepted", Action.FAIL, "failed"),
        ("scheduled", Action.FAIL, "failed"),
        ("sent", Action.DELIVER, "delivered"),
        ("sent", Action.UNDELIVER, "undelivered"),
    ],
)
def test_the_message_flow_has_exactly_its_moves(status, action, expected):
    flow = MESSAGE_FLOW
    assert flow.target(status, action) == expected
    assert len(flow.moves) == 11


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("queued", Action.CANCEL, "cannot cancel a record in status queued (allowed: queue, send)"),
        ("sent", Action.FAIL, "allowed: deliver, undeliver"),
        ("delivered", Action.UNDELIVER, "it is final"),
        ("queued", Action.REVIEW, "cannot review a record in status queued"),
    ],
)
def test_a_message_move_outside_the_flow_is_an_invalid_action(status, action, message):
    with pytest.raises(InvalidAction, match=re.escape(message)):
        MESSAGE_FLOW.target(status, action)


def test_the_queue_self_loop_keeps_statuses_and_paths_working():
    flow = MESSAGE_FLOW
    assert flow.initial == "accepted"
    assert flow.statuses() == [
        "accepted",
        "queued",
        "scheduled",
        "canceled",
        "failed",
        "sending",
        "sent",
        "delivered",
        "undelivered",
    ]
    assert flow.path("queued", "delivered") == [Action.SEND, Action.HAND_OFF, Action.DELIVER]
    assert flow.path("accepted", "failed") == [Action.FAIL]  # a pool left without a number
    assert flow.path("queued", "failed") == [Action.SEND, Action.FAIL]
    with pytest.raises(InvalidAction, match="already queued"):
        flow.path("queued", "queued")
    with pytest.raises(InvalidAction, match="no move leads from queued to canceled"):
        flow.path("queued", "canceled")


def test_a_lifecycle_tells_its_story_and_the_vocabulary_splits_in_two():
    from mockserver.lifecycle import CODED_ACTIONS, MESSAGE_ACTIONS, REVIEW_ACTIONS

    assert MESSAGE_FLOW.story == "message"
    assert LIFECYCLE.story == "review"
    assert set(REVIEW_ACTIONS) | set(MESSAGE_ACTIONS) == set(Action)
    assert not set(REVIEW_ACTIONS) & set(MESSAGE_ACTIONS)
    assert set(CODED_ACTIONS) == {Action.REJECT, Action.UNDELIVER, Action.FAIL}


def test_a_change_with_events_keeps_every_other_field():
    values = {
        "record_id": "SM1",
        "action": Action.SEND,
        "before": "queued",
        "after": "sent",
        "events": ["old"],
        "edit_expires_at": datetime(2025, 1, 1, tzinfo=UTC),
        "removed": True,
        "tenant": "AC1",
    }
    assert {f.name for f in fields(Change)} == set(values)  # a new field: add it above
    change = Change(**values)
    assert change.with_events(["new"]) == replace(change, events=["new"])
