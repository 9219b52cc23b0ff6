"""Platform tenants are API keys: which one a request acts for.

Plugged into the core through ``PlatformProvider.tenant_of``; ``PlatformBackend.reset_tenant``
resets one.
"""

from .backend import PlatformBackend


def bearer_key(authorization: str | None) -> str | None:
    """The credentials of an ``Authorization: Bearer <key>`` value, as FastAPI's HTTPBearer
    reads them: split at the first space, nothing stripped inside (``Bearer  k`` is `` k``).

    Only the value's outer whitespace goes, as the ASGI server drops it (RFC 9110 OWS).
    """
    scheme, _, credentials = (authorization or "").strip(" \t").partition(" ")
    if scheme.lower() != "bearer" or not credentials:
        return None
    return credentials


def tenant_of(backend: PlatformBackend, request) -> str | None:
    """The bearer key a request presents (valid or not: the journal wants failures too)."""
    return bearer_key(request.headers.get("Authorization"))
