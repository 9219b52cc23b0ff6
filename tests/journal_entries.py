"""Journal entries given whole, for the journal's tests (the sandbox journals requests as
``JournaledRequest``s, raw pieces shown when read)."""

from mockserver.journal import MAX_TENANT_CHARS, RequestJournal, clip, fingerprint, tenant_digest


class RecordedEntry:
    """An entry given whole, with the fields the journal's filters read."""

    def __init__(self, entry: dict):
        self._entry, self._digest = entry, entry.get("tenant_digest")
        self.id, self.method, self.path = 0, entry.get("method"), entry.get("path")
        self.status, self.provider = entry.get("status"), entry.get("provider")

    def is_tenant(self, name: str, digest: bytes) -> bool:
        return self._digest is not None and self._digest == digest

    def entry(self) -> dict:
        return {"id": self.id, **self._entry}


def record(journal: RequestJournal, entry: dict, *, secret_tenant: bool = False) -> dict:
    """Append an entry given whole and return it as listed: its ``tenant`` kept as a
    ``tenant_digest`` and shown whole (cut to ``MAX_TENANT_CHARS``) or, when
    ``secret_tenant``, only as its ``fingerprint``."""
    tenant = entry.get("tenant")
    if tenant is not None:
        shown = fingerprint(tenant) if secret_tenant else clip(tenant, MAX_TENANT_CHARS)
        entry = {**entry, "tenant": shown, "tenant_digest": tenant_digest(tenant)}
    kept = RecordedEntry(entry)
    journal.add(kept)
    return kept.entry()
