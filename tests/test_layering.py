"""The architecture's import rules (shared/reference/architecture.md §5), checked with ast."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mockserver"
THIRD_PARTY = ("flask", "werkzeug", "marshmallow", "tinydb", "requests", "apscheduler")
RULES = {
    # module glob (relative to the package): forbidden import prefixes
    "clock.py": (*THIRD_PARTY, "mockserver.providers", "mockserver.store"),
    "ids.py": (*THIRD_PARTY, "mockserver.providers", "mockserver.store"),
    "errors.py": (*THIRD_PARTY, "mockserver."),
    "store.py": ("flask", "werkzeug", "marshmallow", "mockserver.providers"),
    "storage.py": ("flask", "werkzeug", "marshmallow", "mockserver.providers"),
    "webhooks.py": (
        "flask",
        "werkzeug",
        "marshmallow",
        "tinydb",
        "mockserver.providers",
        "mockserver.store",
    ),
    "outbox.py": ("flask", "werkzeug", "marshmallow", "mockserver.providers"),
    "engine.py": ("flask", "werkzeug", "requests", "mockserver.providers"),
    "scenarios.py": ("flask", "werkzeug", "requests", "mockserver.providers"),
    "scheduler.py": ("flask", "werkzeug", "mockserver.providers", "mockserver.store"),
    "lifecycle.py": (
        "flask",
        "werkzeug",
        "marshmallow",
        "tinydb",
        "requests",
        "mockserver.providers",
    ),
    "providers/*/models.py": (
        "flask",
        "werkzeug",
        "marshmallow",
        "requests",
        "tinydb",
        "mockserver.store",
    ),
    "providers/*/backend.py": ("flask", "werkzeug", "marshmallow", "requests", "tinydb"),
    "providers/*/accounts.py": ("flask", "werkzeug", "marshmallow", "requests", "tinydb"),
    "providers/*/purchases.py": (
        "flask",
        "werkzeug",
        "marshmallow",
        "requests",
        "tinydb",
        "mockserver.store",
    ),
    "providers/*/inventory.py": (
        "flask",
        "werkzeug",
        "marshmallow",
        "requests",
        "tinydb",
        "mockserver.store",
    ),
    "providers/*/schemas/*.py": ("flask", "werkzeug", "tinydb", "mockserver.store"),
    "providers/*/routes/*.py": (
        "tinydb",
        "mockserver.store",
        "mockserver.engine",
        "mockserver.scheduler",
    ),
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
