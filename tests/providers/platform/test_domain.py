"""The platform's domain without HTTP: lifecycle table, review edits, signing, the backend."""

from datetime import UTC, datetime, timedelta

import pytest

from mockserver.clock import ManualClock
from mockserver.errors import InvalidAction, NotFound, ValidationFailed
from mockserver.ids import IdFactory
from mockserver.lifecycle import Action, Verdict
from mockserver.nanp import is_toll_free
from mockserver.providers.platform import review
from mockserver.providers.platform.backend import PlatformBackend
from mockserver.providers.platform.errors import (
    FROM_CORE,
    DeletionBlocked,
    NotTollFree,
    VerificationConflict,
    render,
)
from mockserver.providers.platform.events import sign
from mockserver.providers.platform.models import LIFECYCLE, Status
from mockserver.store import Store
from tests.test_error_mapping import CORE_ERRORS

from .conftest import submission

T0 = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        (Status.PENDING_REVIEW, Action.REVIEW, Status.IN_REVIEW),
        (Status.IN_REVIEW, Action.APPROVE, Status.TWILIO_APPROVED),
        (Status.IN_REVIEW, Action.REJECT, Status.TWILIO_REJECTED),
        (Status.TWILIO_REJECTED, Action.RESUBMIT, Status.PENDING_REVIEW),
        (Status.TWILIO_REJECTED, Action.EXPIRE, Status.TWILIO_REJECTED),
    ],
)
def test_allowed_moves(status, action, expected):
    assert LIFECYCLE.target(status, action) == expected


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.PENDING_REVIEW, Action.APPROVE),
        (Status.PENDING_REVIEW, Action.RESUBMIT),
        (Status.IN_REVIEW, Action.RESUBMIT),
        (Status.TWILIO_APPROVED, Action.REJECT),
        (Status.TWILIO_APPROVED, Action.RESUBMIT),
    ],
)
def test_forbidden_moves(status, action):
    with pytest.raises(InvalidAction):
        LIFECYCLE.target(status, action)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+18005550100", True),
        ("+18335550100", True),
        ("+18885550100", True),
        ("+14155550100", False),
        ("+18995550100", False),
        ("+448005550100", False),
        ("+1800555010", False),
        ("+180055501000", False),
    ],
)
def test_toll_free_means_a_nanp_toll_free_area_code(number, expected):
    assert is_toll_free(number) is expected


def test_a_rejection_fills_reasons_and_an_edit_window_of_seven_days():
    record = {"status": "in-review"}
    review.apply(
        record,
        Action.REJECT,
        at=T0,
        target="twilio-rejected",
        verdict=Verdict(codes=(30473, 30476)),
    )
    assert record["rejection_reasons"] == [
        {"code": 30473, "description": "Cannot validate business website URL"},
        {"code": 30476, "description": "Opt-in not provided"},
    ]
    assert record["edit_allowed"] is True
    assert review.can_edit_in_place(record, T0 + timedelta(days=7) - timedelta(seconds=1))
    assert not review.can_edit_in_place(record, T0 + timedelta(days=7))


def test_one_non_resubmittable_code_disallows_the_edit():
    record = {"status": "in-review"}
    review.apply(
        record,
        Action.REJECT,
        at=T0,
        target="twilio-rejected",
        verdict=Verdict(codes=(30473, 30442)),
    )
    assert record["edit_allowed"] is False
    assert record["edit_expires_at"] is None
    assert not review.can_edit_in_place(record, T0)


def test_unknown_rejection_codes_are_refused():
    with pytest.raises(ValidationFailed):
        review.apply(
            {}, Action.REJECT, at=T0, target="twilio-rejected", verdict=Verdict(codes=(12345,))
        )


def test_resubmission_clears_the_rejection():
    record = {"status": "in-review"}
    review.apply(record, Action.REJECT, at=T0, target="twilio-rejected")
    review.apply(record, Action.RESUBMIT, at=T0, target="pending-review")
    assert record["rejection_reasons"] is None and record["edit_allowed"] is None
    assert record["status"] == "pending-review"


def test_the_signature_matches_the_standard_webhooks_example():
    """The example of the Standard Webhooks specification."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = '{"test": 2432232314}'
    assert sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body) == (
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


@pytest.fixture
def backend():
    """A backend on its own (no engine): records stay where the test puts them."""
    store = Store(":memory:")
    platform = PlatformBackend(store, ManualClock("2025-01-01T00:00:00Z"), IdFactory(1))
    setup = platform.setups.create_setup("key")
    free = platform.setups.add_phone_number(setup["id"], "+18005550100")
    local = platform.setups.add_phone_number(setup["id"], "+14155550100")
    yield platform, setup["id"], free["id"], local["id"]
    store.close()


def test_the_backend_enforces_the_seeds_rules(backend):
    platform, setup, free, local = backend
    with pytest.raises(NotTollFree):
        platform.submit_verification("key", setup, local, submission())
    record = platform.submit_verification("key", setup, free, submission())
    with pytest.raises(VerificationConflict):
        platform.submit_verification("key", setup, free, submission())
    platform.apply_action(record["verification_sid"], Action.REVIEW, at=T0)
    with pytest.raises(DeletionBlocked):
        platform.delete_phone_number("key", setup, free)
    with pytest.raises(NotFound):
        platform.fetch_verification("other", setup, free)
    platform.apply_action(record["verification_sid"], Action.APPROVE, at=T0)
    platform.delete_phone_number("key", setup, free)
    assert not platform.owns(record["verification_sid"])


def test_expiry_removes_the_record_and_reports_an_expired_event(backend):
    platform, setup, free, _ = backend
    sid = platform.submit_verification("key", setup, free, submission())["verification_sid"]
    platform.apply_action(sid, Action.REVIEW, at=T0)
    change = platform.apply_action(sid, Action.REJECT, at=T0, verdict=Verdict(codes=(30476,)))
    assert change.edit_expires_at == T0 + timedelta(days=7)
    expired = platform.apply_action(sid, Action.EXPIRE, at=T0 + timedelta(days=7))
    assert [event.type for event in expired.events] == ["tollfree_verification.expired"]
    assert not platform.owns(sid)
    with pytest.raises(NotFound):
        platform.status_of(sid)


def test_expire_and_resubmit_need_an_edit_allowed_rejection(backend):
    platform, setup, free, _ = backend
    sid = platform.submit_verification("key", setup, free, submission())["verification_sid"]
    platform.apply_action(sid, Action.REVIEW, at=T0)
    change = platform.apply_action(sid, Action.REJECT, at=T0, verdict=Verdict(codes=(30442,)))
    assert change.edit_expires_at is None
    for action in (Action.EXPIRE, Action.RESUBMIT):
        with pytest.raises(InvalidAction):
            platform.apply_action(sid, action, at=T0)


@pytest.mark.parametrize("error", CORE_ERRORS, ids=lambda cls: cls.__name__)
def test_every_core_error_renders_as_a_detail_body(app, error):
    assert error in FROM_CORE
    with app.test_request_context("/v1/setups/x"):
        response = render(error("reason"))
    assert response.status_code in (401, 404, 409, 422)
    assert response.get_json() == {"detail": "reason"}


def test_an_unexpected_error_is_a_json_500(app):
    with app.test_request_context("/v1/setups/x"):
        response = render(RuntimeError("boom"))
    assert response.status_code == 500
    assert response.get_json() == {"detail": "Internal Server Error"}
