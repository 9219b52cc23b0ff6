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
    "volumes.py": (*THIRD_PARTY, *PROVIDERS, "mockserver."),
    "journal.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    # The testing kit talks to a sandbox over HTTP only (any server, in-process or not).
    "control_client.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver.store"),
    # Inert until a fixture runs: its own imports stay light; fixtures import the kit lazily.
    "pytest_plugin.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store", "mockserver.app"),
    "errors.py": (*THIRD_PARTY, "mockserver."),
    "lifecycle.py": (*THIRD_PARTY, *PROVIDERS),
    "store.py": (*WEB, "marshmallow", *PROVIDERS),
    "storage.py": (*WEB, "marshmallow", *PROVIDERS),
    "webhooks.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver.store"),
    "deadline.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver."),
    "destinations.py": (*WEB, "marshmallow", "tinydb", *PROVIDERS, "mockserver."),
    "outbox.py": (*WEB, "marshmallow", *PROVIDERS),
    "deliveries.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "chains.py": (*WEB, "marshmallow", "requests", *PROVIDERS),
    "engine.py": (*WEB, "requests", *PROVIDERS),
    "plans.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "verification_policy.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "record_kinds.py": (*THIRD_PARTY, *PROVIDERS, "mockserver.store"),
    "scenarios.py": (*WEB, "requests", *PROVIDERS),
    "scheduler.py": (*WEB, *PROVIDERS, "mockserver.store"),
    "providers/*/models.py": PURE_DOMAIN,
    "providers/*/review.py": PURE_DOMAIN,
    "providers/*/events.py": PURE_DOMAIN,
    "providers/*/routing.py": PURE_DOMAIN,
    "providers/*/inventory.py": PURE_DOMAIN,
    "providers/*/purchases.py": PURE_DOMAIN,
    "providers/*/rules.py": PURE_DOMAIN,
    "providers/*/autofill.py": PURE_DOMAIN,
    "providers/*/segments.py": PURE_DOMAIN,
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
    "providers/*/accounts.py": DOMAIN,
    "providers/*/setups.py": DOMAIN,
    "providers/*/event_streams.py": DOMAIN,
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


CASES = [(pattern, module) for pattern in RULES for module in sorted(PACKAGE.glob(pattern))]


@pytest.mark.parametrize(
    ("pattern", "module"), CASES, ids=[str(m.relative_to(PACKAGE)) for _, m in CASES]
)
def test_module_respects_its_layer(pattern, module):
    forbidden = RULES[pattern]
    bad = sorted(
        name
        for name in imports_of(module)
        if any(name == f.rstrip(".") or name.startswith(f) for f in forbidden)
    )
    assert not bad, f"{module.relative_to(PACKAGE)} must not import {', '.join(bad)}"


def test_every_rule_matches_a_module():
    assert all(any(PACKAGE.glob(pattern)) for pattern in RULES)
