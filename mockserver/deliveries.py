"""Delivery documents of the webhook outbox: their states, attempt entries and log lines."""

import logging
import math
from datetime import UTC, datetime

from mockserver.clock import format_iso_ms
from mockserver.webhooks import Attempt, Event, Request

DELIVERIES = "webhook_deliveries"
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
DISCARDED, CANCELLED = "discarded", "cancelled"
log = logging.getLogger("mockserver.outbox")
# What the outbox itself reads from a pending delivery to claim, order, send and record it.
_NEEDED = {
    "id": str,
    "chain": str,
    "provider": str,
    "url": str,
    "headers": dict,
    "attempts": list,
    "sequence": float,
    "next_attempt_at": float,
    "deadline": float,
}


def log_outcome(delivery: dict, entry: dict) -> None:
    """One line per failed attempt: what happened and what comes next."""
    if delivery["state"] == DELIVERED:
        return
    outcome = entry["error"] or f"answered {entry['status']}"
    if delivery["state"] == PENDING:
        log.info(
            "webhook %s to %s: %s; retry at %s",
            delivery["id"],
            delivery["url"],
            outcome,
            entry["next_attempt_at"],
        )
    else:
        log.warning(
            "webhook %s to %s %s: %s", delivery["id"], delivery["url"], delivery["state"], outcome
        )


def attempt_entry(at: float, attempt: Attempt, forced: bool = False) -> dict:
    """One attempt as the delivery log keeps it."""
    return {
        "at": iso_ms(at),
        "status": attempt.status,
        "error": attempt.error,
        "response": attempt.response,
        "duration_ms": round(attempt.duration_ms, 2),
        "redelivery": forced,
    }


def iso_ms(timestamp: float) -> str:
    """A stored timestamp as ISO-8601 with milliseconds."""
    return format_iso_ms(datetime.fromtimestamp(timestamp, UTC))


def damage(delivery: dict) -> str | None:
    """What keeps the outbox from sending a pending delivery (a field it lacks or cannot
    read), or None."""
    for name, kind in _NEEDED.items():
        if name not in delivery:
            return f"no {name!r} field"
        value = delivery[name]
        if not (_is_number(value) if kind is float else isinstance(value, kind)):
            return f"{name!r} is not a {'number' if kind is float else kind.__name__}"
    return None


def set_aside(delivery: dict, problem: str, at: float) -> dict:
    """A damaged pending delivery as failed, its reason in an attempt entry."""
    attempts = delivery.get("attempts")
    entry = attempt_entry(at, Attempt(error=f"damaged record: {problem}"))
    kept = attempts if isinstance(attempts, list) else []
    return {**delivery, "state": FAILED, "next_attempt_at": None, "attempts": [*kept, entry]}


def sendable(delivery: dict) -> bool:
    """Whether a delivery is pending and readable: one the outbox will send."""
    return delivery.get("state") == PENDING and damage(delivery) is None


def sequence_of(delivery: dict) -> float:
    """A delivery's place in the outbox's order (one without a readable number goes last)."""
    value = delivery.get("sequence")
    return value if _is_number(value) else math.inf


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def new_delivery(
    event: Event, request: Request, delivery_id: str, sequence: int, retry_window: float
) -> dict:
    """The pending delivery of one request for an event (failed at once, with its reason
    and one log line, when the request could not be built)."""
    created = event.occurred_at.timestamp()
    delivery = {
        "id": delivery_id,
        "sequence": sequence,
        "provider": event.provider,
        "event_type": event.type,
        "account": event.account,
        "record_id": event.record_id,
        "destination": request.destination,
        "target": request.target,
        "chain": f"{request.destination} {event.record_id}",
        "url": request.url,
        "method": "POST",
        "headers": dict(request.headers),
        "body": request.body,
        "state": PENDING,
        "created_at": created,
        "next_attempt_at": created,
        "deadline": created + retry_window,
        "attempts": [],
    }
    if request.problem is not None:
        log.warning("webhook %s to %r failed: %s", delivery_id, request.url, request.problem)
        delivery.update(state=FAILED, next_attempt_at=None)
        delivery["attempts"].append(attempt_entry(created, Attempt(error=request.problem)))
    return delivery
