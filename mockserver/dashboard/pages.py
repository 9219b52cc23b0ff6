"""What each dashboard page shows, worked out from the runtime (no Flask here).

Every figure comes from the same places as the control API: records from
``record_listing``, deliveries from the outbox, requests from the journal, plans from the
engine, status changes from the history.
"""

from collections import Counter
from dataclasses import dataclass

from mockserver.clock import format_iso
from mockserver.deliveries import iso_ms
from mockserver.errors import NotFound
from mockserver.lifecycle import Action
from mockserver.record_listing import list_records, summarise
from mockserver.rejections import REJECTION_CODES
from mockserver.runtime import Runtime

# Buttons of a record page, in this order, with their accessible names.
BUTTONS = {
    Action.APPROVE: "Approve",
    Action.REJECT: "Reject",
    Action.EXPIRE: "Expire",
    Action.REVIEW: "Start review",
    Action.RESUBMIT: "Resubmit",
    Action.SEND: "Send",
    Action.HAND_OFF: "Hand off",
    Action.DELIVER: "Deliver",
    Action.UNDELIVER: "Undeliver",
    Action.FAIL: "Fail",
    Action.CANCEL: "Cancel",
}
ADVANCES = (("1 h", 3600), ("1 d", 86_400), ("7 d", 604_800))
# Each shows its request and its answer (a create's page takes ~4 KiB, ~1 ms to render): the
# newest 200 keep a live refresh near 0.2 s; ``GET /_mock/requests`` lists the journal whole.
SHOWN_REQUESTS = 200


@dataclass(frozen=True)
class Filters:
    """What a records, webhooks, requests or messages page is narrowed to."""

    tenant: str | None = None
    provider: str | None = None
    kind: str | None = None
    status: str | None = None
    text: str | None = None


def records(runtime: Runtime, filters: Filters) -> list[dict]:
    """Summary rows of the records the filters leave, last changed first."""
    return list_records(
        runtime.providers,
        runtime.backends,
        runtime.announce.shown_tenant,
        provider=filters.provider,
        kind=filters.kind,
        tenant=filters.tenant,
        status=filters.status,
        text=filters.text,
    )


def overview(runtime: Runtime, tenant: str | None) -> dict:
    """The clock, counts of records by provider, kind and status, deliveries, scheduler; in a
    tenant view, every figure is that tenant's (``watching`` and the scheduler's last error,
    which are the whole sandbox's, are left out: None)."""
    rows = records(runtime, Filters(tenant=tenant))
    counts = Counter((row["provider"], row["title"], _text(row["status"])) for row in rows)
    deliveries = runtime.outbox.deliveries(account=tenant or None)
    states = Counter(delivery.get("state") for delivery in deliveries)
    clock = runtime.clock
    scheduler = runtime.scheduler.status() if runtime.scheduler else {"running": False}
    if tenant is None:
        running, watching = runtime.engine.pending_count(), runtime.live.watching
    else:
        ids = {row["id"] for row in rows}
        running = sum(plan["record_id"] in ids for plan in runtime.engine.pending())
        watching, scheduler = None, {**scheduler, "last_error": None}
    return {
        "now": format_iso(clock.now()),
        "offset": getattr(clock, "offset", None),
        "running_plans": running,
        "counts": sorted(counts.items()),
        "deliveries": {state: states.get(state, 0) for state in ("pending", "failed", "delivered")},
        "scheduler": scheduler,
        "advances": ADVANCES,
        "watching": watching,
    }


def record(runtime: Runtime, record_id: str, tenant: str | None = None) -> dict:
    """One record: its fields, plan, timeline and the actions its lifecycle allows now
    (NotFound when no listed record has this id, or ``tenant`` does not own it)."""
    stored, row = find(runtime, record_id, tenant)
    described = runtime.engine.describe(record_id)
    backend = runtime.backend(row["provider"])
    lifecycle = backend.lifecycle_of(record_id)
    status = described["status"]
    allowed = [a for a in BUTTONS if lifecycle.allows(status, a)]
    return {
        "row": row,
        "fields": sorted((k, v) for k, v in stored.items() if v not in (None, "", [], {})),
        "unset": sorted(k for k, v in stored.items() if v in (None, "", [], {})),
        "plan": described["plan"],
        "status": status,
        "actions": [(action.value, BUTTONS[action]) for action in allowed],
        "codes": sorted(REJECTION_CODES.values()),
        "timeline": timeline(runtime, record_id),
        "scenarios": sorted(runtime.engine.scenarios.names()),
        "step_text": step_text,
    }


