"""Records of every provider in one list: what ``GET /_mock/records`` and the dashboard show.

Each provider names the kinds it lists (``Provider.listed_kinds``: records that move through
statuses) and its backend reads them (``listed_records``); this module turns each into one
summary row, filters and orders them. A tenant is shown as the request journal shows it (a
secret key by its fingerprint) and filtered by its whole name.
"""

from collections.abc import Callable, Iterable, Mapping

from mockserver.provider_contract import Provider, ProviderBackend

# Fields that name a record for a person, tried in order.
_LABELS = ("business_name", "name", "friendly_name", "brand_name", "to")
_UPDATED = ("date_updated", "updated_at", "created_at", "date_created")


def list_records(
    providers: Iterable[Provider],
    backends: Mapping[str, ProviderBackend],
    shown_tenant: Callable[[str, str | None], str | None],
    *,
    provider: str | None = None,
    kind: str | None = None,
    tenant: str | None = None,
    status: str | None = None,
    text: str | None = None,
) -> list[dict]:
    """Summary rows of the records matching every filter given, last changed first."""
    rows = []
    wanted = text.casefold() if text else None
    for owner in providers:
        if provider is not None and owner.name != provider:
            continue
        for name in owner.listed_kinds:
            if kind is not None and name != kind:
                continue
            declared = owner.kind(name)
            for record in backends[owner.name].listed_records(name):
                owned_by = record.get(declared.tenant_field)
                if tenant is not None and owned_by != tenant:
                    continue
                row = summarise(owner, name, record, shown_tenant)
                if status is not None and str(row["status"]).casefold() != status.casefold():
                    continue
                if wanted is not None and not _mentions(record, row, wanted):
                    continue
                rows.append(row)
    rows.sort(key=lambda row: str(row["updated"] or ""), reverse=True)
    return rows


def summarise(
    owner: Provider, kind: str, record: dict, shown_tenant: Callable[[str, str | None], str | None]
) -> dict:
    """One record as a listed row."""
    declared = owner.kind(kind)
    return {
        "provider": owner.name,
        "kind": kind,
        "title": declared.title,
        "id": record.get(declared.id_field),
        "label": next((str(record[f]) for f in _LABELS if record.get(f)), ""),
        "tenant": shown_tenant(owner.name, record.get(declared.tenant_field)),
        "status": record.get(declared.status_field or "status"),
        # A message's way (Pinnacle sends only), None for other kinds.
        "direction": record.get("direction") or ("outbound" if kind == "message" else None),
        "updated": next((record[f] for f in _UPDATED if record.get(f)), None),
    }


def _mentions(record: dict, row: dict, wanted: str) -> bool:
    """Whether any text of the record or its row holds ``wanted`` (case-folded)."""
    texts = [value for value in record.values() if isinstance(value, str)]
    texts += [str(value) for value in row.values() if value is not None]
    return any(wanted in value.casefold() for value in texts)
