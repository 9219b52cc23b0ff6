"""API keys: each one is a tenant (a Pinnacle team) with its own brands, campaigns and numbers.
``ApiKeyDirectory`` keeps them, as Twilio's ``AccountDirectory`` keeps accounts.

Open auth (the default) creates a tenant on a key's first use; ``--strict-auth`` accepts
only keys from the seed file or the control API. A missing or empty key is always refused.
"""

from mockserver.clock import Clock, format_iso_ms
from mockserver.errors import Unauthorized
from mockserver.store_contract import RecordStore

TENANTS = "pinnacle_tenants"
API_KEY_HEADER = "PINNACLE-API-KEY"
MAX_KEY_LENGTH = 512


class ApiKeyDirectory:
    """The API keys that may call the API: who declared each, and when."""

    def __init__(self, store: RecordStore, clock: Clock, *, strict_auth: bool = False):
        self._store, self._clock, self._strict = store, clock, strict_auth

    def authenticate(self, api_key: str | None) -> str:
        """The tenant a ``PINNACLE-API-KEY`` header acts for (Unauthorized if none)."""
        key = (api_key or "").strip()
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise Unauthorized("Invalid API key.")
        if self._store.exists(TENANTS, key):
            return key
        if self._strict:
            raise Unauthorized("Invalid API key.")
        self.add(key, source="first use")
        return key

    def add(self, api_key: str, *, source: str) -> dict:
        """Register a key (kept as is when it exists)."""
        with self._store.transaction():
            tenant = self._store.get(TENANTS, api_key)
            if tenant is None:
                tenant = {
                    "api_key": api_key,
                    "source": source,
                    "created_at": format_iso_ms(self._clock.now()),
                }
                self._store.put(TENANTS, api_key, tenant)
            return tenant

    def remove(self, api_key: str) -> bool:
        """Forget a key; whether it existed."""
        return self._store.delete(TENANTS, api_key)

    def all(self) -> list[dict]:
        """Every known key."""
        return self._store.scan(TENANTS)


def tenant_of(backend, request) -> str | None:
    """The API key a request names (valid or not: the journal also wants refused requests)."""
    return (request.headers.get(API_KEY_HEADER) or "").strip() or None
