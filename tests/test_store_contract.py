"""Callers of the store keep to ``RecordStore``, so a second backend needs nothing more."""

import ast
from pathlib import Path

import mockserver
from mockserver.store_contract import MEMBERS

PACKAGE = Path(mockserver.__file__).parent
STORE_NAMES = {"store", "_store"}
# The store's own modules: the TinyDB backend, below the contract.
BACKEND = {PACKAGE / "store.py", PACKAGE / "storage.py", PACKAGE / "store_contract.py"}


def _is_store(node: ast.expr) -> bool:
    """``store``, ``_store``, ``self._store``, ``runtime.store``: an expression naming the store."""
    if isinstance(node, ast.Name):
        return node.id in STORE_NAMES
    return isinstance(node, ast.Attribute) and node.attr in STORE_NAMES


def store_uses(root: Path) -> list[tuple[str, int, str]]:
    """(file, line, member) of every attribute read on the store in the modules under root."""
    uses = []
    for path in sorted(root.rglob("*.py")):
        if path in BACKEND:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Attribute) and _is_store(node.value):
                uses.append((path.relative_to(root).as_posix(), node.lineno, node.attr))
    return sorted(uses)


def test_providers_call_nothing_on_the_store_outside_the_contract():
    uses = store_uses(PACKAGE / "providers")
    assert len(uses) > 50  # the walk sees the providers' calls
    assert [use for use in uses if use[2] not in MEMBERS] == []


def test_the_core_calls_nothing_on_the_store_outside_the_contract():
    uses = [use for use in store_uses(PACKAGE) if not use[0].startswith("providers/")]
    assert len(uses) > 10
    assert [use for use in uses if use[2] not in MEMBERS] == []


def test_the_walk_flags_a_call_outside_the_contract(tmp_path):
    (tmp_path / "provider.py").write_text(
        "def f(self, store):\n"
        "    store.get('t', 'k')\n"
        "    self._store._db.storage.compact()\n"
        "    return self._store.path\n"
    )
    uses = store_uses(tmp_path)
    assert uses == [
        ("provider.py", 2, "get"),
        ("provider.py", 3, "_db"),
        ("provider.py", 4, "path"),
    ]
    assert [use for use in uses if use[2] not in MEMBERS] == [("provider.py", 3, "_db")]
