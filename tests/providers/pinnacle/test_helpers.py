"""Pinnacle's shared test helpers live in ``helpers.py``: no test module imports the conftest
or another test module for them, and the wire campaign is the document's example without the
seed's brand it names."""

import re
from pathlib import Path

from mockserver.providers.pinnacle.schemas import examples

from .helpers import WIRE_CAMPAIGN

TESTS = Path(__file__).resolve().parents[2]
_BORROWED = re.compile(r"from tests\.providers\.pinnacle\.(conftest|test_\w+) import")
_BORROWED_HERE = re.compile(r"from \.(conftest|test_\w+) import")


def test_no_test_module_imports_pinnacles_conftest_or_test_modules():
    here = [p for p in Path(__file__).parent.glob("*.py") if p.name != "conftest.py"]
    readers = [
        path.relative_to(TESTS).as_posix()
        for path in [*TESTS.glob("admin/*.py"), *here]
        if _BORROWED.search(path.read_text(encoding="utf-8"))
        or (path in here and _BORROWED_HERE.search(path.read_text(encoding="utf-8")))
    ]
    assert readers == []


def test_the_wire_campaign_is_the_documents_example_of_the_seeds_brand():
    assert {**WIRE_CAMPAIGN, "brand": examples.SEED_BRAND} == examples.CAMPAIGN
