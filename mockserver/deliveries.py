"""Deliveries of the webhook outbox: their states, attempt entries and log lines.

The outbox works with ``Delivery`` values; the store holds ``Delivery.to_dict()``. A stored
delivery that ``Delivery.from_dict`` cannot read is damaged: the functions here that take a
stored document (``pending_delivery``, ``damage``, ``sendable``, ``sequence_of``,
``set_aside``, ``cancelled``) read it with care, so one damaged delivery is set aside and
never stops the others.
"""

import dataclasses
import logging
import math
import operator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from mockserver.clock import format_iso_ms
from mockserver.document_fields import ABSENT, UNREADABLE, Absent, field, is_number, problem_of
from mockserver.webhooks import Attempt, Backoff, Event, Request

DELIVERIES = "webhook_deliveries"
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
DISCARDED, CANCELLED = "discarded", "cancelled"
log = logging.getLogger("mockserver.outbox")


@dataclass
class AttemptEntry:
    """One attempt as the delivery log keeps it."""

    at: str
    status: int | None
    error: str | None
    response: str | None
    duration_ms: float
    redelivery: bool
    # When the next attempt is due (None: no more). ABSENT in an entry the outbox wrote
    # without sending (a request it could not build, a damaged record it set aside).
    next_attempt_at: str | Absent | None = ABSENT

    @classmethod
    def from_dict(cls, doc: dict) -> "AttemptEntry":
        """A stored entry (KeyError or TypeError naming the field it lacks or cannot read)."""
        if not isinstance(doc, dict):
            raise TypeError(f"an attempt entry is not a document: {doc!r}"[:200])
        return cls(
            at=field(doc, "at", str),
            status=field(doc, "status", int, nullable=True),
            error=field(doc, "error", str, nullable=True),
            response=field(doc, "response", str, nullable=True),
            duration_ms=field(doc, "duration_ms", float),
            redelivery=field(doc, "redelivery", bool),
            next_attempt_at=(
                field(doc, "next_attempt_at", str, nullable=True)
                if "next_attempt_at" in doc
                else ABSENT
            ),
        )

    def to_dict(self) -> dict:
        """The entry as the store keeps it (and the control API shows it)."""
        doc = {
            "at": self.at,
            "status": self.status,
            "error": self.error,
            "response": self.response,
            "duration_ms": self.duration_ms,
            "redelivery": self.redelivery,
        }
        if self.next_attempt_at is not ABSENT:
            doc["next_attempt_at"] = self.next_attempt_at
        return doc


