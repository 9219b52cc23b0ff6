"""Provider slices and the registry the app and runtime build from.

Each provider is a vertical slice (routes → schemas → backend → store) described by one
``ProviderSpec``; core modules never import providers, they receive specs from the runtime.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response


@dataclass(frozen=True)
class ProviderSpec:
    """What the app needs to know to mount and run one provider."""

    name: str
    blueprint: Blueprint
    path_prefixes: tuple[str, ...]
    render_error: Callable[[BaseException], Response]
    make_backend: Callable[[Any], Any]
    control_blueprint: Blueprint | None = None
    seed_section: str | None = None
    seed_schema: type | None = None  # a marshmallow Schema class for the seed section
    load_seed: Callable[[Any, dict], None] | None = None
    # Tenants (one account or API key each); all optional, for the request journal and
    # ``POST /_mock/reset {<tenant_field>: …}``. ``tenant_of(backend, request)`` names the
    # tenant a request acts for (None if it names none); ``secret_headers`` are request
    # headers the journal redacts on top of the core list; ``tenant_field`` is the reset
    # body's key for this provider's tenants; ``reset_tenant(backend, tenant)`` deletes all
    # the tenant owns (records, plans via the review hooks) and returns the tenant ids it
    # cleared (the tenant and its sub-tenants), so the core can drop their webhooks and
    # journal entries.
    tenant_of: Callable[[Any, Any], str | None] | None = None
    # Whether a tenant's name is itself a credential (an API key): the journal then shows
    # only its fingerprint (``…`` + its last characters) and matches it by digest.
    secret_tenants: bool = False
    secret_headers: tuple[str, ...] = ()
    tenant_field: str | None = None
    reset_tenant: Callable[[Any, str], list[str]] | None = None
    # Deliveries whose signature covers the send time: ``sign_delivery(backend, delivery)``
    # returns the headers for each attempt (the outbox calls it before every send).
    sign_delivery: Callable[[Any, dict], dict[str, str]] | None = None


def all_providers() -> list[ProviderSpec]:
    """Every provider the sandbox emulates."""
    from mockserver.providers.pinnacle import SPEC as PINNACLE
    from mockserver.providers.platform import SPEC as PLATFORM
    from mockserver.providers.twilio import SPEC as TWILIO

    return [TWILIO, PINNACLE, PLATFORM]
