"""The backend's mixin modules keep the backend's layer (docs/architecture.md, rule 5): the
store, but no web, schema or HTTP-client library, and stay under 400 lines."""

import pytest

from tests.test_layering import DOMAIN, PACKAGE, imports_of

PINNACLE = PACKAGE / "providers" / "pinnacle"
BACKEND_MODULES = sorted(
    [
        *(PINNACLE / name for name in ("backend.py", "backend_parts.py", "review_driver.py")),
        *PINNACLE.glob("*_facade.py"),
    ]
)


def test_the_backend_is_split_into_its_mixin_modules():
    assert [module.name for module in BACKEND_MODULES] == [
        "backend.py",
        "backend_parts.py",
        "message_facade.py",
        "number_facade.py",
        "onboarding_facade.py",
        "review_driver.py",
    ]


@pytest.mark.parametrize("module", BACKEND_MODULES, ids=lambda module: module.name)
def test_a_backend_module_imports_no_web_schema_or_http_library(module):
    bad = sorted(name for name in imports_of(module) if any(name.startswith(f) for f in DOMAIN))
    assert not bad, f"{module.name} must not import {', '.join(bad)}"


@pytest.mark.parametrize(
    "module", sorted(PINNACLE.rglob("*.py")), ids=lambda module: str(module.relative_to(PINNACLE))
)
def test_every_pinnacle_module_stays_under_400_lines(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) < 400