def timeline(runtime: Runtime, record_id: str) -> list[dict]:
    """The record's status changes and webhook attempts, oldest first."""
    entries = [
        {"at": change["at"], "kind": "transition", "change": change}
        for change in runtime.history.of(record_id)
    ]
    for delivery in runtime.outbox.deliveries(record_id=record_id):
        for attempt in delivery.get("attempts") or []:
            at = attempt.get("at") or ""
            entries.append({"at": at, "kind": "delivery", "delivery": delivery, "attempt": attempt})
        if not delivery.get("attempts"):
            created = delivery.get("created_at")
            at = iso_ms(created) if isinstance(created, int | float) else ""
            entries.append({"at": at, "kind": "pending", "delivery": delivery})
    return sorted(entries, key=lambda entry: _moment(entry["at"]))


def webhooks(runtime: Runtime, tenant: str | None, state: str | None) -> list[dict]:
    """Deliveries, newest first, each with its attempts (one tenant's, one state's)."""
    # The outbox reads the state through its index and ignores a filter given as None.
    found = runtime.outbox.deliveries(account=tenant or None, state=state or None)
    return list(reversed(found))


def requests_of(runtime: Runtime, tenant: str | None, text: str | None) -> tuple[list, int]:
    """The newest ``SHOWN_REQUESTS`` of the request journal's entries as kept, newest first
    (one tenant's; ``text`` in the method or path), and how many matched in all."""
    kept = runtime.journal.select(tenant=tenant)
    if text:
        wanted = text.casefold()
        kept = [k for k in kept if wanted in f"{k.method} {k.path}".casefold()]
    return kept[: -SHOWN_REQUESTS - 1 : -1], len(kept)


def messages(runtime: Runtime, filters: Filters) -> list[dict]:
    """Messages of both providers, newest first."""
    return records(runtime, Filters(**{**filters.__dict__, "kind": "message"}))


def find(runtime: Runtime, record_id: str, tenant: str | None = None) -> tuple[dict, dict]:
    """A listed record by id, as it may be shown and as a row: a secret tenant (an API key)
    shows by its fingerprint. NotFound if none has the id, or ``tenant`` does not own it."""
    for provider in runtime.providers:
        backend = runtime.backend(provider.name)
        for name in provider.listed_kinds:
            declared = provider.kind(name)
            for stored in backend.listed_records(name):
                if stored.get(declared.id_field) != record_id:
                    continue
                owner = stored.get(declared.tenant_field)
                if tenant is not None and owner != tenant:
                    break  # another tenant's: as if it did not exist
                row = summarise(provider, name, stored, runtime.announce.shown_tenant)
                if provider.secret_tenants:
                    stored = {**stored, declared.tenant_field: row["tenant"]}
                return stored, row
    raise NotFound(f"record {record_id} not found")


def phone_key(stored: dict, record_id: str) -> str:
    """What a binding for this record's next submissions is keyed by: its number's SID or
    id, a message's recipient, else the record itself (Pinnacle binds records)."""
    for name in ("tollfree_phone_number_sid", "phone_number_id", "to"):
        if isinstance(stored.get(name), str) and stored[name]:
            return stored[name]
    return record_id


def _moment(at: str) -> str:
    """A sortable form of an ISO time with or without milliseconds."""
    return at.replace("Z", ".000Z") if len(at) == 20 else at


def _text(status: object) -> str:
    """A status as a page shows it (a record with none yet: an em dash)."""
    return "—" if status is None else str(status)


def step_text(step: dict | None) -> str:
    """A scenario step as a person reads it: ``approve after 15m``."""
    if not step:
        return "none"
    rest = ", ".join(f"{k} {v}" for k, v in step.items() if k not in ("do", "after", "due"))
    after = step.get("after", "0s")
    when = "when someone forces it" if after == "manual" else f"after {after}"
    text = f"{step.get('do', '?')} {when}"
    return f"{text} ({rest})" if rest else text
