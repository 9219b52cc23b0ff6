"""The one contract every emulated provider implements (``docs/architecture.md``).

A provider is a subclass of ``Provider``, listed once in ``mockserver.providers.all_providers``.
The core (runtime, app, admin, CLI, settings) knows providers only through this class::

    class AcmeProvider(Provider):
        name = "acme"
        path_prefixes = ("/acme/",)
        record_kinds = (ACME_SUBMISSION,)
        options = (Option("acme", "webhook_url", tuple, (), "where Acme events go"),)

        render_error = staticmethod(errors.render)   # a slot filled by a function
        def blueprints(self): return [routes.bp, control.bp]
        def make_backend(self, context): return AcmeBackend(context.store, ...)

Its backend (``ProviderBackend``) is the one road into the provider's domain: the engine,
the outbox, the control API and the provider's own routes all call the backend's methods.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from mockserver.lifecycle import Reviewable, ReviewHooks
from mockserver.live import Announce, unannounced
from mockserver.record_kinds import RecordKind

if TYPE_CHECKING:  # only for annotations: the contract stays importable without them
    from flask import Blueprint, Request, Response
    from marshmallow import Schema

    from mockserver.clock import Clock
    from mockserver.ids import IdFactory
    from mockserver.settings import Settings
    from mockserver.store_contract import RecordStore
    from mockserver.webhooks import Event
    from mockserver.webhooks import Request as WebhookRequest


@dataclass(frozen=True)
class Option:
    """One setting of one provider: flag ``--<provider>-<name>``, variable
    ``MOCKSERVER_<PROVIDER>_<NAME>`` and ``Settings.options["<provider>_<name>"]``.

    ``kind`` is ``str``, ``float``, ``int``, ``bool`` or ``tuple`` (several values: a repeatable
    flag, or a variable separated by commas or spaces). ``aliases`` are older flag names
    (``--webhook-url``) and ``env_aliases`` older variables that still work for one release.
    """

    provider: str
    name: str
    kind: type
    default: Any
    help: str
    aliases: tuple[str, ...] = ()
    env_aliases: tuple[str, ...] = ()
    secret: bool = False  # never printed (the banner says only that it is set)

    @property
    def key(self) -> str:
        """The key in ``Settings.options`` (``pinnacle_signing_secret``)."""
        return f"{self.provider}_{self.name}"

    @property
    def flag(self) -> str:
        """The command-line flag (``--pinnacle-signing-secret``)."""
        return "--" + self.key.replace("_", "-")

    @property
    def env(self) -> str:
        """The environment variable (``MOCKSERVER_PINNACLE_SIGNING_SECRET``)."""
        return "MOCKSERVER_" + self.key.upper()

    @property
    def named(self) -> str:
        """How an error names the setting: its variable, and an old name that still works."""
        old = ", ".join(self.env_aliases)
        return f"{self.env} (or {old})" if old else self.env


@dataclass(frozen=True)
class BackendContext:
    """What a provider's backend is built from: the shared store, clock and ids, the settings,
    and the hooks through which it tells the engine of client-driven changes."""

    settings: "Settings"
    store: "RecordStore"  # the interface (docs/store.md), not TinyDB's implementation
    clock: "Clock"
    ids: "IdFactory"
    hooks: ReviewHooks
    # Tells watchers of something that is not a status change (a message sent or received).
    announce: Announce = unannounced

    def option(self, provider: "Provider", name: str) -> Any:
        """The value of one of ``provider``'s options (its default when unset)."""
        return provider.option(self.settings, name)


class ProviderBackend(Reviewable, Protocol):
    """What the core asks of a provider's backend, beyond the engine's ``Reviewable``."""

    def deliveries_for(self, event: "Event") -> list["WebhookRequest"]:
        """The webhook requests one event causes (signed; none when nobody listens)."""
        ...

    def reset_tenant(self, tenant: str) -> list[str]:
        """Delete everything ``tenant`` owns; return the tenant ids cleared (it and its
        sub-tenants) so the core drops their webhooks and journal entries."""
        ...

    def listed_records(self, kind: str) -> list[dict]:
        """Every stored record of one of the provider's ``listed_kinds`` (read-only)."""
        ...


