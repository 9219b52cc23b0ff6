"""Delivery documents of the webhook outbox: their states, attempt entries and log lines."""

import logging
from datetime import UTC, datetime

from mockserver.clock import format_iso_ms
from mockserver.webhooks import Attempt

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
DISCARDED, CANCELLED = "discarded", "cancelled"
log = logging.getLogger("mockserver.outbox")


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


def one_line(exc: BaseException) -> str:
    """An exception as one readable line."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def iso_ms(timestamp: float) -> str:
    """A stored timestamp as ISO-8601 with milliseconds."""
    return format_iso_ms(datetime.fromtimestamp(timestamp, UTC))
