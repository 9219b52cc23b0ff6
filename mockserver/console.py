"""What ``mockserver serve`` tells the person watching it: one readable line per status change
and per clock move (failed webhooks are logged where they are sent, ``deliveries.py``).

Lines go through ``logging`` (loggers ``mockserver.transitions`` and ``mockserver.clock``), so
``--log-level`` filters them and ``--log-format json`` turns each into one JSON object whose
fields (``record_id``, ``provider``, ``from``, ``to``…) a machine can read::

    INFO mockserver.transitions: twilio HH3f… PENDING_REVIEW → IN_REVIEW (review, happy_path)
    INFO mockserver.clock: clock moved 3600 s to 2025-01-01T01:00:00Z: 2 transitions, 1 webhook
"""

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

transitions_log = logging.getLogger("mockserver.transitions")
clock_log = logging.getLogger("mockserver.clock")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The standard record attributes a JSON line keeps, under these names.
JSON_FIELDS = {"levelname": "level", "name": "logger"}


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Send every log line to stderr at ``level`` and above, as text or as JSON objects."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        # ``time`` is ISO 8601 in UTC, which log pipelines parse without a pattern.
        handler.setFormatter(
            JsonFormatter(
                "%(levelname)s %(name)s %(message)s", rename_fields=JSON_FIELDS, timestamp="time"
            )
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # APScheduler announces every one-shot tick job at INFO: a line ten times a second.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def log_transitions(transitions: list[dict]) -> None:
    """One line per status change a tick, an advance or a forced move made."""
    if not transitions_log.isEnabledFor(logging.INFO):
        return  # not even the lines' arguments are built (thousands in a long advance)
    for moved in transitions:
        if "record_id" not in moved or "to" not in moved:
            continue  # a skipped or halted step: the engine logs those itself
        if moved["from"] == moved["to"]:
            continue  # a step that changed nothing (a message's queue step)
        how = "forced " + moved["action"] if moved.get("forced") else moved["action"]
        scenario = f", {moved['scenario']}" if moved.get("scenario") else ""
        transitions_log.info(
            "%s %s %s → %s (%s%s)",
            moved["provider"],
            moved["record_id"],
            moved["from"],
            moved["to"],
            how,
            scenario,
            extra={
                "event": "transition",
                "provider": moved["provider"],
                "record_id": moved["record_id"],
                "from": moved["from"],
                "to": moved["to"],
                "action": moved["action"],
                "forced": bool(moved.get("forced")),
                "at": moved.get("at"),
            },
        )


def log_clock_move(seconds: float, summary: dict) -> None:
    """One line for ``POST /_mock/clock/advance``: how far, to when, and what it settled."""
    changed = [t for t in summary["transitions"] if "to" in t and t.get("from") != t["to"]]
    deliveries = summary["deliveries"]
    failed = deliveries.get("failed", 0) + deliveries.get("retrying", 0)
    clock_log.info(
        "clock moved %g s to %s: %d transition%s, %d webhook%s delivered%s",
        seconds,
        summary["now"],
        len(changed),
        "" if len(changed) == 1 else "s",
        deliveries.get("delivered", 0),
        "" if deliveries.get("delivered", 0) == 1 else "s",
        f", {failed} failed or retrying" if failed else "",
        extra={
            "event": "clock",
            "seconds": seconds,
            "now": summary["now"],
            "transitions": len(changed),
            "delivered": deliveries.get("delivered", 0),
            "failed": failed,
        },
    )
