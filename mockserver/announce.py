"""What the runtime tells the people watching: each status change, webhook attempt, recorded
request, message and clock move goes to the console (``mockserver.console``) and to the
live feed (``mockserver.live``: ``/_mock/stream``, ``mockserver tail``, the dashboard).

Tenants are shown as their provider shows them: an account SID as it is, a secret API key
only by its fingerprint (``…`` and its last characters), as the request journal does; the
raw tenant stays with the event for the stream's tenant filter.
"""

from collections.abc import Iterable

from mockserver.console import log_clock_move, log_transitions
from mockserver.history import TransitionHistory
from mockserver.journal import fingerprint
from mockserver.live import LiveFeed


class Announcer:
    """Console lines and live events, for one runtime."""

    def __init__(self, live: LiveFeed, secret_tenants: Iterable[str], history: TransitionHistory):
        self.live = live
        self.history = history
        self._secret = frozenset(secret_tenants)  # providers whose tenants are secret keys

    def shown_tenant(self, provider: str | None, tenant: str | None) -> str | None:
        """A tenant as watchers may see it."""
        if tenant is None or provider not in self._secret:
            return tenant
        return fingerprint(tenant)

    def publish(self, kind: str, provider: str | None, data: dict, tenant: str | None) -> None:
        """One live event; its data gets the provider and the tenant as shown."""
        shown = {"provider": provider, "tenant": self.shown_tenant(provider, tenant), **data}
        self.live.publish(kind, shown, tenant)

    def transitions(self, transitions: list[dict]) -> None:
        """Log and publish the status changes a tick, an advance or a forced move made;
        each summary's raw ``tenant`` is replaced by its shown form."""
        for moved in transitions:
            if "tenant" not in moved:
                continue
            raw, moved["tenant"] = (
                moved["tenant"],
                self.shown_tenant(moved.get("provider"), moved["tenant"]),
            )
            if "to" not in moved or moved.get("from") == moved["to"]:
                continue  # a skipped step, or one that changed nothing
            self.history.add(dict(moved), raw)
            if not self.live.watching:
                continue  # the event is not even built
            self.live.publish(
                "transition",
                {
                    "record_id": moved["record_id"],
                    "provider": moved["provider"],
                    "tenant": moved["tenant"],
                    "status": moved["to"],
                    "previous_status": moved["from"],
                    "action": moved["action"],
                    "forced": bool(moved.get("forced")),
                    "scenario": moved.get("scenario"),
                    "at": moved["at"],
                },
                raw,
            )
        log_transitions(transitions)

    def clock_moved(self, seconds: float, summary: dict) -> None:
        """Log and publish one ``POST /_mock/clock/advance``."""
        log_clock_move(seconds, summary)
        changed = [t for t in summary["transitions"] if "to" in t and t.get("from") != t["to"]]
        self.live.publish(
            "clock",
            {
                "seconds": seconds,
                "now": summary["now"],
                "transitions": len(changed),
                "deliveries": summary["deliveries"],
            },
        )

    def attempt(self, delivery: dict) -> None:
        """Publish one webhook attempt the outbox recorded (``delivery`` as stored)."""
        attempts = delivery.get("attempts") or [{}]
        last = attempts[-1]
        self.publish(
            "delivery",
            delivery.get("provider"),
            {
                "id": delivery.get("id"),
                "record_id": delivery.get("record_id"),
                "event_type": delivery.get("event_type"),
                "url": delivery.get("url"),
                "state": delivery.get("state"),
                "attempt": len(attempts),
                "status": last.get("status"),
                "error": last.get("error"),
                "duration_ms": last.get("duration_ms"),
                "redelivery": bool(last.get("redelivery")),
                "at": last.get("at"),
            },
            delivery.get("account"),
        )