@dataclass
class Delivery:
    """One request for one event, its state and its attempts."""

    id: str
    sequence: float  # its place in the outbox's order
    provider: str
    event_type: str
    account: str
    record_id: str
    destination: str
    target: str | None  # what the destination belongs to (cancelled with it)
    chain: str  # destination and record: a chain's deliveries are sent in order
    url: str
    method: str
    headers: dict[str, str]
    body: str
    state: str
    created_at: float
    next_attempt_at: float | None  # None once it is no longer pending
    deadline: float  # no retry after this
    attempts: list[AttemptEntry]

    @classmethod
    def from_dict(cls, doc: dict) -> "Delivery":
        """A stored delivery (KeyError or TypeError naming the field it lacks or cannot
        read); it shares no list or dict with ``doc``."""
        # A well-typed delivery is told by one look at its fields (claims and chains read
        # every pending one); anything else is read field by field, for the field to blame.
        try:
            values = _FIELDS(doc)
        except (KeyError, TypeError):
            values = None
        if values is not None and _well_typed(*values):
            *head, headers, body, state, created, due, deadline, attempts = values
            entries = [AttemptEntry.from_dict(entry) for entry in attempts]
            return cls(*head, dict(headers), body, state, created, due, deadline, entries)
        return cls(
            id=field(doc, "id", str),
            sequence=field(doc, "sequence", float),
            provider=field(doc, "provider", str),
            event_type=field(doc, "event_type", str),
            account=field(doc, "account", str),
            record_id=field(doc, "record_id", str),
            destination=field(doc, "destination", str),
            target=field(doc, "target", str, nullable=True),
            chain=field(doc, "chain", str),
            url=field(doc, "url", str),
            method=field(doc, "method", str),
            headers=dict(field(doc, "headers", dict)),
            body=field(doc, "body", str),
            state=field(doc, "state", str),
            created_at=field(doc, "created_at", float),
            next_attempt_at=field(doc, "next_attempt_at", float, nullable=True),
            deadline=field(doc, "deadline", float),
            attempts=[AttemptEntry.from_dict(entry) for entry in field(doc, "attempts", list)],
        )

    def to_dict(self) -> dict:
        """The delivery as the store keeps it (and signers and the sender read it)."""
        return {
            "id": self.id,
            "sequence": self.sequence,
            "provider": self.provider,
            "event_type": self.event_type,
            "account": self.account,
            "record_id": self.record_id,
            "destination": self.destination,
            "target": self.target,
            "chain": self.chain,
            "url": self.url,
            "method": self.method,
            "headers": dict(self.headers),
            "body": self.body,
            "state": self.state,
            "created_at": self.created_at,
            "next_attempt_at": self.next_attempt_at,
            "deadline": self.deadline,
            "attempts": [entry.to_dict() for entry in self.attempts],
        }

    def record(
        self, attempt: Attempt, at: float, backoff: Backoff, forced: bool = False
    ) -> list[str]:
        """Log one attempt made at ``at`` and move on: delivered, retried after ``backoff``
        (failed past the deadline), failed or discarded; return what to count."""
        entry = attempt_entry(at, attempt, forced)
        self.attempts.append(entry)
        outcomes = ["attempted"]
        if attempt.ok:
            self.state, self.next_attempt_at = DELIVERED, None
            outcomes.append("delivered")
        elif forced and self.state != PENDING:
            pass  # a manual redelivery does not revive a finished delivery's retries
        elif attempt.permanent:
            self.state, self.next_attempt_at = FAILED, None
            outcomes.append("failed")
        elif not attempt.retryable:
            self.state, self.next_attempt_at = DISCARDED, None
            outcomes.append("discarded")
        else:
            retry_at = at + backoff.delay(self.id, len(self.attempts))
            if retry_at > self.deadline:
                self.state, self.next_attempt_at = FAILED, None
                outcomes.append("failed")
            else:
                self.next_attempt_at = retry_at
                outcomes.append("retrying")
        entry.next_attempt_at = iso_ms(self.next_attempt_at) if self.next_attempt_at else None
        return outcomes


_NUMBER_TYPES = (int, float)  # not bool
_FIELDS = operator.itemgetter(*(f.name for f in dataclasses.fields(Delivery)))  # in order


def _well_typed(
    ident, sequence, provider, kind, account, record, destination, target, chain, url, method,
    headers, body, state, created, due, deadline, attempts,
) -> bool:  # fmt: skip
    """Whether ``Delivery.from_dict`` reads these values as they are (in its order, so a
    number too large for a float raises where it would)."""
    return (
        type(ident) is str
        and _number(sequence)
        and type(provider) is str
        and type(kind) is str
        and type(account) is str
        and type(record) is str
        and type(destination) is str
        and (target is None or type(target) is str)
        and type(chain) is str
        and type(url) is str
        and type(method) is str
        and type(headers) is dict
        and type(body) is str
        and type(state) is str
        and _number(created)
        and (due is None or _number(due))
        and _number(deadline)
        and type(attempts) is list
    )


def _number(value: object) -> bool:
    return type(value) in _NUMBER_TYPES and math.isfinite(value)