class Provider:
    """One emulated provider: a vertical slice (routes → schemas → backend → store)."""

    name: ClassVar[str]
    # Paths at the server root this provider answers (its real API's paths); the longest
    # matching prefix decides whose error shape an unrouted request gets.
    path_prefixes: ClassVar[tuple[str, ...]]
    record_kinds: ClassVar[tuple[RecordKind, ...]] = ()
    # The kinds ``GET /_mock/records`` and the dashboard list: records that move through
    # statuses (the backend's ``listed_records`` reads them).
    listed_kinds: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[tuple[Option, ...]] = ()
    # The seed file's section for this provider (None: it reads none).
    seed_section: ClassVar[str | None] = None
    # ``POST /_mock/reset {<tenant_field>: …}`` resets one of this provider's tenants.
    tenant_field: ClassVar[str | None] = None
    # Whether a tenant's name is itself a credential (an API key): the request journal then
    # shows only its fingerprint and matches it by digest.
    secret_tenants: ClassVar[bool] = False
    # Request headers the journal redacts on top of the core list.
    secret_headers: ClassVar[tuple[str, ...]] = ()
    # Whether each delivery attempt is signed afresh (the signature covers the send time).
    signs_each_attempt: ClassVar[bool] = False
    # For the OpenAPI document (``GET /_mock/openapi.json``): how its API authenticates (a
    # scheme's name and its OpenAPI security scheme) and its error body (a JSON schema).
    # None: its emulated routes are not in the document yet.
    api_security: ClassVar[tuple[str, dict] | None] = None
    api_error: ClassVar[dict | None] = None

    def blueprints(self) -> list["Blueprint"]:
        """The provider's Flask blueprints: its emulated API, then its ``/_mock/<name>/…``."""
        raise NotImplementedError

    def render_error(self, exc: BaseException) -> "Response":
        """Any exception as the provider's own error response (never HTML)."""
        raise NotImplementedError

    def make_backend(self, context: BackendContext) -> ProviderBackend:
        """Build the provider's backend (ValueError: a setting it cannot work with)."""
        raise NotImplementedError

    def seed_schema(self) -> "Schema | None":
        """The marshmallow schema of the provider's seed section."""
        return None

    def load_seed(self, backend: ProviderBackend, section: Mapping[str, Any]) -> None:
        """Create what the seed section declares that does not exist yet."""

    def tenant_of(self, backend: ProviderBackend, request: "Request") -> str | None:
        """The tenant a request acts for (None if it names none)."""
        return None

    def sign_delivery(self, backend: ProviderBackend, delivery: dict) -> dict[str, str]:
        """The headers of one delivery attempt (only if ``signs_each_attempt``)."""
        return delivery["headers"]

    def banner(self, base_url: str) -> list[str]:
        """Lines ``mockserver serve`` prints at start: how to point a client at the sandbox."""
        return []

    def seed_credentials(self, section: Mapping[str, Any]) -> list[str]:
        """The credentials the seed section declares, as ``serve`` lists them at start (a
        person giving a demo copies them from there)."""
        return []

    def option(self, settings: "Settings", name: str) -> Any:
        """The value of option ``name`` in ``settings`` (its declared default when unset)."""
        for declared in self.options:
            if declared.name == name:
                value = settings.options.get(declared.key, declared.default)
                if declared.kind is tuple and isinstance(value, str):
                    return split_values(value)  # as its environment variable is read
                return value
        raise KeyError(f"{self.name} declares no option {name}")

    def kind(self, name: str) -> RecordKind:
        """One of the provider's record kinds by name."""
        for kind in self.record_kinds:
            if kind.name == name:
                return kind
        raise KeyError(f"{self.name} declares no record kind {name}")


def split_values(raw: str) -> tuple[str, ...]:
    """Several values in one string, separated by commas or spaces (none for an empty one)."""
    return tuple(part for part in raw.replace(",", " ").split() if part)


def all_options(providers: list[Provider]) -> list[Option]:
    """Every option of every provider, in registry order."""
    return [option for provider in providers for option in provider.options]
