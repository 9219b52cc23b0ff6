"""Twilio's record kinds are declarations only: records.py keeps the pure domain's layer
(the layering table's ``providers/*/records.py`` lets a module that keeps records use the
store)."""

from tests.test_layering import PACKAGE, PURE_DOMAIN, imports_of


def test_the_record_kinds_import_no_store_web_or_schema_library():
    bad = sorted(
        imported
        for imported in imports_of(PACKAGE / "providers" / "twilio" / "records.py")
        if any(imported == f.rstrip(".") or imported.startswith(f) for f in PURE_DOMAIN)
    )
    assert not bad, f"providers/twilio/records.py must not import {', '.join(bad)}"