def new_delivery(
    event: Event, request: Request, delivery_id: str, sequence: int, retry_window: float
) -> Delivery:
    """The pending delivery of one request for an event (failed at once, with its reason
    and one log line, when the request could not be built)."""
    created = event.occurred_at.timestamp()
    delivery = Delivery(
        id=delivery_id,
        sequence=sequence,
        provider=event.provider,
        event_type=event.type,
        account=event.account,
        record_id=event.record_id,
        destination=request.destination,
        target=request.target,
        chain=f"{request.destination} {event.record_id}",
        url=request.url,
        method="POST",
        headers=dict(request.headers),
        body=request.body,
        state=PENDING,
        created_at=created,
        next_attempt_at=created,
        deadline=created + retry_window,
        attempts=[],
    )
    if request.problem is not None:
        log.warning("webhook %s to %r failed: %s", delivery_id, request.url, request.problem)
        delivery.state, delivery.next_attempt_at = FAILED, None
        delivery.attempts.append(attempt_entry(created, Attempt(error=request.problem)))
    return delivery


def log_outcome(delivery: Delivery, entry: AttemptEntry) -> None:
    """One line per failed attempt: what happened and what comes next."""
    if delivery.state == DELIVERED:
        return
    outcome = entry.error or f"answered {entry.status}"
    if delivery.state == PENDING:
        log.info(
            "webhook %s to %s: %s; retry at %s",
            delivery.id,
            delivery.url,
            outcome,
            entry.next_attempt_at,
        )
    else:
        log.warning("webhook %s to %s %s: %s", delivery.id, delivery.url, delivery.state, outcome)


def attempt_entry(at: float, attempt: Attempt, forced: bool = False) -> AttemptEntry:
    """One attempt as the delivery log keeps it (without a next attempt time yet)."""
    return AttemptEntry(
        at=iso_ms(at),
        status=attempt.status,
        error=attempt.error,
        response=attempt.response,
        duration_ms=round(attempt.duration_ms, 2),
        redelivery=forced,
    )


@lru_cache(maxsize=1024)  # deliveries sent in one stretch of time share their stamps
def iso_ms(timestamp: float) -> str:
    """A stored timestamp as ISO-8601 with milliseconds."""
    return format_iso_ms(datetime.fromtimestamp(timestamp, UTC))


def pending_delivery(stored: dict) -> Delivery:
    """A stored pending delivery the outbox can send (KeyError or TypeError naming the
    field it lacks or cannot read)."""
    delivery = Delivery.from_dict(stored)
    if delivery.next_attempt_at is None:
        raise TypeError("'next_attempt_at' is not a number")
    return delivery


def damage(stored: dict) -> str | None:
    """What keeps the outbox from sending a stored pending delivery (a field it lacks or
    cannot read), or None."""
    try:
        pending_delivery(stored)
    except UNREADABLE as exc:
        return problem_of(exc)
    return None


def sendable(stored: dict) -> bool:
    """Whether a stored delivery is pending and readable: one the outbox will send."""
    return stored.get("state") == PENDING and damage(stored) is None


def sequence_of(stored: dict) -> float:
    """A stored delivery's place in the outbox's order (one without a readable number goes
    last)."""
    value = stored.get("sequence")
    return value if is_number(value) else math.inf


def due_at(stored: dict) -> float:
    """When a pending delivery is due, the order the outbox's state index keeps; a damaged
    one (no finite number there) counts as due at once, so the claim sets it aside."""
    due = stored.get("next_attempt_at")
    return due if is_number(due) else -1.0


def set_aside(stored: dict, problem: str, at: float) -> dict:
    """A damaged pending delivery as failed, its reason in an attempt entry."""
    attempts = stored.get("attempts")
    entry = attempt_entry(at, Attempt(error=f"damaged record: {problem}")).to_dict()
    kept = attempts if isinstance(attempts, list) else []
    return {**stored, "state": FAILED, "next_attempt_at": None, "attempts": [*kept, entry]}


def cancelled(stored: dict) -> dict:
    """A stored pending delivery (readable or not) whose destination is gone."""
    return {**stored, "state": CANCELLED, "next_attempt_at": None}
