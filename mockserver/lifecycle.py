"""The provider-neutral vocabulary and each provider's state machine, as data.

Scenarios speak in ``Action``s, of one of two stories: review (a submission is reviewed, then
approved or rejected) or message (a message is queued, sent, handed to the carrier, then
delivered or not). A provider's ``Lifecycle`` maps them to its statuses::

    LIFECYCLE = Lifecycle(
        initial="PENDING_REVIEW",
        moves={("PENDING_REVIEW", Action.REVIEW): "IN_REVIEW", ...},
    )
    LIFECYCLE.target("PENDING_REVIEW", Action.REVIEW)   # "IN_REVIEW"
    LIFECYCLE.path("PENDING_REVIEW", "TWILIO_APPROVED") # [REVIEW, APPROVE]

A move that is not in ``moves`` raises ``InvalidAction``.
"""

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from mockserver.errors import InvalidAction, ValidationFailed


class Action(StrEnum):
    """What can happen to a submission under review, or to a message on its way."""

    REVIEW = "review"
    APPROVE = "approve"
    REJECT = "reject"
    EXPIRE = "expire"
    RESUBMIT = "resubmit"
    QUEUE = "queue"
    SEND = "send"
    HAND_OFF = "hand_off"
    DELIVER = "deliver"
    UNDELIVER = "undeliver"
    FAIL = "fail"
    CANCEL = "cancel"


REVIEW_ACTIONS = (Action.REVIEW, Action.APPROVE, Action.REJECT, Action.EXPIRE, Action.RESUBMIT)
MESSAGE_ACTIONS = (
    Action.QUEUE,
    Action.SEND,
    Action.HAND_OFF,
    Action.DELIVER,
    Action.UNDELIVER,
    Action.FAIL,
    Action.CANCEL,
)
# The stories a record may live: reviewed (REVIEW_ACTIONS), or sent (MESSAGE_ACTIONS).
STORIES = ("review", "message")
# The actions whose Verdict.codes mean something: a rejection's codes, or the one error code
# of a message that was not delivered (``(30003,)``).
CODED_ACTIONS = frozenset({Action.REJECT, Action.UNDELIVER, Action.FAIL})


@dataclass(frozen=True)
class Lifecycle:
    """A provider's statuses and the moves between them, keyed by (status, action)."""

    initial: str
    moves: dict[tuple[str, Action], str]

    def target(self, status: str, action: Action) -> str:
        """The status ``action`` leads to from ``status``; InvalidAction if not allowed."""
        try:
            return self.moves[(status, action)]
        except KeyError:
            allowed = sorted(a.value for (s, a) in self.moves if s == status)
            hint = f"allowed: {', '.join(allowed)}" if allowed else "it is final"
            raise InvalidAction(
                f"cannot {action.value} a record in status {status} ({hint})"
            ) from None

    @property
    def story(self) -> str:
        """``message`` for a message's way (its moves are MESSAGE_ACTIONS), else ``review``."""
        return STORIES[1] if any(a in MESSAGE_ACTIONS for _, a in self.moves) else STORIES[0]

    def allows(self, status: str, action: Action) -> bool:
        """Whether ``action`` is possible from ``status``."""
        return (status, action) in self.moves

    def performed(self, action: Action, forced: list[Action], status: str) -> bool:
        """Whether a pending step is one that ``forced`` moves did (the record is now in
        ``status``): it would change nothing, or, for a message, whose step may wait for a
        SendAt weeks away, it is no longer possible."""
        if action not in forced:
            return False
        if not self.allows(status, action):
            return self.story == "message"
        return self.target(status, action) == status

    def statuses(self) -> list[str]:
        """Every status, the initial one first."""
        seen = [self.initial]
        for (status, _), target in self.moves.items():
            for name in (status, target):
                if name not in seen:
                    seen.append(name)
        return seen

    def path(self, status: str, goal: str) -> list[Action]:
        """The shortest list of actions from ``status`` to ``goal`` (InvalidAction if none)."""
        if goal not in self.statuses():
            raise ValidationFailed(
                f"unknown status {goal} (expected one of {', '.join(self.statuses())})"
            )
        if goal == status:
            raise InvalidAction(f"the record is already {goal}")
        queue: deque[tuple[str, list[Action]]] = deque([(status, [])])
        visited = {status}
        while queue:
            current, actions = queue.popleft()
            for (source, action), target in self.moves.items():
                if source != current or target in visited:
                    continue
                if target == goal:
                    return [*actions, action]
                visited.add(target)
                queue.append((target, [*actions, action]))
        raise InvalidAction(f"no move leads from {status} to {goal}")


