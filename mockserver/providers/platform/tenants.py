"""Platform tenants are API keys: which one a request acts for, and resetting one.

Plugged into the core through ``ProviderSpec.tenant_of`` and ``ProviderSpec.reset_tenant``.
"""

from .backend import PlatformBackend


def tenant_of(backend: PlatformBackend, request) -> str | None:
    """The bearer key a request presents (valid or not: the journal wants failures too)."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() or None if scheme.lower() == "bearer" else None


def reset_tenant(backend: PlatformBackend, api_key: str) -> list[str]:
    """Delete everything the key owns; return the key and its setup ids."""
    return backend.reset_api_key(api_key)
