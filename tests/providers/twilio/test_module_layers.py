"""The Twilio modules the layering table names no pattern for keep the domain's rules."""

import pytest

from tests.test_layering import DOMAIN, PACKAGE, PURE_DOMAIN, imports_of

TWILIO = PACKAGE / "providers" / "twilio"
RULES = {
    # Declarations only: like models.py, not even the store.
    "records.py": PURE_DOMAIN,
    # Parts of the backend's facade: like backend.py, the store but no web or schemas.
    "directory_facade.py": DOMAIN,
    "streams_facade.py": DOMAIN,
}


@pytest.mark.parametrize(("name", "forbidden"), RULES.items(), ids=list(RULES))
def test_module_respects_its_layer(name, forbidden):
    bad = sorted(
        imported
        for imported in imports_of(TWILIO / name)
        if any(imported == f.rstrip(".") or imported.startswith(f) for f in forbidden)
    )
    assert not bad, f"providers/twilio/{name} must not import {', '.join(bad)}"