def verification_loop(pending: str, in_review: str, approved: str, rejected: str) -> Lifecycle:
    """Twilio's toll-free verification loop (which the platform API wraps): review, then
    approve or reject; a rejection may expire (its edit window closes, the status stays) or
    be resubmitted back to pending."""
    return Lifecycle(
        initial=pending,
        moves={
            (pending, Action.REVIEW): in_review,
            (in_review, Action.APPROVE): approved,
            (in_review, Action.REJECT): rejected,
            (rejected, Action.EXPIRE): rejected,
            (rejected, Action.RESUBMIT): pending,
        },
    )


def message_flow(
    *,
    accepted: str,
    scheduled: str,
    queued: str,
    sending: str,
    sent: str,
    delivered: str,
    undelivered: str,
    failed: str,
    canceled: str,
) -> Lifecycle:
    """An outbound message's way: queued (from accepted by a Messaging Service, or from
    scheduled), sending, sent to the carrier, then delivered or undelivered; a send may fail
    (so may a service's message whose pool has no number left to send it) and a scheduled
    message may be canceled."""
    return Lifecycle(
        initial=accepted,
        moves={
            (accepted, Action.QUEUE): queued,
            (scheduled, Action.QUEUE): queued,
            # A send without a Messaging Service starts queued: its queue step changes nothing.
            (queued, Action.QUEUE): queued,
            (scheduled, Action.CANCEL): canceled,
            (accepted, Action.FAIL): failed,
            (scheduled, Action.FAIL): failed,
            (queued, Action.SEND): sending,
            (sending, Action.HAND_OFF): sent,
            (sending, Action.FAIL): failed,
            (sent, Action.DELIVER): delivered,
            (sent, Action.UNDELIVER): undelivered,
        },
    )


@dataclass(frozen=True)
class Verdict:
    """What a reviewer decided beyond the action: rejection ``codes`` and whether the client
    may edit (toll-free verifications), or a readable ``reason`` (Pinnacle's rejections); for
    an undelivered or failed message, ``codes`` holds its one error code. A provider reads
    the parts its records carry."""

    codes: tuple[int, ...] = ()
    edit_allowed: bool | None = None
    reason: str | None = None


NO_VERDICT = Verdict()


@dataclass(frozen=True)
class Change:
    """What applying one action did to a record, and the events it raised."""

    record_id: str
    action: Action
    before: str
    after: str
    events: list[Any] = field(default_factory=list)
    edit_expires_at: datetime | None = None
    removed: bool = False  # the action deleted the record (its plan goes with it)
    # Whom the record belongs to, when its events do not say (a change without events).
    tenant: str | None = None

    def with_events(self, events: list[Any]) -> "Change":
        """The same change raising ``events`` (``dataclasses.replace`` costs more, and a
        message's callback status makes one at every step)."""
        return Change(
            self.record_id,
            self.action,
            self.before,
            self.after,
            events,
            self.edit_expires_at,
            self.removed,
            self.tenant,
        )


class Reviewable(Protocol):
    """What a provider backend offers the engine (one per provider, for all its record kinds)."""

    def lifecycle_of(self, record_id: str) -> Lifecycle: ...

    def owns(self, record_id: str) -> bool: ...

    def status_of(self, record_id: str) -> str: ...

    def apply_action(
        self, record_id: str, action: Action, *, at: datetime, verdict: Verdict = NO_VERDICT
    ) -> Change: ...


class ReviewHooks(Protocol):
    """What a provider backend tells the engine about client-driven changes."""

    def submitted(
        self,
        provider: str,
        record_id: str,
        *,
        inputs: dict,
        phone_keys: list[str],
        at: datetime,
        kind_default: str | None = None,
        story: str = "review",
    ) -> str: ...

    def resubmitted(self, provider: str, record_id: str, at: datetime) -> None: ...

    def removed(self, provider: str, record_id: str) -> None: ...

    def finished(self, provider: str, record_id: str) -> bool: ...

    def emit(self, events: list) -> None: ...

    def cancel(self, provider: str, target: str) -> None: ...


class NoHooks:
    """Hooks that do nothing (a backend used on its own, e.g. in unit tests)."""

    def submitted(
        self, provider, record_id, *, inputs, phone_keys, at, kind_default=None, story="review"
    ) -> str:
        """No scenario runs."""
        return ""

    def resubmitted(self, provider, record_id, at) -> None:
        """Nothing to restart."""

    def finished(self, provider, record_id) -> bool:
        """Nothing runs, so nothing is left to happen."""
        return True

    def removed(self, provider, record_id) -> None:
        """Nothing to forget."""

    def emit(self, events) -> None:
        """Nobody listens."""

    def cancel(self, provider, target) -> None:
        """Nothing is pending."""


def check_forced_codes(actions: list[Action], codes: tuple[int, ...]) -> None:
    """A forced undeliver or fail takes one error code (a rejection's codes are checked by
    the provider's review)."""
    if codes and {Action.UNDELIVER, Action.FAIL} & set(actions) and len(codes) != 1:
        raise ValidationFailed("give one error code", {"codes": "one code for undeliver or fail"})
