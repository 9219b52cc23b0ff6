"""The toll-free verification policy both Twilio and the platform API apply."""

from datetime import UTC, datetime, timedelta

import pytest

from mockserver.errors import InvalidAction, ValidationFailed
from mockserver.lifecycle import Action, Verdict
from mockserver.verification_policy import check_move, editable_until, reject

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def test_a_rejection_without_codes_uses_30445_and_may_be_edited_for_seven_days():
    rejection = reject(Verdict(), T0)
    assert [row.code for row in rejection.reasons] == [30445]
    assert rejection.edit_allowed is True
    assert rejection.window_closes == T0 + timedelta(days=7)
    assert rejection.expiry_due == T0 + timedelta(days=7)


def test_a_final_code_forbids_the_edit_and_nothing_expires():
    rejection = reject(Verdict(codes=(30445, 30442)), T0)
    assert rejection.edit_allowed is False
    assert rejection.expiry_due is None
    assert rejection.window_closes == T0 + timedelta(days=7)


def test_the_verdict_overrides_what_the_codes_imply():
    assert reject(Verdict(codes=(30445,), edit_allowed=False), T0).edit_allowed is False
    assert reject(Verdict(codes=(30442,), edit_allowed=True), T0).edit_allowed is True


def test_an_unknown_code_is_refused():
    with pytest.raises(ValidationFailed, match="12345"):
        reject(Verdict(codes=(12345,)), T0)


@pytest.mark.parametrize("action", [Action.EXPIRE, Action.RESUBMIT])
def test_only_an_editable_rejection_expires_or_is_resubmitted(action):
    with pytest.raises(InvalidAction, match=f"cannot {action.value} HH1: no edit"):
        check_move(action, "HH1", edit_allowed=False, expired=False, refusal="no edit")
    check_move(action, "HH1", edit_allowed=True, expired=False, refusal="no edit")


def test_a_rejection_expires_once():
    with pytest.raises(InvalidAction, match="already expired"):
        check_move(Action.EXPIRE, "HH1", edit_allowed=True, expired=True, refusal="x")


def test_other_moves_pass_whatever_the_rejection_says():
    check_move(Action.APPROVE, "HH1", edit_allowed=False, expired=True, refusal="x")


def test_a_record_is_editable_in_place_only_inside_an_allowed_window():
    closes = T0 + timedelta(days=7)
    assert editable_until(True, closes, T0)
    assert not editable_until(True, closes, closes)
    assert not editable_until(False, closes, T0)
    assert not editable_until(True, None, T0)
