"""The architecture's import rules (docs/architecture.md), checked with ast."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mockserver"
WEB = ("flask", "werkzeug")
THIRD_PARTY = (*WEB, "marshmallow", "tinydb", "requests", "apscheduler")
PROVIDERS = ("mockserver.providers",)
# The domain never imports Flask, schemas or HTTP clients; most of it not even the store.
DOMAIN = (*WEB, "marshmallow", "requests", "tinydb")
PURE_DOMAIN = (*DOMAIN, "mockserver.store")
SCHEMAS = (*WEB, "tinydb", "mockserver.store")
ROUTES = ("tinydb", "mockserver.store", "mockserver.engine", "mockserver.scheduler")
RULES = {
    # module glob (relative to the package): forbidden import prefixes
    "clock.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "durations.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "ids.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "duequeue.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "rejections.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "nanp.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "sms_segments.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "volumes.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "journal.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "redaction.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "console.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    # The testing kit talks to a sandbox over HTTP only (any server, in-process or not).
    "control_client.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver.store"),
    # Inert until a fixture runs: its own imports stay light; fixtures import the kit lazily.
    "pytest_plugin.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store", "mockserver.app"),
    "errors.py": (*THIRD_PARTY, "mockserver."),
    "lifecycle.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    # The contract names web and store types for annotations only (under TYPE_CHECKING).
    "provider_contract.py": (
        *PROVIDERS,
        "tinydb",
        "requests",
        "mockserver.store",
        "mockserver.engine",
    ),
    "store.py": (*WEB, "marshmallow", *PROVIDERS),
    "storage.py": (*WEB, "marshmallow", *PROVIDERS),
    "webhooks.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver.store"),
    "deadline.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver."),
    # Live events: pure; the announcer tells the console and the feed, no web or store.
    "live.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "history.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "record_listing.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "announce.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    # ``mockserver tail`` reads a sandbox over HTTP only, like the testing kit.
    "tail.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver.store", "mockserver.app"),
    # The webhook client: the standard library's http.client, no web framework or store.
    "webhook_http.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "webhook_answer.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "destinations.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver."),
    "document_fields.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "outbox.py": (*WEB, "marshmallow", *PROVIDERS),
    "deliveries.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "chains.py": (*WEB, "marshmallow", "requests", *PROVIDERS),
    "engine.py": (*WEB, "requests", *PROVIDERS),
    "plans.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "verification_policy.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "record_kinds.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    # Declarations beside the views: schemas and record kinds, no web framework.
    "openapi.py": (*WEB, "tinydb", "requests", "apscheduler", *PROVIDERS, "mockserver.store"),
    # The store's interface: what a second backend implements; it depends on nothing.
    "store_contract.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store", "mockserver.storage"),
    "scenarios.py": (*WEB, "requests", *PROVIDERS),
    "scenario_files.py": (*WEB, "requests", *PROVIDERS),
    "scheduler.py": (*WEB, *PROVIDERS, "mockserver.store"),
    "providers/*/models.py": PURE_DOMAIN,
    "providers/*/message_models.py": PURE_DOMAIN,
    "providers/*/callbacks.py": PURE_DOMAIN,
    "providers/*/signatures.py": PURE_DOMAIN,
    "providers/*/media.py": PURE_DOMAIN,
    "providers/*/inbound.py": PURE_DOMAIN,
    "providers/*/message_checks.py": PURE_DOMAIN,
    "providers/*/opt_outs.py": DOMAIN,
    "providers/*/messages.py": DOMAIN,
    "providers/*/review.py": PURE_DOMAIN,
    "providers/*/events.py": PURE_DOMAIN,
    "providers/*/message_events.py": PURE_DOMAIN,
    "providers/*/routing.py": PURE_DOMAIN,
    "providers/*/inventory.py": PURE_DOMAIN,
    "providers/*/purchases.py": PURE_DOMAIN,
    "providers/*/rules.py": PURE_DOMAIN,
    "providers/*/autofill.py": PURE_DOMAIN,
    "providers/*/prices.py": PURE_DOMAIN,
    "providers/*/paging.py": PURE_DOMAIN,
    "providers/*/previews.py": PURE_DOMAIN,
    "providers/*/lookup.py": PURE_DOMAIN,
    "providers/*/brands.py": DOMAIN,
    "providers/*/campaigns.py": DOMAIN,
    "providers/*/numbers.py": DOMAIN,
    "providers/*/messaging.py": DOMAIN,
    "providers/*/records.py": DOMAIN,
    "providers/*/guidance.py": DOMAIN,
    "providers/*/subscriptions.py": DOMAIN,
    "providers/*/patch.py": PURE_DOMAIN,
    "providers/*/tenants.py": DOMAIN,
    "providers/*/backend.py": DOMAIN,
    # A backend split by subject keeps the backend's layer in every part.
    "providers/*/*_facade.py": DOMAIN,
    "providers/*/backend_parts.py": DOMAIN,
    "providers/*/review_driver.py": DOMAIN,
    "providers/*/accounts.py": DOMAIN,
    "providers/*/setups.py": DOMAIN,
    "providers/*/event_streams.py": DOMAIN,
    "providers/*/services.py": DOMAIN,
    "providers/*/service_models.py": PURE_DOMAIN,
    "providers/*/schemas/*.py": SCHEMAS,
    "providers/*/schemas.py": SCHEMAS,
    "providers/*/setup_schemas.py": SCHEMAS,
    "providers/*/seed.py": (*WEB, "tinydb", "mockserver.engine"),
    "providers/*/routes/*.py": ROUTES,
    "providers/*/routes.py": ROUTES,
    "providers/*/control.py": ROUTES,
    "seedfile.py": (*WEB, "tinydb", *PROVIDERS, "mockserver.store"),
    "validation.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "admin/*.py": ("tinydb", "mockserver.providers."),
    # The command never touches the store's implementation; serve reads the providers'
    # options from the registry (no provider package: the test below checks), its banner
    # reads a built runtime only.
    "cli.py": (*WEB, "tinydb", *PROVIDERS, "mockserver.store"),
    "cli_serve.py": (*WEB, "tinydb", "mockserver.store"),
    "cli_banner.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store", "mockserver.app"),
    # The dashboard is the control API's face for people: no provider, no store.
    "dashboard/*.py": ("tinydb", "mockserver.providers", "mockserver.store", "requests"),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.add(f"{base}.{node.module}" if node.module else base)
            else:
                names.add(node.module or "")
    return names


def _prefix(forbidden: str) -> str:
    """``mockserver.`` forbids every module under it; ``mockserver.store`` forbids that module
    and its submodules, not ``mockserver.store_contract``."""
    return forbidden if forbidden.endswith(".") else forbidden + "."


CASES = [(pattern, module) for pattern in RULES for module in sorted(PACKAGE.glob(pattern))]


PROVIDER_MODULES = sorted((PACKAGE / "providers").rglob("*.py"))


@pytest.mark.parametrize("module", PROVIDER_MODULES, ids=lambda m: str(m.relative_to(PACKAGE)))
def test_providers_use_the_store_interface_not_its_tinydb_implementation(module):
    """A second store backend needs no provider change: providers name ``RecordStore``
    (``store_contract``), never ``mockserver.store`` or ``mockserver.storage``."""
    bad = sorted(
        name for name in imports_of(module) if name in ("mockserver.store", "mockserver.storage")
    )
    assert not bad, f"{module.relative_to(PACKAGE)} must not import {', '.join(bad)}"


@pytest.mark.parametrize(
    ("pattern", "module"), CASES, ids=[str(m.relative_to(PACKAGE)) for _, m in CASES]
)
def test_module_respects_its_layer(pattern, module):
    forbidden = RULES[pattern]
    bad = sorted(
        name
        for name in imports_of(module)
        if any(name == f.rstrip(".") or name.startswith(_prefix(f)) for f in forbidden)
    )
    assert not bad, f"{module.relative_to(PACKAGE)} must not import {', '.join(bad)}"


def test_every_rule_matches_a_module():
    assert all(any(PACKAGE.glob(pattern)) for pattern in RULES)


PROVIDER_PACKAGES = sorted(
    path.parent.name for path in (PACKAGE / "providers").glob("*/__init__.py")
)


REGISTRY = PACKAGE / "providers" / "__init__.py"
NOT_REGISTRY = sorted(path for path in PACKAGE.rglob("*.py") if path != REGISTRY)


@pytest.mark.parametrize("module", NOT_REGISTRY, ids=lambda m: str(m.relative_to(PACKAGE)))
def test_only_a_provider_and_the_registry_import_a_provider_package(module):
    """No module outside ``providers/<name>/`` imports that provider; the core reaches it
    through the registry (``mockserver.providers.all_providers``) and its contract."""
    relative = module.relative_to(PACKAGE)
    own = (
        relative.parts[1] if relative.parts[0] == "providers" and len(relative.parts) > 2 else None
    )
    bad = sorted(
        name
        for name in imports_of(module)
        for provider in PROVIDER_PACKAGES
        if provider != own and name.startswith(f"mockserver.providers.{provider}")
    )
    assert not bad, f"{relative} must not import {', '.join(bad)}"


def test_every_provider_package_is_registered_and_implements_the_contract():
    """Each package under providers/ is one registered ``Provider``, with its API blueprint,
    control routes, error shape, backend (the ``ProviderBackend`` methods), and kinds and
    options named for it."""
    from mockserver.provider_contract import Provider, ProviderBackend
    from mockserver.providers import all_providers

    providers = all_providers()
    assert sorted(p.name for p in providers) == PROVIDER_PACKAGES
    required = {
        name
        for cls in ProviderBackend.__mro__
        if cls.__module__.startswith("mockserver.")
        for name, value in vars(cls).items()
        if callable(value) and not name.startswith("_")
    }
    for provider in providers:
        assert isinstance(provider, Provider)
        assert provider.path_prefixes and provider.blueprints()
        assert type(provider).render_error is not Provider.render_error
        backend_class = type(provider).make_backend.__annotations__["return"]
        missing = sorted(
            name for name in required if not callable(getattr(backend_class, name, None))
        )
        assert not missing, f"{provider.name} backend lacks {', '.join(missing)}"
        assert all(kind.provider == provider.name for kind in provider.record_kinds)
        assert all(option.provider == provider.name for option in provider.options)


ROUTE_MODULES = sorted(
    [
        *PACKAGE.glob("providers/*/routes/*.py"),
        *PACKAGE.glob("providers/*/routes.py"),
        *PACKAGE.glob("providers/*/control.py"),
        # Seeding and the journal's tenant lookup take the backend as ``backend`` too.
        *PACKAGE.glob("providers/*/seed.py"),
        *PACKAGE.glob("providers/*/tenants.py"),
    ]
)
BACKEND_GETTERS = {"backend", "_backend"}


def _reaches_past_the_backend(tree: ast.AST) -> list[str]:
    """Every use of a backend that is not a call of one of its methods: ``backend().part``
    (``backend().streams.sink(…)``, ``return backend().streams``, ``getattr(backend(), …)``),
    also through a name bound to a backend (``b = backend()``, ``b: X = backend()``, a
    parameter named ``backend``) or through ``current_runtime().backend(name)``."""
    bound = {"backend"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_backend(node.value, set()):
            bound.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and _is_backend(node.value, set())
            and isinstance(node.target, ast.Name)
        ):
            bound.add(node.target.id)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    found = []
    for node in ast.walk(tree):
        reached = isinstance(node, ast.Attribute) and _is_backend(node.value, bound)
        if reached and id(node) not in called:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and node.args
            and _is_backend(node.args[0], bound)
        ):
            found.append(f"line {node.lineno}: getattr")
    return found


def _is_backend(node: ast.AST, bound: set[str]) -> bool:
    """A backend: ``backend()``, ``current_runtime().backend(…)`` or a name bound to one."""
    if isinstance(node, ast.Name):
        return node.id in bound
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in BACKEND_GETTERS
    return isinstance(func, ast.Attribute) and func.attr == "backend"


def test_the_one_road_check_sees_every_way_past_the_backend():
    """The checker itself: each way of reaching inside a backend is found."""
    sources = [
        "backend().streams.sink()",
        "b = backend()\nb.accounts.add()",
        "b: X = backend()\nb.accounts.add()",
        "getattr(backend(), 'streams')",
        "current_runtime().backend('twilio').accounts.add()",
        "def load(backend):\n    backend.accounts.add()",
        "return_value = backend().clock",
    ]
    for source in sources:
        assert _reaches_past_the_backend(ast.parse(source)), source
    assert not _reaches_past_the_backend(ast.parse("backend().delete_sink(1)"))


@pytest.mark.parametrize("module", ROUTE_MODULES, ids=lambda m: str(m.relative_to(PACKAGE)))
def test_routes_reach_the_domain_through_the_backend_facade_only(module):
    """One road: a route calls its provider's backend methods (which fire the review hooks
    and keep writes whole), never an object inside the backend."""
    found = _reaches_past_the_backend(ast.parse(module.read_text(encoding="utf-8")))
    assert not found, f"{module.relative_to(PACKAGE)} reaches past the backend: {found}"


@pytest.mark.parametrize(
    "module", sorted(PACKAGE.rglob("*.py")), ids=lambda m: str(m.relative_to(PACKAGE))
)
def test_every_module_stays_under_400_lines(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) < 400
